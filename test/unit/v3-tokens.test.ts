/**
 * InfluxDB 3 Core and Enterprise through the real dispatch against the emulator: detection and the
 * check, the list with the vault matched by hash, create with expiry (never 0), resource tokens,
 * regenerate (the connection follows), rotate, delete, the first `_admin`, reconcile, history.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck, ConnectionDraft, V3Check } from '$contract/connections';
import { v3PermissionText, v3PermissionsOf } from '$contract/v3-tokens';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const emulators: Emulator[] = [];
function v3Check(result: ConnectionCheck): V3Check {
  if (result.family !== 'v3') throw new Error(`expected an InfluxDB 3 check, got ${result.family}`);
  return result;
}
const crossed: string[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  // A v3 string crosses to the page only in the answer that made it: never in a list, a check or an error.
  const all = crossed.join('\n');
  for (const influx of emulators)
    for (const { value } of Object.values(influx.seed.v3)) expect(all).not.toContain(value);
  for (const line of crossed) if (line.includes('apiv3_')) expect(line).toMatch(/"value":"apiv3_/);
});

async function setup(mode: Mode, seed: 'demo' | 'none' = 'demo', token?: string) {
  const influx = await startEmulator({ mode, seed });
  emulators.push(influx);
  const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
  const bridge = bridgeTo(core, crossed);
  const draft: ConnectionDraft = {
    name: 'v3',
    url: influx.url,
    token: token ?? (influx.operatorToken || 'not-a-token-yet'),
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
  };
  const { id: connectionId } = await bridge.invoke('saveConnection', draft);
  return { influx, core, bridge, connectionId };
}

for (const mode of ['v3-core', 'v3-enterprise'] as const) {
  describe(`InfluxDB 3 (${mode})`, () => {
    it('is detected, with what the token may do and the databases', async () => {
      const t = await setup(mode);
      const check = await t.bridge.invoke('checkConnection', { id: t.connectionId });
      expect(check).toMatchObject({
        product: mode,
        version: '3.10.0',
        family: 'v3',
        capabilities: { list: true, create: true },
        databases: ['logs', 'metrics', 'sensors'],
        user: { name: '_admin' },
      });
      expect(check.summary).toMatch(
        mode === 'v3-core' ? /every token is an admin token/ : /This is an admin token \(_admin\)/,
      );
    });

    it('lists tokens with kinds, expiry and the vault matched by hash; creates with an expiry; rotates; deletes', async () => {
      const t = await setup(mode);
      const list = await t.bridge.invoke('listV3Tokens', { connectionId: t.connectionId });
      expect(list.selfTokenId).toBe('0');
      expect(list.rows.find((r) => r.name === '_admin')).toMatchObject({
        kind: 'operator',
        summary: 'Everything (admin)',
        expiry: null,
        expired: false,
        vaultEntryId: null,
      });
      expect(list.rows.find((r) => r.name === 'old-ci')?.expired).toBe(true);
      expect(list.rows.find((r) => r.name === 'ci')?.expired).toBe(false);
      const asked = t.influx.requests.length;
      const made = await t.bridge.invoke('createV3Token', {
        connectionId: t.connectionId,
        name: 'deploy',
        expirySecs: 86_400,
        permissions: null,
        saveToVault: true,
      });
      // One request: the new row comes from the answer that made the token, not from a second listing.
      expect(t.influx.requests.slice(asked).map((r) => r.line)).toEqual(['POST /api/v3/configure/token/named_admin']);
      expect(made.token).toMatchObject({
        name: 'deploy',
        kind: 'admin',
        expired: false,
        vaultEntryId: made.vault.saved ? made.vault.entryId : null,
      });
      expect(made.value).toMatch(/^apiv3_/);
      expect(made.vault.saved).toBe(true);
      const stored = t.influx.state.v3.byName('deploy')!;
      expect(stored.expiry! - stored.createdAt).toBe(86_400_000);
      expect(
        (await t.bridge.invoke('listV3Tokens', { connectionId: t.connectionId })).rows.find((r) => r.name === 'deploy')
          ?.vaultEntryId,
      ).toBe(made.vault.saved ? made.vault.entryId : null);
      expect(
        (
          await t.bridge.failure('createV3Token', {
            connectionId: t.connectionId,
            name: 'deploy',
            expirySecs: null,
            permissions: null,
            saveToVault: false,
          })
        ).message,
      ).toMatch(/named “deploy” exists already/);
      expect(
        (
          await t.bridge.failure('createV3Token', {
            connectionId: t.connectionId,
            name: 'zero',
            expirySecs: 0,
            permissions: null,
            saveToVault: false,
          })
        ).code,
      ).toBe('VALIDATION');

      const rotated = await t.bridge.invoke('rotateV3Token', { connectionId: t.connectionId, id: made.token.id });
      const twin = t.influx.state.v3.byName(rotated.token.name)!;
      expect(rotated.token.name).toMatch(/^deploy \(rotated \d{4}-\d\d-\d\d\)$/);
      expect(twin.expiry! - twin.createdAt).toBe(86_400_000);
      await t.bridge.invoke('deleteV3Token', { connectionId: t.connectionId, name: 'deploy' });
      expect(t.influx.state.v3.byName('deploy')).toBeUndefined();
      expect(
        (await t.bridge.failure('deleteV3Token', { connectionId: t.connectionId, name: '_admin' })).message,
      ).toMatch(/cannot be deleted: regenerate it instead/);
      const report = await t.bridge.invoke('reconcileVault', { connectionId: t.connectionId });
      const vault = await t.bridge.invoke('listVault');
      const stateOf = (id: string) =>
        report.entries.find((e) => e.entryId === vault.find((v) => v.authorizationId === id)?.id)?.state;
      expect([stateOf(made.token.id), stateOf(rotated.token.id)]).toEqual(['deleted', 'active']);
    });

    it('regenerates _admin: the old string stops working, the connection takes the new one and goes on', async () => {
      const t = await setup(mode);
      const old = t.influx.operatorToken;
      const again = await t.bridge.invoke('regenerateV3Admin', { connectionId: t.connectionId });
      expect(again.connectionUpdated).toBe(true);
      expect(again.vault.saved).toBe(true);
      expect((await fetch(`${t.influx.url}/ping`, { headers: { Authorization: `Bearer ${old}` } })).status).toBe(401);
      expect(
        (await fetch(`${t.influx.url}/ping`, { headers: { Authorization: `Bearer ${again.value}` } })).status,
      ).toBe(200);
      expect(v3Check(await t.bridge.invoke('checkConnection', { id: t.connectionId })).capabilities.create).toBe(true);
      const history = await t.bridge.invoke('listHistory');
      expect(history.entries[0]).toMatchObject({ action: 'v3.regenerate', outcome: 'ok', description: '_admin' });
    });
  });
}

describe('InfluxDB 3 Enterprise resource tokens', () => {
  it('makes database and system tokens with their permissions; a resource token is told it cannot manage tokens', async () => {
    const t = await setup('v3-enterprise');
    const made = await t.bridge.invoke('createV3Token', {
      connectionId: t.connectionId,
      name: 'grafana-logs',
      expirySecs: 7 * 86_400,
      saveToVault: true,
      permissions: [
        { resourceType: 'db', names: ['logs', 'sensors'], actions: ['read', 'write'] },
        { resourceType: 'system', names: ['health'], actions: ['read'] },
      ],
    });
    expect(t.influx.state.v3.byName('grafana-logs')?.permissions).toBe('db:logs,sensors:read,write;system:health:read');
    expect(made.token).toMatchObject({ kind: 'resource', summary: 'Read and write logs, sensors; Read health' });
    const limited = await setup('v3-enterprise', 'demo', t.influx.seed.v3['grafana']!.value);
    const check = v3Check(await limited.bridge.invoke('checkConnection', { id: limited.connectionId }));
    expect(check.capabilities.create).toBe(false);
    expect(check.summary).toMatch(/cannot manage tokens; connect with an admin token/);
  });
});

describe('an InfluxDB 3 server without an admin token', () => {
  it('says so plainly, and makes the first _admin (vault first), which the connection then uses', async () => {
    const t = await setup('v3-core', 'none');
    const refused = await t.bridge.failure('checkConnection', { id: t.connectionId });
    expect(refused.message).toMatch(/A new server that has no admin token yet can make its first one here/);
    const first = await t.bridge.invoke('createV3FirstAdmin', { connectionId: t.connectionId });
    expect(first.token.name).toBe('_admin');
    expect(first.vault.saved).toBe(true);
    expect(first.connectionUpdated).toBe(true);
    expect(v3Check(await t.bridge.invoke('checkConnection', { id: t.connectionId })).user.name).toBe('_admin');
    expect((await t.bridge.failure('createV3FirstAdmin', { connectionId: t.connectionId })).message).toMatch(
      /has an operator token \(_admin\) already/,
    );
  });
});

describe("a listed token's permissions, read back for its detail", () => {
  it('are the parts the server lists, each as the CLI writes it again; an admin token has none to list', () => {
    const listed = 'db:logs:read,write;db:sensors:read;system:health,metrics:read';
    const parts = v3PermissionsOf(listed);
    expect(parts).toEqual([
      { resourceType: 'db', names: ['logs'], actions: ['read', 'write'] },
      { resourceType: 'db', names: ['sensors'], actions: ['read'] },
      { resourceType: 'system', names: ['health', 'metrics'], actions: ['read'] },
    ]);
    expect(parts?.map(v3PermissionText).join(';')).toBe(listed);
    expect(v3PermissionsOf('*:*:*')).toBeNull();
    expect(v3PermissionsOf('db:*:write')).toEqual([{ resourceType: 'db', names: ['*'], actions: ['write'] }]);
  });
});
