/** Headers, health, setup, tenants and paging, fault injection and TLS of the emulator. */
import { OrgsAPI, SetupAPI, UsersAPI } from '@influxdata/influxdb-client-apis';
import { InfluxDB } from '@influxdata/influxdb-client';
import { request as httpsRequest } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './client';
import { startEmulator, type Emulator } from './index';

const running: Emulator[] = [];
async function start(...args: Parameters<typeof startEmulator>): Promise<Emulator> {
  const emulator = await startEmulator(...args);
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

describe('product identity', () => {
  it('OSS answers /ping with 204 and its build and version headers', async () => {
    const influx = await start({ mode: 'oss-2.7' });
    const ping = await call(influx.url, 'GET', '/ping');
    expect(ping.status).toBe(204);
    expect(ping.headers.get('x-influxdb-build')).toBe('OSS');
    expect(ping.headers.get('x-influxdb-version')).toBe('v2.7.12');
    const health = await call(influx.url, 'GET', '/health');
    expect(health.json).toMatchObject({
      name: 'influxdb',
      message: 'ready for queries and writes',
      status: 'pass',
      checks: [],
      version: 'v2.7.12',
    });
  });

  it('Cloud sends its build but no version', async () => {
    const influx = await start({ mode: 'cloud' });
    const ping = await call(influx.url, 'GET', '/ping');
    expect(ping.headers.get('x-influxdb-build')).toBe('Cloud');
    expect(ping.headers.get('x-influxdb-version')).toBeNull();
  });

  it('lists 23 resource types with instance on OSS, 20 with Cloud’s own on Cloud', async () => {
    const oss = await start({ mode: 'oss-2.9' });
    const ossTypes = (await call(oss.url, 'GET', '/api/v2/resources', { token: oss.operatorToken }))
      .json as unknown as string[];
    expect(ossTypes).toHaveLength(23);
    expect(ossTypes).toContain('instance');
    const cloud = await start({ mode: 'cloud' });
    const cloudTypes = (await call(cloud.url, 'GET', '/api/v2/resources', { token: cloud.operatorToken }))
      .json as unknown as string[];
    expect(cloudTypes).toHaveLength(20);
    expect(cloudTypes).toEqual(expect.arrayContaining(['flows', 'functions', 'subscriptions']));
    expect(cloudTypes).not.toContain('instance');
  });

  it('answers unknown paths with 404 in InfluxDB’s error shape', async () => {
    const influx = await start();
    const answer = await call(influx.url, 'GET', '/api/v2/nothing', { token: influx.operatorToken });
    expect(answer.status).toBe(404);
    expect(answer.json['code']).toBe('not found');
  });
});

describe('setup', () => {
  it('onboards once with the official client and returns the operator token "<user>\'s Token"', async () => {
    const influx = await start({ seed: 'none' });
    const setup = new SetupAPI(new InfluxDB({ url: influx.url }));
    expect(await setup.getSetup()).toEqual({ allowed: true });
    const done = await setup.postSetup({
      body: { username: 'my-user', password: 'secret-pass', org: 'my-org', bucket: 'my-bucket' },
    });
    expect(done.auth?.description).toBe("my-user's Token");
    expect(done.auth?.token).toMatch(/==$/);
    expect(done.auth?.permissions).toHaveLength(44); // 22 types × read/write, instance excluded
    expect(done.auth?.permissions?.every((p) => p.resource.orgID === undefined)).toBe(true);
    expect(await setup.getSetup()).toEqual({ allowed: false });
    const again = await call(influx.url, 'POST', '/api/v2/setup', { body: { username: 'x', org: 'y', bucket: 'z' } });
    expect(again.status).toBe(422);
  });
});

describe('me, orgs, users and paging', () => {
  it('answers /me with the token’s user', async () => {
    const influx = await start({ seed: 'demo' });
    const me = await call(influx.url, 'GET', '/api/v2/me', { token: influx.seed.tokens['aliceAllAccess']!.token });
    expect(me.json).toMatchObject({ name: 'alice', status: 'active' });
  });

  it('shows an all-access token only its own user and its org', async () => {
    const influx = await start({ seed: 'demo' });
    const client = new InfluxDB({ url: influx.url, token: influx.seed.tokens['aliceAllAccess']!.token });
    expect((await new UsersAPI(client).getUsers()).users?.map((u) => u.name)).toEqual(['alice']);
    expect((await new OrgsAPI(client).getOrgs()).orgs?.map((o) => o.name)).toEqual(['ops']);
    const operator = new InfluxDB({ url: influx.url, token: influx.operatorToken });
    expect((await new OrgsAPI(operator).getOrgs()).orgs?.map((o) => o.name)).toEqual(['ops', 'research']);
    expect((await new UsersAPI(operator).getUsers()).users?.map((u) => u.name)).not.toContain('carol');
  });

  it('pages buckets with offset, limit, after and descending, and a next link on a full page', async () => {
    const influx = await start({ seed: 'scale:10' });
    const token = influx.operatorToken;
    const first = await call(influx.url, 'GET', '/api/v2/buckets', { token });
    const buckets = first.json['buckets'] as { id: string; name: string }[];
    expect(buckets).toHaveLength(20);
    expect(first.json['links']).toEqual({
      self: '/api/v2/buckets?descending=false&limit=20&offset=0',
      next: '/api/v2/buckets?descending=false&limit=20&offset=20',
    });
    const last = await call(influx.url, 'GET', '/api/v2/buckets?offset=40&limit=20', { token });
    expect((last.json['buckets'] as unknown[]).length).toBe(53 - 40); // 3 from setup + 50
    expect(last.json['links']).not.toHaveProperty('next');
    const after = await call(influx.url, 'GET', `/api/v2/buckets?after=${buckets[4]!.id}&limit=2`, { token });
    expect((after.json['buckets'] as { id: string }[]).map((b) => b.id)).toEqual([buckets[5]!.id, buckets[6]!.id]);
    const desc = await call(influx.url, 'GET', '/api/v2/buckets?descending=true&limit=1', { token });
    expect((desc.json['buckets'] as { name: string }[])[0]!.name).toBe('bucket-50');
    const named = await call(influx.url, 'GET', '/api/v2/buckets?name=bucket-07', { token });
    expect((named.json['buckets'] as { name: string }[]).map((b) => b.name)).toEqual(['bucket-07']);
  });

  it.each(['0', '101', 'x'])('answers 400 for limit=%s', async (limit) => {
    const influx = await start();
    const answer = await call(influx.url, 'GET', `/api/v2/buckets?limit=${limit}`, { token: influx.operatorToken });
    expect([answer.status, answer.json['message']]).toEqual([400, 'limit must be between 1 and 100']);
  });

  it('answers 404 for buckets of an org that does not exist', async () => {
    const influx = await start();
    const answer = await call(influx.url, 'GET', '/api/v2/buckets?org=ghost', { token: influx.operatorToken });
    expect([answer.status, answer.json['message']]).toEqual([404, 'organization name "ghost" not found']);
  });

  it('lists telegrafs, dashboards and tasks of an org the caller may read', async () => {
    const influx = await start({ seed: 'demo' });
    const token = influx.operatorToken;
    const org = influx.seed.orgID;
    const telegrafs = await call(influx.url, 'GET', `/api/v2/telegrafs?orgID=${org}`, { token });
    expect((telegrafs.json['configurations'] as { name: string }[]).map((t) => t.name)).toEqual([
      'host-metrics',
      'mqtt-bridge',
    ]);
    const dashboards = await call(influx.url, 'GET', `/api/v2/dashboards?orgID=${org}`, { token });
    expect((dashboards.json['dashboards'] as { name: string }[]).map((d) => d.name)).toEqual([
      'System overview',
      'Sensor health',
    ]);
    // Without an org or owner filter, InfluxDB lists only the caller's own tasks.
    const own = await call(influx.url, 'GET', '/api/v2/tasks', { token });
    expect((own.json['tasks'] as { name: string }[]).map((t) => t.name)).toEqual(['downsample-hourly']);
    const tasks = await call(influx.url, 'GET', `/api/v2/tasks?orgID=${org}`, { token });
    expect((tasks.json['tasks'] as { name: string }[]).map((t) => t.name)).toEqual([
      'downsample-hourly',
      'sensor-rollup',
      'old-export',
    ]);
    const limited = await call(influx.url, 'GET', '/api/v2/dashboards', {
      token: influx.seed.tokens['sensorsWriter']!.token,
    });
    expect(limited.json['dashboards']).toEqual([]);
  });

  it('hides a deleted user’s tokens and answers their use with 403', async () => {
    const influx = await start({ seed: 'demo' });
    const bob = influx.state.findUserByName('bob')!.id;
    const bobToken = influx.seed.tokens['grafana']!.token;
    expect((await call(influx.url, 'DELETE', `/api/v2/users/${bob}`, { token: influx.operatorToken })).status).toBe(
      204,
    );
    const list = await call(influx.url, 'GET', '/api/v2/authorizations', { token: influx.operatorToken });
    expect((list.json['authorizations'] as { user?: string }[]).some((a) => a.user === 'bob')).toBe(false);
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: bobToken })).status).toBe(403);
    expect(influx.state.authorizations.has(influx.seed.tokens['grafana']!.id)).toBe(true);
  });
});

describe('fault injection', () => {
  it('adds latency', async () => {
    const influx = await start({ faults: [{ fault: { kind: 'latency', ms: 150 } }] });
    const started = performance.now();
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs without an answer until the client gives up', async () => {
    const influx = await start();
    influx.faults.add({ path: '/api/v2/authorizations', fault: { kind: 'hang' } });
    const outcome = await fetch(`${influx.url}/api/v2/authorizations`, { signal: AbortSignal.timeout(200) }).catch(
      (e: unknown) => e,
    );
    expect((outcome as Error).name).toBe('TimeoutError');
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken })).status).toBe(200);
  });

  it('answers 503, a proxy’s HTML page, or malformed JSON, for as many requests as asked', async () => {
    const influx = await start();
    influx.faults.add({ fault: { kind: 'status', status: 503 }, times: 1 });
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken })).status).toBe(503);
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken })).status).toBe(200);
    influx.faults.add({ fault: { kind: 'html' }, method: 'GET', times: 1 });
    const html = await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken });
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(html.text).toContain('<h1>502 Bad Gateway</h1>');
    influx.faults.add({ fault: { kind: 'malformed-json' }, path: /authorizations$/, times: 1 });
    const broken = await call(influx.url, 'GET', '/api/v2/authorizations', { token: influx.operatorToken });
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text) as unknown).toThrow();
  });

  it('resets the connection', async () => {
    const influx = await start({ faults: [{ fault: { kind: 'reset' } }] });
    const outcome = await fetch(`${influx.url}/ping`).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(TypeError);
    influx.faults.clear();
    expect((await fetch(`${influx.url}/ping`)).status).toBe(204);
  });
});

describe('TLS', () => {
  function get(url: string, ca?: string): Promise<number | string> {
    return new Promise((resolve) => {
      const req = httpsRequest(`${url}/ping`, ca ? { ca } : {}, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
  }

  it('serves HTTPS that a client trusting its CA accepts and others refuse', async () => {
    const influx = await start({ tls: true });
    expect(influx.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(influx.url, influx.tls!.ca)).toBe(204);
    expect(await get(influx.url)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('can present an expired certificate or one for another host', async () => {
    const expired = await start({ tls: { expired: true } });
    expect(await get(expired.url, expired.tls!.ca)).toBe('CERT_HAS_EXPIRED');
    const otherHost = await start({ tls: { hostname: 'influx.example.com' } });
    expect(await get(otherHost.url, otherHost.tls!.ca)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('seeding', () => {
  it('is deterministic: the same seed gives the same IDs and token values', async () => {
    const a = await start({ seed: 'demo' });
    const b = await start({ seed: 'demo' });
    const summary = (e: Emulator) =>
      [...e.state.authorizations.values()].map((x) => [x.id, x.token, x.description, x.createdAt]);
    expect(summary(a)).toEqual(summary(b));
    expect(a.state.authorizations.size).toBe(13);
    expect([...a.state.authorizations.values()].filter((x) => x.status === 'inactive')).toHaveLength(2);
  });

  it('scale:N makes N tokens over 50 buckets and 20 users, all distinct', async () => {
    const influx = await start({ seed: 'scale:10000' });
    const tokens = [...influx.state.authorizations.values()].filter((a) => a.description.startsWith('scale token'));
    expect(tokens).toHaveLength(10000);
    expect(new Set(tokens.map((a) => a.token)).size).toBe(10000);
    expect(new Set(tokens.map((a) => a.userID)).size).toBe(20);
    expect(new Set(tokens.flatMap((a) => a.permissions.map((p) => p.resource.id))).size).toBe(50);
  });

  it('refuses a scale beyond 100,000 with a clear message', async () => {
    await expect(startEmulator({ seed: 'scale:100001' })).rejects.toThrow('scale:N takes N from 0 to 100000');
  });
});
