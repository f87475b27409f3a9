import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import type { TestCore } from '../support/test-core';
import { expect, test } from './fixtures';

/** Saves a connection in main (as the form would) and opens the app on its tokens. */
async function connect(app: Page, core: TestCore, influx: Emulator, token = influx.operatorToken, timeout = 5000) {
  await core.profiles.save({
    name: `Emulator ${influx.mode}`, url: influx.url, token, rememberToken: true, org: null,
    environment: { label: 'staging', colour: 'orange' }, timeoutMs: 10_000, tls: { caFile: null, skipVerify: false },
  });
  await app.reload();
  await expect(app.getByRole('table', { name: 'Tokens' })).toBeVisible({ timeout });
}

const table = (app: Page) => app.getByRole('table', { name: 'Tokens' });
const row = (app: Page, description: string) => table(app).getByRole('row').filter({ has: app.getByRole('button', { name: description, exact: true }) });
const shot = (app: Page, name: string) => app.screenshot({ path: `test-results/screenshots/tokens - ${name}.png` });

test.describe('tokens on OSS 2.9', () => {
  test('lists every visible token with kind, owner and vault column; searches, filters and sorts', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await expect(app.getByText('Showing 12 of 12 tokens')).toBeVisible();
    await expect(row(app, "admin's Token")).toContainText('Operator');
    await expect(row(app, "alice's all-access token")).toContainText('All access');
    await expect(row(app, 'Reports (research)')).toContainText('Read 1 bucket · Write 1 bucket');
    await expect(row(app, 'Reports (research)')).toContainText('research');
    await shot(app, 'list');

    await app.getByRole('searchbox', { name: 'Search tokens' }).fill('sensors');
    await expect(app.getByText('Showing 3 of 12 tokens')).toBeVisible();
    await app.getByRole('searchbox', { name: 'Search tokens' }).fill('météo');
    await expect(table(app).getByRole('button', { name: 'Capteur météo 🌡️ – écriture', exact: true })).toBeVisible();
    await app.getByRole('searchbox', { name: 'Search tokens' }).press('Escape');
    await app.getByLabel('Status').selectOption('inactive');
    await expect(app.getByText('Showing 2 of 12 tokens')).toBeVisible();
    await app.getByLabel('Status').selectOption('all');
    await app.getByLabel('Can write bucket').selectOption({ label: 'sensors' });
    // Direct writers of sensors, plus tokens writing every bucket of ops (operator, all-access).
    await expect(table(app).getByRole('button', { name: 'Sensors writer', exact: true })).toBeVisible();
    await expect(table(app).getByRole('button', { name: 'Grafana read-only', exact: true })).toHaveCount(0);
    await app.getByLabel('Can write bucket').selectOption('');
    await app.getByLabel('User').selectOption({ label: 'bob' });
    await expect(app.getByText('Showing 4 of 12 tokens')).toBeVisible();
    await app.getByLabel('User').selectOption({ label: 'Anyone' });

    await table(app).getByRole('button', { name: /^Description/ }).click();
    await expect(table(app).getByRole('columnheader', { name: /Description/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table(app).getByRole('row').nth(1)).toContainText('(no description)');
    await expect(table(app).getByRole('row').nth(2)).toContainText("admin's Token");
    await table(app).getByRole('button', { name: /^Status/ }).click();
    await expect(table(app).getByRole('row').nth(1)).toContainText('Active');
  });

  test('generates a read/write token: the value is shown once, copied, and already in the vault', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await app.getByRole('button', { name: 'Generate token…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Generate an API token' });
    await expect(dialog.getByRole('button', { name: 'Generate', exact: true })).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByRole('checkbox', { name: 'Write logs' }).check();
    await dialog.getByLabel('Description').fill('Edge gateway');
    await shot(app, 'generate read-write');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();

    const reveal = app.getByRole('dialog', { name: 'Copy your new API token' });
    await expect(reveal).toContainText("You won't be able to see it again!");
    await expect(reveal.getByRole('note')).toContainText("Saved in Token Desk's vault");
    const value = await reveal.getByLabel('Token value for “Edge gateway”').inputValue();
    expect(value).toMatch(/^[A-Za-z0-9_-]{86}==$/);
    await shot(app, 'reveal');
    await reveal.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(reveal.getByRole('status')).toHaveText('Copied. The clipboard will be cleared in 30 seconds.');
    expect(core.clipboard).toMatchObject({ text: value, concealed: true });
    await reveal.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(row(app, 'Edge gateway')).toContainText('In vault');
    await expect(row(app, 'Edge gateway')).toContainText('Read 1 bucket · Write 1 bucket');
    const entry = (await core.vault.list()).find((e) => e.description === 'Edge gateway')!;
    expect(await core.vault.reveal(entry.id)).toBe(value);
  });

  test('generates all-access, operator and custom tokens', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    const generate = async (kind: string, setup: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await app.getByRole('button', { name: 'Generate token…', exact: true }).click();
      const dialog = app.getByRole('dialog', { name: 'Generate an API token' });
      await dialog.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
      await setup(dialog);
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      await app.getByRole('dialog', { name: 'Copy your new API token' }).getByRole('button', { name: 'Done', exact: true }).click();
    };
    await generate('All access', async (dialog) => {
      await expect(dialog.getByRole('note')).toContainText('anything in the organization ops');
      await shot(app, 'generate all access');
      await dialog.getByLabel('Description').fill('Full ops access');
    });
    await expect(row(app, 'Full ops access')).toContainText('All access');
    await generate('Operator', async (dialog) => {
      await expect(dialog.getByRole('note')).toContainText('in every organization');
      await dialog.getByLabel('Description').fill('Second operator');
    });
    await expect(row(app, 'Second operator')).toContainText('Operator');
    await generate('Custom', async (dialog) => {
      await expect(dialog.getByRole('button', { name: 'Generate', exact: true })).toBeDisabled();
      await dialog.getByLabel('Filter resources').fill('dash');
      await expect(dialog.getByRole('group', { name: 'Permissions' })).not.toContainText('telegrafs');
      await dialog.getByRole('checkbox', { name: 'Write all dashboards' }).check();
      await dialog.getByLabel('Filter resources').fill('host');
      await dialog.getByText('Single telegrafs').click();
      await dialog.getByRole('checkbox', { name: 'Read telegrafs host-metrics' }).check();
      await shot(app, 'generate custom');
    });
    // Blank description: InfluxDB's UI rule names up to two permissions.
    await expect(row(app, 'Write dashboards Read telegrafs host-metrics')).toContainText('Custom: 2 permissions');
  });

  test('inspects a token: names, a deleted bucket, CLI and curl equivalents; edits and deactivates it', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await table(app).getByRole('button', { name: 'Legacy exporter', exact: true }).click();
    const detail = app.getByRole('dialog', { name: 'Legacy exporter' });
    await expect(detail.getByRole('row', { name: /buckets: deleted resource/ })).toBeVisible();
    await expect(detail).toContainText('influx auth create');
    await expect(detail).toContainText('--read-bucket');
    await expect(detail).toContainText('$INFLUX_TOKEN');
    await shot(app, 'detail');
    await detail.getByRole('button', { name: 'Copy CLI command', exact: true }).click();
    expect(core.clipboard.text).toMatch(/^influx auth create/);
    expect(core.clipboard.concealed).toBe(false);

    await detail.getByRole('button', { name: 'Edit description', exact: true }).click();
    await detail.getByLabel('Description', { exact: true }).fill('Exporteur hérité ✓');
    await detail.getByRole('button', { name: 'Save description', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Exporteur hérité ✓' })).toBeVisible();
    await app.getByRole('dialog', { name: 'Exporteur hérité ✓' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Exporteur hérité ✓' }).getByRole('button', { name: 'Activate', exact: true })).toBeVisible();
    await app.getByRole('dialog', { name: 'Exporteur hérité ✓' }).getByRole('button', { name: 'Close', exact: true }).click();
    await expect(row(app, 'Exporteur hérité ✓')).toContainText('Inactive');
    expect(influx.state.authorizations.get(influx.seed.tokens['legacyExporter']!.id)).toMatchObject({ description: 'Exporteur hérité ✓', status: 'inactive' });
  });

  test('clones, rotates and deletes from the detail view', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await table(app).getByRole('button', { name: 'Task runner', exact: true }).click();
    await app.getByRole('dialog', { name: 'Task runner' }).getByRole('button', { name: 'Clone', exact: true }).click();
    await app.getByRole('dialog', { name: 'Copy your new API token' }).getByRole('button', { name: 'Done', exact: true }).click();
    await expect(table(app).getByRole('button', { name: /^Task runner \(cloned at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/ })).toBeVisible();

    await table(app).getByRole('button', { name: 'Task runner', exact: true }).click();
    await app.getByRole('dialog', { name: 'Task runner' }).getByRole('button', { name: 'Rotate…', exact: true }).click();
    const rotated = app.getByRole('dialog', { name: 'Token rotated: copy the new value' });
    await expect(rotated.getByRole('group', { name: 'The old token “Task runner” still works' })).toBeVisible();
    await shot(app, 'rotate');
    await rotated.getByRole('button', { name: 'Deactivate old token', exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'The old token was deactivated.' })).toBeVisible();
    expect(influx.state.authorizations.get(influx.seed.tokens['taskRunner']!.id)?.status).toBe('inactive');
    const rotatedEntry = (await core.vault.list()).find((e) => e.source.kind === 'rotated')!;
    expect(rotatedEntry.source).toEqual({ kind: 'rotated', from: influx.seed.tokens['taskRunner']!.id });

    await table(app).getByRole('button', { name: 'Old CI token', exact: true }).click();
    await app.getByRole('dialog', { name: 'Old CI token' }).getByRole('button', { name: 'Delete…', exact: true }).click();
    const confirm = app.getByRole('dialog', { name: 'Delete “Old CI token”?' });
    await shot(app, 'delete confirmation');
    await confirm.getByRole('button', { name: 'Delete token', exact: true }).click();
    await expect(table(app).getByRole('button', { name: 'Old CI token', exact: true })).toHaveCount(0);
    expect(influx.state.authorizations.has(influx.seed.tokens['oldCi']!.id)).toBe(false);
  });

  test('bulk actions show progress and a result for each token, some of which fail', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    for (const name of ['Sensors writer', 'Grafana read-only', 'Telegraf host-metrics']) {
      await row(app, name).getByRole('checkbox').check();
    }
    await expect(app.getByRole('toolbar', { name: 'Selected tokens' })).toContainText('3 selected');
    // Deleted on the server behind the app's back: that one must fail, the others succeed.
    influx.state.removeAuthorization(influx.seed.tokens['grafana']!.id);
    await app.getByRole('toolbar', { name: 'Selected tokens' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(app.getByText('2 of 3 done, 1 failed:')).toBeVisible();
    await expect(app.getByRole('listitem').filter({ hasText: 'Grafana read-only' })).toContainText('deleted meanwhile');
    await expect(app.getByRole('progressbar')).toHaveAttribute('value', '3');
    await shot(app, 'bulk result');
    expect(influx.state.authorizations.get(influx.seed.tokens['sensorsWriter']!.id)?.status).toBe('inactive');
    expect(influx.state.authorizations.get(influx.seed.tokens['telegraf']!.id)?.status).toBe('inactive');
  });

  test('the sidebar follows the last real answer: a token deactivated behind the app shows as a problem, and recovers', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    const status = app.getByRole('navigation', { name: 'Main' }).getByText('Connected', { exact: true });
    await expect(status).toBeVisible();
    const own = influx.state.findByToken(influx.operatorToken)!;
    own.status = 'inactive';
    await app.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(app.getByRole('navigation', { name: 'Main' }).getByText('Problem', { exact: true })).toBeVisible();
    await expect(app.getByRole('alert')).toContainText('This token has been deactivated in InfluxDB.');
    expect(core.events.at(-1)).toMatchObject({ kind: 'connection-state', state: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    own.status = 'active';
    await app.getByRole('button', { name: /^Emulator oss-2\.9/ }).click();
    await expect(status).toBeVisible();
    await expect(table(app)).toBeVisible();
  });

  test('renames a token inline, with Enter to save and Escape to cancel', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await row(app, 'Grafana read-only').getByRole('button', { name: 'Rename Grafana read-only', exact: true }).click();
    const editor = table(app).getByRole('textbox', { name: 'New description for Grafana read-only' });
    await expect(editor).toBeFocused();
    await editor.fill('Grafana (nicht löschen)');
    await editor.press('Enter');
    await expect(row(app, 'Grafana (nicht löschen)')).toBeVisible();
    expect(influx.state.authorizations.get(influx.seed.tokens['grafana']!.id)?.description).toBe('Grafana (nicht löschen)');
    await row(app, 'Grafana (nicht löschen)').getByRole('button', { name: 'Rename Grafana (nicht löschen)', exact: true }).click();
    await table(app).getByRole('textbox').fill('never saved');
    await table(app).getByRole('textbox').press('Escape');
    await expect(row(app, 'Grafana (nicht löschen)')).toBeVisible();
  });

  test('works from the keyboard: Ctrl+F searches, Escape clears, Ctrl+G generates, Escape closes', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    await app.keyboard.press('Control+f');
    await expect(app.getByRole('searchbox', { name: 'Search tokens' })).toBeFocused();
    await app.keyboard.type('grafana');
    await expect(app.getByText('Showing 1 of 12 tokens')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByText('Showing 12 of 12 tokens')).toBeVisible();
    await app.keyboard.press('Control+g');
    const dialog = app.getByRole('dialog', { name: 'Generate an API token' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /^Read\/Write/ })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await app.keyboard.press('Control+n');
    await expect(app.getByRole('heading', { name: 'Add a connection' })).toBeVisible();
  });

  test('says when a token was deleted meanwhile and refreshes the list', async ({ app, core, influx }) => {
    await connect(app, core, influx);
    influx.state.removeAuthorization(influx.seed.tokens['blank']!.id);
    await table(app).getByRole('button', { name: '(no description)', exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'deleted meanwhile' })).toBeVisible();
    await expect(app.getByText('Showing 11 of 11 tokens')).toBeVisible();
  });
});

test.describe('a connection with an all-access token', () => {
  test('cannot offer operator tokens, and is told up front what it cannot grant', async ({ app, core, influx }) => {
    await connect(app, core, influx, influx.seed.tokens['aliceAllAccess']!.token);
    await app.getByRole('button', { name: 'Generate token…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Generate an API token' });
    await expect(dialog.getByRole('radio', { name: /^Operator/ })).toBeDisabled();
    await dialog.getByRole('radio', { name: /^Custom/ }).check();
    await dialog.getByRole('checkbox', { name: 'Write all orgs' }).check();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/does not hold write:orgs, so it cannot grant it/);
    await shot(app, 'escalation refused');
  });
});

test.describe('tokens on Cloud', () => {
  test.use({ influxMode: 'cloud' });

  test('generates without an operator choice; values read back as redacted never reach the page', async ({ app, core, influx, received }) => {
    await connect(app, core, influx);
    await app.getByRole('button', { name: 'Generate token…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Generate an API token' });
    await expect(dialog.getByRole('radio', { name: /^Operator/ })).toHaveCount(0);
    await dialog.getByRole('radio', { name: /^All access/ }).check();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Copy your new API token' })).toBeVisible();
    for (const auth of influx.state.authorizations.values()) {
      const times = received.join('\n').split(auth.token).length - 1;
      expect(times, auth.description).toBeLessThanOrEqual(1);
    }
  });
});

test.describe('tokens on OSS 2.7', () => {
  test.use({ influxMode: 'oss-2.7' });

  test('plaintext values on the server never reach the page except at creation', async ({ app, core, influx, received }) => {
    await connect(app, core, influx);
    await table(app).getByRole('button', { name: 'Sensors writer', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Sensors writer' })).toContainText('influx auth create');
    for (const auth of influx.state.authorizations.values()) expect(received.join('\n')).not.toContain(auth.token);
  });
});

test.describe('10,000 tokens', () => {
  test('render only the visible rows, scroll to the end and filter', async ({ app, core }) => {
    const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:10000' });
    try {
      // 6 MB of tokens cross Playwright's binding here (slower than Electron's IPC): `npm run bench` has the figures.
      const started = Date.now();
      await connect(app, core, influx, influx.operatorToken, 30_000);
      console.log(`10,000 tokens listed and rendered in the browser harness in ${Date.now() - started} ms`);
      await expect(app.getByText('Showing 10,001 of 10,001 tokens')).toBeVisible();
      const rendered = await table(app).getByRole('row').count();
      expect(rendered).toBeLessThan(60);
      await expect(table(app)).toHaveAttribute('aria-rowcount', '10002');
      const body = table(app).getByRole('rowgroup');
      await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(table(app).getByRole('row').last()).toHaveAttribute('aria-rowindex', '10002');
      await shot(app, '10000 scrolled');
      await app.getByRole('searchbox', { name: 'Search tokens' }).fill('scale token 9999 ');
      await expect(app.getByText('Showing 1 of 10,001 tokens')).toBeVisible();
      await app.getByRole('searchbox', { name: 'Search tokens' }).fill('bucket-07');
      await expect(app.getByText(/^Showing [1-9][\d,]* of 10,001 tokens$/)).toBeVisible();
    } finally {
      await influx.close();
    }
  });
});
