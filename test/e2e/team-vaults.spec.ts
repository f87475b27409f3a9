/**
 * Team vaults in the page, with the real tools behind the real handler table: set one up, make a
 * value and see where it went (read back with the tool), rotate, fail and retry, send the vault's
 * entries in bulk. The tools' environment (a GNUPGHOME, a D-Bus session with GNOME Keyring) is the
 * test's own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCore } from '../support/test-core';
import {
  kdbxHistoryLength,
  kdbxShow,
  KDBX_PASSWORD,
  makeKdbx,
  makePassStore,
  missingTool,
  startKeyring,
  tempDir,
  type Keyring,
  type PassStore,
} from '../support/team-tools';
import { expect, test as base } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { TeamPage, type TokensPage } from './pages';

interface Tools {
  pass: PassStore | null;
  keyring: Keyring | null;
}

const test = base.extend<{ tools: Tools; team: TeamPage }>({
  tools: async ({}, use) => {
    const pass = missingTool('pass', 'gpg') ? null : makePassStore(tempDir('e2e-pass'));
    const keyring = missingTool('secret-tool', 'gnome-keyring-daemon', 'dbus-daemon') ? null : await startKeyring();
    await use({ pass, keyring });
    pass?.stop();
    keyring?.stop();
  },
  core: async ({ rendererUrl, tools }, use) => {
    const toolEnv = { ...process.env, ...tools.pass?.env, ...tools.keyring?.env };
    await use(createTestCore({ allowedOrigins: [rendererUrl], toolEnv }));
  },
  team: async ({ app }, use) => use(new TeamPage(app)),
});

/** Rotates a token from its detail, as a person would; answers the dialog that shows the new value. */
async function rotate(app: Page, tokens: TokensPage, description: string): Promise<Locator> {
  await tokens.open(description);
  await tokens.detail(description).getByRole('button', { name: 'Rotate…', exact: true }).click();
  await app
    .getByRole('dialog', { name: `Rotate “${description}”?` })
    .getByRole('button', { name: 'Create the new token' })
    .click();
  return app.getByRole('dialog', { name: 'Token rotated: copy the new value' });
}

test.describe('team vaults', () => {
  test('says what a team vault is for while there is none', async ({ app, team }) => {
    await team.open();
    await expect(app.getByText('No team vault yet.')).toBeVisible();
    await team.shot('empty');
  });

  test('KeePassXC: a new value lands in the database, a rotation updates its entry, a wrong password is retried', async ({
    app,
    connect,
    tokens,
    vault,
    team,
  }) => {
    test.skip(!!missingTool('keepassxc-cli'), missingTool('keepassxc-cli') ?? '');
    await connect();
    const file = makeKdbx(tempDir('e2e-kdbx'));
    await team.open();
    await team.add(/^KeePassXC database/, {
      Name: 'Team.kdbx',
      'Database file': file,
      'Master password': KDBX_PASSWORD,
    });
    await expect(app.getByRole('listitem', { name: 'Team.kdbx' })).toContainText('Gets the values made on: Staging.');
    await team.shot('keepassxc set up');

    await app
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Staging/ })
      .click();
    const dialog = await tokens.startGenerate();
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByLabel('Description').fill('Edge gateway');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const copies = team.copies(tokens.revealDialog);
    await expect(copies).toHaveText('Also in Team.kdbx: InfluxDB/Staging/Edge gateway');
    const value = await tokens.revealDialog.getByLabel(/^Token value for/).inputValue();
    expect(kdbxShow(file, 'InfluxDB/Staging/Edge gateway')['Password']).toBe(value);
    await team.shot('sent on create');
    await tokens.revealDialog.getByRole('button', { name: 'Done', exact: true }).click();

    const rotated = await rotate(app, tokens, 'Edge gateway');
    await expect(team.copies(rotated)).toHaveText('Also in Team.kdbx: InfluxDB/Staging/Edge gateway');
    const fresh = await rotated.getByLabel(/^Token value for/).inputValue();
    expect(kdbxShow(file, 'InfluxDB/Staging/Edge gateway')['Password']).toBe(fresh);
    expect(kdbxHistoryLength(file, 'Edge gateway')).toBe(1);
    await rotated.getByRole('button', { name: 'Keep both until then', exact: true }).click();

    // The master password changes under Token Desk: the next value is not sent, and says why.
    execFileSync('keepassxc-cli', ['db-edit', '-p', file], { input: `${KDBX_PASSWORD}\nnew master\nnew master\n` });
    const stuck = await tokens.generate({ read: ['sensors'], description: 'After the change' });
    await vault.open();
    const entry = vault.entry('After the change');
    await expect(team.copies(entry)).toContainText('Not sent to Team.kdbx: KeePassXC could not add');
    await expect(team.copies(entry)).toContainText('Invalid credentials');
    await vault.shot('not sent');
    // Fixed in the destination, then Retry on the entry.
    await team.open();
    await app.getByRole('button', { name: 'Edit Team.kdbx', exact: true }).click();
    await team.form.getByLabel('Master password', { exact: true }).fill('new master');
    await team.form.getByRole('button', { name: 'Save', exact: true }).click();
    await vault.open();
    await entry.getByRole('button', { name: 'Retry sending After the change to Team.kdbx', exact: true }).click();
    await expect(team.copies(entry)).toHaveText('Also in Team.kdbx: InfluxDB/Staging/After the change');
    expect(kdbxShow(file, 'InfluxDB/Staging/After the change', 'new master')['Password']).toBe(stuck);
  });

  test('pass: the vault’s entries sent in bulk, with progress, a failure listed, and its retry', async ({
    app,
    connect,
    tokens,
    vault,
    team,
    tools,
  }) => {
    test.skip(!tools.pass, missingTool('pass', 'gpg') ?? '');
    const store = tools.pass as PassStore;
    await connect();
    const values = [
      await tokens.generate({ read: ['sensors'], description: 'first' }),
      await tokens.generate({ read: ['sensors'], description: 'second' }),
    ];
    // A store nobody initialised yet: the bulk send lists both as not sent.
    const bare = join(tempDir('e2e-bare'), 'store');
    mkdirSync(bare);
    await team.open();
    await team.add(/^pass/, { Name: 'Team pass', 'Store folder (optional)': bare }, []);
    await vault.open();
    await app.getByRole('button', { name: 'Send to a team vault…', exact: true }).click();
    const send = app.getByRole('dialog', { name: 'Send to a team vault' });
    await send.getByRole('button', { name: 'Send 2 values', exact: true }).click();
    await expect(send.getByRole('status')).toHaveText('Done: 2 of 2 to Team pass, 2 not sent.');
    await expect(send.getByRole('list', { name: 'Not sent' })).toContainText('pass init');
    await vault.shot('bulk send failed');
    execFileSync('pass', ['init', 'td@example.invalid'], { env: { ...store.env, PASSWORD_STORE_DIR: bare } });
    await send.getByRole('button', { name: 'Retry the failed ones', exact: true }).click();
    await expect(send.getByRole('status')).toHaveText('Done: 2 of 2 to Team pass.');
    await send.getByRole('button', { name: 'Close', exact: true }).click();
    const show = (path: string) =>
      execFileSync('pass', ['show', path], { env: { ...store.env, PASSWORD_STORE_DIR: bare } }).toString();
    expect(show('InfluxDB/Staging/first').split('\n')[0]).toBe(values[0]);
    expect(show('InfluxDB/Staging/second').split('\n')[0]).toBe(values[1]);
    await expect(team.copies(vault.entry('first'))).toHaveText('Also in Team pass: InfluxDB/Staging/first');
  });

  test('the Secret Service: an item per value, found by its ID, replaced on rotation', async ({
    app,
    connect,
    core,
    tokens,
    team,
    tools,
  }) => {
    test.skip(!tools.keyring, missingTool('secret-tool', 'gnome-keyring-daemon', 'dbus-daemon') ?? '');
    const keyring = tools.keyring as Keyring;
    await connect();
    await team.open();
    await team.add(/^Secret Service/, { Name: 'Keyring' });
    await app
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Staging/ })
      .click();
    const value = await tokens.generate({ read: ['sensors'], description: 'Grafana' });
    const made = (await core.vault.list()).find((e) => e.description === 'Grafana')!;
    expect(keyring.lookup({ application: 'token-desk', id: made.authorizationId })).toBe(value);
    expect(made.team[0]).toMatchObject({ state: 'sent', where: 'Grafana (Staging)' });
    const rotated = await rotate(app, tokens, 'Grafana');
    await expect(team.copies(rotated)).toHaveText('Also in Keyring: Grafana (Staging)');
    const fresh = await rotated.getByLabel(/^Token value for/).inputValue();
    const replacement = (await core.vault.list()).find((e) => e.source.kind === 'rotated')!;
    expect(keyring.lookup({ application: 'token-desk', id: replacement.authorizationId })).toBe(fresh);
    expect(keyring.lookup({ application: 'token-desk', id: made.authorizationId })).toBeNull();
  });

  test('a command: `pass insert` as the command; one that hangs is stopped and the value kept', async ({
    app,
    connect,
    tokens,
    vault,
    team,
    tools,
  }) => {
    test.skip(!tools.pass, missingTool('pass', 'gpg') ?? '');
    await connect();
    await team.open();
    await team.add(/^A command/, {
      Name: 'pass insert',
      Program: 'pass',
      'Arguments, one per line': 'insert\n-m\n-f\n{path}',
    });
    await team.add(/^A command/, {
      Name: 'hangs',
      Program: 'sleep',
      'Arguments, one per line': '30',
      'Time limit (seconds)': '1',
    });
    await team.shot('commands');
    await app
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Staging/ })
      .click();
    const value = await tokens.generate({ read: ['sensors'], description: 'Cron job' });
    expect(tools.pass?.show('InfluxDB/Staging/Cron job').trim()).toBe(value);
    await vault.open();
    const copies = team.copies(vault.entry('Cron job'));
    await expect(copies).toContainText('Also in pass insert: pass insert -m -f InfluxDB/Staging/Cron job');
    await expect(copies).toContainText('Not sent to hangs: Your command did not finish within 1 s and was stopped.');
    await vault.shot('command results');
  });
});
