import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestSecretBox } from '../support/test-secret-box';
import { expect, test } from './fixtures';
import type { TokensPage } from './pages';
import type { TestCore } from '../support/test-core';

test.describe('vault', () => {
  test('is empty at first and says what it is for', async ({ app, vault }) => {
    await vault.open();
    await expect(app.getByText('The vault is empty.')).toBeVisible();
  });

  test(
    'keeps created values masked; reveals for a while, copies without revealing, takes notes and labels, ' +
      'deletes with a warning',
    async ({ app, core, connect, tokens, vault }) => {
      await connect();
      const value = await tokens.generate({ read: ['sensors'], description: 'Edge gateway' });
      await vault.open();
      const item = vault.entry('Edge gateway');
      await expect(item).toContainText('Staging · ops · admin');
      await expect(item.getByRole('textbox')).toHaveCount(0);
      await item.getByRole('button', { name: 'Copy', exact: true }).click();
      await expect(item.getByRole('status')).toHaveText('Copied; the clipboard clears in 30 s.');
      expect(core.clipboard).toMatchObject({ text: value, concealed: true });
      await item.getByRole('button', { name: 'Reveal', exact: true }).click();
      await expect(item.getByRole('textbox', { name: 'Value of Edge gateway' })).toHaveValue(value);
      await vault.shot('revealed');
      await item.getByRole('button', { name: 'Hide', exact: true }).click();
      await expect(item.getByRole('textbox')).toHaveCount(0);

      await item.getByRole('button', { name: 'Notes…', exact: true }).click();
      const notes = app.getByRole('dialog', { name: 'Notes for “Edge gateway”' });
      await notes.getByLabel('Notes').fill('Gateway im Keller ✓');
      await notes.getByLabel('Labels (comma-separated)').fill('edge, prod');
      await notes.getByRole('button', { name: 'Save notes', exact: true }).click();
      await expect(item).toContainText('Gateway im Keller ✓');
      await app.getByLabel('Label').selectOption('edge');
      await expect(app.getByText('1 of 1 values')).toBeVisible();
      await app.getByRole('searchbox', { name: 'Search the vault' }).fill('keller');
      await expect(item).toBeVisible();

      await item.getByRole('button', { name: 'Delete…', exact: true }).click();
      const confirm = app.getByRole('dialog', { name: 'Delete the value of “Edge gateway”?' });
      await expect(confirm).toContainText('cannot be recovered');
      await confirm.getByRole('button', { name: 'Delete from vault', exact: true }).click();
      await expect(app.getByText('The vault is empty.')).toBeVisible();
    },
  );

  test('checks entries against the server: active, inactive, deleted', async ({
    app,
    influx,
    connect,
    tokens,
    vault,
  }) => {
    await connect();
    await tokens.generate({ read: ['sensors'], description: 'keeps' });
    await tokens.generate({ read: ['sensors'], description: 'paused' });
    await tokens.generate({ read: ['sensors'], description: 'removed' });
    const byDescription = (d: string) => [...influx.state.authorizations.values()].find((a) => a.description === d)!;
    byDescription('paused').status = 'inactive';
    influx.state.removeAuthorization(byDescription('removed').id);
    await vault.open();
    await app.getByRole('button', { name: 'Check against servers', exact: true }).click();
    await expect(vault.entry('keeps')).toContainText('Active');
    await expect(vault.entry('paused')).toContainText('Inactive');
    await expect(vault.entry('removed')).toContainText('Deleted on the server');
    await expect(app.getByRole('heading', { name: 'Tokens whose value is not in the vault' })).toBeVisible();
    await app.screenshot({ path: 'test-results/screenshots/vault - reconciled.png', fullPage: true });
    await app.getByLabel('Status').selectOption('deleted');
    await expect(app.getByText('1 of 3 values')).toBeVisible();
  });

  test('offers the backup when the vault file is damaged', async ({ app, core, vault }) => {
    writeFileSync(join(core.dataDir, 'vault.json'), '{"schemaVersion": 2, "entr');
    writeFileSync(
      join(core.dataDir, 'vault.json.bak'),
      JSON.stringify({ schemaVersion: 2, protection: { mode: 'os' }, entries: [] }),
    );
    await vault.open();
    await expect(app.getByRole('alert')).toContainText('The vault file could not be read');
    await vault.shot('damaged');
    await app.getByRole('button', { name: 'Restore the backup', exact: true }).click();
    await expect(app.getByText('The vault is empty.')).toBeVisible();
    expect(readdirSync(core.dataDir).some((f) => f.startsWith('vault.json.unreadable-'))).toBe(true);
  });

  test('locks with a passphrase and opens only with the right one', async ({ app, core, connect, tokens, vault }) => {
    await connect();
    await tokens.generate({ read: ['sensors'], description: 'Locked away' });
    await vault.open();
    await app.getByRole('button', { name: 'Add a passphrase…', exact: true }).click();
    await app.getByLabel('New passphrase (at least 8 characters)').fill('correct horse battery');
    await app.getByRole('button', { name: 'Set passphrase', exact: true }).click();
    await expect(
      app.getByText('Values are sealed with your passphrase and the OS key store. The vault is unlocked.'),
    ).toBeVisible();
    // Locking reloads the page (main tells it to), so nothing decrypted stays in its memory.
    await Promise.all([app.waitForEvent('load'), app.getByRole('button', { name: 'Lock now', exact: true }).click()]);
    expect(core.events).toContainEqual({ kind: 'vault-locked' });
    await vault.open();
    await expect(app.getByText('The vault is locked.')).toBeVisible();
    const item = vault.entry('Locked away');
    await item.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(item.getByRole('status')).toHaveText('The vault is locked. Unlock it with its passphrase first.');
    await app.getByLabel('Passphrase', { exact: true }).fill('wrong horse');
    await app.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(app.getByRole('alert')).toHaveText('That passphrase does not open this vault.');
    await vault.shot('locked');
    await app.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await app.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(app.getByText('The vault is unlocked.', { exact: false })).toBeVisible();
    await item.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(item.getByRole('textbox')).toHaveValue(/==$/);
  });
});

test.describe('the vault against the servers', () => {
  test('is checked as it opens, and offers to add or capture the values it lacks', async ({
    app,
    core,
    connect,
    tokens,
    vault,
    influx,
  }) => {
    await connect();
    await tokens.generate({ read: ['sensors'], description: 'Kept' });
    await vault.open();
    await expect(app.getByRole('status').filter({ hasText: 'Checked against the servers at' })).toBeVisible();
    await expect(vault.entry('Kept')).toContainText('Active');
    const lacking = app.getByRole('list', { name: 'Tokens of Staging without a value in the vault' });
    await expect(lacking).toContainText('Sensors writer');
    await vault.shot('checked on open');

    await lacking.getByRole('button', { name: 'Add the value of Sensors writer' }).click();
    const add = app.getByRole('dialog', { name: 'Add the value of “Sensors writer”' });
    await add.getByLabel('Token value').fill(influx.seed.tokens['sensorsWriter']!.token);
    await add.getByRole('button', { name: 'Find and save' }).click();
    await expect(vault.entry('Sensors writer')).toBeVisible();
    const saved = (await core.vault.list()).find((e) => e.description === 'Sensors writer')!;
    expect(await core.vault.reveal(saved.id)).toBe(influx.seed.tokens['sensorsWriter']!.token);

    await lacking.getByRole('button', { name: 'Rotate Grafana read-only to capture a value' }).click();
    await expect(app.getByRole('status').filter({ hasText: '“Grafana read-only” was rotated' })).toBeVisible();
    const rotated = (await core.vault.list()).find((e) => e.description.startsWith('Grafana read-only (rotated'))!;
    expect([...influx.state.authorizations.values()].find((a) => a.description === rotated.description)?.token).toBe(
      await core.vault.reveal(rotated.id),
    );
  });
});

test.describe('generating with a locked vault', () => {
  /** A passphrase vault, locked; the Generate dialog open on a read token with this description. */
  async function generateWhileLocked(
    core: TestCore,
    connect: () => Promise<unknown>,
    tokens: TokensPage,
    description: string,
  ) {
    await core.vault.setPassphrase('correct horse battery', false);
    core.vault.lock();
    await connect();
    const dialog = await tokens.startGenerate();
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByLabel('Description').fill(description);
    return dialog;
  }

  test('says so before anything is created, and unlocks right there', async ({
    app,
    core,
    connect,
    tokens,
    influx,
  }) => {
    const dialog = await generateWhileLocked(core, connect, tokens, 'After unlocking');
    await expect(dialog.getByRole('note').filter({ hasText: 'The vault is locked' })).toContainText(
      'a token generated now will not be saved in it',
    );
    await expect(dialog.getByRole('button', { name: 'Generate without saving' })).toBeEnabled();
    // The safe choice is the primary one, waiting for the passphrase.
    const primary = dialog.getByRole('button', { name: 'Unlock and generate' });
    await expect(primary).toBeDisabled();
    await expect(primary).toHaveClass(/primary/);
    await app.screenshot({ path: 'test-results/screenshots/vault - generate while locked.png' });
    const before = influx.state.authorizations.size;
    await dialog.getByLabel('Vault passphrase').fill('wrong horse');
    await primary.click();
    await expect(dialog.getByRole('alert')).toHaveText('That passphrase does not open this vault.');
    expect(influx.state.authorizations.size).toBe(before);
    // Enter in the passphrase field unlocks and generates: one step, from the keyboard.
    await dialog.getByLabel('Vault passphrase').fill('correct horse battery');
    await dialog.getByLabel('Vault passphrase').press('Enter');
    await expect(tokens.revealDialog.getByRole('note')).toContainText('Token Desk keeps it in its vault');
    expect((await core.vault.list()).map((e) => e.description)).toContain('After unlocking');
  });

  test('generates without saving when asked, the value shown once, nothing in the vault', async ({
    core,
    connect,
    tokens,
    influx,
  }) => {
    const dialog = await generateWhileLocked(core, connect, tokens, 'Not kept');
    await dialog.getByRole('button', { name: 'Generate without saving' }).click();
    await expect(tokens.revealDialog).toBeVisible();
    expect([...influx.state.authorizations.values()].some((a) => a.description === 'Not kept')).toBe(true);
    await core.vault.unlock('correct horse battery');
    expect((await core.vault.list()).map((e) => e.description)).not.toContain('Not kept');
  });
});

test.describe('vault without an OS key store', () => {
  test.use({ secretBox: createTestSecretBox({ backend: 'basic_text' }) });

  test('explains why, and offers passphrase protection, after which values are saved', async ({
    app,
    core,
    connect,
    tokens,
    vault,
  }) => {
    await connect();
    await vault.open();
    await expect(app.getByRole('note')).toContainText('No keyring was found');
    // Said plainly, with one button for the one way out.
    await expect(app.getByText('Not protected: no keyring (basic_text)', { exact: false })).toBeVisible();
    await expect(app.getByText('sealed with the OS key store', { exact: false })).toHaveCount(0);
    await expect(app.getByRole('button', { name: /passphrase…$/ })).toHaveCount(1);
    await app.screenshot({ path: 'test-results/screenshots/vault - no keyring.png' });
    await app.getByRole('button', { name: 'Protect with a passphrase…', exact: true }).click();
    await expect(app.getByLabel('Also seal with the OS key store')).toBeDisabled();
    await app.getByLabel('New passphrase (at least 8 characters)').fill('a long passphrase');
    await app.getByRole('button', { name: 'Set passphrase', exact: true }).click();
    await expect(app.getByText('Values are sealed with your passphrase. The vault is unlocked.')).toBeVisible();
    await app
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Staging staging', exact: true })
      .click();
    await tokens.generate({ read: ['sensors'], description: 'weak machine' });
    expect((await core.vault.list()).map((e) => e.description)).toEqual(['weak machine']);
  });
});

test.describe('vault on OSS 2.7', () => {
  test.use({ influxMode: 'oss-2.7' });

  test('captures every visible value before an upgrade hashes them', async ({ app, core, connect, vault }) => {
    await connect();
    const banner = app.getByRole('note').filter({ hasText: 'still returns every token' });
    await expect(banner).toBeVisible();
    await app.screenshot({ path: 'test-results/screenshots/tokens - capture offered.png' });
    await banner.getByRole('button', { name: 'Save all visible values to the vault', exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Saved 12 values to the vault' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect((await core.vault.list()).length).toBe(12);
    // Removing the connection says what becomes of its vault entries.
    await app.getByRole('tab', { name: 'Connection' }).click();
    await app.getByRole('button', { name: 'Remove…', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Remove “Staging”?' })).toContainText(
      'The 12 token values of this connection saved in the vault stay there',
    );
  });
});

test.describe('no value anywhere else', () => {
  test(
    'after create, clone, rotate, copy and reveal, values, v1 and user passwords exist only as ciphertext and ' +
      'in their creation and reveal answers',
    async ({ app, core, influx, received, connect, tokens, vault, v1 }) => {
      await connect();
      await tokens.generate({ read: ['sensors'], description: 'Leak check' });
      const table = app.getByRole('table', { name: 'Tokens' });
      await table.getByRole('button', { name: 'Leak check', exact: true }).click();
      await tokens.act('Leak check', 'Clone');
      await app
        .getByRole('dialog', { name: 'Copy your new API token' })
        .getByRole('button', { name: 'Copy', exact: true })
        .click();
      await app
        .getByRole('dialog', { name: 'Copy your new API token' })
        .getByRole('button', { name: 'Done', exact: true })
        .click();
      await table.getByRole('button', { name: 'Leak check', exact: true }).click();
      await app
        .getByRole('dialog', { name: 'Leak check' })
        .getByRole('button', { name: 'Rotate…', exact: true })
        .click();
      await app
        .getByRole('dialog', { name: 'Rotate “Leak check”?' })
        .getByRole('button', { name: 'Create the new token' })
        .click();
      await app
        .getByRole('dialog', { name: 'Token rotated: copy the new value' })
        .getByRole('button', { name: 'Delete old token', exact: true })
        .click();
      // A v1 credential: created, given a new password, copied as a Grafana data source.
      await v1.openTab();
      await app.getByRole('button', { name: 'Create v1 credential…', exact: true }).click();
      await v1.createDialog.getByLabel('Username').fill('leak-check');
      await v1.createDialog.getByRole('checkbox', { name: 'Read sensors' }).check();
      await v1.createDialog.getByRole('button', { name: 'Create credential', exact: true }).click();
      const first = await v1.takePassword();
      const detail = await v1.open('leak-check');
      await detail.getByRole('button', { name: 'Set a new password…' }).click();
      await detail.getByRole('button', { name: 'Set password', exact: true }).click();
      await v1.takePassword();
      const again = await v1.open('leak-check');
      await again.getByRole('button', { name: 'Copy with password' }).click();
      await again.getByRole('button', { name: 'Close', exact: true }).click();
      // A service user with a UI password.
      await app.getByRole('tab', { name: 'Users' }).click();
      await app.getByRole('button', { name: 'Create service user…', exact: true }).click();
      const service = app.getByRole('dialog', { name: 'Create a service user' });
      await service.getByLabel('Name').fill('svc-leak');
      await service.getByRole('radio', { name: /^Generate a strong password/ }).check();
      await service.getByRole('button', { name: 'Create service user', exact: true }).click();
      await app
        .getByRole('dialog', { name: 'Service user svc-leak created' })
        .getByRole('button', { name: 'Done', exact: true })
        .click();
      await vault.open();
      for (const item of await vault.entries.getByRole('listitem').all()) {
        await item.getByRole('button', { name: 'Reveal', exact: true }).click();
        await item.getByRole('button', { name: 'Copy', exact: true }).click();
      }
      const values = (await core.vault.portable()).map((p) => p.value);
      expect(values).toHaveLength(5);

      const allowed = new Set([
        'token-desk:createToken',
        'token-desk:cloneToken',
        'token-desk:rotateToken',
        'token-desk:createV1Credential',
        'token-desk:setV1Password',
        'token-desk:createServiceUser',
        'token-desk:revealVaultValue',
      ]);
      for (const value of [...values, first]) {
        const carriers = received
          .filter((line) => line.includes(value))
          .map((line) => line.slice(0, line.indexOf(' ')));
        expect(
          carriers.every((channel) => allowed.has(channel)),
          `${value.slice(0, 6)}… crossed on ${carriers.join(', ')}`,
        ).toBe(true);
        expect(carriers.filter((c) => c !== 'token-desk:revealVaultValue')).toHaveLength(1);
        expect(core.logs.join('\n')).not.toContain(value);
        const files: string[] = [];
        const walk = (dir: string) => {
          for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) walk(path);
            else files.push(path);
          }
        };
        walk(core.dataDir);
        for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(value);
      }
      // The connection's own token never crossed at all.
      expect(received.join('\n')).not.toContain(influx.operatorToken);
    },
  );
});
