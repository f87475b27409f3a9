/**
 * InfluxDB Cloud Dedicated and Clustered in the page, against the emulator in both modes: connect
 * through the form, create a database token (it works on the emulated cluster once active, and not
 * after it is revoked), change its permissions in place after reviewing the difference, rotate,
 * revoke one or many behind the production guard; the emulator's state asserted each time.
 */
import type { Page } from '@playwright/test';
import { get } from 'node:http';
import { audit } from './audit';
import { expect, test } from './fixtures';
import type { Emulator } from '../emulator/index';
import type { TestCore } from '../support/test-core';

/** Queries the emulated cluster with a token value: 200 once it works, 401 before and after. */
const queryWith = (influx: Emulator, value: string) =>
  new Promise<number>((resolve, reject) => {
    const url = `${influx.url}/query?db=sensors&q=SHOW%20MEASUREMENTS`;
    get(url, { headers: { Authorization: `Token ${value}` }, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });

const tokens = (app: Page) => app.getByRole('table', { name: 'Database tokens' });
const row = (app: Page, description: string) => tokens(app).getByRole('row').filter({ hasText: description });

/** A connection to the emulated cluster, saved as the form saves one (Dedicated with its data URL). */
function saveConnection(
  core: TestCore,
  influx: Emulator,
  name: string,
  label: string,
  mode: 'dedicated' | 'clustered',
) {
  return core.profiles.save({
    name,
    url: influx.managementUrl ?? '',
    token: influx.operatorToken,
    rememberToken: false,
    org: null,
    environment: { label, colour: label === 'production' ? 'red' : 'orange' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
    ...(mode === 'dedicated' ? { dataUrl: influx.url } : {}),
  });
}

for (const mode of ['dedicated', 'clustered'] as const) {
  test.describe(`InfluxDB ${mode === 'dedicated' ? 'Cloud Dedicated' : 'Clustered'}`, () => {
    test.use({ influxMode: mode });

    test('connects through the form from its IDs, and lists database tokens', async ({ app, influx }) => {
      await app.getByRole('button', { name: 'Add connection', exact: true }).click();
      await app.getByLabel('Name', { exact: true }).fill('Fleet cluster');
      await app.getByText('InfluxDB Cloud Dedicated or Clustered?').click();
      if (mode === 'dedicated') {
        await app.getByRole('radio', { name: 'Cloud Dedicated' }).check();
        await app.getByLabel('Account ID').fill(influx.state.cluster.accountId);
        await app.getByLabel('Cluster ID').fill(influx.state.cluster.clusterId);
        await app.getByLabel('Management API host').fill(influx.url);
      } else {
        await app.getByRole('radio', { name: 'Clustered' }).check();
        await app.getByLabel('Cluster URL').fill(influx.url);
      }
      await app.getByRole('button', { name: 'Use this address', exact: true }).click();
      await expect(app.getByLabel('URL', { exact: true })).toHaveValue(influx.managementUrl ?? '');
      if (mode === 'dedicated') await app.getByLabel('Cluster URL (optional)').fill(influx.url);
      await app.getByLabel('API token', { exact: true }).fill(influx.operatorToken);
      await app.getByRole('button', { name: 'Test connection', exact: true }).click();
      await expect(app.getByText(/can list, create, change and revoke database tokens/)).toBeVisible();
      await app.screenshot({ path: `test-results/screenshots/cluster ${mode} - connection form.png`, fullPage: true });
      await app.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(tokens(app)).toBeVisible();
      await expect(row(app, 'Grafana reader')).toContainText('Read sensors');
      await expect(row(app, 'Telegraf writer')).toContainText('Write sensors, logs');
      await app.getByLabel('Status').selectOption('revoked');
      await expect(row(app, 'Old ingest')).toContainText('revoked');
      await app.getByLabel('Status').selectOption('');
      await app.screenshot({ path: `test-results/screenshots/cluster ${mode} - tokens.png`, fullPage: true });
      await audit(app, `${mode} database tokens`);
    });

    test('creates a token that works once active and not once revoked; changes it in place; rotates', async ({
      app,
      core,
      influx,
    }) => {
      influx.state.cluster.activationMs = 1500;
      await saveConnection(core, influx, 'Fleet cluster', 'staging', mode);
      await app.reload();
      await expect(tokens(app)).toBeVisible();

      await app.getByRole('button', { name: 'Create token…', exact: true }).click();
      const create = app.getByRole('dialog', { name: 'Create a database token on Fleet cluster' });
      await create.getByLabel('Description').fill('Edge ingest');
      await create.getByRole('checkbox', { name: 'Read sensors' }).check();
      await create.getByRole('checkbox', { name: 'Write sensors' }).check();
      await create.getByText('The same with influxctl or curl').click();
      await expect(create.getByText(/--read-database 'sensors'/)).toBeVisible();
      await audit(app, `${mode} create dialog`);
      await create.getByRole('button', { name: 'Create token', exact: true }).click();
      const reveal = app.getByRole('dialog', { name: 'Copy your new database token' });
      const value = await reveal.getByLabel('Database token for “Edge ingest”').inputValue();
      const made = [...influx.state.cluster.tokens.values()].find((t) => t.description === 'Edge ingest');
      expect(made?.permissions).toEqual([
        { action: 'read', resource: 'sensors' },
        { action: 'write', resource: 'sensors' },
      ]);
      expect(await queryWith(influx, value)).toBe(401);
      await expect(reveal.getByText(/Checking that it works on the cluster/)).toBeVisible();
      await app.screenshot({ path: `test-results/screenshots/cluster ${mode} - activating.png` });
      // The probe tries every 5 s: the first try after the delay says it works.
      await expect(reveal.getByText('It works on the cluster now.')).toBeVisible({ timeout: 12_000 });
      expect(await queryWith(influx, value)).toBe(200);
      await reveal.getByRole('button', { name: 'Done', exact: true }).click();

      // Change in place: the difference is reviewed first, then the PATCH keeps the token's value.
      await row(app, 'Edge ingest').getByRole('button', { name: 'Change Edge ingest…' }).click();
      const change = app.getByRole('dialog', { name: 'Change “Edge ingest” on Fleet cluster' });
      await expect(change).toContainText('an expiry cannot be added');
      await change.getByRole('checkbox', { name: 'Write sensors' }).uncheck();
      await change.getByRole('checkbox', { name: 'Read logs' }).check();
      await change.getByRole('button', { name: 'Review the change', exact: true }).click();
      await expect(change.getByRole('region', { name: 'The change' })).toContainText('Adds: Read logs');
      await expect(change.getByRole('region', { name: 'The change' })).toContainText('Removes: Write sensors');
      expect(made?.permissions).toHaveLength(2);
      await change.getByRole('button', { name: 'Apply the change', exact: true }).click();
      await expect(row(app, 'Edge ingest')).toContainText('Read sensors, logs');
      expect(influx.state.cluster.tokens.get(made?.id ?? '')?.permissions).toEqual([
        { action: 'read', resource: 'sensors' },
        { action: 'read', resource: 'logs' },
      ]);
      expect(await queryWith(influx, value)).toBe(200);

      // A token without an expiry gets a review date, changed here and kept by Token Desk.
      await row(app, 'Edge ingest').getByRole('button', { name: 'Change Edge ingest…' }).click();
      const again = app.getByRole('dialog', { name: 'Change “Edge ingest” on Fleet cluster' });
      await again.getByLabel('Review by').fill('2027-02-01');
      await again.getByRole('button', { name: 'Save review date', exact: true }).click();
      await expect(again.getByText(/^Review in \d+ days\.$/)).toBeVisible();
      const id = (await core.profiles.list())[0]?.id ?? '';
      expect(core.profiles.reviewsOf(id)[made?.id ?? '']).toBe('2027-02-01');
      await again.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(row(app, 'Edge ingest')).toContainText('Feb 1, 2027');

      // Rotate: asked first; the old one works until revoked from the reveal.
      influx.state.cluster.activationMs = 0;
      await row(app, 'Edge ingest').getByRole('button', { name: 'Rotate Edge ingest…' }).click();
      await app
        .getByRole('dialog', { name: 'Rotate “Edge ingest”?' })
        .getByRole('button', { name: 'Create the new token' })
        .click();
      const rotated = app.getByRole('dialog', { name: 'Token rotated: copy the new value' });
      const fresh = await rotated.getByLabel(/^Database token for “Edge ingest \(rotated/).inputValue();
      await expect(rotated.getByText('It works on the cluster now.')).toBeVisible();
      await rotated.getByRole('button', { name: 'Revoke old token', exact: true }).click();
      await expect(rotated).toHaveCount(0);
      expect(influx.state.cluster.tokens.get(made?.id ?? '')?.revokedAt).toEqual(expect.any(String));
      expect(await queryWith(influx, value)).toBe(401);
      expect(await queryWith(influx, fresh)).toBe(200);
      const replacement = [...influx.state.cluster.tokens.values()].find((t) =>
        t.description.startsWith('Edge ingest (rotated'),
      );
      expect(replacement?.permissions).toEqual(influx.state.cluster.tokens.get(made?.id ?? '')?.permissions);
    });

    test('revokes many at once behind the production guard, with a result for each', async ({ app, core, influx }) => {
      await saveConnection(core, influx, 'Prod cluster', 'production', mode);
      await app.reload();
      await expect(tokens(app)).toBeVisible();
      // A rotation may keep the old token, with a day to retire it by (its review date).
      await app.getByRole('button', { name: 'Rotate Telegraf writer…', exact: true }).click();
      await app
        .getByRole('dialog', { name: 'Rotate “Telegraf writer”?' })
        .getByRole('button', { name: 'Create the new token' })
        .click();
      const rotated = app.getByRole('dialog', { name: 'Token rotated: copy the new value' });
      await rotated.getByLabel('Retire by').fill('2030-01-31');
      await rotated.getByRole('button', { name: 'Keep it until then', exact: true }).click();
      await expect(rotated).toHaveCount(0);
      const old = tokens(app)
        .getByRole('row')
        .filter({ has: app.getByRole('button', { name: 'Rotate Telegraf writer…', exact: true }) });
      await expect(old).toContainText('retire by Jan 31, 2030');
      const telegraf = influx.seed.cluster?.['telegraf']?.token.id ?? '';
      expect(core.profiles.retirementsOf((await core.profiles.list())[0]?.id ?? '')[telegraf]).toMatchObject({
        by: '2030-01-31',
      });
      expect(influx.state.cluster.tokens.get(telegraf)?.revokedAt).toBeNull();

      await row(app, 'Grafana reader').getByRole('checkbox').check();
      await row(app, 'Everything').getByRole('checkbox').check();
      await app.getByRole('toolbar', { name: 'Selected tokens' }).getByRole('button', { name: 'Revoke…' }).click();
      const confirm = app.getByRole('dialog', { name: 'Revoke 2 tokens?' });
      await expect(confirm.getByRole('button', { name: 'Revoke 2 tokens' })).toBeDisabled();
      await confirm.getByRole('textbox').fill('Prod cluster');
      await app.screenshot({ path: `test-results/screenshots/cluster ${mode} - revoke many.png` });
      await confirm.getByRole('button', { name: 'Revoke 2 tokens' }).click();
      await expect(app.getByText('2 of 2 done.')).toBeVisible();
      const byName = (d: string) => [...influx.state.cluster.tokens.values()].find((t) => t.description === d);
      expect(byName('Grafana reader')?.revokedAt).toEqual(expect.any(String));
      expect(byName('Everything')?.revokedAt).toEqual(expect.any(String));
      expect(byName('Telegraf writer')?.revokedAt).toBeNull();
      expect(await queryWith(influx, influx.seed.cluster?.['grafana']?.value ?? '')).toBe(401);
    });
  });
}
