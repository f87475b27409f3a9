/**
 * Service users as an admin uses them: the Users view, creating one (steps undone on failure),
 * marks, the Owner picker's default and warning, the service mark and filter in the token list,
 * re-issuing tokens for a service user; every outcome checked on the server through the emulator.
 */
import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/index';
import { audit } from './audit';
import { expect, test } from './fixtures';

const userId = (influx: Emulator, name: string) => influx.state.findUserByName(name)!.id;
const org = (influx: Emulator, name: string) => influx.state.findOrgByName(name)!.id;
const usersTab = (app: Page) => app.getByRole('tab', { name: 'Users' }).click();
const usersTable = (app: Page) => app.getByRole('table', { name: 'Users' });
const userRow = (app: Page, name: string) =>
  usersTable(app)
    .getByRole('row')
    .filter({ has: app.getByRole('cell', { name: new RegExp(`^${name}( service user)?$`) }) });

test.describe('service users', () => {
  test('the Users view: roles, tokens and tasks owned, what deleting each breaks; sort and search', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await usersTab(app);
    const alice = userRow(app, 'alice');
    await expect(alice).toContainText('member');
    await expect(alice).toContainText('3 active');
    await expect(alice).toContainText('nightly-report');
    // What deleting it breaks, short in the row; the sentence on hover (the rule is said once above).
    await expect(alice).toContainText('3 tokens stop, 2 tasks fail');
    await expect(alice.getByRole('cell', { name: '3 tokens stop, 2 tasks fail' })).toHaveAttribute(
      'title',
      "If alice is deleted, 3 active tokens stop working and disappear from InfluxDB's token list and 2 tasks keep " +
        'running and fail (tasks run as their owner).',
    );
    await expect(userRow(app, 'admin')).toContainText('owner');
    await tokens.shot('users view');
    await usersTable(app)
      .getByRole('button', { name: /^Tokens/ })
      .click();
    await usersTable(app)
      .getByRole('button', { name: /^Tokens/ })
      .click();
    await expect(usersTable(app).getByRole('row').nth(1)).toContainText('bob');
    await app.getByRole('searchbox', { name: 'Search users' }).fill('rollup');
    await expect(usersTable(app).getByRole('row')).toHaveCount(2);
    await app.getByRole('searchbox', { name: 'Search users' }).fill('');

    // A user's token count opens the token list narrowed to its tokens.
    const owned = [...influx.state.authorizations.values()].filter((a) => a.userID === userId(influx, 'alice'));
    await alice.getByRole('button', { name: /^Show the tokens of alice/ }).click();
    await expect(app.getByRole('tab', { name: 'Tokens', selected: true })).toBeVisible();
    await expect(tokens.table.getByRole('row')).toHaveCount(owned.length + 1);
    for (const a of owned) await expect(tokens.row(a.description)).toBeVisible();
  });

  test('creates a service user in steps: the user, its password (vault first), each org with its role', async ({
    app,
    influx,
    connect,
    received,
    tokens,
    vault,
  }) => {
    await connect();
    await usersTab(app);
    await app.getByRole('button', { name: 'Create service user…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Create a service user' });
    await dialog.getByLabel('Name').fill('svc-telegraf');
    await dialog.getByRole('combobox', { name: 'Role in ops' }).selectOption('owner');
    await dialog.getByRole('checkbox', { name: 'research' }).check();
    await dialog.getByRole('radio', { name: /^Generate a strong password/ }).check();
    await tokens.shot('create service user');
    await dialog.getByRole('button', { name: 'Create service user', exact: true }).click();
    const reveal = app.getByRole('dialog', { name: 'Service user svc-telegraf created' });
    const password = await reveal.getByLabel('Password for “svc-telegraf”').inputValue();
    await reveal.getByRole('button', { name: 'Done', exact: true }).click();
    const id = userId(influx, 'svc-telegraf');
    expect([influx.state.roleIn(org(influx, 'ops'), id), influx.state.roleIn(org(influx, 'research'), id)]).toEqual([
      'owner',
      'member',
    ]);
    expect(influx.state.userPasswords.has(id)).toBe(true);
    await expect(userRow(app, 'svc-telegraf')).toContainText('service');
    expect(received.filter((r) => r.includes(password)).map((r) => r.slice(0, r.indexOf(' ')))).toEqual([
      'token-desk:createServiceUser',
    ]);
    await vault.open();
    await expect(vault.entry('svc-telegraf: UI sign-in password')).toContainText(
      'User password (UI sign-in) · username svc-telegraf',
    );
  });

  test('refuses a taken name; a failure between steps undoes the earlier ones and leaves nothing', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await usersTab(app);
    await app.getByRole('button', { name: 'Create service user…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Create a service user' });
    await dialog.getByLabel('Name').fill('alice');
    await dialog.getByRole('button', { name: 'Create service user', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('A user named “alice” exists already');
    const before = influx.state.users.size;
    influx.faults.add({
      method: 'POST',
      path: `/api/v2/orgs/${org(influx, 'research')}/members`,
      fault: { kind: 'status', status: 500 },
      times: 1,
    });
    await dialog.getByLabel('Name').fill('svc-half');
    await dialog.getByRole('checkbox', { name: 'research' }).check();
    await dialog.getByRole('button', { name: 'Create service user', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'Creating the service user “svc-half” stopped at “Add it to research as member”',
    );
    await expect(dialog.getByRole('alert')).toContainText(
      'The steps before it were undone (removed it from ops; deleted user svc-half): nothing was left behind.',
    );
    await tokens.shot('create service user undone');
    expect(influx.state.findUserByName('svc-half')).toBeUndefined();
    expect(influx.state.users.size).toBe(before);
  });

  test(
    'marks an existing user; new write tokens default to it, and a person as owner is warned about, with a ' +
      'service user made on the spot',
    async ({ app, core, influx, connect, tokens }) => {
      const { id: connectionId } = await connect();
      await usersTab(app);
      await userRow(app, 'telegraf-agent').getByRole('button', { name: 'Mark telegraf-agent as service user' }).click();
      await expect(userRow(app, 'telegraf-agent')).toContainText('service');
      expect(core.profiles.list().find((c) => c.id === connectionId)?.serviceUsers).toEqual([
        userId(influx, 'telegraf-agent'),
      ]);

      await app.getByRole('tab', { name: 'Tokens' }).click();
      await expect(tokens.row('Sensors writer')).toContainText('service');
      await app.getByRole('combobox', { name: /^Owner/ }).selectOption('people');
      await expect(tokens.row('Sensors writer')).toHaveCount(0);
      await app.getByRole('combobox', { name: /^Owner/ }).selectOption('any');
      await tokens.open('Grafana read-only');
      await expect(tokens.detail('Grafana read-only')).toContainText(
        "bob is not a service user: re-issue it for one so it outlives a person's account.",
      );
      await tokens.detail('Grafana read-only').getByRole('button', { name: 'Close', exact: true }).click();

      const dialog = await tokens.startGenerate();
      await dialog.getByRole('checkbox', { name: 'Write sensors' }).check();
      await expect(dialog.getByLabel('Owner (user)')).toHaveValue(userId(influx, 'telegraf-agent'));
      await dialog.getByLabel('Owner (user)').selectOption({ label: 'alice' });
      await expect(dialog.getByRole('note').filter({ hasText: 'alice is not a service user' })).toContainText(
        'this token stops working when alice is deleted',
      );
      await tokens.shot('owner warning');
      await dialog.getByRole('button', { name: 'Create a service user…' }).click();
      const create = app.getByRole('dialog', { name: 'Create a service user' });
      await create.getByLabel('Name').fill('svc-sensors');
      await create.getByRole('button', { name: 'Create service user', exact: true }).click();
      await expect(dialog.getByLabel('Owner (user)')).toHaveValue(userId(influx, 'svc-sensors'));
      await dialog.getByLabel('Description').fill('Sensor gateway');
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      await tokens.revealDialog.getByRole('button', { name: 'Done', exact: true }).click();
      const made = [...influx.state.authorizations.values()].find((a) => a.description === 'Sensor gateway')!;
      expect(made.userID).toBe(userId(influx, 'svc-sensors'));
      expect(influx.state.roleIn(org(influx, 'ops'), made.userID)).toBe('member');
    },
  );

  test('re-issues a selection for a service user: new values saved and shown, old tokens retired as chosen', async ({
    app,
    core,
    influx,
    connect,
    tokens,
  }) => {
    const { id: connectionId } = await connect();
    core.profiles.markServiceUser(connectionId, userId(influx, 'telegraf-agent'), true);
    await app.reload();
    await expect(tokens.table).toBeVisible();
    await tokens.row('Grafana read-only').getByRole('checkbox').check();
    await tokens.row('Legacy exporter').getByRole('checkbox').check();
    await tokens.bulkBar.getByRole('button', { name: 'Re-issue for a service user…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Re-issue 2 tokens for a service user' });
    await expect(dialog.getByLabel('Service user')).toHaveValue(userId(influx, 'telegraf-agent'));
    await dialog.getByRole('button', { name: 'Re-issue for telegraf-agent', exact: true }).click();
    await expect(dialog.getByText('Re-issued 2 of 2')).toBeVisible();
    await expect(dialog.getByRole('region', { name: /^New token for/ })).toHaveCount(2);
    await tokens.shot('re-issue result');
    await dialog.getByRole('button', { name: 'Deactivate old tokens', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('2 of 2 old tokens retired.');
    for (const key of ['grafana', 'legacyExporter'] as const) {
      const old = influx.seed.tokens[key]!;
      expect(influx.state.authorizations.get(old.id)?.status).toBe('inactive');
      const twin = [...influx.state.authorizations.values()].find(
        (a) => a.description === `${old.description} (re-issued for telegraf-agent)`,
      )!;
      expect(twin.userID).toBe(userId(influx, 'telegraf-agent'));
      expect(twin.permissions).toEqual(old.permissions);
    }
    const linked = (await core.vault.list()).filter((e) => e.source.kind === 'reissued');
    expect(linked).toHaveLength(2);
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  });

  test("re-issues all of a person's tokens from the Users tab, for a service user, in one dialog", async ({
    app,
    core,
    influx,
    connect,
  }) => {
    const { id: connectionId } = await connect();
    core.profiles.markServiceUser(connectionId, userId(influx, 'telegraf-agent'), true);
    await app.reload();
    await usersTab(app);
    // A service user's own tokens are not offered for re-issue.
    await expect(userRow(app, 'telegraf-agent').getByRole('button', { name: /^Re-issue/ })).toHaveCount(0);
    const alice = userId(influx, 'alice');
    const hers = [...influx.state.authorizations.values()].filter((a) => a.userID === alice && a.status === 'active');
    await userRow(app, 'alice')
      .getByRole('button', { name: 'Re-issue the tokens of alice for a service user…', exact: true })
      .click();
    const dialog = app.getByRole('dialog', { name: `Re-issue ${hers.length} tokens for a service user` });
    await dialog.getByRole('button', { name: 'Re-issue for telegraf-agent', exact: true }).click();
    await expect(dialog.getByText(`Re-issued ${hers.length} of ${hers.length}`)).toBeVisible();
    for (const old of hers) {
      const twin = [...influx.state.authorizations.values()].find(
        (a) => a.description === `${old.description} (re-issued for telegraf-agent)`,
      );
      expect(twin?.userID).toBe(userId(influx, 'telegraf-agent'));
      // The same permissions; an all-access token's rights over its own user follow its new owner.
      const service = userId(influx, 'telegraf-agent');
      expect(twin?.permissions).toEqual(JSON.parse(JSON.stringify(old.permissions).replaceAll(alice, service)));
    }
  });

  test('keeps the tokens of deleted users from the vault, deletable by ID', async ({
    app,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await tokens.generate({ read: ['sensors'], description: 'Carried by admin' });
    const made = [...influx.state.authorizations.values()].find((a) => a.description === 'Carried by admin')!;
    // Its user is deleted on the server: InfluxDB stops listing the token.
    made.userID = userId(influx, 'bob');
    influx.state.deleteUser(userId(influx, 'bob'));
    await usersTab(app);
    const orphans = app.getByRole('region', { name: 'Tokens of deleted users' });
    await expect(orphans).toContainText('Carried by admin');
    await orphans.getByRole('button', { name: 'Delete Carried by admin by ID…' }).click();
    await app
      .getByRole('dialog', { name: 'Delete “Carried by admin” by ID?' })
      .getByRole('button', { name: 'Delete token', exact: true })
      .click();
    await expect(app.getByText('Token “Carried by admin” deleted on the server.')).toBeVisible();
    expect(influx.state.authorizations.has(made.id)).toBe(false);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe in the ${scheme} theme: Users view, create dialog, owner warning, re-issue result`, async ({
      app,
      core,
      influx,
      connect,
      tokens,
    }) => {
      test.setTimeout(90_000);
      await app.emulateMedia({ colorScheme: scheme });
      await connect();
      await usersTab(app);
      await expect(usersTable(app)).toBeVisible();
      await audit(app, 'users');
      await app.getByRole('button', { name: 'Create service user…', exact: true }).click();
      await audit(app, 'create service user');
      await app
        .getByRole('dialog', { name: 'Create a service user' })
        .getByRole('button', { name: 'Cancel', exact: true })
        .click();
      await app.getByRole('tab', { name: 'Tokens' }).click();
      const dialog = await tokens.startGenerate();
      await dialog.getByRole('checkbox', { name: 'Write sensors' }).check();
      await expect(dialog.getByRole('note').filter({ hasText: 'is not a service user' })).toBeVisible();
      await audit(app, 'owner warning');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      core.profiles.markServiceUser(core.profiles.list()[0]!.id, userId(influx, 'telegraf-agent'), true);
      await app.reload();
      await expect(tokens.table).toBeVisible();
      await tokens.row('Grafana read-only').getByRole('checkbox').check();
      await tokens.bulkBar.getByRole('button', { name: 'Re-issue for a service user…' }).click();
      const reissue = app.getByRole('dialog', { name: 'Re-issue “Grafana read-only” for a service user' });
      await reissue.getByRole('button', { name: 'Re-issue for telegraf-agent', exact: true }).click();
      await expect(reissue.getByText('Re-issued 1 of 1')).toBeVisible();
      await audit(app, 're-issue result');
    });
  }
});

test.describe('service users on Cloud', () => {
  test.use({ influxMode: 'cloud' });

  test('says why users are made in Cloud’s UI, and offers no creation', async ({ app, influx, connect, tokens }) => {
    await connect();
    await usersTab(app);
    await expect(
      app.getByRole('note').filter({ hasText: 'InfluxDB Cloud does not let API tokens create users' }),
    ).toBeVisible();
    await expect(app.getByRole('button', { name: 'Create service user…', exact: true })).toBeDisabled();
    // Users are made in Cloud's UI, and Cloud has no service users to re-issue for: nothing to mark.
    await expect(usersTable(app).getByRole('row').nth(1)).toBeVisible();
    await expect(usersTable(app).getByRole('button', { name: /^Mark / })).toHaveCount(0);
    await tokens.shot('users on cloud');
    expect(influx.requests.some((r) => r.line === 'POST /api/v2/users')).toBe(false);
  });
});
