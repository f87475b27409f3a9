/**
 * v1-compatibility credentials through the real dispatch against the emulator: list with DBRP
 * names, create (password to the vault first, nothing half-made on failure), new password, status,
 * description, delete, check and copy as a 1.x client; passwords never cross the bridge otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const crossed: string[] = [];
const emulators: Emulator[] = [];
const passwords: string[] = [];
const cores: { logs: string[] }[] = [];

async function setup(mode: Mode) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
  cores.push(core);
  const bridge = bridgeTo(core, crossed);
  const draft: ConnectionDraft = {
    name: `v1 ${mode}`,
    url: influx.url,
    token: influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
  };
  const { id: connectionId } = await bridge.invoke('saveConnection', draft);
  const bucket = (name: string) => [...influx.state.buckets.values()].find((b) => b.name === name)!.id;
  /** The server-side truth: does a 1.x login with this password work? */
  const logsIn = async (username: string, password: string) =>
    (
      await fetch(
        `${influx.url}/query?u=${encodeURIComponent(username)}&p=${encodeURIComponent(password)}&q=SHOW%20DATABASES`,
      )
    ).status === 200;
  return { influx, core, bridge, connectionId, orgID: influx.seed.orgID, bucket, logsIn };
}

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  const all = crossed.join('\n');
  for (const password of passwords) {
    // Each password crossed once: in the answer that set it.
    expect(
      all.split(password).length - 1,
      `a password crossed the bridge more than once: ${crossed
        .filter((c) => c.includes(password))
        .map((c) => c.slice(0, 80))
        .join(' | ')}`,
    ).toBeLessThanOrEqual(1);
    for (const core of cores) expect(core.logs.join('\n')).not.toContain(password);
  }
  for (const e of emulators) for (const { password } of Object.values(e.seed.v1)) expect(all).not.toContain(password);
});

for (const mode of ['oss-2.7', 'oss-2.9'] as const) {
  describe(`v1 credentials on ${mode}`, () => {
    let t: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      t = await setup(mode);
    });

    it('lists each credential with its buckets, their DBRP names, and whether the vault knows its password', async () => {
      const { rows } = await t.bridge.invoke('listV1Credentials', { connectionId: t.connectionId });
      const grafana = rows.find((r) => r.username === 'grafana')!;
      expect(grafana).toMatchObject({
        description: 'Grafana InfluxQL data source',
        status: 'active',
        orgName: 'ops',
        userName: 'admin',
        passwordEntryId: null,
      });
      expect(grafana.read.map((b) => b.name)).toEqual(['telegraf', 'sensors']);
      const sensors = grafana.read.find((b) => b.name === 'sensors')!;
      expect(
        sensors.mappings.map((m) => `${m.database}/${m.retentionPolicy}${m.virtual ? ' (virtual)' : ''}`).sort(),
      ).toEqual(['sensors/autogen (virtual)', 'weather/autogen']);
      expect(rows.find((r) => r.username === 'collectd')?.status).toBe('inactive');
    });

    it('creates one: the generated password is in the vault before it is shown, and works on /query', async () => {
      const made = await t.bridge.invoke('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'svc-reports',
        description: 'Reports',
        read: [t.bucket('sensors')],
        write: [t.bucket('logs')],
        password: { kind: 'generate' },
      });
      passwords.push(made.password);
      expect(made.password).toHaveLength(24);
      expect(made.vault.saved).toBe(true);
      const stored = t.influx.state.findLegacyByUsername('svc-reports')!;
      expect(stored.permissions.map((p) => `${p.action}:${p.resource.id}`)).toEqual([
        `read:${t.bucket('sensors')}`,
        `write:${t.bucket('logs')}`,
      ]);
      expect(await t.logsIn('svc-reports', made.password)).toBe(true);
      const entry = (await t.bridge.invoke('listVault')).find(
        (e) => e.kind === 'v1-password' && e.login === 'svc-reports',
      )!;
      expect(entry).toMatchObject({ authorizationId: stored.id, description: 'Reports', connectionName: `v1 ${mode}` });
      expect(made.credential.passwordEntryId).toBe(entry.id);
    });

    it('refuses a taken username up front and a colon, and says why', async () => {
      const taken = await t.bridge.failure('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'grafana',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      expect(taken.message).toMatch(/“grafana” is taken on this server/);
      const colon = await t.bridge.failure('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'a:b',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      expect(colon.code).toBe('VALIDATION');
      const short = await t.bridge.failure('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'shorty',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'typed', value: 'short' },
      });
      expect(short.code).toBe('VALIDATION');
      expect(t.influx.state.findLegacyByUsername('shorty')).toBeUndefined();
    });

    it('leaves nothing half-made when the server refuses the password (strong passwords) or fails between steps', async () => {
      t.influx.state.strongPasswords = true;
      const refused = await t.bridge.failure('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'weakling',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'typed', value: 'alllowercase' },
      });
      t.influx.state.strongPasswords = false;
      expect(refused.message).toMatch(/deleted again; nothing was left behind.*three of the following/s);
      t.influx.faults.add({ method: 'POST', path: /\/password$/, fault: { kind: 'status', status: 500 }, times: 1 });
      const failed = await t.bridge.failure('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'unlucky',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      expect(failed.message).toMatch(/deleted again/);
      expect(t.influx.state.findLegacyByUsername('weakling')).toBeUndefined();
      expect(t.influx.state.findLegacyByUsername('unlucky')).toBeUndefined();
      expect(
        (await t.bridge.invoke('listVault')).filter((e) => e.login === 'weakling' || e.login === 'unlucky'),
      ).toEqual([]);
    });

    it('sets a new password: the vault holds only the new one, the old one stops working', async () => {
      const grafana = t.influx.seed.v1['grafana']!;
      const first = await t.bridge.invoke('setV1Password', {
        connectionId: t.connectionId,
        id: grafana.auth.id,
        password: { kind: 'typed', value: `typed-${mode}-1` },
      });
      passwords.push(first.password);
      const second = await t.bridge.invoke('setV1Password', {
        connectionId: t.connectionId,
        id: grafana.auth.id,
        password: { kind: 'generate' },
      });
      passwords.push(second.password);
      expect(await t.logsIn('grafana', `typed-${mode}-1`)).toBe(false);
      expect(await t.logsIn('grafana', second.password)).toBe(true);
      const entries = (await t.bridge.invoke('listVault')).filter((e) => e.login === 'grafana');
      expect(entries.map((e) => e.source.kind)).toEqual(['password-set']);
      expect(await t.bridge.invoke('revealVaultValue', { id: entries[0]!.id })).toEqual({ value: second.password });
      crossed.pop(); // the reveal above is the explicit path, not a leak
    });

    it('checks a credential as a 1.x client would, without changing it', async () => {
      const grafana = t.influx.seed.v1['grafana']!.auth.id;
      const works = await t.bridge.invoke('checkV1Credential', { connectionId: t.connectionId, id: grafana });
      expect(works).toMatchObject({
        works: true,
        databases: expect.arrayContaining(['telegraf', 'weather', 'sensors']),
      });
      const wrong = await t.bridge.invoke('checkV1Credential', {
        connectionId: t.connectionId,
        id: grafana,
        password: 'not-the-password',
      });
      expect(wrong.works).toBe(false);
      expect(wrong.message).toMatch(/did not let “grafana” in with that password/);
      const unknown = await t.bridge.failure('checkV1Credential', {
        connectionId: t.connectionId,
        id: t.influx.seed.v1['collectd']!.auth.id,
      });
      expect(unknown.message).toMatch(/does not know this credential’s password/);
      // A refused 1.x login says nothing of the connection: it stays connected.
      expect(t.core.events.filter((e) => e.kind === 'connection-state' && !e.state.ok)).toEqual([]);
    });

    it('activates, deactivates, describes and deletes; a deactivated credential is refused on /query', async () => {
      const made = await t.bridge.invoke('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'pausable',
        description: 'x',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      passwords.push(made.password);
      const id = made.credential.id;
      expect(
        (await t.bridge.invoke('setV1Status', { connectionId: t.connectionId, id, status: 'inactive' })).status,
      ).toBe('inactive');
      expect(await t.logsIn('pausable', made.password)).toBe(false);
      expect((await t.bridge.invoke('checkV1Credential', { connectionId: t.connectionId, id })).message).toMatch(
        /inactive/,
      );
      await t.bridge.invoke('setV1Status', { connectionId: t.connectionId, id, status: 'active' });
      expect(await t.logsIn('pausable', made.password)).toBe(true);
      expect(
        (await t.bridge.invoke('setV1Description', { connectionId: t.connectionId, id, description: 'Nightly export' }))
          .description,
      ).toBe('Nightly export');
      expect(t.influx.state.legacyAuthorizations.get(id)?.description).toBe('Nightly export');
      await t.bridge.invoke('deleteV1Credential', { connectionId: t.connectionId, id });
      expect(t.influx.state.legacyAuthorizations.has(id)).toBe(false);
      expect(await t.logsIn('pausable', made.password)).toBe(false);
      expect((await t.bridge.failure('deleteV1Credential', { connectionId: t.connectionId, id })).message).toMatch(
        /v1 credential no longer exists/,
      );
    });

    it('copies it as a 1.x client uses it, with the vault’s password filled in by main', async () => {
      const made = await t.bridge.invoke('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username: 'grafana-prod',
        description: '',
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      passwords.push(made.password);
      await t.bridge.invoke('copyV1Snippet', {
        connectionId: t.connectionId,
        id: made.credential.id,
        format: 'grafana',
        database: 'weather',
      });
      expect(t.core.clipboard.text).toContain(`password: ${JSON.stringify(made.password)}`);
      expect(t.core.clipboard.text).toContain('dbName: "weather"');
      await t.bridge.invoke('copyV1Snippet', {
        connectionId: t.connectionId,
        id: made.credential.id,
        format: 'query-params',
        database: 'weather',
      });
      const url = new URL(t.core.clipboard.text ?? '');
      expect([url.searchParams.get('u'), url.searchParams.get('p')]).toEqual(['grafana-prod', made.password]);
      expect((await fetch(url)).status).toBe(200);
    });

    it('adds a DBRP mapping for a bucket', async () => {
      const made = await t.bridge.invoke('createDbrpMapping', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        bucketID: t.bucket('logs'),
        database: 'syslog',
        retentionPolicy: 'autogen',
        default: true,
      });
      expect(made).toMatchObject({ database: 'syslog', virtual: false });
      expect(
        [...t.influx.state.dbrps.values()].some((d) => d.database === 'syslog' && d.bucketID === t.bucket('logs')),
      ).toBe(true);
      const choices = await t.bridge.invoke('getV1Buckets', { connectionId: t.connectionId, orgID: t.orgID });
      expect(choices.find((b) => b.name === 'logs')?.mappings.map((m) => m.database)).toContain('syslog');
    });
  });
}

describe('v1 credentials on Cloud', () => {
  it('says plainly there are none, and what 1.x clients use there instead', async () => {
    const t = await setup('cloud');
    const refused = await t.bridge.failure('listV1Credentials', { connectionId: t.connectionId });
    expect(refused.message).toMatch(/InfluxDB Cloud has no v1-compatibility credentials.*email.*API token/);
    expect(t.influx.requests.some((r) => r.line.startsWith('GET /private/'))).toBe(false);
  });
});

describe('v1 passwords in the vault', () => {
  it('are reconciled against the server: active, inactive, deleted', async () => {
    const t = await setup('oss-2.9');
    const make = async (username: string) => {
      const made = await t.bridge.invoke('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        username,
        description: username,
        read: [t.bucket('sensors')],
        write: [],
        password: { kind: 'generate' },
      });
      passwords.push(made.password);
      return made.credential.id;
    };
    const [live, paused, gone] = [await make('live'), await make('paused'), await make('gone')];
    t.influx.state.legacyAuthorizations.get(paused)!.status = 'inactive';
    t.influx.state.legacyAuthorizations.delete(gone);
    const report = await t.bridge.invoke('reconcileVault', { connectionId: t.connectionId });
    const entries = await t.bridge.invoke('listVault');
    const stateOf = (id: string) =>
      report.entries.find((r) => r.entryId === entries.find((e) => e.authorizationId === id)?.id)?.state;
    expect([stateOf(live), stateOf(paused), stateOf(gone)]).toEqual(['active', 'inactive', 'deleted']);
  });
});
