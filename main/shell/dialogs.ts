/** Electron's native file pickers for the Dialogs port. */
import { BrowserWindow, dialog, type FileFilter } from 'electron';
import type { Dialogs, OpenPurpose, SavePurpose } from '../ports/dialogs';

const anyFile: FileFilter = { name: 'All files', extensions: ['*'] };
const vaultFile: FileFilter = { name: 'Token Desk vault export', extensions: ['tdvault'] };

const openOptions: Record<OpenPurpose, { title: string; filters: FileFilter[] }> = {
  'ca-certificate': {
    title: 'Choose a CA certificate (PEM)',
    filters: [{ name: 'PEM certificates', extensions: ['pem', 'crt', 'cer'] }, anyFile],
  },
  'cli-config': { title: 'Choose the influx CLI configs file', filters: [anyFile] },
  'vault-export': { title: 'Choose a Token Desk vault export', filters: [vaultFile, anyFile] },
};

const saveOptions: Record<SavePurpose, { title: string; filters: FileFilter[] }> = {
  'export-connections': { title: 'Export connections (no tokens)', filters: [{ name: 'JSON', extensions: ['json'] }] },
  'export-vault': { title: 'Export the vault (encrypted with a passphrase)', filters: [vaultFile] },
  'export-history-csv': { title: 'Export the history (CSV)', filters: [{ name: 'CSV', extensions: ['csv'] }] },
  'export-history-json': { title: 'Export the history (JSON)', filters: [{ name: 'JSON', extensions: ['json'] }] },
  'export-inventory-csv': { title: 'Export the inventory (CSV)', filters: [{ name: 'CSV', extensions: ['csv'] }] },
  'export-inventory-json': { title: 'Export the inventory (JSON)', filters: [{ name: 'JSON', extensions: ['json'] }] },
};

export function createElectronDialogs(): Dialogs {
  const parent = () => BrowserWindow.getFocusedWindow() ?? undefined;
  return {
    async openFile(purpose) {
      const options = { ...openOptions[purpose], properties: ['openFile' as const, 'showHiddenFiles' as const] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(purpose, defaultName) {
      const options = { ...saveOptions[purpose], defaultPath: defaultName };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
