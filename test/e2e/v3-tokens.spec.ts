/**
 * InfluxDB 3 Core and Enterprise tokens in the same desk: list, create (admin; Enterprise database
 * and system tokens), regenerate the operator token, rotate, delete, the first `_admin` of a new
 * server; every outcome checked on the server through the emulator.
 */
import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/index';
import { audit } from './audit';
import { expect, test } from './fixtures';

const pingWith = async (influx: Emulator, token: string) =>
  (await fetch(`${influx.url}/ping`, { headers: { Authorization: `Bearer ${token}` } })).status;
const table = (app: Page) => app.getByRole('table', { name: 'Tokens' });
/** A token's row, by the name its selection box carries (other cells may name it too, as its maker). */
const row = (app: Page, name: string) =>
  table(app)
    .getByRole('row')
    .filter({ has: app.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });

for (const mode of ['v3-core', 'v3-enterprise'] as const) {
  test.describe(`InfluxDB 3 (${mode})`, () => {
    test.use({ influxMode: mode });

    test('lists the tokens with kind, expiry and vault; filters expired ones', async ({ app, connect, tokens }) => {
      await connect();
      await expect(row(app, '_admin')).toContainText('this connection');
      await expect(row(app, '_admin')).toContainText('never expires');
      await expect(row(app, 'old-ci')).toContainText(/expired \d+ days ago/);
      await expect(row(app, 'ci')).toContainText(/expires in 3\d days/);
      // At 1200 px the Actions column is in view without scrolling sideways.
      await expect(row(app, 'ci').getByRole('button', { name: 'Delete ci…', exact: true })).toBeInViewport({
        ratio: 1,
      });
      await tokens.shot(`v3 list ${mode}`);
      await app.getByLabel('Expiry').selectOption('expired');
      await expect(table(app).getByRole('row')).toHaveCount(2);
      await app.getByLabel('Expiry').selectOption('any');
      // Tabs a product lacks are not shown; its Connection tab says why.
      await expect(app.getByRole('tab', { name: 'Users' })).toHaveCount(0);
      await app.getByRole('tab', { name: 'Connection' }).click();
      await expect(app.getByRole('heading', { name: 'InfluxDB 3 has no users' })).toBeVisible();
      await expect(app.getByRole('heading', { name: 'InfluxDB 3 has no v1 credentials' })).toBeVisible();
    });

    test('creates an admin token with an expiry: the string in the vault first, shown once, working', async ({
      app,
      influx,
      connect,
      tokens,
    }) => {
      await connect();
      await app.getByRole('button', { name: 'Create token…', exact: true }).click();
      const dialog = app.getByRole('dialog', { name: 'Create an InfluxDB 3 token' });
      await dialog.getByLabel('Name').fill('deploy');
      await dialog.getByLabel(/Expires after/).fill('30');
      await expect(dialog.getByLabel('influxdb3 command')).toContainText(
        "influxdb3 create token --admin --name 'deploy' --expiry 30d",
      );
      await tokens.shot(`v3 create ${mode}`);
      await dialog.getByRole('button', { name: 'Create token', exact: true }).click();
      const reveal = app.getByRole('dialog', { name: 'Copy your new token' });
      await expect(reveal).toContainText('Token Desk keeps it in its vault');
      const value = await reveal.getByLabel('Token string for “deploy”').inputValue();
      await reveal.getByRole('button', { name: 'Done', exact: true }).click();
      const stored = influx.state.v3.byName('deploy')!;
      expect(stored.expiry! - stored.createdAt).toBe(30 * 86_400_000);
      expect(await pingWith(influx, value)).toBe(200);
      await expect(row(app, 'deploy')).toContainText('Saved');
    });

    test('regenerates the operator token: the old string stops working, the connection follows', async ({
      app,
      influx,
      connect,
      tokens,
    }) => {
      await connect();
      const old = influx.operatorToken;
      await app.getByRole('button', { name: 'Regenerate operator token…', exact: true }).click();
      const confirm = app.getByRole('dialog', { name: 'Regenerate the operator token?' });
      await expect(confirm).toContainText('stops working at once');
      await expect(confirm).toContainText('Staging uses _admin: it takes the new string in the same step');
      await confirm.getByRole('button', { name: 'Regenerate _admin', exact: true }).click();
      const reveal = app.getByRole('dialog', { name: 'Operator token regenerated: copy the new string' });
      await expect(reveal).toContainText('it now uses the new string');
      const value = await reveal.getByLabel('Token string for “_admin”').inputValue();
      await tokens.shot(`v3 regenerated ${mode}`);
      await reveal.getByRole('button', { name: 'Done', exact: true }).click();
      expect(await pingWith(influx, old)).toBe(401);
      expect(await pingWith(influx, value)).toBe(200);
      await app.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect(row(app, '_admin')).toContainText('this connection');
      await expect(tokens.status('Connected')).toBeVisible();
    });

    test(
      'rotates a token (new string, same permissions and lifetime), then deletes the old one; deletes a ' +
        'selection with a result for each',
      async ({ app, influx, connect }) => {
        await connect();
        // Rotate asks first: nothing is made before the person says so.
        const before = influx.state.v3.tokens.size;
        await row(app, 'ci').getByRole('button', { name: 'Rotate ci…', exact: true }).click();
        const ask = app.getByRole('dialog', { name: 'Rotate “ci”?' });
        await expect(ask).toContainText('A new token with the same permissions');
        expect(influx.state.v3.tokens.size).toBe(before);
        await ask.getByRole('button', { name: 'Create the new token', exact: true }).click();
        const reveal = app.getByRole('dialog', { name: 'Token rotated: copy the new string' });
        await reveal.getByRole('button', { name: 'Delete old token', exact: true }).click();
        await expect.poll(() => influx.state.v3.byName('ci')).toBeUndefined();
        const rotated = [...influx.state.v3.tokens.values()].find((t) => t.name.startsWith('ci (rotated'))!;
        expect(rotated.expiry! - rotated.createdAt).toBe(32 * 86_400_000);
        await row(app, 'old-ci').getByRole('checkbox').check();
        await row(app, 'dashboards admin').getByRole('checkbox').check();
        await app
          .getByRole('toolbar', { name: 'Selected tokens' })
          .getByRole('button', { name: 'Delete…', exact: true })
          .click();
        const confirm = app.getByRole('dialog', { name: 'Delete 2 tokens?' });
        await expect(confirm).toContainText('On Staging (staging)');
        await confirm.getByRole('button', { name: 'Delete 2 tokens', exact: true }).click();
        await expect(app.getByText('2 of 2 done.')).toBeVisible();
        expect([influx.state.v3.byName('old-ci'), influx.state.v3.byName('dashboards admin')]).toEqual([
          undefined,
          undefined,
        ]);
        await expect(row(app, '_admin')).toContainText('Cannot be deleted');
      },
    );
  });
}

test.describe('InfluxDB 3 Enterprise resource tokens', () => {
  test.use({ influxMode: 'v3-enterprise' });

  test('creates a database token for chosen databases and a system token; its detail is complete', async ({
    app,
    core,
    influx,
    connect,
    tokens,
  }) => {
    await connect();
    await app.getByRole('button', { name: 'Create token…', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Create an InfluxDB 3 token' });
    await dialog.getByRole('radio', { name: /^Database/ }).check();
    await dialog.getByLabel('Name').fill('grafana-sensors');
    await dialog.getByRole('checkbox', { name: 'Read sensors' }).check();
    await dialog.getByRole('checkbox', { name: 'Read logs' }).check();
    await dialog.getByRole('checkbox', { name: 'Write logs' }).check();
    await dialog.getByLabel(/Expires after/).fill('7');
    await tokens.shot('v3 database token');
    await dialog.getByRole('button', { name: 'Create token', exact: true }).click();
    await app
      .getByRole('dialog', { name: 'Copy your new token' })
      .getByRole('button', { name: 'Done', exact: true })
      .click();
    expect(influx.state.v3.byName('grafana-sensors')?.permissions).toBe('db:logs:read,write;db:sensors:read');
    await expect(row(app, 'grafana-sensors')).toContainText('Read and write logs; Read sensors');

    // Its detail: every permission in full, the CLI and curl that make it, its string from the vault.
    await table(app).getByRole('button', { name: 'grafana-sensors', exact: true }).click();
    const detail = app.getByRole('dialog', { name: 'grafana-sensors' });
    const perms = detail.getByRole('region', { name: 'Permissions' }).getByRole('row');
    await expect(perms.nth(1)).toHaveText(/Databases\s*logs\s*Yes\s*Yes/);
    await expect(perms.nth(2)).toHaveText(/Databases\s*sensors\s*Yes\s*—/);
    await expect(detail).toContainText("--permission 'db:logs:read,write' --permission 'db:sensors:read'");
    await detail.getByRole('button', { name: 'Copy curl request', exact: true }).click();
    expect(core.clipboard.text).toContain('/api/v3/enterprise/configure/token');
    expect(core.clipboard.text).toContain('"resource_names":["logs"]');
    await detail.getByRole('button', { name: 'Reveal', exact: true }).click();
    const string = await detail.getByLabel('Value of this InfluxDB 3 token').textContent();
    expect(await pingWith(influx, string ?? '')).toBe(200);
    await tokens.shot('v3 token detail');
    // Rotate from the detail asks too; Cancel comes back to the detail, nothing made.
    const count = influx.state.v3.tokens.size;
    await detail.getByRole('button', { name: 'Rotate…', exact: true }).click();
    await app
      .getByRole('dialog', { name: 'Rotate “grafana-sensors”?' })
      .getByRole('button', { name: 'Cancel', exact: true })
      .click();
    await expect(detail).toBeVisible();
    expect(influx.state.v3.tokens.size).toBe(count);
    await detail.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(detail).toHaveCount(0);

    await app.getByRole('button', { name: 'Create token…', exact: true }).click();
    await dialog.getByRole('radio', { name: /^System/ }).check();
    await dialog.getByLabel('Name').fill('uptime');
    await dialog.getByRole('checkbox', { name: 'health' }).check();
    await dialog.getByRole('button', { name: 'Create token', exact: true }).click();
    await app
      .getByRole('dialog', { name: 'Copy your new token' })
      .getByRole('button', { name: 'Done', exact: true })
      .click();
    expect(influx.state.v3.byName('uptime')?.permissions).toBe('system:health:read');
  });
});

test.describe('a new InfluxDB 3 server', () => {
  test.use({ influxMode: 'v3-core', influxSeed: 'none' });

  test('is offered its first operator token, saved in the vault, which the connection then uses', async ({
    app,
    core,
    influx,
  }) => {
    await core.profiles.save({
      name: 'Staging',
      url: influx.url,
      token: 'none-yet',
      rememberToken: false,
      org: null,
      environment: { label: 'staging', colour: 'orange' },
      timeoutMs: 10_000,
      tls: { caFile: null, skipVerify: false },
    });
    await app.reload();
    await expect(app.getByRole('alert').filter({ hasText: 'InfluxDB 3 refused the token' })).toBeVisible();
    await app.getByRole('button', { name: 'Create the operator token (_admin)', exact: true }).click();
    const reveal = app.getByRole('dialog', { name: 'Operator token created: copy its string' });
    const value = await reveal.getByLabel('Token string for “_admin”').inputValue();
    await reveal.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(table(app)).toBeVisible();
    expect(await pingWith(influx, value)).toBe(200);
    expect((await core.vault.list()).map((e) => e.description)).toEqual(['_admin']);
  });
});

test.describe('InfluxDB 3 screens', () => {
  test.use({ influxMode: 'v3-enterprise' });
  for (const scheme of ['light', 'dark'] as const) {
    test(`pass axe in the ${scheme} theme: list, create, detail, regenerate`, async ({ app, connect }) => {
      test.setTimeout(90_000);
      await app.emulateMedia({ colorScheme: scheme });
      await connect();
      await audit(app, 'v3 list');
      await app.getByRole('button', { name: 'Create token…', exact: true }).click();
      const dialog = app.getByRole('dialog', { name: 'Create an InfluxDB 3 token' });
      await dialog.getByRole('radio', { name: /^Database/ }).check();
      await audit(app, 'v3 create');
      await dialog.getByRole('radio', { name: /^Admin/ }).check();
      await dialog.getByLabel('Name').fill('axe');
      await dialog.getByRole('button', { name: 'Create token', exact: true }).click();
      await expect(app.getByRole('dialog', { name: 'Copy your new token' })).toBeVisible();
      await audit(app, 'v3 reveal');
      await app
        .getByRole('dialog', { name: 'Copy your new token' })
        .getByRole('button', { name: 'Done', exact: true })
        .click();
      await table(app).getByRole('button', { name: 'axe', exact: true }).click();
      await audit(app, 'v3 detail');
      await app.getByRole('dialog', { name: 'axe' }).getByRole('button', { name: 'Close', exact: true }).click();
      await app.getByRole('button', { name: 'Regenerate operator token…', exact: true }).click();
      await audit(app, 'v3 regenerate');
    });
  }
});
