/**
 * Every family's credentials in one shape (listCredentials), as the views across connections read
 * them: 2.x tokens with v1 credentials, Cloud tokens alone, InfluxDB 3 tokens with their expiry, and a
 * real InfluxDB 1.x's users. Each row is checked against the server's own state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { influxd1Lookup, startInfluxd1, type Influxd1 } from '../support/influxd1';
import { connectCore } from '../support/connect';

const running: { close?: () => Promise<void>; stop?: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => (r.close ?? r.stop)?.()));
});

const connectTo = (url: string, token: string) => connectCore(url, token, { name: 'fleet' });

async function emulated(mode: Mode): Promise<Emulator> {
  const influx = await startEmulator({ mode, seed: 'demo' });
  running.push(influx);
  return influx;
}

describe('credentials of every family in one shape', () => {
  it('OSS 2.x: its tokens and its v1 credentials, each one the server has', async () => {
    const influx = await emulated('oss-2.9');
    const { bridge, connectionId } = await connectTo(influx.url, influx.operatorToken);
    const list = await bridge.invoke('listCredentials', { connectionId });
    expect(list.product).toBe('oss');
    const tokens = list.rows.filter((r) => r.kind.startsWith('token:'));
    const v1 = list.rows.filter((r) => r.kind === 'v1-credential');
    const live = [...influx.state.authorizations.values()].filter((a) => !influx.state.deletedUsers.has(a.userID));
    expect(tokens.map((r) => r.id).sort()).toEqual(live.map((a) => a.id).sort());
    expect(v1.map((r) => r.id).sort()).toEqual([...influx.state.legacyAuthorizations.keys()].sort());
    const operator = tokens.find((r) => r.id === influx.seed.tokens['operator']?.id);
    expect(operator).toMatchObject({ family: 'v2', kind: 'token:operator', permissions: 'Operator', owner: 'admin' });
    expect(v1.every((r) => r.family === 'v2' && r.expiresAt === null && r.owner !== null)).toBe(true);
  });

  it('Cloud: tokens only (it has no v1 credentials, and none is asked for)', async () => {
    const influx = await emulated('cloud');
    const { bridge, connectionId } = await connectTo(influx.url, influx.operatorToken);
    const list = await bridge.invoke('listCredentials', { connectionId });
    expect(list.product).toBe('cloud');
    expect(list.rows.every((r) => r.kind.startsWith('token:'))).toBe(true);
    expect(influx.requests.some((r) => r.line.includes('/private/legacy'))).toBe(false);
  });

  it('InfluxDB 3 Enterprise: every token with its expiry, expired ones said so, no owner', async () => {
    const influx = await emulated('v3-enterprise');
    const { bridge, connectionId } = await connectTo(influx.url, influx.operatorToken);
    const list = await bridge.invoke('listCredentials', { connectionId });
    expect(list.product).toBe('v3-enterprise');
    expect(list.rows.map((r) => r.name).sort()).toEqual([...influx.state.v3.tokens.values()].map((t) => t.name).sort());
    const oldCi = list.rows.find((r) => r.name === 'old-ci');
    expect(oldCi).toMatchObject({ family: 'v3', status: 'expired', owner: null });
    expect(oldCi?.expiresAt).not.toBeNull();
    expect(list.rows.find((r) => r.name === '_admin')).toMatchObject({ kind: 'v3:operator', expiresAt: null });
  });

  it.skipIf(!influxd1Lookup.found)(
    'InfluxDB 1.x: every user with its role and privileges in words',
    async () => {
      const server: Influxd1 = await startInfluxd1();
      running.push(server);
      await server.query(`CREATE DATABASE "telemetry"; CREATE USER "bob" WITH PASSWORD 'bob-pass-1'`);
      await server.query('GRANT WRITE ON "telemetry" TO "bob"');
      const { bridge, connectionId } = await connectTo(server.url, `${server.admin.username}:${server.admin.password}`);
      const list = await bridge.invoke('listCredentials', { connectionId });
      expect(list.product).toBe('influxdb1');
      expect(list.rows).toEqual([
        expect.objectContaining({ family: 'influx1', id: 'admin', kind: 'influx1:admin', status: 'active' }),
        expect.objectContaining({ id: 'bob', kind: 'influx1:user', permissions: 'WRITE on telemetry', inVault: false }),
      ]);
    },
    60_000,
  );
});
