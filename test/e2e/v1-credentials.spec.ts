/**
 * v1-compatibility credentials, as an admin uses them: the list with 1.x database names, create
 * (password saved to the vault, shown once), new password, check, copy, activate/deactivate,
 * describe, delete in bulk; every outcome checked on the server, as a 1.x client would log in.
 */
import type { Locator } from '@playwright/test';
import { dayOf } from '$contract/review';
import type { Emulator } from '../emulator/index';
import { audit } from './audit';
import { expect, test } from './fixtures';

const logsIn = async (influx: Emulator, username: string, password: string) =>
  (
    await fetch(
      `${influx.url}/query?u=${encodeURIComponent(username)}&p=${encodeURIComponent(password)}&q=SHOW%20DATABASES`,
    )
  ).status === 200;
const checked = (detail: Locator) =>
  detail.getByRole('region', { name: 'Check it as a 1.x client' }).getByRole('status');
const bucketId = (influx: Emulator, name: string) =>
  [...influx.state.buckets.values()].find((b) => b.name === name)!.id;

test.describe('v1 credentials', () => {
  test('lists each with its buckets and 1.x database names; searches, filters and sorts', async ({
    app,
    connect,
    v1,
  }) => {
    await connect();
    await v1.openTab();
    await expect(v1.row('grafana')).toContainText('telegraf, sensors');
    await expect(v1.row('grafana')).toContainText('weather');
    await expect(v1.row('collectd')).toContainText('Inactive');
    await expect(app.getByText('Showing 3 of 3 v1 credentials')).toBeVisible();
    await v1.shot('list');
    // sensors is database "weather" to 1.x clients: both credentials on sensors are found by it.
    await app.getByRole('searchbox', { name: 'Search v1 credentials' }).fill('weather');
    await expect(app.getByText('Showing 2 of 3 v1 credentials')).toBeVisible();
    await app.getByRole('searchbox', { name: 'Search v1 credentials' }).fill('collectd bridge');
    await expect(app.getByText('Showing 1 of 3 v1 credentials')).toBeVisible();
    await app.getByRole('searchbox', { name: 'Search v1 credentials' }).fill('');
    await app.getByLabel('Status').selectOption('inactive');
    await expect(v1.table.getByRole('row')).toHaveCount(2);
    await app.getByLabel('Status').selectOption('all');
    await app.getByLabel('Bucket').selectOption({ label: 'logs' });
    await expect(v1.row('collectd')).toBeVisible();
    await expect(app.getByText('Showing 1 of 3 v1 credentials')).toBeVisible();
    await app.getByLabel('Bucket').selectOption({ label: 'Any' });
    await v1.table.getByRole('button', { name: /^Username/ }).click();
    await expect(v1.table.getByRole('row').nth(1)).toContainText('grafana');
  });

  test('creates one for chosen buckets, with a DBRP mapping, its generated password in the vault before it is shown once', async ({
    app,
    core,
    influx,
    connect,
    received,
    v1,
    vault,
  }) => {
    const { id } = await connect();
    await v1.openTab();
    await app.getByRole('button', { name: 'Create v1 credential…', exact: true }).click();
    const dialog = v1.createDialog;
    await dialog.getByLabel('Username').fill('svc-dashboards');
    await dialog.getByLabel('Description').fill('Grafana (production)');
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByRole('checkbox', { name: 'Write logs' }).check();
    // Laid out as Generate's: a Read and a Write column side by side, each bucket with its 1.x names; a
    // v1 credential names its buckets, so there is no "All buckets".
    const [readSide, writeSide] = [
      dialog.getByRole('group', { name: 'Read' }),
      dialog.getByRole('group', { name: 'Write' }),
    ];
    await expect(readSide.getByRole('checkbox', { name: 'Read sensors' })).toBeChecked();
    await expect(writeSide).toContainText('sensors as sensors/autogen (automatic), weather/autogen');
    const [readBox, writeBox] = [await readSide.boundingBox(), await writeSide.boundingBox()];
    expect(writeBox!.y).toBe(readBox!.y);
    expect(writeBox!.x).toBeGreaterThan(readBox!.x + readBox!.width - 1);
    await expect(dialog.getByRole('checkbox', { name: 'All buckets' })).toHaveCount(0);
    // sensors has a mapping of its own (weather); logs only InfluxDB's automatic one: a mapping is offered.
    await expect(dialog.getByRole('button', { name: 'Add a mapping for sensors…' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Add a mapping for logs…' }).click();
    const mapping = dialog.getByRole('group', { name: 'New DBRP mapping for logs' });
    await mapping.getByRole('textbox', { name: 'Database' }).fill('syslog');
    await v1.shot('create dialog');
    await mapping.getByRole('button', { name: 'Add mapping', exact: true }).click();
    await expect(writeSide.getByText('syslog/autogen')).toBeVisible();
    expect([...influx.state.dbrps.values()].find((d) => d.database === 'syslog')).toMatchObject({
      bucketID: bucketId(influx, 'logs'),
      retention_policy: 'autogen',
      default: true,
    });

    await dialog.getByRole('button', { name: 'Create credential', exact: true }).click();
    await expect(v1.reveal).toContainText('Token Desk keeps it in its vault');
    await v1.shot('password reveal');
    const password = await v1.takePassword();
    const stored = influx.state.findLegacyByUsername('svc-dashboards')!;
    expect(stored).toMatchObject({ description: 'Grafana (production)', status: 'active' });
    expect(stored.permissions.map((p) => `${p.action}:${p.resource.id}`)).toEqual([
      `read:${bucketId(influx, 'sensors')}`,
      `write:${bucketId(influx, 'logs')}`,
    ]);
    expect(await logsIn(influx, 'svc-dashboards', password)).toBe(true);
    await expect(v1.row('svc-dashboards')).toContainText('Saved');
    // It writes (logs): a review date from the policy (90 days), kept beside the connection's token dates.
    const in90 = new Date();
    in90.setDate(in90.getDate() + 90);
    expect(core.profiles.reviewsOf(id)[`v1:${stored.id}`]).toBe(dayOf(in90));
    await expect(v1.row('svc-dashboards')).toContainText(
      in90.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' }),
    );
    // The password crossed to the page once: in the answer that set it.
    expect(received.filter((r) => r.includes(password))).toHaveLength(1);

    await vault.open();
    const entry = vault.entry('Grafana (production)');
    await expect(entry).toContainText('v1 credential password · username svc-dashboards');
    await app.getByLabel('Kind').selectOption('v1-password');
    await expect(app.getByText('1 of 1 values')).toBeVisible();
    influx.state.legacyAuthorizations.delete(stored.id);
    await app.getByRole('button', { name: 'Check against servers', exact: true }).click();
    await expect(entry).toContainText('Deleted on the server');
  });

  test('says why a username or password cannot be used, and leaves nothing on the server', async ({
    app,
    influx,
    connect,
    v1,
  }) => {
    await connect();
    await v1.openTab();
    await app.getByRole('button', { name: 'Create v1 credential…', exact: true }).click();
    const dialog = v1.createDialog;
    await dialog.getByLabel('Username').fill('grafana');
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByRole('button', { name: 'Create credential', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('“grafana” is taken on this server');
    await dialog.getByLabel('Username').fill('svc:bad');
    await dialog.getByLabel('Username').blur();
    await expect(dialog.getByText(/cannot contain “:”/)).toBeVisible();
    await dialog.getByLabel('Username').fill('svc-typed');
    await dialog.getByRole('radio', { name: 'Type a password' }).check();
    await dialog.getByLabel('New password').fill('short');
    await expect(dialog.getByRole('alert')).toContainText('8 to 72 bytes; this one has 5');
    await expect(dialog.getByRole('button', { name: 'Create credential', exact: true })).toBeDisabled();
    await v1.shot('create refused');
    // A server with --strong-passwords refuses what passes the length rule: nothing is left half-made.
    influx.state.strongPasswords = true;
    await dialog.getByLabel('New password').fill('alllowercase');
    await dialog.getByRole('button', { name: 'Create credential', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('deleted again; nothing was left behind');
    await expect(dialog.getByRole('alert')).toContainText('three of the following character types');
    expect(influx.state.findLegacyByUsername('svc-typed')).toBeUndefined();
    expect([...influx.state.legacyAuthorizations.values()]).toHaveLength(3);
  });

  test('sets a new password, checks it as a 1.x client, deactivates, describes and copies it', async ({
    app,
    core,
    influx,
    connect,
    v1,
  }) => {
    const { id } = await connect();
    await v1.openTab();
    let detail = await v1.open('grafana');
    // A bucket's 1.x database names read as words (they ran into the name: "sensorsas weather").
    await expect(
      detail
        .getByRole('listitem')
        .filter({ hasText: /^sensors/ })
        .first(),
    ).toHaveText('sensors as sensors/autogen, weather/autogen');
    // Its password is not in the vault yet: the check asks for one.
    await detail.getByLabel('Password to check').fill('grafana-reads-1');
    await detail.getByRole('button', { name: 'Check credential', exact: true }).click();
    await expect(checked(detail)).toContainText('Works: InfluxDB let “grafana” in');
    await expect(detail.getByRole('button', { name: 'Copy with password' })).toBeDisabled();
    await detail.getByRole('button', { name: 'Set a new password…' }).click();
    await detail.getByRole('button', { name: 'Set password', exact: true }).click();
    const password = await v1.takePassword();
    expect(await logsIn(influx, 'grafana', password)).toBe(true);
    expect(await logsIn(influx, 'grafana', 'grafana-reads-1')).toBe(false);

    detail = await v1.open('grafana');
    // The detail copies and reveals the vault's password, as a token's detail does its value.
    await detail.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(detail.getByLabel('Value of this v1 credential')).toHaveText(password);
    await detail.getByRole('button', { name: 'Hide', exact: true }).click();
    // Reviewed today: it only reads, and the policy sets no date for readers, so 90 days.
    await detail.getByRole('button', { name: 'Reviewed: next review in 90 days', exact: true }).click();
    await expect(detail).toContainText('Review in 90 days.');
    const grafanaId = influx.seed.v1['grafana']!.auth.id;
    const in90 = new Date();
    in90.setDate(in90.getDate() + 90);
    expect(core.profiles.reviewsOf(id)[`v1:${grafanaId}`]).toBe(dayOf(in90));
    await detail.getByRole('button', { name: 'Check credential', exact: true }).click();
    await expect(checked(detail)).toContainText('databases: telegraf, sensors, weather');
    await detail.getByLabel('Form').selectOption('grafana');
    await detail.getByLabel('Database').selectOption('weather');
    await expect(detail.getByLabel('Snippet')).toContainText('password: "<password>"');
    await detail.getByRole('button', { name: 'Copy with password' }).click();
    await expect(detail.getByText(/Copied with the password/)).toBeVisible();
    expect(core.clipboard).toMatchObject({ concealed: true });
    expect(core.clipboard.text).toContain(`password: ${JSON.stringify(password)}`);
    expect(core.clipboard.text).toContain('dbName: "weather"');
    await v1.shot('detail');

    await detail.getByLabel('Description').fill('Grafana, read only');
    await detail.getByRole('button', { name: 'Save description', exact: true }).click();
    await expect(v1.row('grafana')).toContainText('Grafana, read only');
    expect(influx.seed.v1['grafana']!.auth.description).toBe('Grafana, read only');
    await detail.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(detail.getByRole('button', { name: 'Activate', exact: true })).toBeVisible();
    expect(influx.seed.v1['grafana']!.auth.status).toBe('inactive');
    expect(await logsIn(influx, 'grafana', password)).toBe(false);
    await detail.getByRole('button', { name: 'Check credential', exact: true }).click();
    await expect(checked(detail)).toContainText('“grafana” is inactive');
  });

  test('gives a selection one review date in one save, shown in the list and counted in the sidebar', async ({
    app,
    core,
    influx,
    connect,
    tokens,
    v1,
  }) => {
    const { id } = await connect();
    await v1.openTab();
    await v1.row('alice').getByRole('checkbox').check();
    await v1.row('collectd').getByRole('checkbox').check();
    const bar = app.getByRole('toolbar', { name: 'Selected credentials' });
    await bar.getByRole('button', { name: 'Set review date…', exact: true }).click();
    await bar.getByLabel('Review by').fill('2026-01-01');
    await bar.getByRole('button', { name: 'Set for the 2', exact: true }).click();
    await expect(app.getByText('Review date Jan 1, 2026 set on 2 credentials.')).toBeVisible();
    const reviews = core.profiles.reviewsOf(id);
    for (const key of ['upgraded', 'collectd'] as const)
      expect(reviews[`v1:${influx.seed.v1[key]!.auth.id}`]).toBe('2026-01-01');
    await expect(v1.row('alice').locator('.badge-due')).toHaveText(/^due \d+ days ago$/);
    await expect(tokens.status('2 due for review')).toBeVisible();
  });

  test('deletes a selection with a result for each, naming the connection', async ({ app, influx, connect, v1 }) => {
    await connect();
    await v1.openTab();
    await v1.row('alice').getByRole('checkbox').check();
    await v1.row('collectd').getByRole('checkbox').check();
    await app.getByRole('toolbar', { name: 'Selected credentials' }).getByRole('button', { name: 'Delete…' }).click();
    const confirm = app.getByRole('dialog', { name: 'Delete 2 v1 credentials?' });
    await expect(confirm).toContainText('On Staging (staging)');
    await expect(confirm.getByRole('listitem')).toHaveText([
      "alice — alice's Legacy Token",
      'collectd — Old collectd bridge',
    ]);
    await v1.shot('delete confirm');
    // One of the two fails on the server: the other is still deleted, and the failure is named.
    influx.faults.add({
      method: 'DELETE',
      path: `/private/legacy/authorizations/${influx.seed.v1['collectd']!.auth.id}`,
      fault: { kind: 'status', status: 500 },
      times: 1,
    });
    await confirm.getByRole('button', { name: 'Delete 2 credentials', exact: true }).click();
    await expect(app.getByText('1 of 2 done, 1 failed:')).toBeVisible();
    await expect(app.getByRole('listitem').filter({ hasText: 'collectd' })).toContainText('HTTP 500');
    expect(influx.state.legacyAuthorizations.has(influx.seed.v1['upgraded']!.auth.id)).toBe(false);
    expect(influx.state.legacyAuthorizations.has(influx.seed.v1['collectd']!.auth.id)).toBe(true);
    expect(await logsIn(influx, 'alice', 'alice-from-1x')).toBe(false);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe in the ${scheme} theme: list, create, reveal, detail`, async ({ app, connect, v1 }) => {
      test.setTimeout(90_000);
      await app.emulateMedia({ colorScheme: scheme });
      await connect();
      await v1.openTab();
      await expect(v1.table).toBeVisible();
      await audit(app, 'v1 list');
      await app.getByRole('button', { name: 'Create v1 credential…', exact: true }).click();
      await v1.createDialog.getByLabel('Username').fill('svc-axe');
      await v1.createDialog.getByRole('checkbox', { name: 'Read logs' }).check();
      await audit(app, 'v1 create');
      await v1.createDialog.getByRole('button', { name: 'Create credential', exact: true }).click();
      await expect(v1.reveal).toBeVisible();
      await audit(app, 'v1 reveal');
      await v1.takePassword();
      const detail = await v1.open('svc-axe');
      await detail.getByRole('button', { name: 'Check credential', exact: true }).click();
      await expect(checked(detail)).toContainText('Works');
      await audit(app, 'v1 detail');
      await v1.shot(`detail ${scheme}`);
    });
  }
});

test.describe('v1 credentials on Cloud', () => {
  test.use({ influxMode: 'cloud' });

  test('has no v1 tab; the Connection tab says plainly there are none, and what 1.x clients use instead', async ({
    app,
    influx,
    connect,
    v1,
  }) => {
    await connect();
    await expect(app.getByRole('tab', { name: 'Tokens' })).toBeVisible();
    await expect(app.getByRole('tab', { name: 'v1 credentials' })).toHaveCount(0);
    await app.getByRole('tab', { name: 'Connection' }).click();
    const card = app.getByRole('region', { name: 'InfluxDB Cloud has no v1 credentials' });
    await expect(card).toContainText("account's email address as the username and an API token as the password");
    await v1.shot('cloud');
    expect(influx.requests.filter((r) => r.line.includes('/private/'))).toEqual([]);
  });
});
