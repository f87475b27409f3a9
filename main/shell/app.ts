/**
 * The Electron shell: lifecycle, single instance, session hardening, IPC wiring. The only layer that
 * imports electron; everything it calls into is plain Node.
 */
import { app, type BrowserWindow, ipcMain, nativeTheme, powerMonitor, session } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { eventChannel } from '$contract/events';
import { callNames, channelOf } from '$contract/channels';
import { createCore } from '../core';
import { createLogger } from '../log/logger';
import { demoConnectionDraft } from '../profiles/demo-connection';
import { APP_ORIGIN } from '../security/web-policy';
import { createElectronClipboard } from './clipboard';
import { createElectronDialogs } from './dialogs';
import { createElectronNotifier } from './notifier';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { createSafeStorageBox } from './safe-storage-box';
import { createElectronSettingsBackend } from './settings-store';
import { createMainWindow, preloadPathFrom } from './window';

export function startShell(): void {
  // Tests and portable use: an isolated profile directory, set before anything reads userData.
  const userData = process.env['TOKEN_DESK_USER_DATA'];
  if (userData) app.setPath('userData', userData);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  app.enableSandbox();

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS keeps an app alive without windows (the Dock reopens it); elsewhere closing the window quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    const devServer = process.env['ELECTRON_RENDERER_URL'];
    const development = !app.isPackaged && devServer !== undefined;
    const log = createLogger((line) => process.stderr.write(`${line}\n`));
    const mainDir = import.meta.dirname;

    // Deny every permission a page could ask for (#5): Token Desk needs none.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    serveRenderer(join(mainDir, '../renderer'));
    const core = createCore({
      runtime: {
        appName: app.getName(),
        appVersion: app.getVersion(),
        versions: process.versions,
        platform: process.platform,
        arch: process.arch,
      },
      secretBox: createSafeStorageBox(),
      settingsBackend: createElectronSettingsBackend(log),
      log,
      allowedOrigins: development && devServer ? [APP_ORIGIN, devServer] : [APP_ORIGIN],
      onThemeChange: (theme) => {
        nativeTheme.themeSource = theme;
      },
      dialogs: createElectronDialogs(),
      notifier: createElectronNotifier(),
      homeDir: homedir(),
      clipboard: createElectronClipboard(),
      dataDir: app.getPath('userData'),
      // Only to our own window, and only while it shows the app page (the rule that guards calls).
      notify: (event) => {
        const contents = mainWindow?.webContents;
        if (contents && !contents.isDestroyed() && core.senders.isTrusted(contents.getURL()))
          contents.send(eventChannel, event);
      },
    });
    // A passphrase vault locks on screen lock, on sleep, and after idle time.
    powerMonitor.on('lock-screen', () => core.autoLock.lockNow());
    powerMonitor.on('suspend', () => core.autoLock.lockNow());
    const idleCheck = setInterval(() => core.autoLock.idleFor(powerMonitor.getSystemIdleTime()), 30_000);
    idleCheck.unref();
    // Nothing outlives the app: hold the quit until the core has let go (clipboard cleared, key dropped).
    let disposed = false;
    app.on('will-quit', (event) => {
      if (disposed) return;
      event.preventDefault();
      clearInterval(idleCheck);
      void core.dispose().finally(() => {
        disposed = true;
        app.quit();
      });
    });
    nativeTheme.themeSource = core.settings.get().theme;
    const demo = app.isPackaged ? null : demoConnectionDraft(process.env['TOKEN_DESK_DEMO_CONNECTION']);
    if (demo) await core.profiles.save(demo);

    for (const name of callNames) {
      const channel = channelOf(name);
      // Only the window's main frame may call: a subframe (which the CSP should never allow) is a stranger.
      ipcMain.handle(channel, (event, args: unknown) =>
        core.dispatch(
          channel,
          event.senderFrame && event.senderFrame === event.sender.mainFrame ? event.senderFrame.url : undefined,
          args,
        ),
      );
    }

    installMenu(app.getName(), development, { lockVault: () => core.autoLock.lockNow() });
    const openWindow = () => {
      const win = createMainWindow({
        preloadPath: preloadPathFrom(mainDir),
        startUrl: development && devServer ? devServer : `${APP_ORIGIN}/index.html`,
        development,
        settings: core.settings,
      });
      win.on('closed', () => {
        mainWindow = null;
      });
      return win;
    };
    mainWindow = openWindow();
    // macOS: a click on the Dock icon of a running app without windows opens one again.
    app.on('activate', () => {
      mainWindow ??= openWindow();
    });
  });
}
