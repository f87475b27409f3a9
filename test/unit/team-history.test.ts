/**
 * The team history, end to end through the handler table: setup makes what the target needs with
 * the least rights (checked in the server's own state), every record goes as one point (checked in
 * what the server stored), a cut or a restart loses nothing and doubles nothing, and two desks read
 * back as one history. Against the 2.x and v3 emulators and a real InfluxDB 1.x.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionDraft as draft } from '../support/connect';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { influxd1Lookup, showGrants, startInfluxd1, type Influxd1 } from '../support/influxd1';
import { FakeTimers } from '../support/fake-timers';
import { bridgeTo, type Bridge } from '../support/invoke';
import { createTestCore, type TestCore } from '../support/test-core';
import { pointOf } from '../../main/team-history/line-protocol';
import { parseLine } from '../emulator/points';
import { mappingsOf } from '../emulator/dbrps';
import type { HistoryEntry } from '$contract/history';
import type { SecretBox } from '../../main/secrets/secret-box';
import { createTestSecretBox } from '../support/test-secret-box';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

interface Restartable {
  dataDir: string;
  secretBox: SecretBox;
}
const restartable = (): Restartable => ({
  dataDir: mkdtempSync(join(tmpdir(), 'token-desk-team-')),
  secretBox: createTestSecretBox(),
});

interface Desk {
  core: TestCore;
  bridge: Bridge;
  timers: FakeTimers;
  id: string;
}

/** A restart keeps its data folder and the OS key store: `again` gives both. */
async function desk(name: string, url: string, token: string, again?: Restartable): Promise<Desk> {
  const timers = new FakeTimers();
  const core = createTestCore({ allowedOrigins: ['app://token-desk'], timers, ...(again ?? {}) });
  cleanup.push(() => core.dispose());
  const bridge = bridgeTo(core);
  await bridge.invoke('setDeskName', { name });
  const existing = (await bridge.invoke('listConnections')).find((c) => c.url === url);
  const id = existing?.id ?? (await bridge.invoke('saveConnection', draft(`${name}’s server`, url, token))).id;
  return { core, bridge, timers, id };
}

async function emulator(mode: Mode): Promise<Emulator> {
  const server = await startEmulator({ mode, seed: 'demo' });
  cleanup.push(() => server.close());
  return server;
}

/** Changes that touch no server and are still recorded: attention items set aside. */
async function changes(d: Desk, count: number, label = 'item'): Promise<void> {
  for (let i = 0; i < count; i += 1)
    await d.bridge.invoke('dismissAttention', {
      connectionId: d.id,
      key: `${label}-${i}`,
      title: `${label} ${i}`,
      reason: 'known',
    });
  // The journal's read waits for every append before it: by then each record was handed to the shipper.
  await d.bridge.invoke('listHistory');
}

const localIds = async (d: Desk) => (await d.bridge.invoke('listHistory')).entries.map((e) => e.id);

describe('line protocol', () => {
  it('escapes what would break a point, and gives one record one series and time', () => {
    const entry: HistoryEntry = {
      id: 'r1',
      at: '2026-12-03T10:00:00.123Z',
      desk: 'alice@lap top',
      product: 'OSS 2.7',
      connectionId: 'c',
      connectionName: 'prod, eu=1',
      url: 'https://a',
      action: 'token.delete',
      target: '0a',
      description: 'say "hi"\nback\\slash',
      outcome: 'ok',
      detail: '',
    };
    const fallback = { desk: 'fallback', product: () => '3 Core' };
    const line = pointOf(entry, fallback);
    expect(line).not.toContain('\n');
    const point = parseLine(line, 0n);
    expect(point.tags).toMatchObject({ connection: 'prod, eu=1', desk: 'alice@lap top', product: 'OSS 2.7' });
    expect(point.fields['description']).toBe('say "hi" back\\slash');
    expect(point.time / 1_000_000n).toBe(BigInt(Date.parse(entry.at)));
    expect(pointOf(entry, fallback)).toBe(line);
    expect(parseLine(pointOf({ ...entry, id: 'r2' }, fallback), 0n).time).not.toBe(point.time);
    expect(parseLine(pointOf({ ...entry, desk: '', product: '' }, fallback), 0n).tags).toMatchObject({
      desk: 'fallback',
      product: '3 Core',
    });
  });
});

describe('the team history on InfluxDB 2.x', () => {
  it('sets up a bucket, a DBRP mapping and a read-write token of a service user, then ships every record once', async () => {
    const server = await emulator('oss-2.9');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    await changes(alice, 3, 'before');
    const status = await alice.bridge.invoke('setUpTeamHistory', {
      connectionId: alice.id,
      database: 'token_desk_history',
      orgID: null,
    });
    const state = server.state;
    const bucket = [...state.buckets.values()].find((b) => b.name === 'token_desk_history');
    expect(bucket).toBeDefined();
    // InfluxQL reads it by a mapping of its name (2.x's own virtual one here; made where a server has none).
    expect(
      mappingsOf(state, bucket!.orgID).some((d) => d.bucketID === bucket!.id && d.database === 'token_desk_history'),
    ).toBe(true);
    const user = [...state.users.values()].find((u) => u.name === 'token-desk-history');
    const token = [...state.authorizations.values()].find(
      (a) => a.description === 'Token Desk team history: alice@laptop',
    );
    expect(token?.userID).toBe(user?.id);
    expect(token?.permissions.map((p) => `${p.action}:${p.resource.type}:${p.resource.id}`).sort()).toEqual([
      `read:buckets:${bucket!.id}`,
      `write:buckets:${bucket!.id}`,
    ]);
    // The token's value is in the vault, and it is what writes.
    expect(status.target?.credential.kind).toBe('vault');
    const vault = await alice.bridge.invoke('listVault');
    expect(vault.some((e) => e.authorizationId === token?.id)).toBe(true);

    await alice.bridge.invoke('shipTeamHistory');
    const shipped = await localIds(alice);
    // Three records before setup, the setup itself: each one point, on the bucket.
    expect(state.pointsOf(bucket!.id).size).toBe(shipped.length);
    expect((await alice.bridge.invoke('getTeamHistory')).waiting).toBe(0);
    const team = await alice.bridge.invoke('readTeamHistory');
    expect(team.entries.map((e) => e.id).sort()).toEqual([...shipped].sort());
    expect(team.entries.every((e) => e.desk === 'alice@laptop' && e.product === 'OSS 2.9')).toBe(true);
  });

  it('loses nothing and doubles nothing when a write fails or its answer is lost, and says how many wait', async () => {
    const server = await emulator('oss-2.9');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    await alice.bridge.invoke('setUpTeamHistory', { connectionId: alice.id, database: 'history', orgID: null });
    await alice.bridge.invoke('shipTeamHistory');
    const bucket = [...server.state.buckets.values()].find((b) => b.name === 'history')!;
    server.faults.add({ fault: { kind: 'reset' }, path: '/api/v2/write' });
    await changes(alice, 4);
    await alice.bridge.invoke('shipTeamHistory');
    let status = await alice.bridge.invoke('getTeamHistory');
    expect(status.waiting).toBe(4);
    expect(status.problem).toMatch(/connection|reset|network|answer/i);
    expect(status.retryAt).not.toBeNull();
    server.faults.clear();
    // The server takes the batch and the answer is cut: the retry sends it again, and it overwrites itself.
    server.faults.add({ fault: { kind: 'reset-after' }, path: '/api/v2/write', times: 1 });
    await alice.bridge.invoke('shipTeamHistory');
    expect((await alice.bridge.invoke('getTeamHistory')).waiting).toBe(4);
    status = await alice.bridge.invoke('shipTeamHistory');
    expect(status).toMatchObject({ waiting: 0, problem: null });
    const local = await localIds(alice);
    expect(server.state.written.filter((w) => w.bucket === bucket.id).length).toBeGreaterThan(local.length);
    expect(server.state.pointsOf(bucket.id).size).toBe(local.length);
  });

  it('keeps what waits across a restart and ships it in order', async () => {
    const server = await emulator('oss-2.9');
    const dataDir = restartable();
    const first = await desk('alice@laptop', server.url, server.operatorToken, dataDir);
    await first.bridge.invoke('setUpTeamHistory', { connectionId: first.id, database: 'history', orgID: null });
    await first.bridge.invoke('shipTeamHistory');
    server.faults.add({ fault: { kind: 'status', status: 503 }, path: '/api/v2/write' });
    await changes(first, 5, 'offline');
    await first.bridge.invoke('shipTeamHistory');
    expect((await first.bridge.invoke('getTeamHistory')).waiting).toBe(5);
    await first.core.dispose();
    server.faults.clear();

    const again = await desk('alice@laptop', server.url, server.operatorToken, dataDir);
    await again.timers.advance(0);
    await again.bridge.invoke('shipTeamHistory');
    expect(await again.bridge.invoke('getTeamHistory')).toMatchObject({ waiting: 0, problem: null });
    const bucket = [...server.state.buckets.values()].find((b) => b.name === 'history')!;
    const order = server.state.written
      .filter((w) => w.bucket === bucket.id)
      .map((w) => parseLine(w.line, 0n).fields['target'])
      .filter((t) => typeof t === 'string' && t.startsWith('offline'));
    expect(order).toEqual(['offline-0', 'offline-1', 'offline-2', 'offline-3', 'offline-4']);
    expect(server.state.pointsOf(bucket.id).size).toBe((await localIds(again)).length);
  });

  it('reads two desks’ records as one history', async () => {
    const server = await emulator('oss-2.9');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    const bob = await desk('bob@desktop', server.url, server.operatorToken);
    for (const d of [alice, bob]) {
      await d.bridge.invoke('setUpTeamHistory', { connectionId: d.id, database: 'history', orgID: null });
      await changes(d, 2, d === alice ? 'alice' : 'bob');
      await d.bridge.invoke('shipTeamHistory');
    }
    // One service user for both desks, a token of each desk's own.
    expect([...server.state.users.values()].filter((u) => u.name === 'token-desk-history')).toHaveLength(1);
    const team = await alice.bridge.invoke('readTeamHistory');
    const desks = new Set(team.entries.map((e) => e.desk));
    expect(desks).toEqual(new Set(['alice@laptop', 'bob@desktop']));
    expect(
      team.entries
        .filter((e) => e.action === 'attention.dismiss')
        .map((e) => e.target)
        .sort(),
    ).toEqual(['alice-0', 'alice-1', 'bob-0', 'bob-1']);
    // Newest first, as the local history.
    expect(team.entries.map((e) => e.at)).toEqual([...team.entries.map((e) => e.at)].sort().reverse());
  });

  it('on Cloud, where no service user can be made, the token belongs to the connection’s user and says so', async () => {
    const server = await emulator('cloud');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    const status = await alice.bridge.invoke('setUpTeamHistory', {
      connectionId: alice.id,
      database: 'history',
      orgID: null,
    });
    expect(status.target?.made.join(' ')).toMatch(/belongs to .*no service users/);
    await alice.bridge.invoke('shipTeamHistory');
    expect((await alice.bridge.invoke('readTeamHistory')).entries.length).toBeGreaterThan(0);
  });

  it('refuses a product that cannot hold it, before making anything', async () => {
    const server = await emulator('dedicated');
    const alice = await desk('alice@laptop', server.managementUrl ?? '', server.operatorToken);
    await expect(
      alice.bridge.invoke('setUpTeamHistory', { connectionId: alice.id, database: 'history', orgID: null }),
    ).rejects.toThrow(/cannot hold the team history/);
    expect((await alice.bridge.invoke('getTeamHistory')).target).toBeNull();
  });
});

describe('the team history on InfluxDB 3', () => {
  it('Enterprise: a database and a database token that may read and write only it; SQL reads it back', async () => {
    const server = await emulator('v3-enterprise');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    await alice.bridge.invoke('setUpTeamHistory', { connectionId: alice.id, database: 'history', orgID: null });
    const token = [...server.state.v3.tokens.values()].find((t) => t.name === 'token-desk-history-alice-laptop');
    expect(token?.permissions).toBe('db:history:read,write');
    await changes(alice, 2);
    await alice.bridge.invoke('shipTeamHistory');
    expect(server.state.v3.pointsOf('history').size).toBe((await localIds(alice)).length);
    const team = await alice.bridge.invoke('readTeamHistory');
    expect(team.entries.map((e) => e.id).sort()).toEqual((await localIds(alice)).sort());
    expect(team.entries[0]?.at).toMatch(/Z$/);
  });

  it('Core: the connection’s own token writes, and setup says why', async () => {
    const server = await emulator('v3-core');
    const alice = await desk('alice@laptop', server.url, server.operatorToken);
    const status = await alice.bridge.invoke('setUpTeamHistory', {
      connectionId: alice.id,
      database: 'history',
      orgID: null,
    });
    expect(status.target?.credential).toEqual({ kind: 'connection' });
    expect(status.target?.made.join(' ')).toMatch(/only admin tokens/);
    await alice.bridge.invoke('shipTeamHistory');
    expect((await alice.bridge.invoke('readTeamHistory')).entries.length).toBe((await localIds(alice)).length);
  });
});

/** A TCP proxy that, while `cut` is set, forwards that many bytes of a request and then drops both sides. */
async function cuttingProxy(port: number): Promise<{ url: string; cut: number | null; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const proxy = {
    url: '',
    cut: null as number | null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      const cut = proxy.cut;
      if (cut !== null && sent + chunk.length >= cut) {
        upstream.write(chunk.subarray(0, Math.max(0, cut - sent)));
        client.destroy();
        upstream.destroy();
        return;
      }
      sent += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const s of [client, upstream])
      s.on('error', () => undefined).on('close', () => (client.destroy(), upstream.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}

describe('the team history on a real InfluxDB 1.x', () => {
  it.skipIf(!influxd1Lookup.found)(
    'a database and a user with READ and WRITE on it; a cut mid batch and a restart lose nothing, double nothing',
    async () => {
      const server: Influxd1 = await startInfluxd1();
      cleanup.push(() => server.stop());
      const proxy = await cuttingProxy(server.port);
      cleanup.push(() => proxy.close());
      const login = `${server.admin.username}:${server.admin.password}`;
      const dataDir = restartable();
      const alice = await desk('alice@laptop', proxy.url, login, dataDir);
      await changes(alice, 3, 'before');
      await alice.bridge.invoke('setUpTeamHistory', { connectionId: alice.id, database: 'history', orgID: null });
      expect(await showGrants(server, 'token_desk_history_alice_laptop')).toEqual({ history: 'ALL PRIVILEGES' });
      await alice.bridge.invoke('shipTeamHistory');

      // A batch cut after 300 bytes of its request: nothing is taken, the records wait.
      proxy.cut = 300;
      await changes(alice, 40, 'cut');
      await alice.bridge.invoke('shipTeamHistory');
      const waiting = (await alice.bridge.invoke('getTeamHistory')).waiting;
      expect(waiting).toBe(40);
      await alice.core.dispose();
      proxy.cut = null;

      const again = await desk('alice@laptop', proxy.url, login, dataDir);
      await again.timers.advance(0);
      await again.bridge.invoke('shipTeamHistory');
      expect((await again.bridge.invoke('getTeamHistory')).waiting).toBe(0);
      const local = await localIds(again);
      // Asked of the server itself: one point per record.
      const counted = await server.query('SELECT count("id") FROM "history"."autogen"."token_desk_history"');
      expect(counted.body.results?.[0]?.series?.[0]?.values?.[0]?.[1]).toBe(local.length);
      const team = await again.bridge.invoke('readTeamHistory');
      expect(team.entries.map((e) => e.id).sort()).toEqual([...local].sort());
      expect(team.entries.filter((e) => e.target.startsWith('cut-'))).toHaveLength(40);

      // A second desk on the same server appears beside the first.
      const bob = await desk('bob@desktop', proxy.url, login);
      await bob.bridge.invoke('setUpTeamHistory', { connectionId: bob.id, database: 'history', orgID: null });
      await changes(bob, 1, 'bob');
      await bob.bridge.invoke('shipTeamHistory');
      const both = await again.bridge.invoke('readTeamHistory');
      expect(new Set(both.entries.map((e) => e.desk))).toEqual(new Set(['alice@laptop', 'bob@desktop']));
      // Records made before the server first answered take its product when they are shipped.
      expect(both.entries.every((e) => e.product === '1.x')).toBe(true);
    },
    60_000,
  );
});
