/** The one app window, hardened per the Electron security checklist. */
import { BrowserWindow, nativeTheme, screen, shell } from 'electron';
import { join } from 'node:path';
import type { SettingsService } from '../settings/settings-service';
import { restoreWindowBounds } from '../settings/window-state';
import { APP_ORIGIN, isAllowedExternalUrl } from '../security/web-policy';

export interface WindowOptions {
  preloadPath: string;
  /** app://token-desk/index.html in production, the dev server in development. */
  startUrl: string;
  development: boolean;
  settings: SettingsService;
}

export const themeBackground = () => (nativeTheme.shouldUseDarkColors ? '#17191e' : '#f6f7f9');

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const saved = options.settings.get().window;
  const bounds = restoreWindowBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false, // shown on ready-to-show, over a background of the OS theme: no white flash
    backgroundColor: themeBackground(),
    title: 'Token Desk',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.development,
    },
  });
  if (saved?.maximized) win.maximize();

  win.once('ready-to-show', () => win.show());
  nativeTheme.on('updated', () => win.setBackgroundColor(themeBackground()));

  // Navigation never leaves the app (#13); new windows are refused, vetted https links go to the browser (#14, #15).
  const devOrigin = options.development ? new URL(options.startUrl).origin : null;
  win.webContents.on('will-navigate', (event, url) => {
    const target = new URL(url);
    const internal = `${target.protocol}//${target.host}` === APP_ORIGIN || target.origin === devOrigin;
    if (!internal) event.preventDefault();
    if (!internal && isAllowedExternalUrl(url)) void shell.openExternal(url);
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const remember = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const maximized = win.isMaximized();
    const { x, y, width, height } = maximized ? win.getNormalBounds() : win.getBounds();
    options.settings.update({ window: { x, y, width, height, maximized } });
  };
  win.on('close', remember);

  void win.loadURL(options.startUrl);
  return win;
}

export function preloadPathFrom(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
