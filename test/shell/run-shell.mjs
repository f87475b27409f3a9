// Starts the built main process (out/main/index.js) against the stand-in and prints what it did.
// TOKEN_DESK_STANDIN_PLATFORM plays another OS (darwin: the app outlives its window).
if (process.env.TOKEN_DESK_STANDIN_PLATFORM)
  Object.defineProperty(process, 'platform', { value: process.env.TOKEN_DESK_STANDIN_PLATFORM });
const root = new URL('../../', import.meta.url);
await import(new URL('out/main/index.js', root).href);
await new Promise((resolve) => setTimeout(resolve, 300));
const seen = globalThis.__shell;
const win = seen.windows[0];

const mainFrame = { url: 'app://token-desk/index.html' };
const asPage = { senderFrame: mainFrame, sender: { mainFrame } };
const asStranger = {
  senderFrame: { url: 'https://evil.example/' },
  sender: { mainFrame: { url: 'https://evil.example/' } },
};
// A subframe of the app's own origin: not the main frame, so not answered.
const asSubframe = { senderFrame: { url: 'app://token-desk/index.html' }, sender: { mainFrame } };
const call = (channel, event, args) => seen.ipc.get(channel)(event, args);

const served = await seen.protocolHandler(new Request('app://token-desk/index.html'));
const escaped = await seen.protocolHandler(new Request('app://token-desk/..%2F..%2Fpackage.json'));

// Every file of the built renderer, and every asset index.html names, as the handler serves them.
const { readdirSync, readFileSync: read } = await import('node:fs');
const { relative, join: joinPath } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const rendererDir = fileURLToPath(new URL('out/renderer/', root));
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(joinPath(dir, e.name)) : [joinPath(dir, e.name)],
  );
const files = walk(rendererDir).map((f) => '/' + relative(rendererDir, f).split('\\').join('/'));
const referenced = [...read(joinPath(rendererDir, 'index.html'), 'utf8').matchAll(/(?:src|href)="([^"]+)"/g)].map(
  (m) => m[1],
);
const servedFiles = {};
for (const path of [...new Set([...files, ...referenced.map((r) => new URL(r, 'app://token-desk/').pathname)])]) {
  const answer = await seen.protocolHandler(new Request(`app://token-desk${path}`));
  servedFiles[path] = {
    status: answer.status,
    type: answer.headers.get('content-type'),
    csp: answer.headers.get('content-security-policy') !== null,
    nosniff: answer.headers.get('x-content-type-options'),
  };
}
const refused = {};
for (const url of [
  'app://token-desk/../../package.json',
  'app://token-desk/%2e%2e/%2e%2e/package.json',
  'app://token-desk/..%5C..%5Cpackage.json',
  'app://other-host/index.html',
  'app://token-desk/%00index.html',
  'app://token-desk/../main/index.js',
]) {
  refused[url] = (await seen.protocolHandler(new Request(url))).status;
}
const navigations = ['https://evil.example/', 'app://token-desk/index.html'].map((url) => {
  let prevented = false;
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
});
const permission = await new Promise((resolve) => seen.permissionRequest(null, 'clipboard-read', resolve));
const themed = await call('token-desk:setTheme', asPage, { theme: 'dark' });
const { nativeTheme, app } = await import('electron');

// Notifications reach the app page only: a lock is told to it, and to no other page.
await call('token-desk:setVaultPassphrase', asPage, { passphrase: 'correct horse battery', alsoOsKeyStore: false });
await call('token-desk:lockVault', asPage);
await call('token-desk:unlockVault', asPage, { passphrase: 'correct horse battery' });
const appUrl = win.url;
win.url = 'https://evil.example/';
await call('token-desk:lockVault', asPage);
win.url = appUrl;

win.emit('close');
win.emit('closed');
app.emit('window-all-closed');
const quitsAfterLastWindow = seen.quits;
app.emit('activate');
const windowsAfterActivate = seen.windows.length;
let held = false;
app.emit('will-quit', { preventDefault: () => (held = true) });
await new Promise((resolve) => setTimeout(resolve, 100));
const { readFileSync } = await import('node:fs');
const settings = JSON.parse(readFileSync(`${process.env.TOKEN_DESK_USER_DATA}/settings.json`, 'utf8'));

console.log(
  JSON.stringify({
    sandbox: seen.sandbox,
    schemes: seen.schemes,
    channels: [...seen.ipc.keys()],
    webPreferences: win.options.webPreferences,
    show: win.options.show,
    url: win.url,
    served: {
      status: served.status,
      csp: served.headers.get('content-security-policy'),
      type: served.headers.get('content-type'),
    },
    escapedStatus: escaped.status,
    servedFiles,
    referenced,
    refused,
    navigationsPrevented: navigations,
    newWindow: [
      win.openHandler({ url: 'https://evil.example/' }),
      win.openHandler({ url: 'https://docs.influxdata.com/influxdb/v2/' }),
    ],
    opened: seen.opened,
    permission,
    permissionCheck: seen.permissionCheck(),
    systemInfo: await call('token-desk:getSystemInfo', asPage),
    stranger: await call('token-desk:getSystemInfo', asStranger),
    subframe: await call('token-desk:getSystemInfo', asSubframe),
    settingsMode: (await import('node:fs')).statSync(`${process.env.TOKEN_DESK_USER_DATA}/settings.json`).mode & 0o777,
    menu: JSON.stringify(seen.menu.map((m) => m.label ?? m.role)),
    theme: { answer: themed.ok, nativeThemeSource: nativeTheme.themeSource, saved: settings.theme },
    savedWindow: settings.window,
    events: seen.sent,
    lifecycle: { quitsAfterLastWindow, windowsAfterActivate, quitHeldForDispose: held, quitsAtEnd: seen.quits },
    lockAccelerator: seen.menu.find((m) => m.label === 'File')?.submenu?.[0]?.accelerator,
  }),
);
process.exit(0);
