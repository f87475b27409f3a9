/**
 * The page as Electron loads it: Chromium fetches every file through the shell's own app://
 * handler (the built main process on the stand-in electron, test/shell/serve-app.mjs), not the
 * harness's server, and must see no CSP violation, no failed request and no page error.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { callNames } from '$contract/channels';
import { shotPath } from './pages';

const test = base.extend<{ appUrl: string }>({
  appUrl: async ({}, use) => {
    const root = resolve(import.meta.dirname, '../..');
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', join(root, 'test/shell/register.mjs'), join(root, 'test/shell/serve-app.mjs')],
      {
        env: { ...process.env, TOKEN_DESK_USER_DATA: mkdtempSync(join(tmpdir(), 'td-app-protocol-')) },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const first = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout! }).once('line', done);
      child.once('exit', (code) => fail(new Error(`serve-app.mjs exited with ${code}`)));
    });
    await use((JSON.parse(first) as { url: string }).url);
    child.stdin?.end();
    child.kill();
  },
});

// A bridge that answers as a fresh install would: no connections, default settings.
const bridge = `
  const names = ${JSON.stringify(callNames)};
  const answers = {
    'token-desk:listConnections': [],
    'token-desk:getSettings': { theme: 'system', clipboardClearSeconds: 30, autoLockMinutes: 15, readOnly: false, repairs: { notes: [], copy: null } },
    'token-desk:getSystemInfo': { appName: 'Token Desk', appVersion: '0.0.0', versions: { electron: null, chrome: null, node: '22' }, platform: 'linux', arch: 'x64', secretStore: { backend: 'test', available: true, summary: 'test' } },
  };
  const call = (channel) => async () => ({ ok: true, value: channel in answers ? answers[channel] : null });
  window.tokenDesk = Object.fromEntries([...names.map((n) => [n, call('token-desk:' + n)]), ['onEvent', () => () => undefined]]);
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

test('the renderer loads through the shell’s app:// handler with no CSP violation or failed request', async ({
  page,
  appUrl,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  const loaded: string[] = [];
  page.on('response', (response) => {
    loaded.push(new URL(response.url()).pathname);
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript({ content: bridge });
  await page.goto(`${appUrl}/index.html`);
  await expect(page.getByRole('button', { name: 'Add your first connection' })).toBeVisible();
  await page.screenshot({ path: shotPath('app protocol - welcome') });
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(problems).toEqual([]);
  expect(loaded.some((p) => p.endsWith('.js')) && loaded.some((p) => p.endsWith('.css'))).toBe(true);
});
