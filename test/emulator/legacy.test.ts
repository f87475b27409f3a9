/**
 * InfluxDB 2.x's v1-compatibility credentials and DBRP mappings, rule by rule of INFLUXDB-V1-AUTH.md, against the
 * emulator.
 */
import { DbrpsAPI } from '@influxdata/influxdb-client-apis';
import { InfluxDB } from '@influxdata/influxdb-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type RawAnswer } from './client';
import { startEmulator, type Emulator } from './index';

const BASE = '/private/legacy/authorizations';

for (const mode of ['oss-2.7', 'oss-2.9'] as const) {
  describe(`v1 credentials on ${mode} (demo seed)`, () => {
    let influx: Emulator;
    const admin = () => ({ token: influx.operatorToken });
    const bucket = (name: string) => [...influx.state.buckets.values()].find((b) => b.name === name)!.id;
    const readOf = (name: string) => ({
      action: 'read',
      resource: { type: 'buckets', id: bucket(name), orgID: influx.seed.orgID },
    });
    const create = (body: Record<string, unknown>) =>
      call(influx.url, 'POST', BASE, {
        ...admin(),
        body: { orgID: influx.seed.orgID, permissions: [readOf('sensors')], ...body },
      });
    const query = (params: string, headers: Record<string, string> = {}) =>
      fetch(`${influx.url}/query?${params}`, { headers }).then(
        async (r): Promise<{ status: number; json: Record<string, unknown> }> => ({
          status: r.status,
          json: (await r.json()) as Record<string, unknown>,
        }),
      );
    const basic = (user: string, password: string) => ({
      Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });

    beforeAll(async () => {
      influx = await startEmulator({ mode, seed: 'demo' });
    });
    afterAll(() => influx.close());

    it('creates with 201: the username is `token`, the password is not part of it, and the answer never carries one', async () => {
      const answer = await create({ token: 'reporting', description: 'Reports' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({
        token: 'reporting',
        status: 'active',
        description: 'Reports',
        user: 'admin',
        org: 'ops',
        links: { self: `${BASE}/${answer.json['id'] as string}` },
      });
      expect(answer.json['permissions']).toEqual([
        {
          action: 'read',
          resource: { type: 'buckets', id: bucket('sensors'), orgID: influx.seed.orgID, name: 'sensors', org: 'ops' },
        },
      ]);
      expect(answer.text).not.toMatch(/password/);
      // No password yet: a 1.x login fails.
      expect((await query('u=reporting&p=anything-at-all&q=SHOW%20DATABASES')).status).toBe(401);
    });

    it(
      'refuses in the server’s order and words: no username 400, a taken one 422, a missing bucket 404, a caller ' +
        'without write on authorizations 401',
      async () => {
        const expectError = (answer: RawAnswer, status: number, message: string) =>
          expect([answer.status, answer.json['message']]).toEqual([status, message]);
        expectError(await create({}), 400, 'token required for v1 user authorization type');
        expectError(await create({ token: 'grafana' }), 422, 'token already exists');
        expectError(
          await create({
            token: 'x',
            permissions: [
              { action: 'read', resource: { type: 'buckets', id: 'aaaaaaaaaaaaaaaa', orgID: influx.seed.orgID } },
            ],
          }),
          404,
          'bucket not found when creating auth',
        );
        expectError(await create({ token: 'x', permissions: [] }), 400, 'authorization must include permissions');
        const weak = influx.seed.tokens['grafana']!.token;
        const escalation = await call(influx.url, 'POST', BASE, {
          token: weak,
          body: { token: 'y', orgID: influx.seed.orgID, permissions: [readOf('sensors')] },
        });
        expect(escalation.status).toBe(401);
        expect((await create({ token: 'taken' })).status).toBe(201);
        expect((await create({ token: 'taken' })).json['code']).toBe('conflict');
      },
    );

    it('sets a password with 204 within 8–72 bytes, and says why not otherwise', async () => {
      const id = influx.seed.v1['grafana']!.auth.id;
      const set = (password: unknown) =>
        call(influx.url, 'POST', `${BASE}/${id}/password`, { ...admin(), body: { password } });
      expect((await set('short')).json['message']).toBe('passwords must be between 8 and 72 characters long');
      expect((await set('x'.repeat(73))).status).toBe(400);
      expect((await set('a-new-pass-1')).status).toBe(204);
      expect((await query('u=grafana&p=a-new-pass-1&q=SHOW%20DATABASES')).status).toBe(200);
      expect((await query('u=grafana&p=grafana-reads-1&q=SHOW%20DATABASES')).status).toBe(401);
      influx.state.setLegacyPassword(id, 'grafana-reads-1');
    });

    it('on the password route: a bad body wins over a bad ID (400), a non-hex ID is a 500, an unknown one a 404', async () => {
      expect((await call(influx.url, 'POST', `${BASE}/not-hex/password`, { ...admin(), rawBody: '{' })).status).toBe(
        400,
      );
      const bad = await call(influx.url, 'POST', `${BASE}/not-hex/password`, {
        ...admin(),
        body: { password: 'long-enough' },
      });
      expect([bad.status, bad.json['message']]).toEqual([500, 'invalid authorization ID provided in route']);
      expect(
        (
          await call(influx.url, 'POST', `${BASE}/aaaaaaaaaaaaaaaa/password`, {
            ...admin(),
            body: { password: 'long-enough' },
          })
        ).status,
      ).toBe(404);
    });

    it('lists with the server’s quirks: `authID` ignored, `user`/`org` names not applied, an unknown username a 404', async () => {
      const all = (await call(influx.url, 'GET', BASE, admin())).json['authorizations'] as unknown[];
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(
        (
          (await call(influx.url, 'GET', `${BASE}?authID=${influx.seed.v1['grafana']!.auth.id}`, admin())).json[
            'authorizations'
          ] as unknown[]
        ).length,
      ).toBe(all.length);
      expect(
        (
          (await call(influx.url, 'GET', `${BASE}?id=${influx.seed.v1['grafana']!.auth.id}`, admin())).json[
            'authorizations'
          ] as unknown[]
        ).length,
      ).toBe(1);
      expect(
        ((await call(influx.url, 'GET', `${BASE}?user=bob`, admin())).json['authorizations'] as unknown[]).length,
      ).toBe(all.length);
      expect((await call(influx.url, 'GET', `${BASE}?user=nobody`, admin())).json['message']).toBe('user not found');
      expect((await call(influx.url, 'GET', `${BASE}?token=nobody`, admin())).status).toBe(404);
    });

    it('patches status and description only; malformed JSON is a 500, a bad status a 400', async () => {
      const id = influx.seed.v1['upgraded']!.auth.id;
      expect((await call(influx.url, 'PATCH', `${BASE}/${id}`, { ...admin(), rawBody: '{"status":' })).status).toBe(
        500,
      );
      expect(
        (await call(influx.url, 'PATCH', `${BASE}/${id}`, { ...admin(), body: { status: 'paused' } })).json['message'],
      ).toBe('unknown authorization status');
      const done = await call(influx.url, 'PATCH', `${BASE}/${id}`, {
        ...admin(),
        body: { status: 'inactive', description: 'paused', token: 'renamed' },
      });
      expect(done.json).toMatchObject({ status: 'inactive', description: 'paused', token: 'alice' });
      expect((await query('u=alice&p=alice-from-1x&q=SHOW%20DATABASES')).status).toBe(401);
      await call(influx.url, 'PATCH', `${BASE}/${id}`, { ...admin(), body: { status: 'active' } });
      expect((await query('u=alice&p=alice-from-1x&q=SHOW%20DATABASES')).status).toBe(200);
    });

    it(
      'lets 1.x clients in with u/p or Basic, lists the databases they may read, and falls back to a v2 token as ' +
        'password for unknown usernames',
      async () => {
        const shown = await query('q=SHOW%20DATABASES', basic('grafana', 'grafana-reads-1'));
        expect(shown.status).toBe(200);
        expect(JSON.stringify(shown.json)).toContain('"weather"');
        expect((await query('q=SHOW%20DATABASES', basic('grafana', 'wrong-password'))).json).toEqual({
          code: 'unauthorized',
          message: 'Unauthorized',
        });
        expect((await query(`u=whoever&p=${encodeURIComponent(influx.operatorToken)}&q=SHOW%20DATABASES`)).status).toBe(
          200,
        );
        expect((await query('q=SHOW%20DATABASES')).json['message']).toBe('unauthorized access');
        const write = (user: string, password: string, db: string) =>
          fetch(`${influx.url}/write?db=${db}&u=${user}&p=${password}`, { method: 'POST', body: 'm v=1' }).then(
            (r) => r.status,
          );
        expect(await write('alice', 'alice-from-1x', 'sensors')).toBe(204);
        expect(await write('grafana', 'grafana-reads-1', 'sensors')).toBe(403);
        expect(await write('collectd', 'collectd-old-9', 'logs')).toBe(401);
      },
    );

    it('deletes with 204 and then refuses the credential', async () => {
      const made = await create({ token: 'short-lived' });
      const id = made.json['id'] as string;
      await call(influx.url, 'POST', `${BASE}/${id}/password`, { ...admin(), body: { password: 'short-lived-1' } });
      expect((await query('u=short-lived&p=short-lived-1&q=SHOW%20DATABASES')).status).toBe(200);
      expect((await call(influx.url, 'DELETE', `${BASE}/${id}`, admin())).status).toBe(204);
      expect((await call(influx.url, 'GET', `${BASE}/${id}`, admin())).status).toBe(404);
    });

    it('maps databases to buckets: virtual mappings per bucket, the first physical one default, duplicates refused', async () => {
      const dbrps = new DbrpsAPI(new InfluxDB({ url: influx.url, token: influx.operatorToken }));
      const listed = await dbrps.getDBRPs({ orgID: influx.seed.orgID });
      expect(listed.content?.find((d) => d.database === 'logs')).toMatchObject({
        virtual: true,
        retention_policy: 'autogen',
        default: true,
        bucketID: bucket('logs'),
      });
      expect(listed.content?.find((d) => d.database === 'weather')).toMatchObject({
        virtual: false,
        default: true,
        bucketID: bucket('sensors'),
      });
      const made = await dbrps.postDBRP({
        body: {
          orgID: influx.seed.orgID,
          bucketID: bucket('logs'),
          database: 'syslog',
          retention_policy: 'week',
          default: false,
        },
      });
      expect(made).toMatchObject({ database: 'syslog', default: true });
      const twice = await call(influx.url, 'POST', '/api/v2/dbrps', {
        ...admin(),
        body: { orgID: influx.seed.orgID, bucketID: bucket('logs'), database: 'syslog', retention_policy: 'week' },
      });
      expect([twice.status, twice.json['message']]).toEqual([
        422,
        'another DBRP mapping with same orgID, db, and rp exists',
      ]);
      expect((await call(influx.url, 'GET', '/api/v2/dbrps', admin())).json['message']).toBe(
        "either 'org' or 'orgID' must be provided",
      );
      expect(
        (
          await call(influx.url, 'POST', '/api/v2/dbrps', {
            ...admin(),
            body: { orgID: influx.seed.orgID, bucketID: bucket('logs'), database: 'a/b', retention_policy: 'x' },
          })
        ).status,
      ).toBe(400);
    });

    it('holds --strong-passwords to three kinds of character', async () => {
      influx.state.strongPasswords = true;
      const id = influx.seed.v1['grafana']!.auth.id;
      const weak = await call(influx.url, 'POST', `${BASE}/${id}/password`, {
        ...admin(),
        body: { password: 'alllowercase' },
      });
      expect(weak.json['message']).toMatch(/at least three of the following character types/);
      influx.state.strongPasswords = false;
    });
  });
}

describe('v1 credentials on Cloud', () => {
  it('are not served (UNCONFIRMED status: 404)', async () => {
    const influx = await startEmulator({ mode: 'cloud', seed: 'demo' });
    const answer = await call(influx.url, 'GET', BASE, { token: influx.operatorToken });
    expect(answer.status).toBe(404);
    await influx.close();
  });
});
