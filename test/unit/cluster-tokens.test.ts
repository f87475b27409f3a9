/**
 * Cloud Dedicated and Clustered database tokens through the real dispatch against the emulator in
 * both modes: the check, the list, create (vault first), change in place, rotate, revoke, the
 * activation probe; lost answers read back; the server-side state asserted each time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function setup(
  mode: 'dedicated' | 'clustered',
  options: { activationMs?: number; token?: (influx: Emulator) => string } = {},
) {
  const influx = await startEmulator({
    mode,
    seed: 'demo',
    ...(options.activationMs ? { activationMs: options.activationMs } : {}),
  });
  emulators.push(influx);
  const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
  const bridge = bridgeTo(core);
  const { id: connectionId } = await bridge.invoke('saveConnection', {
    name: mode,
    url: influx.managementUrl ?? '',
    token: options.token?.(influx) ?? influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 3000,
    tls: { caFile: null, skipVerify: false },
    // Dedicated's data endpoint is told apart; Clustered's is its own host.
    ...(mode === 'dedicated' ? { dataUrl: influx.url } : {}),
  });
  return { influx, core, bridge, connectionId, cluster: influx.state.cluster };
}

type Setup = Awaited<ReturnType<typeof setup>>;
type Permission = { action: 'read' | 'write'; resource: string };
/** A Management API path as the emulator's faults match it: under the account and cluster on Dedicated. */
const at = (t: Setup, path: string) => `${new URL(t.influx.managementUrl ?? '').pathname}${path}`;
const read = (resource: string) => ({ action: 'read' as const, resource });
const write = (resource: string) => ({ action: 'write' as const, resource });

function create(
  t: Setup,
  description: string,
  extra: Partial<{ permissions: Permission[]; expiresAt: string | null }> = {},
) {
  return t.bridge.invoke('createClusterToken', {
    connectionId: t.connectionId,
    description,
    permissions: extra.permissions ?? [read('sensors'), write('sensors')],
    expiresAt: extra.expiresAt ?? null,
    saveToVault: true,
  });
}

for (const mode of ['dedicated', 'clustered'] as const) {
  describe(`InfluxDB ${mode === 'dedicated' ? 'Cloud Dedicated' : 'Clustered'} database tokens`, () => {
    it('is told by its address, checked through the Management API: databases and what the token may do', async () => {
      const t = await setup(mode);
      const check = await t.bridge.invoke('checkConnection', { id: t.connectionId });
      expect(check).toMatchObject({
        family: 'cluster',
        product: mode,
        databases: ['sensors', 'logs', 'metrics'],
        canListTokens: true,
        accountId: mode === 'dedicated' ? t.cluster.accountId : null,
      });
      expect(check.summary).toMatch(/can list, create, change and revoke database tokens/);
      // No /ping: the Management API's host has none.
      expect(t.influx.requests.some((r) => r.line === 'GET /ping')).toBe(false);
      // The management token never crosses to the page.
      expect(t.bridge.crossed.join('\n')).not.toContain(t.influx.operatorToken);
    });

    it('says so when the management token may list databases but not tokens', async () => {
      const t = await setup(mode, { token: (influx) => influx.state.cluster.addManagementToken(false) });
      const check = await t.bridge.invoke('checkConnection', { id: t.connectionId });
      expect(check).toMatchObject({ family: 'cluster', canListTokens: false });
      expect(check.summary).toMatch(/can list databases but not database tokens/);
    });

    it('lists tokens with permissions in words, expiry, revoked and expired, in one round trip', async () => {
      const t = await setup(mode);
      const asked = t.influx.requests.length;
      const list = await t.bridge.invoke('listClusterTokens', { connectionId: t.connectionId });
      const lines = t.influx.requests.slice(asked).map((r) => r.line.replace(/^.*\/(tokens|databases)$/, '$1'));
      expect(lines.sort()).toEqual(['databases', 'tokens']);
      const by = new Map(list.rows.map((r) => [r.description, r]));
      expect(by.get('Grafana reader')).toMatchObject({ summary: 'Read sensors', status: 'active', expiresAt: null });
      expect(by.get('Telegraf writer')).toMatchObject({ summary: 'Write sensors, logs', status: 'active' });
      expect(by.get('Everything')?.summary).toBe('Read and write all databases');
      expect(by.get('Expired CI')?.status).toBe('expired');
      expect(by.get('Old ingest')?.status).toBe('revoked');
      expect(list.databases).toEqual(['sensors', 'logs', 'metrics']);
    });

    it('creates a token: the value in the vault before it is shown, a review date without an expiry', async () => {
      const t = await setup(mode);
      const made = await create(t, 'Ingest pipeline');
      expect(made.value).toMatch(/^apiv1_/);
      expect(made.vault.saved).toBe(true);
      const stored = t.cluster.tokens.get(made.token.id);
      expect(stored).toMatchObject({
        description: 'Ingest pipeline',
        permissions: [read('sensors'), write('sensors')],
      });
      const entry = (await t.core.vault.list()).find((e) => e.authorizationId === made.token.id);
      expect(await t.core.vault.reveal(entry?.id ?? '')).toBe(made.value);
      expect(made.token).toMatchObject({ vaultEntryId: entry?.id, summary: 'Read and write sensors' });
      expect(made.token.reviewBy).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(made.dataUrl).toBe(t.influx.url);
      const expiring = await create(t, 'Short lived', { expiresAt: '2031-06-01T00:00:00Z', permissions: [read('*')] });
      expect(t.cluster.tokens.get(expiring.token.id)?.expiresAt).toBe('2031-06-01T00:00:00Z');
      expect(expiring.token.reviewBy).toBeNull();
      // The value crossed once, in the answer that made it.
      expect(t.bridge.crossed.filter((j) => j.includes(made.value))).toHaveLength(1);
    });

    it('creates in one request after a list, and takes a database made since that list', async () => {
      const t = await setup(mode);
      await t.bridge.invoke('listClusterTokens', { connectionId: t.connectionId });
      const asked = t.influx.requests.length;
      await create(t, 'After the list');
      expect(t.influx.requests.slice(asked).map((r) => r.line.replace(/^.*\//, ''))).toEqual(['tokens']);
      // Made outside Token Desk after the list: asked for again rather than refused.
      t.cluster.databases.add('fresh');
      const fresh = await create(t, 'On a new database', { permissions: [write('fresh')] });
      expect(t.cluster.tokens.get(fresh.token.id)?.permissions).toEqual([write('fresh')]);
    });

    it('refuses before anything is made: a database the cluster lacks, an expiry in the past', async () => {
      const t = await setup(mode);
      const before = t.cluster.tokens.size;
      expect(
        (
          await t.bridge.failure('createClusterToken', {
            connectionId: t.connectionId,
            description: 'x',
            permissions: [read('nope')],
            expiresAt: null,
            saveToVault: true,
          })
        ).message,
      ).toMatch(/no database “nope”/);
      expect(
        (
          await t.bridge.failure('createClusterToken', {
            connectionId: t.connectionId,
            description: 'x',
            permissions: [read('sensors')],
            expiresAt: '2020-01-01T00:00:00Z',
            saveToVault: true,
          })
        ).message,
      ).toMatch(/expiry in the future/);
      expect(t.cluster.tokens.size).toBe(before);
    });

    it('changes description and permissions in place (PATCH), keeping its ID and value', async () => {
      const t = await setup(mode);
      const made = await create(t, 'Dashboards');
      const changed = await t.bridge.invoke('updateClusterToken', {
        connectionId: t.connectionId,
        id: made.token.id,
        description: 'Dashboards (read only)',
        permissions: [read('sensors'), read('logs')],
      });
      expect(changed).toMatchObject({
        id: made.token.id,
        summary: 'Read sensors, logs',
        description: 'Dashboards (read only)',
      });
      expect(t.cluster.tokens.get(made.token.id)?.permissions).toEqual([read('sensors'), read('logs')]);
      expect(t.cluster.working(made.value)?.id).toBe(made.token.id);
    });

    it('rotates: a new token with the same permissions and a lifetime of the same length; the old one keeps working', async () => {
      const t = await setup(mode);
      const telegraf = t.influx.seed.cluster?.['telegraf'];
      const old = telegraf?.token;
      const fresh = await t.bridge.invoke('rotateClusterToken', { connectionId: t.connectionId, id: old?.id ?? '' });
      const stored = t.cluster.tokens.get(fresh.token.id);
      expect(stored?.permissions).toEqual(old?.permissions);
      expect(stored?.description).toMatch(/^Telegraf writer \(rotated \d{4}-\d\d-\d\d\)$/);
      const lifetime = Date.parse(old?.expiresAt ?? '') - Date.parse(old?.createdAt ?? '');
      const freshLifetime = Date.parse(stored?.expiresAt ?? '') - Date.parse(stored?.createdAt ?? '');
      expect(Math.abs(freshLifetime - lifetime)).toBeLessThan(5000);
      expect((await t.core.vault.list()).find((e) => e.authorizationId === fresh.token.id)?.source).toEqual({
        kind: 'rotated',
        from: old?.id,
      });
      expect(t.cluster.working(telegraf?.value ?? '')).toBeDefined();
    });

    it('revokes: the token stops working, its vault entry reads revoked; a lost answer is read back', async () => {
      const t = await setup(mode);
      const made = await create(t, 'Leaving soon');
      await t.bridge.invoke('revokeClusterToken', { connectionId: t.connectionId, id: made.token.id });
      expect(t.cluster.tokens.get(made.token.id)?.revokedAt).toEqual(expect.any(String));
      expect(t.cluster.working(made.value)).toBeUndefined();
      const report = await t.bridge.invoke('reconcileVault', { connectionId: t.connectionId });
      const entry = (await t.core.vault.list()).find((e) => e.authorizationId === made.token.id);
      expect(report.entries.find((e) => e.entryId === entry?.id)?.state).toBe('revoked');
      // The answer to the next revoke is cut after the server did it: read back, it is done.
      const other = await create(t, 'Cut answer');
      t.influx.faults.add({
        path: at(t, `/tokens/${other.token.id}`),
        method: 'DELETE',
        fault: { kind: 'reset-after' },
      });
      await t.bridge.invoke('revokeClusterToken', { connectionId: t.connectionId, id: other.token.id });
      t.influx.faults.clear();
      expect(t.cluster.tokens.get(other.token.id)?.revokedAt).toEqual(expect.any(String));
    });

    it('a create whose answer is lost says the token exists and its value is lost', async () => {
      const t = await setup(mode);
      t.influx.faults.add({ path: at(t, '/tokens'), method: 'POST', fault: { kind: 'reset-after' }, times: 1 });
      const lost = await t.bridge.failure('createClusterToken', {
        connectionId: t.connectionId,
        description: 'Lost answer',
        permissions: [read('sensors')],
        expiresAt: null,
        saveToVault: true,
      });
      t.influx.faults.clear();
      expect(lost.code).toBe('CREATE_INTERRUPTED');
      expect(lost.message).toMatch(/made “Lost answer” anyway/);
      expect([...t.cluster.tokens.values()].some((x) => x.description === 'Lost answer')).toBe(true);
    });

    it('a wrong shape is BAD_RESPONSE naming the endpoint, never INTERNAL', async () => {
      const t = await setup(mode);
      t.influx.faults.add({
        path: at(t, '/tokens'),
        method: 'GET',
        fault: { kind: 'answer', body: { tokens: 'nope' } },
      });
      const failed = await t.bridge.failure('listClusterTokens', { connectionId: t.connectionId });
      t.influx.faults.clear();
      expect(failed.code).toBe('BAD_RESPONSE');
      expect(failed.message).toMatch(/tokens/);
    });

    it('probes a new token until it works on the cluster (activation delay)', async () => {
      const t = await setup(mode, { activationMs: 500 });
      const made = await create(t, 'Slow to start');
      const entryId = made.vault.saved ? made.vault.entryId : '';
      expect(await t.bridge.invoke('probeClusterToken', { connectionId: t.connectionId, entryId })).toEqual({
        state: 'pending',
      });
      await new Promise((resolve) => setTimeout(resolve, 550));
      expect(await t.bridge.invoke('probeClusterToken', { connectionId: t.connectionId, entryId })).toEqual({
        state: 'active',
      });
      const writer = await create(t, 'Writes only', { permissions: [write('logs')] });
      await new Promise((resolve) => setTimeout(resolve, 550));
      expect(
        await t.bridge.invoke('probeClusterToken', {
          connectionId: t.connectionId,
          entryId: writer.vault.saved ? writer.vault.entryId : '',
        }),
      ).toEqual({ state: 'active' });
    });
  });
}
