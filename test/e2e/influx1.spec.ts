/**
 * InfluxDB 1.x users in the browser against a real influxd 1.x: every flow asserted on the server
 * with SHOW USERS / SHOW GRANTS and by logging in with the real `influx` CLI; the guards, setup
 * state, authentication off; screenshots and axe in both themes. Skipped, saying why, where influxd
 * is not installed.
 */
import type { Page } from '@playwright/test';
import type { EnvironmentColour } from '$contract/connections';
import type { TestCore } from '../support/test-core';
import {
  influxCli,
  influxCliLookup,
  influxd1Lookup,
  showGrants,
  showUsers,
  startInfluxd1,
  type Influxd1,
  type Influxd1Options,
} from '../support/influxd1';
import { audit } from './audit';
import { expect, test } from './fixtures';
import { Influx1Page } from './pages';

test.skip(!influxd1Lookup.found, influxd1Lookup.reason);

const servers: Influxd1[] = [];
test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(options: Influxd1Options = {}): Promise<Influxd1> {
  const server = await startInfluxd1(options);
  servers.push(server);
  return server;
}

/** Saves a connection "Legacy" to the server in main, as the form would, and opens it. */
async function connect(
  app: Page,
  core: TestCore,
  server: Influxd1,
  login = server.admin,
  environment: { label: string; colour: EnvironmentColour } = { label: 'legacy', colour: 'purple' },
): Promise<Influx1Page> {
  await core.profiles.save({
    name: 'Legacy',
    url: server.url,
    token: `${login.username}:${login.password}`,
    rememberToken: false,
    org: null,
    environment,
    timeoutMs: 10_000,
    tls: { caFile: null, skipVerify: false },
  });
  await app.reload();
  return new Influx1Page(app);
}

test.describe('InfluxDB 1.x users', () => {
  test('a 1.x server shows a Users tab and no Tokens tab; the list marks the connection’s own user', async ({
    app,
    core,
  }) => {
    const server = await serve();
    await server.query('CREATE DATABASE "telemetry"');
    const users = await connect(app, core, server);
    await expect(users.table).toBeVisible();
    await expect(app.getByRole('tab', { name: 'Tokens' })).toHaveCount(0);
    await expect(users.row('admin')).toContainText('this connection');
    await expect(users.row('admin')).toContainText('Admin');
    await app.getByRole('tab', { name: 'Connection' }).click();
    await expect(app.getByRole('heading', { name: 'InfluxDB 1.x has no API tokens' })).toBeVisible();
    await expect(app.getByText('InfluxDB 1.6.7~rc0. admin is an admin')).toBeVisible();
    await users.shot('connection');
  });

  test('creates a user with privileges; the shown password logs in with the real influx CLI', async ({ app, core }) => {
    const server = await serve();
    await server.query('CREATE DATABASE "telemetry"; CREATE DATABASE "sensors"');
    const users = await connect(app, core, server);
    await app.getByRole('button', { name: 'Create user…' }).click();
    const dialog = users.createDialog;
    await dialog.getByLabel('Name').fill('grafana "reader"; --');
    await dialog.getByLabel('Privilege on telemetry').selectOption('READ');
    await dialog.getByLabel('Privilege on sensors').selectOption('WRITE');
    // A user that writes gets the connection's policy for writers (90 days by default).
    await expect(dialog.getByLabel(/Review the password by/)).not.toHaveValue('');
    await users.shot('create');
    await dialog.getByRole('button', { name: 'Create user', exact: true }).click();
    await expect(users.reveal).toContainText('Token Desk keeps it in its vault');
    const password = await users.takePassword();
    expect(await showUsers(server)).toEqual({ admin: true, 'grafana "reader"; --': false });
    expect(await showGrants(server, 'grafana "reader"; --')).toEqual({ telemetry: 'READ', sensors: 'WRITE' });
    await expect(users.row('grafana "reader"; --')).toContainText('(in 90 days)');
    test.skip(!influxCliLookup.found, influxCliLookup.reason);
    const login = influxCli(server, { username: 'grafana "reader"; --', password }, 'SHOW DATABASES');
    expect(login.status).toBe(0);
    expect(login.output).toContain('telemetry');
  });

  test('changes privileges after reviewing the difference, sets a new password, makes admin and drops', async ({
    app,
    core,
  }) => {
    const server = await serve();
    await server.query(`CREATE DATABASE "telemetry"; CREATE DATABASE "sensors"`);
    await server.query(`CREATE USER "bob" WITH PASSWORD 'bob-pass-1'; GRANT READ ON "telemetry" TO "bob"`);
    const users = await connect(app, core, server);
    let detail = await users.open('bob');
    await expect(detail).toContainText('READ on telemetry');
    await detail.getByLabel('Privilege on telemetry').selectOption('');
    await detail.getByLabel('Privilege on sensors').selectOption('ALL');
    await detail.getByRole('button', { name: 'Review the change' }).click();
    await expect(detail.getByRole('group', { name: 'The change' })).toContainText('Granted: ALL on sensors');
    await expect(detail.getByRole('group', { name: 'The change' })).toContainText('Taken away: READ on telemetry');
    await users.shot('privileges review');
    await detail.getByRole('button', { name: 'Apply the change' }).click();
    // The review already says "ALL on sensors": wait for it to close, then ask the server.
    await expect(detail.getByRole('group', { name: 'The change' })).toHaveCount(0);
    await expect(detail).toContainText('ALL on sensors');
    await expect.poll(() => showGrants(server, 'bob')).toEqual({ sensors: 'ALL PRIVILEGES' });

    await detail.getByRole('button', { name: 'New password…' }).click();
    await detail.getByRole('button', { name: 'Set the password' }).click();
    const password = await users.takePassword();
    expect((await server.query('SHOW DATABASES', { username: 'bob', password })).status).toBe(200);
    expect((await server.query('SHOW DATABASES', { username: 'bob', password: 'bob-pass-1' })).status).toBe(401);

    detail = await users.open('bob');
    await detail.getByRole('button', { name: 'Check login' }).click();
    await expect(detail.getByRole('status')).toContainText('“bob” logs in, and sees sensors');
    await detail.getByRole('button', { name: 'Copy with the password' }).click();
    expect(core.clipboard).toMatchObject({ concealed: true });
    expect(core.clipboard.text).toContain(`-username 'bob' -password '${password}'`);
    await expect(detail.getByLabel('What is copied')).toContainText("-password '<password>'");

    await detail.getByRole('button', { name: 'Make admin' }).click();
    await expect(detail).toContainText('Role Admin');
    expect((await showUsers(server))['bob']).toBe(true);
    await detail.getByRole('button', { name: 'Remove admin…' }).click();
    await app
      .getByRole('dialog', { name: 'Remove admin from “bob”?' })
      .getByRole('button', { name: 'Remove admin' })
      .click();
    await expect(detail).toContainText('Role User');
    expect((await showUsers(server))['bob']).toBe(false);

    await detail.getByRole('button', { name: 'Drop user…' }).click();
    await app.getByRole('dialog', { name: 'Drop “bob” on Legacy?' }).getByRole('button', { name: 'Drop user' }).click();
    await expect(app.getByText('bob was dropped.')).toBeVisible();
    expect(await showUsers(server)).toEqual({ admin: true });
  });

  test('demoting or dropping the last admin, its own user, asks for the typed name and says how to recover', async ({
    app,
    core,
  }) => {
    const server = await serve();
    const users = await connect(app, core, server);
    const detail = await users.open('admin');
    await detail.getByRole('button', { name: 'Drop user…' }).click();
    await app
      .getByRole('dialog', { name: 'Drop “admin” on Legacy?' })
      .getByRole('button', { name: 'Drop user' })
      .click();
    const guard = app.getByRole('dialog', { name: 'Drop “admin” on Legacy?' });
    await expect(guard).toContainText('would lock this server: it is its last admin');
    await expect(guard).toContainText('auth-enabled = false');
    await guard.getByLabel(/To go on anyway, type/).fill('legacy');
    await expect(guard).toContainText('the capitals differ');
    await expect(guard.getByRole('button', { name: 'Drop user' })).toBeDisabled();
    await users.shot('lock-out guard');
    await audit(app, 'influx1 lock-out guard');
    await guard.getByRole('button', { name: 'Cancel' }).click();
    expect(await showUsers(server)).toEqual({ admin: true });
  });

  test('a production connection asks for its name before dropping anyone', async ({ app, core }) => {
    const server = await serve();
    await server.query(`CREATE USER "temp" WITH PASSWORD 'temp-pass-1'`);
    const users = await connect(app, core, server, server.admin, { label: 'production', colour: 'red' });
    const detail = await users.open('temp');
    await detail.getByRole('button', { name: 'Drop user…' }).click();
    const guard = app.getByRole('dialog', { name: 'Drop “temp” on Legacy?' });
    await expect(guard).toContainText('Legacy is a production connection');
    await guard.getByLabel(/To go on anyway, type/).fill('Legacy');
    await guard.getByRole('button', { name: 'Drop user' }).click();
    await expect(app.getByText('temp was dropped.')).toBeVisible();
    expect(await showUsers(server)).toEqual({ admin: true });
  });

  test('a server in setup state is offered its first admin; the connection then logs in as it', async ({
    app,
    core,
  }) => {
    const server = await serve({ setup: true });
    const users = await connect(app, core, server, { username: 'ops', password: 'not-yet' });
    await expect(app.getByRole('heading', { name: 'This server has no user yet' })).toBeVisible();
    await users.shot('setup');
    await app.getByLabel('Admin name').fill('ops');
    await app.getByRole('button', { name: 'Create the first admin' }).click();
    const password = await users.takePassword();
    expect(await showUsers({ ...server, query: (q) => server.query(q, { username: 'ops', password }) })).toEqual({
      ops: true,
    });
    await expect(users.row('ops')).toContainText('this connection');
  });

  test('authentication off is said loudly', async ({ app, core }) => {
    const server = await serve({ authDisabled: true });
    await connect(app, core, server, { username: 'anyone', password: 'anything' });
    await expect(app.getByRole('alert').filter({ hasText: 'Authentication is off on this server.' })).toBeVisible();
  });

  test('a non-admin connection says it cannot manage users and which databases it may use', async ({ app, core }) => {
    const server = await serve();
    await server.query(`CREATE DATABASE "telemetry"; CREATE USER "bob" WITH PASSWORD 'bob-pass-1'`);
    await server.query('GRANT READ ON "telemetry" TO "bob"');
    await connect(app, core, server, { username: 'bob', password: 'bob-pass-1' });
    await expect(app.getByRole('heading', { name: 'bob is not an admin' })).toBeVisible();
    await expect(app.getByText('This user may use: telemetry.')).toBeVisible();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe in the ${scheme} theme: list, create dialog, user detail, reveal`, async ({ app, core }) => {
      await app.emulateMedia({ colorScheme: scheme });
      const server = await serve();
      await server.query('CREATE DATABASE "telemetry"');
      const users = await connect(app, core, server);
      await expect(users.table).toBeVisible();
      await audit(app, 'influx1 list');
      await app.getByRole('button', { name: 'Create user…' }).click();
      await audit(app, 'influx1 create');
      await users.createDialog.getByLabel('Name').fill('axe');
      await users.createDialog.getByRole('button', { name: 'Create user', exact: true }).click();
      await expect(users.reveal).toBeVisible();
      await audit(app, 'influx1 reveal');
      await users.takePassword();
      await users.open('axe');
      await audit(app, 'influx1 detail');
      await users.shot(`detail ${scheme}`);
    });
  }
});
