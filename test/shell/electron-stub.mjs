// A stand-in for the `electron` module, enough to start the built main process under Node and
// record what the shell asks of Electron. Not Electron: it proves wiring, not rendering.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const seen = (globalThis.__shell = {
  schemes: [],
  ipc: new Map(),
  windows: [],
  opened: [],
  menu: null,
  sandbox: false,
  protocolHandler: null,
  permissionRequest: null,
  permissionCheck: null,
  power: new Map(),
  sent: [],
  quits: 0,
  badge: null,
  notifications: [],
});

class Emitter {
  constructor() {
    this.listeners = new Map();
  }
  on(event, fn) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event, fn) {
    return this.on(event, fn);
  }
  emit(event, ...args) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  setPath() {},
  requestSingleInstanceLock: () => true,
  quit() {
    seen.quits += 1;
  },
  enableSandbox() {
    seen.sandbox = true;
  },
  getName: () => 'Token Desk',
  getVersion: () => '0.1.0',
  getPath: () => process.env.TOKEN_DESK_USER_DATA,
  setBadgeCount(count) {
    seen.badge = count;
    return true;
  },
  whenReady: () => Promise.resolve(),
});
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => seen.schemes.push(...schemes),
  handle: (_scheme, fn) => {
    seen.protocolHandler = fn;
  },
};
export const net = { fetch: async (url) => new Response(readFileSync(fileURLToPath(url))) };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (seen.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (seen.permissionCheck = fn),
  },
};
export const ipcMain = { handle: (channel, fn) => seen.ipc.set(channel, fn), on() {} };
export const nativeTheme = Object.assign(new Emitter(), { themeSource: 'system', shouldUseDarkColors: false });
export const powerMonitor = Object.assign(new Emitter(), { getSystemIdleTime: () => 0 });
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: async (url) => seen.opened.push(url) };
export const Menu = { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => (seen.menu = menu) };
export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = Object.assign(new Emitter(), {
      setWindowOpenHandler: (fn) => (this.openHandler = fn),
      getURL: () => this.url,
      isDestroyed: () => false,
      send: (channel, payload) => seen.sent.push({ channel, payload, to: this.url }),
    });
    seen.windows.push(this);
  }
  static getFocusedWindow() {
    return null;
  }
  maximize() {}
  show() {}
  setBackgroundColor() {}
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
}
// Linux without a keyring: the shell must see basic_text and refuse it.
// TOKEN_DESK_STANDIN_KEYRING plays a desktop with a keyring (the bench saves connections with it).
export const safeStorage = {
  getSelectedStorageBackend: () => process.env.TOKEN_DESK_STANDIN_KEYRING ?? 'basic_text',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (s) => Buffer.from(s),
  decryptStringAsync: async (b) => ({ result: Buffer.from(b).toString(), shouldReEncrypt: false }),
};
export const clipboard = { readText: async () => '', writeText: async () => {}, write: async () => {}, clear() {} };
export class ClipboardItem {}
export const dialog = {};
export class Notification {
  static isSupported = () => true;
  constructor(options) {
    this.options = options;
  }
  show() {
    seen.notifications.push(this.options);
  }
}
export default {
  app,
  protocol,
  net,
  session,
  ipcMain,
  nativeTheme,
  powerMonitor,
  screen,
  shell,
  Menu,
  BrowserWindow,
  safeStorage,
  clipboard,
  ClipboardItem,
  dialog,
  Notification,
};
