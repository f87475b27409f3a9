/** The native menu: standard roles, CmdOrCtrl accelerators, the app menu first on macOS. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(appName: string, development: boolean, actions: { lockVault: () => void }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: appName, role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Lock Vault', accelerator: 'CmdOrCtrl+L', click: actions.lockVault },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(development
          ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
