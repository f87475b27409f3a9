/**
 * What the servers do that the emulators must do too (INFLUXDB3-TOKENS.md §1-2, §5): InfluxDB 3's
 * request IDs, health behind a token, `p` on v1 /query, the Accept header parsed beside `format`;
 * and the write endpoints, so a token Token Desk made is proved to write, with the official 2.x
 * client where there is one.
 */
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCore } from '../support/connect';
import { startEmulator, type Emulator } from './index';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});
const start = async (mode: 'oss-2.9' | 'v3-enterprise') => {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  return influx;
};

describe('InfluxDB 3 as the server answers', () => {
  it('/ping carries one request ID under both names, a UUIDv7', async () => {
    const influx = await start('v3-enterprise');
    const ping = await fetch(`${influx.url}/ping`, { headers: { Authorization: `Bearer ${influx.operatorToken}` } });
    const id = ping.headers.get('request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ping.headers.get('x-request-id')).toBe(id);
  });

  it('/health and /api/v1/health need a token, then answer OK as text', async () => {
    const influx = await start('v3-enterprise');
    for (const path of ['/health', '/api/v1/health']) {
      expect((await fetch(`${influx.url}${path}`)).status).toBe(401);
      const ok = await fetch(`${influx.url}${path}`, { headers: { Authorization: `Token ${influx.operatorToken}` } });
      expect([ok.status, await ok.text(), ok.headers.get('content-type')]).toEqual([
        200,
        'OK',
        'text/plain; charset=utf-8',
      ]);
    }
  });

  it('v1 /query takes p= before the header, even beside a malformed one; a wrong p is 401', async () => {
    const influx = await start('v3-enterprise');
    const query = (p: string) =>
      fetch(`${influx.url}/query?q=SHOW%20DATABASES&p=${encodeURIComponent(p)}`, {
        headers: { Authorization: 'nonsense' },
      });
    expect((await query(influx.operatorToken)).status).toBe(200);
    expect((await query('apiv3_wrong')).status).toBe(401);
  });

  it('parses Accept even when format=json is given: an unknown type is 400', async () => {
    const influx = await start('v3-enterprise');
    const sql = (accept: string) =>
      fetch(`${influx.url}/api/v3/query_sql?db=_internal&q=SELECT%201&format=json`, {
        headers: { Authorization: `Bearer ${influx.operatorToken}`, Accept: accept },
      });
    const refused = await sql('application/xml');
    expect([refused.status, await refused.text()]).toEqual([400, 'invalid mime type (application/xml)']);
    expect((await sql('text/html,*/*')).status).toBe(200);
  });

  it('a database token made in Token Desk writes its database, and nowhere else', async () => {
    const influx = await start('v3-enterprise');
    const t = await connectCore(influx.url, influx.operatorToken);
    const made = await t.bridge.invoke('createV3Token', {
      connectionId: t.connectionId,
      name: 'sensor writer',
      expirySecs: null,
      permissions: [{ resourceType: 'db', names: ['sensors'], actions: ['write'] }],
      saveToVault: true,
    });
    const write = (db: string) =>
      fetch(`${influx.url}/api/v3/write_lp?db=${db}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.value}` },
        body: 'temperature,room=lab value=21.5',
      });
    expect((await write('sensors')).status).toBe(204);
    expect((await write('logs')).status).toBe(403);
    expect(influx.state.v3.written).toEqual([{ db: 'sensors', line: 'temperature,room=lab value=21.5' }]);
  });
});

describe('InfluxDB 2.x v1 credentials', () => {
  it('answers a create pretty-printed, as the server does', async () => {
    const influx = await start('oss-2.9');
    const made = await fetch(`${influx.url}/private/legacy/authorizations`, {
      method: 'POST',
      headers: { Authorization: `Token ${influx.operatorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token: 'svc-pretty',
        orgID: influx.seed.orgID,
        permissions: [{ action: 'read', resource: { type: 'buckets', orgID: influx.seed.orgID } }],
      }),
    });
    const text = await made.text();
    expect(made.status).toBe(201);
    expect(text).toMatch(/^\{\n\t"id": "[0-9a-f]{16}",\n/);
  });
});

describe('InfluxDB 2.x sign-in', () => {
  it('a service user made in Token Desk signs in with the password it was given, and with no other', async () => {
    const influx = await start('oss-2.9');
    const t = await connectCore(influx.url, influx.operatorToken);
    const made = await t.bridge.invoke('createServiceUser', {
      connectionId: t.connectionId,
      operationId: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f53',
      name: 'svc-signin',
      memberships: [{ orgID: influx.seed.orgID, role: 'member' }],
      password: { kind: 'generate' },
    });
    const signin = (password: string) =>
      fetch(`${influx.url}/api/v2/signin`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`svc-signin:${password}`).toString('base64')}` },
      }).then((r) => r.status);
    expect(await signin(made.password?.value ?? '')).toBe(204);
    expect(await signin('not-the-password')).toBe(401);
  });
});

describe('InfluxDB 2.x writes, with the official client', () => {
  it('a read/write token made in Token Desk writes its bucket; a read-only one is refused', async () => {
    const influx = await start('oss-2.9');
    const t = await connectCore(influx.url, influx.operatorToken);
    const sensors = [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const spec = (write: boolean) => ({
      kind: 'read-write' as const,
      read: { all: false, ids: [sensors] },
      write: { all: false, ids: write ? [sensors] : [] },
    });
    const make = (write: boolean) =>
      t.bridge.invoke('createToken', {
        connectionId: t.connectionId,
        orgID: influx.seed.orgID,
        description: write ? 'writer' : 'reader',
        status: 'active',
        spec: spec(write),
        saveToVault: true,
      });
    const writeWith = async (token: string) => {
      const api = new InfluxDB({ url: influx.url, token }).getWriteApi('ops', 'sensors', 'ms', { maxRetries: 0 });
      api.writePoint(
        new Point('temperature').tag('room', 'lab').floatField('value', 21.5).timestamp(1_700_000_000_000),
      );
      await api.close();
    };
    await writeWith((await make(true)).value);
    expect(influx.state.written).toEqual([{ bucket: sensors, line: 'temperature,room=lab value=21.5 1700000000000' }]);
    await expect(writeWith((await make(false)).value)).rejects.toThrow();
    expect(influx.state.written).toHaveLength(1);
  });
});
