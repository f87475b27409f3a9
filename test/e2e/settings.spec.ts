/**
 * One place for settings and help: theme, the vault's clipboard and auto-lock, reminders, each
 * connection's production mark and review policy, the team vaults, and the glossary; a word's "?"
 * where it appears opens its entry.
 */
import type { Page } from '@playwright/test';
import { audit } from './audit';
import { expect, test } from './fixtures';
import { shotPath } from './pages';

const openSettings = (app: Page) =>
  app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();

test.describe('Settings', () => {
  test('theme, clipboard, auto-lock and reminders are saved; connections and the glossary are listed', async ({
    app,
    core,
    connect,
  }) => {
    await connect();
    await openSettings(app);
    await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await app.getByRole('radio', { name: 'Dark' }).check();
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(core.settings.get().theme).toBe('dark');

    const clipboard = app.getByLabel('Clear copied secrets after (seconds, 0 = never)');
    await clipboard.fill('5');
    await clipboard.blur();
    await expect.poll(() => core.settings.get().clipboardClearSeconds).toBe(5);
    const lock = app.getByLabel('Lock a passphrase vault after idle (minutes, 0 = never)');
    await lock.fill('3');
    await lock.blur();
    await expect.poll(() => core.settings.get().autoLockMinutes).toBe(3);
    const remind = app.getByRole('checkbox', { name: /^Remind me once a day/ });
    const before = core.settings.get().reminders;
    await remind.setChecked(!before);
    await expect.poll(() => core.settings.get().reminders).toBe(!before);

    const staging = app.getByRole('region', { name: 'Connections' }).getByRole('row', { name: /^Staging/ });
    await expect(staging).toContainText('No');
    await expect(staging).toContainText('Writers 90 days, readers no date');
    const glossary = app.getByRole('region', { name: 'Glossary' });
    await expect(glossary.getByRole('term')).toHaveText([
      'Operator token',
      'All-access token',
      'Service user',
      'v1 credential',
      'DBRP mapping',
      'Admin token (InfluxDB 3)',
      'Resource token (InfluxDB 3 Enterprise)',
      'Review date',
    ]);
    await audit(app, 'settings');
    await app.screenshot({ path: shotPath('settings'), fullPage: true });

    // Production is changed in the connection's form, one click away.
    await staging.getByRole('button', { name: 'Edit Staging…', exact: true }).click();
    await expect(app.getByRole('checkbox', { name: /^Production/ })).toBeVisible();
  });

  test('the review policy chosen for new connections is the one a connection added later starts with', async ({
    app,
    core,
    connect,
  }) => {
    await openSettings(app);
    const policy = app.getByRole('region', { name: 'Review policy for new connections' });
    await policy.getByRole('spinbutton', { name: /^Credentials that write/ }).fill('30');
    await policy.getByRole('spinbutton', { name: /^Credentials that only read/ }).fill('180');
    await policy.getByRole('button', { name: 'Save policy', exact: true }).click();
    await expect(policy.getByRole('status')).toHaveText('Policy saved: connections added from now on start with it.');
    expect(core.settings.get().newReviewPolicy).toEqual({ writeDays: 30, otherDays: 180 });

    await connect();
    expect(core.settings.get().connections.map((c) => c.reviewPolicy)).toEqual([{ writeDays: 30, otherDays: 180 }]);
    await openSettings(app);
    const staging = app.getByRole('region', { name: 'Connections' }).getByRole('row', { name: /^Staging/ });
    await expect(staging).toContainText('Writers 30 days, readers 180 days');
    // Emptied, a field means "no date by default", for new connections too.
    await policy.getByRole('spinbutton', { name: /^Credentials that only read/ }).fill('');
    await policy.getByRole('button', { name: 'Save policy', exact: true }).click();
    await expect.poll(() => core.settings.get().newReviewPolicy).toEqual({ writeDays: 30, otherDays: null });
  });

  test('the vault screen and About point to Settings instead of holding them', async ({ app }) => {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'About', exact: true }).click();
    await expect(app.getByRole('radio', { name: 'Dark' })).toHaveCount(0);
    await app.getByRole('main').getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });

  test('a word where it appears opens its glossary entry over the screen, and closes again', async ({
    app,
    connect,
    v1,
  }) => {
    await connect();
    await v1.openTab();
    await app.getByRole('button', { name: 'DBRP mappings', exact: true }).click();
    const entry = app.getByRole('dialog', { name: 'DBRP mapping' });
    await expect(entry).toContainText('mapped to a 2.x bucket');
    await entry.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(entry).toHaveCount(0);
    await expect(app.getByRole('tab', { name: 'v1 credentials', selected: true })).toBeVisible();
  });
});
