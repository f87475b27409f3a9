import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/index';
import { createTestSecretBox } from '../support/test-secret-box';
import { expect, test } from './fixtures';

async function addConnection(
  app: Page,
  fields: { name: string; url: string; token: string; label?: string; colour?: string },
) {
  await app
    .getByRole('button', { name: /^Add (your first )?connection$/ })
    .first()
    .click();
  await app.getByLabel('Name').fill(fields.name);
  await app.getByLabel('URL').fill(fields.url);
  await app.getByLabel('API token').fill(fields.token);
  if (fields.label) await app.getByLabel('Label').fill(fields.label);
  if (fields.colour) await app.getByLabel('Colour').selectOption({ label: fields.colour });
}

const sidebar = (app: Page) => app.getByRole('list', { name: 'Connections' });

/** The connection's own tab: its facts, its check and its actions. */
async function checkRegion(app: Page) {
  await app.getByRole('tab', { name: 'Connection' }).click();
  return app.getByRole('region', { name: 'Connection check' });
}

test.describe('connections', () => {
  test('starts empty and says what to do', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Welcome to Token Desk' })).toBeVisible();
    await expect(app.getByText('No connections yet.')).toBeVisible();
    await expect(app.getByRole('button', { name: 'Add your first connection' })).toBeVisible();
  });

  test('adds a connection, tests it, sees what its token can do, and saves it', async ({
    app,
    influx,
    core,
    received,
  }) => {
    await addConnection(app, {
      name: 'Staging',
      url: influx.url,
      token: influx.operatorToken,
      label: 'staging',
      colour: 'Orange',
    });
    await app.getByRole('button', { name: 'Test connection' }).click();
    const result = app.getByRole('region', { name: 'Test result' });
    await expect(result).toContainText(
      "Can list, create and activate, deactivate and delete tokens in org ops (every user's tokens); can create " +
        'operator tokens.',
    );
    await expect(result).toContainText('InfluxDB OSS v2.9.0');
    await expect(app.getByLabel('Organization')).toHaveValue(influx.seed.orgID);
    await app.screenshot({ path: 'test-results/screenshots/connections - form tested.png', fullPage: true });
    await app.getByLabel('Organization').selectOption({ label: 'research' });
    await app.getByRole('button', { name: 'Save' }).click();

    await expect(app.getByRole('heading', { name: 'Staging', level: 1 })).toBeVisible();
    await expect(sidebar(app).getByRole('button', { name: 'Staging staging' })).toHaveAttribute('aria-current', 'true');
    const check = await checkRegion(app);
    await expect(check).toContainText('in org research');
    await expect(app.getByText('Stored, encrypted with the OS key store.')).toBeVisible();
    // The token went to main and never came back, and it is not in the settings file.
    expect(received.join('\n')).not.toContain(influx.operatorToken);
    expect(readFileSync(join(core.dataDir, 'settings.json'), 'utf8')).not.toContain(influx.operatorToken);
  });

  test('holds three instances, switches between them, edits and removes', async ({ app, influx }) => {
    const cloud = await startEmulator({ mode: 'cloud', seed: 'demo' });
    const old = await startEmulator({ mode: 'oss-2.7', seed: 'demo' });
    try {
      for (const [name, emulator, label, colour] of [
        ['Production', old, 'production', 'Red'],
        ['Staging', influx, 'staging', 'Orange'],
        ['Cloud EU', cloud, 'cloud', 'Blue'],
      ] as const) {
        await addConnection(app, { name, url: emulator.url, token: emulator.operatorToken, label, colour });
        await app.getByRole('button', { name: 'Save' }).click();
        await expect(app.getByRole('heading', { name, level: 1 })).toBeVisible();
      }
      await expect(await checkRegion(app)).toContainText('InfluxDB Cloud');
      await sidebar(app).getByRole('button', { name: 'Production production' }).click();
      await expect(app.getByRole('heading', { name: 'Production', level: 1 })).toBeVisible();
      await expect(await checkRegion(app)).toContainText('InfluxDB OSS v2.7.12');
      await expect(sidebar(app).getByText('Connected')).toHaveCount(3);
      await app.screenshot({ path: 'test-results/screenshots/connections - three instances.png', fullPage: true });

      await app.getByRole('button', { name: 'Move down' }).click();
      await expect(sidebar(app).getByRole('button')).toHaveText([/Staging/, /Production/, /Cloud EU/]);

      await app.getByRole('button', { name: 'Edit' }).click();
      await expect(app.getByLabel('API token')).toHaveAttribute('placeholder', 'Stored: leave empty to keep it');
      await expect(app.getByLabel('API token')).toHaveValue('');
      await app.getByLabel('Name').fill('Production (old)');
      await app.getByRole('button', { name: 'Save' }).click();
      await expect(app.getByRole('heading', { name: 'Production (old)', level: 1 })).toBeVisible();
      await expect(await checkRegion(app)).toContainText('InfluxDB OSS v2.7.12');

      await app.getByRole('button', { name: 'Remove…' }).click();
      const dialog = app.getByRole('dialog', { name: 'Remove “Production (old)”?' });
      await expect(dialog).toContainText('Nothing changes on the InfluxDB server');
      await expect(dialog).toContainText('The vault holds no token value of this connection.');
      await app.screenshot({ path: 'test-results/screenshots/connections - remove dialog.png', fullPage: true });
      await dialog.getByRole('button', { name: 'Remove connection' }).click();
      await expect(sidebar(app).getByRole('button')).toHaveText([/Staging/, /Cloud EU/]);
    } finally {
      await Promise.all([cloud.close(), old.close()]);
    }
  });

  test('editing the URL to another address does not send the stored token there until the person agrees', async ({
    app,
    influx,
    connect,
    core,
  }) => {
    const { id } = await connect();
    const elsewhere = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    try {
      await app.getByRole('tab', { name: 'Connection' }).click();
      await app.getByRole('button', { name: 'Edit' }).click();
      await app.getByLabel('URL').fill(elsewhere.url);
      await app.getByRole('button', { name: 'Test connection' }).click();
      const to = new URL(elsewhere.url).origin;
      await expect(app.getByRole('alert')).toContainText(
        `The URL now points at ${to} instead of ${new URL(influx.url).origin}`,
      );
      await app.getByRole('button', { name: 'Save' }).click();
      await expect(app.getByRole('alert')).toContainText('does not send the stored token');
      await app.screenshot({ path: 'test-results/screenshots/connections - host changed.png', fullPage: true });
      // Nothing reached the new address, and the saved profile still points at the old one.
      expect(elsewhere.requests).toEqual([]);
      expect(core.profiles.list().find((c) => c.id === id)?.url).toBe(influx.url);
      await app.getByRole('button', { name: `Send the stored token to ${to}` }).click();
      await app.getByRole('button', { name: 'Save' }).click();
      await expect(app.getByRole('heading', { name: 'Staging', level: 1 })).toBeVisible();
      expect(core.profiles.list().find((c) => c.id === id)?.url).toBe(elsewhere.url);
    } finally {
      await elsewhere.close();
    }
  });

  test('shows a wrong token and an unreachable server in plain words', async ({ app, influx }) => {
    await addConnection(app, { name: 'Typo', url: influx.url, token: 'x'.repeat(86) + '==' });
    await app.getByRole('button', { name: 'Test connection' }).click();
    await expect(app.getByRole('alert')).toHaveText(
      'InfluxDB refused the token (401 unauthorized). Check that it was copied completely and still exists.',
    );
    await app.screenshot({ path: 'test-results/screenshots/connections - error in form.png', fullPage: true });

    const gone = await startEmulator();
    const url = gone.url;
    await gone.close();
    await app.getByLabel('URL').fill(url);
    await app.getByLabel('API token').fill(influx.operatorToken);
    await app.getByRole('button', { name: 'Save' }).click();
    await expect((await checkRegion(app)).getByRole('alert')).toContainText('Nothing accepted the connection');
    await expect(sidebar(app).getByText('Problem')).toBeVisible();
    await app.screenshot({ path: 'test-results/screenshots/connections - unreachable.png', fullPage: true });
  });

  test('warns loudly when certificate verification is skipped', async ({ app, influx }) => {
    await addConnection(app, { name: 'Lab', url: influx.url, token: influx.operatorToken });
    await app.getByLabel('Skip certificate verification (insecure)').check();
    await expect(app.getByRole('note')).toContainText('Insecure');
    await app.getByRole('button', { name: 'Save' }).click();
    await checkRegion(app);
    await expect(app.getByRole('note')).toContainText('Certificate verification is off.');
  });

  test('imports connections from the influx CLI configs and exports them without tokens', async ({
    app,
    influx,
    core,
  }) => {
    mkdirSync(join(core.homeDir, '.influxdbv2'));
    writeFileSync(
      join(core.homeDir, '.influxdbv2', 'configs'),
      `[default]\n  url = "${influx.url}"\n  token = "${influx.operatorToken}"\n  org = "ops"\n  active = ` +
        `true\n\n[laptop]\n  url = "http://localhost:8086"\n  org = "home"\n`,
    );
    await app.getByRole('button', { name: 'Import from influx CLI…' }).first().click();
    await expect(app.getByRole('group', { name: 'Configs to import' })).toContainText('default');
    await expect(app.getByRole('checkbox', { name: /default/ })).toBeChecked();
    await expect(app.getByRole('checkbox', { name: /laptop/ })).not.toBeChecked();
    await app.screenshot({ path: 'test-results/screenshots/connections - cli import.png', fullPage: true });
    await app.getByRole('button', { name: 'Import 1 connection' }).click();
    await expect(app.getByRole('heading', { name: 'default', level: 1 })).toBeVisible();
    await expect(await checkRegion(app)).toContainText('in org ops');

    const target = join(core.dataDir, 'exported.json');
    core.dialogs.answers.save['export-connections'] = target;
    await app.getByRole('button', { name: 'Export connections…' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Exported 1 connection' })).toBeVisible();
    expect(readFileSync(target, 'utf8')).not.toContain(influx.operatorToken);
  });

  test('opens on the overview with two connections, the last selected one still marked', async ({ app, influx }) => {
    await addConnection(app, { name: 'First', url: influx.url, token: influx.operatorToken });
    await app.getByRole('button', { name: 'Save' }).click();
    await addConnection(app, { name: 'Second', url: influx.url, token: influx.operatorToken });
    await app.getByRole('button', { name: 'Save' }).click();
    await sidebar(app).getByRole('button', { name: 'First' }).click();
    await app.reload();
    await expect(app.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(sidebar(app).getByRole('button', { name: 'First' })).toHaveAttribute('aria-current', 'true');
    await sidebar(app).getByRole('button', { name: 'First' }).click();
    await expect(app.getByRole('heading', { name: 'First', level: 1 })).toBeVisible();
  });
});

test.describe('connections without an OS key store', () => {
  test.use({ secretBox: createTestSecretBox({ backend: 'basic_text' }) });

  test('explains why the token is kept only for this session', async ({ app, influx }) => {
    await addConnection(app, { name: 'Session only', url: influx.url, token: influx.operatorToken });
    await expect(app.getByLabel('Remember the token (encrypted with the OS key store)')).toBeDisabled();
    await expect(app.getByText(/No keyring was found.*kept only until Token Desk quits/)).toBeVisible();
    await app.screenshot({ path: 'test-results/screenshots/connections - no keyring.png', fullPage: true });
    await app.getByRole('button', { name: 'Save' }).click();
    await checkRegion(app);
    await expect(app.getByText('Kept in memory until Token Desk quits (not saved).')).toBeVisible();
  });

  test('with a passphrase on the vault, remembers the token sealed by it', async ({ app, influx, core }) => {
    await core.vault.setPassphrase('correct horse battery', false);
    await addConnection(app, { name: 'Remembered', url: influx.url, token: influx.operatorToken });
    const remember = app.getByLabel("Remember the token (encrypted with the vault's passphrase)");
    await expect(remember).toBeEnabled();
    await remember.check();
    await expect(app.getByText('the connection works while the vault is unlocked')).toBeVisible();
    await app.screenshot({ path: 'test-results/screenshots/connections - passphrase remembers.png', fullPage: true });
    await app.getByRole('button', { name: 'Save' }).click();
    await checkRegion(app);
    await expect(
      app.getByText("Stored, encrypted with the vault's passphrase: usable while the vault is unlocked."),
    ).toBeVisible();
    expect(core.profiles.list()[0]?.token).toBe('vault');
  });
});

test.describe('connections on a Cloud emulator', () => {
  test.use({ influxMode: 'cloud' });

  test('does not talk about operator tokens', async ({ app, influx }: { app: Page; influx: Emulator }) => {
    await addConnection(app, { name: 'Cloud', url: influx.url, token: influx.operatorToken });
    await app.getByRole('button', { name: 'Save' }).click();
    const check = await checkRegion(app);
    await expect(check).toContainText('InfluxDB Cloud');
    await expect(check).not.toContainText('operator');
  });
});
