/** InfluxDB 3 Core and Enterprise, rule by rule of INFLUXDB3-TOKENS.md, against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { sha512 } from './v3';

const ask = async (
  influx: Emulator,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; type?: string } = {},
) => {
  const headers: Record<string, string> = {};
  if (options.auth !== undefined) headers['Authorization'] = options.auth;
  if (options.body !== undefined) headers['Content-Type'] = options.type ?? 'application/json';
  const response = await fetch(`${influx.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown> & unknown[],
  };
};

for (const mode of ['v3-core', 'v3-enterprise'] as const) {
  describe(`InfluxDB 3 (${mode})`, () => {
    let influx: Emulator;
    const admin = () => `Bearer ${influx.operatorToken}`;
    beforeAll(async () => {
      influx = await startEmulator({ mode, seed: 'demo' });
    });
    afterAll(() => influx.close());

    it('answers /ping with 200, its build and bare version, and only with a token', async () => {
      expect((await ask(influx, 'GET', '/ping')).status).toBe(401);
      const ping = await ask(influx, 'GET', '/ping', { auth: admin() });
      expect(ping.status).toBe(200);
      expect(ping.headers.get('x-influxdb-build')).toBe(mode === 'v3-core' ? 'Core' : 'Enterprise');
      expect(ping.headers.get('x-influxdb-version')).toBe('3.10.0');
      expect(ping.json()).toMatchObject({
        product_name: `InfluxDB 3 ${mode === 'v3-core' ? 'Core' : 'Enterprise'}`,
        version: '3.10.0',
      });
      expect(ping.headers.get('cluster-uuid')).toBeTruthy();
      expect((await ask(influx, 'GET', '/health', { auth: `Token ${influx.operatorToken}` })).text).toBe('OK');
    });

    it('takes exactly Bearer, Token and Basic; anything else is a 400, an unknown or expired token a 401', async () => {
      expect((await ask(influx, 'GET', '/ping', { auth: `bearer ${influx.operatorToken}` })).json()).toMatchObject({
        error: expect.stringMatching(/^Authorization header was malformed/),
      });
      expect(
        (
          await ask(influx, 'GET', '/ping', {
            auth: `Basic ${Buffer.from(`anyone:${influx.operatorToken}`).toString('base64')}`,
          })
        ).status,
      ).toBe(200);
      expect((await ask(influx, 'GET', '/ping', { auth: 'Bearer apiv3_unknown' })).json()).toEqual({
        error: 'the request was not authenticated',
      });
      expect((await ask(influx, 'GET', '/ping', { auth: `Bearer ${influx.seed.v3['oldCi']!.value}` })).status).toBe(
        401,
      );
    });

    it('refuses a second _admin with 409, without a token', async () => {
      const again = await ask(influx, 'POST', '/api/v3/configure/token/admin');
      expect([again.status, again.text]).toEqual([409, 'token name already exists, _admin']);
    });

    it('creates named admin tokens with an expiry, refusing a taken name (409) and a body that is not JSON (415)', async () => {
      const made = await ask(influx, 'POST', '/api/v3/configure/token/named_admin', {
        auth: admin(),
        body: { token_name: 'deploy bot', expiry_secs: 3600 },
      });
      expect(made.status).toBe(201);
      expect(made.headers.get('content-type')).toBe('json');
      const token = made.json() as unknown as { token: string; name: string; hash: string; expiry: string };
      expect(token.token).toMatch(/^apiv3_[A-Za-z0-9_-]{86}$/);
      expect(token.hash).toBe(sha512(token.token));
      expect(Date.parse(token.expiry)).toBeGreaterThan(Date.now());
      expect((await ask(influx, 'GET', '/ping', { auth: `Bearer ${token.token}` })).status).toBe(200);
      expect(
        (
          await ask(influx, 'POST', '/api/v3/configure/token/named_admin', {
            auth: admin(),
            body: { token_name: 'deploy bot' },
          })
        ).text,
      ).toBe('token name already exists, deploy bot');
      expect(
        (
          await ask(influx, 'POST', '/api/v3/configure/token/named_admin', {
            auth: admin(),
            body: 'x',
            type: 'text/plain',
          })
        ).status,
      ).toBe(415);
      expect(
        (await ask(influx, 'POST', '/api/v3/configure/token/named_admin', { auth: admin(), body: {} })).text,
      ).toMatch(/^serde json error: missing field `token_name`/);
      // An expiry of 0 makes a token expired at birth.
      const zero = (
        await ask(influx, 'POST', '/api/v3/configure/token/named_admin', {
          auth: admin(),
          body: { token_name: 'zero', expiry_secs: 0 },
        })
      ).json() as unknown as { token: string };
      expect((await ask(influx, 'GET', '/ping', { auth: `Bearer ${zero.token}` })).status).toBe(401);
    });

    it('lists system.tokens from _internal: the hash cut to 9 characters, null columns left out', async () => {
      const listed = await ask(
        influx,
        'GET',
        `/api/v3/query_sql?db=_internal&q=${encodeURIComponent('SELECT * FROM system.tokens ORDER BY token_id')}&format=json`,
        { auth: admin() },
      );
      const rows = listed.json() as unknown as Record<string, unknown>[];
      expect(rows[0]).toEqual({
        token_id: 0,
        name: '_admin',
        hash: sha512(influx.operatorToken).slice(0, 9),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/),
        permissions: '*:*:*',
      });
      expect(rows.find((r) => r['name'] === 'ci')).toHaveProperty('expiry');
      const lines = await ask(influx, 'POST', '/api/v3/query_sql', {
        auth: admin(),
        body: { db: '_internal', q: 'SELECT * FROM system.tokens', format: 'jsonl' },
      });
      expect(lines.text.trim().split('\n').length).toBe(rows.length);
      const pretty = await ask(influx, 'POST', '/api/v3/query_sql', {
        auth: admin(),
        body: { db: '_internal', q: 'SELECT * FROM system.tokens', format: 'pretty' },
      });
      expect(pretty.text).toMatch(/^\+-+\+/);
      expect(pretty.text).toContain('| _admin');
      const csv = await ask(influx, 'POST', '/api/v3/query_sql', {
        auth: admin(),
        body: { db: '_internal', q: 'SELECT * FROM system.tokens', format: 'csv' },
      });
      expect(csv.text.split('\n')[0]).toBe(
        [
          'token_id,name,hash,created_at,description,created_by_token_id',
          'updated_at,updated_by_token_id,expiry,permissions',
        ].join(','),
      );
    });

    it('regenerates _admin: the old string stops working at once', async () => {
      const before = influx.operatorToken;
      const again = (
        await ask(influx, 'POST', '/api/v3/configure/token/admin/regenerate', { auth: `Bearer ${before}` })
      ).json() as unknown as { token: string; id: number };
      expect(again.id).toBe(0);
      expect((await ask(influx, 'GET', '/ping', { auth: `Bearer ${before}` })).status).toBe(401);
      expect((await ask(influx, 'GET', '/ping', { auth: `Bearer ${again.token}` })).status).toBe(200);
      influx.operatorToken = again.token;
    });

    it('deletes by name with 200; _admin is a 405, an unknown name a 404', async () => {
      expect((await ask(influx, 'DELETE', '/api/v3/configure/token?token_name=_admin', { auth: admin() })).text).toBe(
        'cannot delete operator token',
      );
      expect((await ask(influx, 'DELETE', '/api/v3/configure/token?token_name=ghost', { auth: admin() })).status).toBe(
        404,
      );
      expect(
        (
          await ask(influx, 'DELETE', `/api/v3/configure/token?token_name=${encodeURIComponent('dashboards admin')}`, {
            auth: admin(),
          })
        ).status,
      ).toBe(200);
      expect(influx.state.v3.byName('dashboards admin')).toBeUndefined();
    });

    it('lists databases with format, _internal included', async () => {
      expect((await ask(influx, 'GET', '/api/v3/configure/database', { auth: admin() })).status).toBe(400);
      expect((await ask(influx, 'GET', '/api/v3/configure/database?format=json', { auth: admin() })).json()).toEqual([
        { 'iox::database': '_internal' },
        { 'iox::database': 'logs' },
        { 'iox::database': 'metrics' },
        { 'iox::database': 'sensors' },
      ]);
    });

    it(
      mode === 'v3-core'
        ? 'has no resource tokens (404)'
        : 'makes database and system tokens, validated, and keeps them out of admin endpoints',
      async () => {
        const body = {
          token_name: 'reader',
          permissions: [{ resource_type: 'db', resource_names: ['sensors'], actions: ['read'] }],
          expiry_secs: 600,
        };
        const made = await ask(influx, 'POST', '/api/v3/enterprise/configure/token', { auth: admin(), body });
        if (mode === 'v3-core') {
          expect(made.status).toBe(404);
          return;
        }
        expect(made.status).toBe(201);
        expect(influx.state.v3.byName('reader')?.permissions).toBe('db:sensors:read');
        const reader = (made.json() as unknown as { token: string }).token;
        expect(
          (
            await ask(influx, 'POST', '/api/v3/configure/token/named_admin', {
              auth: `Bearer ${reader}`,
              body: { token_name: 'escalate' },
            })
          ).status,
        ).toBe(403);
        const bad = await ask(influx, 'POST', '/api/v3/enterprise/configure/token', {
          auth: admin(),
          body: {
            ...body,
            token_name: 'x',
            permissions: [{ resource_type: 'db', resource_names: ['nope'], actions: ['read'] }],
          },
        });
        expect(bad.text).toBe('cannot parse token permission, invalid resource name nope');
        const mixed = await ask(influx, 'POST', '/api/v3/enterprise/configure/token', {
          auth: admin(),
          body: {
            ...body,
            token_name: 'y',
            permissions: [{ resource_type: 'db', resource_names: ['*', 'logs'], actions: ['read'] }],
          },
        });
        expect(mixed.text).toBe('cannot parse token permission, mixed wildcard (*) and resource name');
      },
    );
  });
}

describe('InfluxDB 3 before its first admin token', () => {
  it('makes _admin without a token, once', async () => {
    const influx = await startEmulator({ mode: 'v3-core', seed: 'none' });
    expect(influx.operatorToken).toBe('');
    const first = await fetch(`${influx.url}/api/v3/configure/token/admin`, { method: 'POST' });
    expect(first.status).toBe(201);
    const { token } = (await first.json()) as { token: string };
    expect((await fetch(`${influx.url}/ping`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    await influx.close();
  });
});
