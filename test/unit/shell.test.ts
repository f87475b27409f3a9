/**
 * The Electron shell, started from the built bundle under Node with a stand-in `electron`: the
 * hardened window, the app:// protocol with its CSP, navigation and window-open rules, denied
 * permissions, IPC registered from the contract with sender checks, and basic_text refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventChannel } from '$contract/events';
import { callNames, channelOf } from '$contract/ipc';

const root = resolve(import.meta.dirname, '../..');

function runShell(platform?: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', join(root, 'test/shell/register.mjs'), join(root, 'test/shell/run-shell.mjs')],
    {
      env: {
        ...process.env,
        TOKEN_DESK_USER_DATA: mkdtempSync(join(tmpdir(), 'td-shell-')),
        ...(platform ? { TOKEN_DESK_STANDIN_PLATFORM: platform } : {}),
      },
      encoding: 'utf8',
    },
  );
  return { run, facts: JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown> };
}

describe('the Electron shell (built main process)', () => {
  const built = existsSync(join(root, 'out/main/index.js'));
  const { run, facts } = runShell();

  it('starts', () => {
    expect(built, 'out/main/index.js is missing: run `npm run build` first (npm test does)').toBe(true);
    expect(run.status, run.stderr).toBe(0);
  });

  it('opens one hardened window on the app protocol, shown only when ready', () => {
    expect(facts['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(String((facts['webPreferences'] as { preload: string }).preload)).toMatch(/out\/preload\/index\.cjs$/);
    expect(facts['show']).toBe(false);
    expect(facts['url']).toBe('app://token-desk/index.html');
    expect(facts['sandbox']).toBe(true);
    expect(facts['schemes']).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('serves the renderer with the production CSP and nothing outside it', () => {
    expect(facts['served']).toEqual({
      status: 200,
      csp: expect.stringContaining("connect-src 'none'"),
      type: 'text/html; charset=utf-8',
    });
    expect(facts['escapedStatus']).toBe(404);
  });

  it(
    'serves every file of the built renderer, and every asset index.html names, with its MIME type, the CSP and ' +
      'nosniff',
    () => {
      const served = facts['servedFiles'] as Record<
        string,
        { status: number; type: string; csp: boolean; nosniff: string }
      >;
      const types: Record<string, string> = {
        html: 'text/html; charset=utf-8',
        js: 'text/javascript; charset=utf-8',
        css: 'text/css; charset=utf-8',
        svg: 'image/svg+xml',
        png: 'image/png',
        woff2: 'font/woff2',
      };
      expect(Object.keys(served)).toEqual(expect.arrayContaining(['/index.html']));
      expect((facts['referenced'] as string[]).length).toBeGreaterThanOrEqual(2);
      for (const [path, answer] of Object.entries(served)) {
        expect(answer, path).toEqual({
          status: 200,
          type: types[path.split('.').at(-1) ?? ''],
          csp: true,
          nosniff: 'nosniff',
        });
      }
    },
  );

  it('refuses paths outside the renderer folder and other hosts', () => {
    expect(Object.values(facts['refused'] as Record<string, number>)).toEqual([404, 404, 404, 404, 404, 404]);
  });

  it('blocks navigation away, denies new windows, opens only vetted https links outside', () => {
    expect(facts['navigationsPrevented']).toEqual([true, false]);
    expect(facts['newWindow']).toEqual([{ action: 'deny' }, { action: 'deny' }]);
    expect(facts['opened']).toEqual(['https://docs.influxdata.com/influxdb/v2/']);
  });

  it('denies every permission request', () => {
    expect([facts['permission'], facts['permissionCheck']]).toEqual([false, false]);
  });

  it('registers exactly the contract’s channels, checks the sender, and refuses basic_text', () => {
    expect([...(facts['channels'] as string[])].sort()).toEqual(callNames.map(channelOf).sort());
    expect(facts['stranger']).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(facts['subframe']).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(facts['systemInfo']).toMatchObject({
      ok: true,
      value: { secretStore: { backend: 'basic_text', available: false } },
    });
  });

  it('follows the chosen theme natively and remembers the window where it was closed', () => {
    expect(facts['theme']).toEqual({ answer: true, nativeThemeSource: 'dark', saved: 'dark' });
    expect(facts['savedWindow']).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    // Written 0600 like the vault: only its owner reads where the connections point.
    expect(facts['settingsMode']).toBe(0o600);
  });

  it('has the standard menus and Ctrl/Cmd+L to lock the vault', () => {
    expect(facts['lockAccelerator']).toBe('CmdOrCtrl+L');
    expect(JSON.parse(String(facts['menu']))).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
  });

  it('tells its own app page, and no other page, that the vault locked', () => {
    expect(facts['events']).toEqual([
      { channel: eventChannel, payload: { kind: 'vault-locked' }, to: 'app://token-desk/index.html' },
    ]);
  });

  it('quits when its last window closes, after letting go of the clipboard and the vault key', () => {
    expect(facts['lifecycle']).toEqual({
      quitsAfterLastWindow: 1,
      windowsAfterActivate: 2,
      quitHeldForDispose: true,
      quitsAtEnd: 2,
    });
  });

  it('stays alive on macOS when its window closes, and opens one again from the Dock', () => {
    const mac = runShell('darwin');
    expect(mac.run.status, mac.run.stderr).toBe(0);
    expect(mac.facts['lifecycle']).toEqual({
      quitsAfterLastWindow: 0,
      windowsAfterActivate: 2,
      quitHeldForDispose: true,
      quitsAtEnd: 1,
    });
  });
});
