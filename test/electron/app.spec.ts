/**
 * The real app in Electron, against the emulator: add a connection, generate a token, find it in
 * the vault, reveal and copy it (clipboard read back, then cleared), restart and find the vault
 * intact, and an axe check of each screen. Skipped, with the reason printed, where no Electron exists.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index';
import { electronLookup, launchApp } from './electron-app';

test.skip(!electronLookup.found, electronLookup.found ? '' : electronLookup.reason);

let influx: Emulator;
test.beforeAll(async () => {
  influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
});
test.afterAll(() => influx?.close());

async function axe(page: Page, screen: string) {
  // Electron pages need axe's legacy mode (no new windows for iframes).
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(result.violations.map((v) => `${screen}: ${v.id}`)).toEqual([]);
  mkdirSync(resolve('test-results/screenshots'), { recursive: true });
  await page.screenshot({ path: resolve(`test-results/screenshots/electron - ${screen}.png`) });
}

test('add a connection, generate a token, keep its value in the vault across a restart', async () => {
  test.setTimeout(180_000);
  const first = await launchApp();
  let value: string;
  try {
    const page = await first.app.firstWindow();
    await axe(page, 'welcome');
    await page.getByRole('button', { name: 'Add your first connection' }).click();
    await page.getByLabel('Name').fill('Emulator');
    await page.getByLabel('URL').fill(influx.url);
    await page.getByLabel('API token').fill(influx.operatorToken);
    await axe(page, 'connection form');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('table', { name: 'Tokens' })).toBeVisible({ timeout: 30_000 });
    await axe(page, 'tokens');

    await page.getByRole('button', { name: 'Generate token…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate an API token' });
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByLabel('Description').fill('Electron e2e');
    await axe(page, 'generate');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const reveal = page.getByRole('dialog', { name: 'Copy your new API token' });
    await expect(reveal.getByRole('note')).toContainText('Token Desk keeps it in its vault');
    value = await reveal.getByLabel('Token value for “Electron e2e”').inputValue();
    await reveal.getByRole('button', { name: 'Copy' }).click();
    expect(await first.app.evaluate(({ clipboard }) => clipboard.readText())).toBe(value);
    await reveal.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Clear copied secrets after (seconds, 0 = never)').fill('2');
    await page.getByLabel('Clear copied secrets after (seconds, 0 = never)').blur();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Vault' }).click();
    const entry = page.getByRole('listitem', { name: 'Electron e2e' });
    await axe(page, 'vault');
    await entry.getByRole('button', { name: 'Copy' }).click();
    expect(await first.app.evaluate(({ clipboard }) => clipboard.readText())).toBe(value);
    await expect.poll(() => first.app.evaluate(({ clipboard }) => clipboard.readText()), { timeout: 10_000 }).toBe('');
  } finally {
    await first.app.close();
  }

  // Same profile, new process: the vault and its value survive.
  const second = await launchApp(first.userData);
  try {
    const page = await second.app.firstWindow();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Vault' }).click();
    const entry = page.getByRole('listitem', { name: 'Electron e2e' });
    await entry.getByRole('button', { name: 'Reveal' }).click();
    await expect(entry.getByRole('textbox')).toHaveValue(value);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'About' }).click();
    await axe(page, 'about');
  } finally {
    await second.app.close();
  }
});
