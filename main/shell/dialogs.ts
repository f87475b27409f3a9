/** Electron's native file pickers for the Dialogs port. */
import { BrowserWindow, dialog } from 'electron';
import type { Dialogs } from '../profiles/dialogs';

const openOptions = {
  'ca-certificate': { title: 'Choose a CA certificate (PEM)', filters: [{ name: 'PEM certificates', extensions: ['pem', 'crt', 'cer'] }, { name: 'All files', extensions: ['*'] }] },
  'cli-config': { title: 'Choose the influx CLI configs file', filters: [{ name: 'All files', extensions: ['*'] }] },
} as const;

export function createElectronDialogs(): Dialogs {
  const parent = () => BrowserWindow.getFocusedWindow() ?? undefined;
  return {
    async openFile(purpose) {
      const options = { ...openOptions[purpose], filters: [...openOptions[purpose].filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }))], properties: ['openFile' as const, 'showHiddenFiles' as const] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(_purpose, defaultName) {
      const options = { title: 'Export connections (no tokens)', defaultPath: defaultName, filters: [{ name: 'JSON', extensions: ['json'] }] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
