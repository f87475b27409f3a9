/** The file pickers main opens for the renderer; the shell uses Electron's dialog, tests a stand-in. */
export type OpenPurpose = 'ca-certificate' | 'cli-config' | 'vault-export';
export type SavePurpose =
  | 'export-connections'
  | 'export-vault'
  | 'export-history-csv'
  | 'export-history-json'
  | 'export-inventory-csv'
  | 'export-inventory-json';

export interface Dialogs {
  openFile(purpose: OpenPurpose): Promise<string | null>;
  saveFile(purpose: SavePurpose, defaultName: string): Promise<string | null>;
}
