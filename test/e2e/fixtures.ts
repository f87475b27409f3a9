/**
 * Renderer end-to-end fixtures. `app` is a Page of the built renderer in Chromium, with
 * `window.tokenDesk` installed by the preload's builder and answered by the real handler table in
 * this process (test ports, fresh data directory). Every test saves a screenshot, and a CSP
 * violation or page error fails the test.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SecretBox } from '../../main/secrets/secret-box';
import { startEmulator, type Emulator, type Mode, type SeedName } from '../emulator/index';
import { createTestCore, type TestCore } from '../support/test-core';
import { bundleBridgeScript } from './harness/bridge-script';
import { startRendererServer } from './harness/renderer-server';
import { TokensPage, V1Page, VaultPage } from './pages';

interface TestFixtures {
  /** Override per test (test.use) to run the app with another secret store. */
  secretBox: SecretBox | undefined;
  core: TestCore;
  /** Every answer the page received over the bridge, as "<channel> <JSON>", for leak checks. */
  received: string[];
  app: Page;
  /** The emulator's mode for the `influx` fixture (test.use). */
  influxMode: Mode;
  /** The emulator's seed for the `influx` fixture (test.use); the demo scenario by default. */
  influxSeed: SeedName;
  /** A running InfluxDB emulator, seeded with `influxSeed`. */
  influx: Emulator;
  /** Saves a connection "Staging" to `influx` in main (as the form would) and opens the app on its tokens. */
  connect: (options?: { token?: string; timeout?: number }) => Promise<{ id: string }>;
  tokens: TokensPage;
  vault: VaultPage;
  v1: V1Page;
}

interface WorkerFixtures {
  rendererUrl: string;
  bridgeScript: string;
}

const screenshotDir = resolve('test-results/screenshots');

export const test = base.extend<TestFixtures, WorkerFixtures>({
  rendererUrl: [
    async ({}, use) => {
      const server = await startRendererServer(resolve('out/renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  bridgeScript: [async ({}, use) => use(await bundleBridgeScript()), { scope: 'worker' }],
  secretBox: [undefined, { option: true }],
  core: async ({ rendererUrl, secretBox }, use) => {
    await use(createTestCore({ allowedOrigins: [rendererUrl], ...(secretBox ? { secretBox } : {}) }));
  },
  received: async ({}, use) => use([]),
  influxMode: ['oss-2.9', { option: true }],
  influxSeed: ['demo', { option: true }],
  influx: async ({ influxMode, influxSeed }, use) => {
    const emulator = await startEmulator({ mode: influxMode, seed: influxSeed });
    await use(emulator);
    await emulator.close();
  },
  connect: async ({ app, core, influx }, use) => {
    await use(async ({ token = influx.operatorToken, timeout = 5000 } = {}) => {
      const saved = await core.profiles.save({
        name: 'Staging',
        url: influx.url,
        token,
        rememberToken: false,
        org: null,
        environment: { label: 'staging', colour: 'orange' },
        timeoutMs: 10_000,
        tls: { caFile: null, skipVerify: false },
      });
      await app.reload();
      await expect(app.getByRole('table', { name: 'Tokens' })).toBeVisible({ timeout });
      return { id: saved.id };
    });
  },
  tokens: async ({ app }, use) => use(new TokensPage(app)),
  vault: async ({ app }, use) => use(new VaultPage(app)),
  v1: async ({ app }, use) => use(new V1Page(app)),
  app: async ({ page, core, received, rendererUrl, bridgeScript }, use, testInfo) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.exposeBinding('__tokenDeskInvoke', async ({ frame }, channel: string, args: unknown) => {
      // Sent as one JSON string: Playwright serialises objects field by field (seconds for 10,000
      // tokens), while Electron's IPC clones them natively. The page parses it back (bridge-entry.ts).
      const json = JSON.stringify(await core.dispatch(channel, frame.url(), args));
      received.push(`${channel} ${json}`);
      return json;
    });
    core.onEvent((event) => {
      received.push(`event ${JSON.stringify(event)}`);
      // The page may be reloading (a vault lock does that); a notification it misses then is moot.
      page.evaluate((e) => window.__tokenDeskEvent(e), event).catch(() => undefined);
    });
    await page.addInitScript({ content: bridgeScript });
    await page.goto(`${rendererUrl}/index.html`);
    await use(page);
    mkdirSync(screenshotDir, { recursive: true });
    const name = `${testInfo.titlePath
      .slice(1)
      .join(' - ')
      .replace(/[^\w.-]+/g, '_')}.png`;
    await page.screenshot({ path: join(screenshotDir, name), fullPage: true });
    expect(problems, 'the page logged errors (CSP violations included)').toEqual([]);
  },
});

export { expect };
