/**
 * Across every connection: the last lists main keeps, the counts and attention items computed from
 * them (checked against the emulators' own state), "which token is this?" by each of its four ways
 * (and a value nothing knows), the inventory export, dismissals and retire-by marks, and reminders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionDraft as draft } from '../support/connect';
import { attentionOf, countsOf, fleetState } from '$contract/fleet';
import { addDays, dayOf } from '$contract/review';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { influxd1Lookup, startInfluxd1 } from '../support/influxd1';
import { bridgeTo, type Bridge } from '../support/invoke';
import { filesUnder } from '../support/team-tools';
import { createTestCore, type TestCore } from '../support/test-core';

const modes = ['oss-2.9', 'oss-2.7', 'cloud', 'v3-core', 'v3-enterprise'] as const satisfies readonly Mode[];
const servers = {} as Record<(typeof modes)[number], Emulator>;
const ids = {} as Record<(typeof modes)[number], string>;
const shown: { title: string; body: string }[] = [];
const badges: number[] = [];
let core: TestCore;
let bridge: Bridge;
/** Every value pasted into "which token is this?", for the leak scan at the end. */
const pasted: string[] = [];

beforeAll(async () => {
  core = createTestCore({
    allowedOrigins: ['app://token-desk'],
    notifier: { notify: (title, body) => shown.push({ title, body }), badge: (n) => badges.push(n) },
  });
  bridge = bridgeTo(core);
  for (const mode of modes) {
    servers[mode] = await startEmulator({ mode, seed: 'demo' });
    ids[mode] = (await bridge.invoke('saveConnection', draft(mode, servers[mode].url, servers[mode].operatorToken))).id;
  }
}, 60_000);
afterAll(async () => {
  await core.dispose();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

const listAll = () => Promise.all(modes.map((m) => bridge.invoke('listCredentials', { connectionId: ids[m] })));

describe('the views across connections', () => {
  it('keep every connection’s last list, and count what the servers hold', async () => {
    expect((await bridge.invoke('lastCredentials')).every((e) => e.list === null && e.error === null)).toBe(true);
    await listAll();
    const entries = await bridge.invoke('lastCredentials');
    expect(entries.map((e) => e.connectionId)).toEqual(modes.map((m) => ids[m]));
    const today = dayOf(new Date());
    // OSS's operator token sees every token (Cloud's all-access token sees only its own user's).
    for (const mode of ['oss-2.9'] as const) {
      const entry = entries.find((e) => e.connectionId === ids[mode]);
      const state = servers[mode].state;
      const live = [...state.authorizations.values()].filter((a) => !state.deletedUsers.has(a.userID));
      const counts = countsOf(entry!.list!, today);
      const tokens = entry!.list!.rows.filter((r) => r.kind.startsWith('token:'));
      expect(tokens).toHaveLength(live.length);
      expect(counts.filters.active).toBe(
        live.filter((a) => a.status === 'active').length +
          (entry!.list!.rows.filter((r) => r.kind === 'v1-credential' && r.status === 'active').length ?? 0),
      );
      // Nobody is marked a service user yet: every active token that writes belongs to a person.
      const writers = live.filter(
        (a) =>
          a.status === 'active' &&
          a.permissions.some((p) => p.action === 'write' && ['buckets', 'instance'].includes(p.resource.type)),
      );
      expect(counts.filters['people-write']).toBeGreaterThanOrEqual(writers.length);
      expect(fleetState(entry!)).toBe('fine');
    }
    const v3 = entries.find((e) => e.connectionId === ids['v3-enterprise'])!.list!;
    expect(countsOf(v3, today).filters.expired).toBe(
      [...servers['v3-enterprise'].state.v3.tokens.values()].filter((t) => t.expiry !== null && t.expiry < Date.now())
        .length,
    );
    expect(v3.version).not.toBeNull();
    expect(entries.find((e) => e.connectionId === ids['oss-2.7'])!.list!.version).toMatch(/2\.7/);
  });

  it('says a connection fails in its own entry and keeps its last list', async () => {
    servers.cloud.faults.add({ fault: { kind: 'reset' } });
    await bridge.failure('listCredentials', { connectionId: ids.cloud });
    servers.cloud.faults.clear();
    const entry = (await bridge.invoke('lastCredentials')).find((e) => e.connectionId === ids.cloud)!;
    expect(entry.error?.code).toBe('NETWORK');
    expect(entry.list).not.toBeNull();
    expect(fleetState(entry)).toBe('unreachable');
    const items = attentionOf([entry], new Set(), dayOf(new Date()));
    expect(items[0]).toMatchObject({ rank: 0, action: 'check', connectionId: ids.cloud });
    await bridge.invoke('listCredentials', { connectionId: ids.cloud });
  });
});

describe('a real InfluxDB 1.x among them', () => {
  it.skipIf(!influxd1Lookup.found)(
    'lists its users in the same shape: admins counted, privileges searched by database',
    async () => {
      const server = await startInfluxd1();
      try {
        await server.query(`CREATE DATABASE "telemetry"; CREATE USER "bob" WITH PASSWORD 'bob-pass-1'`);
        await server.query('GRANT WRITE ON "telemetry" TO "bob"');
        const { id } = await bridge.invoke(
          'saveConnection',
          draft('Legacy 1.x', server.url, `${server.admin.username}:${server.admin.password}`),
        );
        const list = await bridge.invoke('listCredentials', { connectionId: id });
        expect(list.product).toBe('influxdb1');
        const counts = countsOf(list, dayOf(new Date()));
        expect(counts.filters.privileged).toBe(1);
        expect(list.rows.find((r) => r.id === 'bob')).toMatchObject({
          tab: 'users',
          grants: [{ action: 'write', resource: 'telemetry' }],
        });
        const entry = (await bridge.invoke('lastCredentials')).find((e) => e.connectionId === id);
        expect(entry?.list?.rows.map((r) => r.id).sort()).toEqual(['admin', 'bob']);
        await bridge.invoke('removeConnection', { id });
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});

describe('which token is this?', () => {
  const identify = (value: string, ask: string[] = []) => {
    pasted.push(value);
    return bridge.invoke('identifyToken', { value, ask });
  };

  it('finds a value the vault holds, on its connection', async () => {
    const grafana = servers['oss-2.9'].seed.tokens['grafana']!;
    const made = await bridge.invoke('cloneToken', { connectionId: ids['oss-2.9'], id: grafana.id, saveToVault: true });
    await bridge.invoke('listCredentials', { connectionId: ids['oss-2.9'] });
    const answer = await identify(made.value);
    expect(answer.matches).toEqual([
      expect.objectContaining({ connectionId: ids['oss-2.9'], how: 'vault', vaultEntryId: expect.any(String) }),
    ]);
    expect(answer.matches[0]?.row?.id).toBe(made.token.id);
    expect(servers['oss-2.9'].state.authorizations.get(made.token.id)?.token).toBe(made.value);
    expect(answer.asked).toEqual([]);
  });

  it('finds an InfluxDB 3 string by the hash the server keeps', async () => {
    const ci = servers['v3-core'].seed.v3['ci']!;
    const answer = await identify(ci.value);
    const match = answer.matches.find((m) => m.connectionId === ids['v3-core']);
    expect(match).toMatchObject({ how: 'v3-hash', row: { name: 'ci', id: String(ci.token.id) } });
  });

  it('finds a value OSS 2.7 returned in its list', async () => {
    const telegraf = servers['oss-2.7'].seed.tokens['telegraf']!;
    const answer = await identify(telegraf.token);
    expect(answer.matches).toEqual([expect.objectContaining({ connectionId: ids['oss-2.7'], how: 'readable-value' })]);
    expect(answer.matches[0]?.row).toMatchObject({ id: telegraf.id, owner: 'telegraf-agent' });
  });

  it('asks an OSS 2.9 server, only when ticked, whose value it is', async () => {
    const seed = servers['oss-2.9'].seed.tokens;
    const writer = seed['sensorsWriter']!;
    // The same seeded value is readable on the 2.7 server: locally, only that one is found.
    // A list asks /me with the connection's own token; asked with the pasted value, /me is asked once more.
    const others = ['oss-2.7', 'cloud', 'v3-core', 'v3-enterprise'] as const;
    const asks = (mode: keyof typeof servers) =>
      servers[mode].requests.filter((r) => r.line.includes('/api/v2/me')).length;
    const before = asks('oss-2.9');
    const local = await identify(writer.token);
    expect(local.matches.map((m) => m.connectionId)).toEqual([ids['oss-2.7']]);
    expect(asks('oss-2.9')).toBe(before);
    const othersBefore = others.map(asks);
    const answer = await identify(writer.token, [ids['oss-2.9']]);
    expect(answer.asked).toEqual([expect.objectContaining({ connectionId: ids['oss-2.9'], outcome: 'found' })]);
    // 2.9 keeps only hashes: /me names the user, whose two active tokens it may be.
    const me = answer.matches.find((m) => m.connectionId === ids['oss-2.9']);
    expect(me).toMatchObject({ how: 'me', owner: 'telegraf-agent', row: null });
    expect(me?.candidates.sort()).toEqual([writer.id, seed['telegraf']!.id].sort());
    expect(asks('oss-2.9')).toBe(before + 1);
    // The other connections were never sent it.
    expect(others.map(asks)).toEqual(othersBefore);
  });

  it('says a token of a deleted user is one no more', async () => {
    const answer = await identify(servers['oss-2.9'].seed.tokens['carolLaptop']!.token, [ids['oss-2.9']]);
    expect(answer.matches).toEqual([]);
    expect(answer.asked[0]).toMatchObject({ outcome: 'failed', message: expect.stringContaining('deleted') });
  });

  it('says plainly when nothing knows a value', async () => {
    const answer = await identify('not-a-token-anyone-made-0123456789', [ids['oss-2.9']]);
    expect(answer.matches).toEqual([]);
    expect(answer.asked).toEqual([expect.objectContaining({ outcome: 'unknown' })]);
  });
});

describe('the inventory, attention and retire-by marks', () => {
  it('exports every listed credential, never a value, formula cells defused', async () => {
    const ops = servers['oss-2.9'].seed.orgID;
    const made = await bridge.invoke('createToken', {
      connectionId: ids['oss-2.9'],
      orgID: ops,
      description: '=HYPERLINK("http://x")',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    } as never);
    await listAll();
    const path = join(core.dataDir, 'inventory.csv');
    core.dialogs.answers.save['export-inventory-csv'] = path;
    const done = await bridge.invoke('exportInventory', { format: 'csv' });
    const entries = await bridge.invoke('lastCredentials');
    const total = entries.reduce((n, e) => n + (e.list?.rows.length ?? 0), 0);
    expect(done).toMatchObject({ path, count: total, unread: 0 });
    const csv = readFileSync(path, 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(total + 1);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toContain(made.value);
    const jsonPath = join(core.dataDir, 'inventory.json');
    core.dialogs.answers.save['export-inventory-json'] = jsonPath;
    await bridge.invoke('exportInventory', { format: 'json' });
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toHaveLength(total);
  });

  it('keeps a replaced token with its retire-by date until it is gone, and lists it to be retired', async () => {
    const connectionId = ids['oss-2.9'];
    const old = servers['oss-2.9'].seed.tokens['legacyExporter']!;
    const by = addDays(dayOf(new Date()), 7);
    const summary = await bridge.invoke('setRetirement', {
      connectionId,
      credentialId: old.id,
      retirement: { by, replacedBy: 'Legacy exporter v2' },
      description: 'Legacy exporter',
    });
    expect(summary.retirements[old.id]).toEqual({ by, replacedBy: 'Legacy exporter v2' });
    const list = await bridge.invoke('listCredentials', { connectionId });
    expect(list.rows.find((r) => r.id === old.id)?.retirement).toEqual({ by, replacedBy: 'Legacy exporter v2' });
    const items = attentionOf(await bridge.invoke('lastCredentials'), new Set(), dayOf(new Date()));
    expect(items.some((i) => i.credentialId === old.id && i.action === 'retire')).toBe(true);
    await bridge.invoke('deleteToken', { connectionId, id: old.id });
    await bridge.invoke('listCredentials', { connectionId });
    expect((await bridge.invoke('listConnections')).find((c) => c.id === connectionId)?.retirements).toEqual({});
    const history = await bridge.invoke('listHistory');
    expect(history.entries.some((e) => e.action === 'credential.keep' && e.target === old.id)).toBe(true);
  });

  it('sets review dates on rows of any family from the views across connections, in one write', async () => {
    const connectionId = ids['oss-2.9'];
    const list = await bridge.invoke('listCredentials', { connectionId });
    const today = dayOf(new Date());
    const undated = list.rows.filter((r) => r.reviewBy === null && r.status === 'active');
    const token = undated.find((r) => r.kind.startsWith('token:'))!;
    const v1 = undated.find((r) => r.kind === 'v1-credential')!;
    const noReview = (entries: Awaited<ReturnType<typeof bridge.invoke<'lastCredentials'>>>) =>
      attentionOf(entries, new Set(), today).find((i) => i.key === `${connectionId}::no-review`)?.title;
    const before = noReview(await bridge.invoke('lastCredentials'));
    const in30 = addDays(today, 30);
    const entry = await bridge.invoke('setCredentialReviews', {
      connectionId,
      reviews: [
        { id: token.id, kind: token.kind, reviewBy: in30 },
        { id: v1.id, kind: v1.kind, reviewBy: today },
      ],
    });
    // The last list follows at once, and each family's own list reads the date back from where it keeps it.
    expect(entry.list!.rows.find((r) => r.id === token.id)?.reviewBy).toBe(in30);
    expect(noReview(await bridge.invoke('lastCredentials'))).not.toBe(before);
    const tokens = await bridge.invoke('listTokens', { connectionId });
    expect(tokens.rows.find((t) => t.id === token.id)?.reviewBy).toBe(in30);
    const credentials = await bridge.invoke('listV1Credentials', { connectionId });
    expect(credentials.rows.find((c) => c.id === v1.id)?.reviewBy).toBe(today);
    const due = attentionOf(await bridge.invoke('lastCredentials'), new Set(), today);
    expect(due.some((i) => i.credentialId === v1.id && i.action === 'review')).toBe(true);

    const v3 = (await bridge.invoke('listCredentials', { connectionId: ids['v3-core'] })).rows[0]!;
    const refused = await bridge.failure('setCredentialReviews', {
      connectionId: ids['v3-core'],
      reviews: [{ id: v3.id, kind: v3.kind, reviewBy: in30 }],
    });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('expiry of its own') });
    const gone = await bridge.failure('setCredentialReviews', {
      connectionId,
      reviews: [{ id: 'ffffffffffffffff', kind: 'token:custom', reviewBy: in30 }],
    });
    expect(gone).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Refresh') });
  });

  it('sets an attention item aside with a reason, in the settings and the history, and shows it again', async () => {
    const entries = await bridge.invoke('lastCredentials');
    const item = attentionOf(entries, new Set(), dayOf(new Date()))[0]!;
    const kept = await bridge.invoke('dismissAttention', {
      connectionId: item.connectionId,
      key: item.key,
      title: item.title,
      reason: 'lab server, on purpose',
    });
    expect(kept).toEqual([expect.objectContaining({ key: item.key, reason: 'lab server, on purpose' })]);
    const after = attentionOf(entries, new Set(kept.map((d) => d.key)), dayOf(new Date()));
    expect(after.some((i) => i.key === item.key)).toBe(false);
    const history = await bridge.invoke('listHistory');
    expect(history.entries.find((e) => e.action === 'attention.dismiss')?.description).toContain('lab server');
    expect(await bridge.invoke('restoreAttention', { connectionId: item.connectionId, key: item.key })).toEqual([]);
  });

  it('reminds at most once a day of what is due, and counts it on the badge', async () => {
    // Every list so far (expired InfluxDB 3 tokens are due) brought one notification, not one each.
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toMatch(/attention/);
    expect(shown[0]?.body).toMatch(/expire/);
    const before = badges.at(-1) ?? 0;
    expect(before).toBeGreaterThan(0);
    const connectionId = ids['oss-2.9'];
    const grafana = servers['oss-2.9'].seed.tokens['grafana']!;
    await bridge.invoke('setTokenReview', { connectionId, id: grafana.id, reviewBy: addDays(dayOf(new Date()), -1) });
    await bridge.invoke('listCredentials', { connectionId });
    expect(badges.at(-1)).toBe(before + 1);
    expect(shown).toHaveLength(1);
    await bridge.invoke('setPreferences', { reminders: false });
    await bridge.invoke('listCredentials', { connectionId });
    expect(badges.at(-1)).toBe(0);
  });

  it('leaves no pasted value in a log, a file or an answer besides the vault’s own sealed copy', async () => {
    const files = filesUnder(core.dataDir);
    for (const value of pasted) {
      expect(core.logs.join('\n')).not.toContain(value);
      expect(files.filter((f) => f.text.includes(value)).map((f) => f.path)).toEqual([]);
      const answers = bridge.answers.filter((a) => a.name === 'identifyToken');
      expect(answers.some((a) => a.json.includes(value))).toBe(false);
    }
  });
});
