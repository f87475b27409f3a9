import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { electronLookup, launchApp } from './electron-app';

test.skip(!electronLookup.found, electronLookup.found ? '' : electronLookup.reason);

test('the real app shows the About view with Electron versions and the OS secret store', async () => {
  const { app } = await launchApp();
  try {
    const page = await app.firstWindow();
    await page.getByRole('button', { name: 'About' }).click();
    await expect(page.getByRole('heading', { name: 'About Token Desk' })).toBeVisible();
    const electronVersion = await app.evaluate(() => process.versions.electron);
    await expect(page.getByRole('definition').nth(1)).toHaveText(electronVersion ?? '');
    await expect(page.getByRole('region', { name: 'Secret storage' })).toBeVisible();
    // The page has no Node and no raw IPC: only the contract's functions.
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys(window.tokenDesk ?? {}).sort(),
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.api).toContain('getSystemInfo');
    mkdirSync(resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: resolve('test-results/screenshots/electron-about.png') });
  } finally {
    await app.close();
  }
});
