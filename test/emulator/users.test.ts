/** Users, passwords, org members/owners and tasks, rule by rule of INFLUXDB-USERS-TASKS.md, against the emulator. */
import { UsersAPI } from '@influxdata/influxdb-client-apis';
import { InfluxDB } from '@influxdata/influxdb-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './client';
import { startEmulator, type Emulator } from './index';

describe('users, members and tasks on OSS 2.9 (demo seed)', () => {
  let influx: Emulator;
  const admin = () => ({ token: influx.operatorToken });
  const ops = () => influx.seed.orgID;
  const idOf = (name: string) => influx.state.findUserByName(name)!.id;

  beforeAll(async () => {
    influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  });
  afterAll(() => influx.close());

  it('creates a user with 201 (no password in the body), refuses a taken name with 422 and a bad body with 500', async () => {
    const users = new UsersAPI(new InfluxDB({ url: influx.url, token: influx.operatorToken }));
    const made = await users.postUsers({ body: { name: 'svc-ingest' } });
    expect(made).toMatchObject({ name: 'svc-ingest', status: 'active' });
    const taken = await call(influx.url, 'POST', '/api/v2/users', { ...admin(), body: { name: 'svc-ingest' } });
    expect([taken.status, taken.json['message']]).toEqual([422, 'user with name svc-ingest already exists']);
    expect((await call(influx.url, 'POST', '/api/v2/users', { ...admin(), rawBody: '{"name":' })).status).toBe(500);
  });

  it('needs global write:users: an all-access token gets 401, before the name is even looked at', async () => {
    const allAccess = influx.seed.tokens['aliceAllAccess']!.token;
    const answer = await call(influx.url, 'POST', '/api/v2/users', { token: allAccess, body: { name: 'alice' } });
    expect([answer.status, answer.json['message']]).toEqual([401, 'write:users is unauthorized']);
  });

  it('lists users with a 404 for a name that is not there', async () => {
    expect((await call(influx.url, 'GET', '/api/v2/users?name=nobody', admin())).json['message']).toBe(
      'user not found',
    );
    const listed = await call(influx.url, 'GET', '/api/v2/users?name=alice', admin());
    expect(listed.json['users']).toEqual([expect.objectContaining({ name: 'alice' })]);
  });

  it('sets a password with 204 and InfluxDB’s rules and order', async () => {
    const id = idOf('bob');
    const set = (rawId: string, body: unknown) =>
      call(influx.url, 'POST', `/api/v2/users/${rawId}/password`, { ...admin(), body });
    expect((await set(id, { password: 'long-enough-1' })).status).toBe(204);
    expect(influx.state.userPasswords.has(id)).toBe(true);
    expect((await set(id, { password: 'short' })).json['message']).toBe(
      'passwords must be between 8 and 72 characters long',
    );
    expect((await set('not-hex', { password: 'long-enough-1' })).json['message']).toBe(
      'invalid user ID provided in route',
    );
    const stranger = await call(influx.url, 'POST', `/api/v2/users/${id}/password`, {
      token: influx.seed.tokens['aliceAllAccess']!.token,
      body: { password: 'long-enough-1' },
    });
    expect([stranger.status, stranger.json['message']]).toEqual([401, `write:users/${id} is unauthorized`]);
    expect((await set('aaaaaaaaaaaaaaaa', { password: 'long-enough-1' })).json['message']).toBe(
      'your userID is incorrect',
    );
  });

  it(
    'lists members and owners apart, adds with 201, refuses a second mapping with 500, removes with 204 whatever ' +
      'the role',
    async () => {
      const members = await call(influx.url, 'GET', `/api/v2/orgs/${ops()}/members`, admin());
      expect((members.json['users'] as { name: string; role: string }[]).map((u) => `${u.name}:${u.role}`)).toEqual([
        'alice:member',
        'bob:member',
        'telegraf-agent:member',
      ]);
      const owners = await call(influx.url, 'GET', `/api/v2/orgs/${ops()}/owners`, admin());
      expect((owners.json['users'] as { name: string }[]).map((u) => u.name)).toEqual(['admin']);
      const svc = influx.state.addUser('svc-owner').id;
      const added = await call(influx.url, 'POST', `/api/v2/orgs/${ops()}/owners`, { ...admin(), body: { id: svc } });
      expect([added.status, added.json['role']]).toEqual([201, 'owner']);
      const twice = await call(influx.url, 'POST', `/api/v2/orgs/${ops()}/members`, { ...admin(), body: { id: svc } });
      expect([twice.status, twice.json['message']]).toEqual([
        500,
        `Unexpected error when assigning user to a resource: mapping for user ${svc} already exists`,
      ]);
      expect((await call(influx.url, 'DELETE', `/api/v2/orgs/${ops()}/members/${svc}`, admin())).status).toBe(204);
      expect(influx.state.roleIn(ops(), svc)).toBeUndefined();
      expect((await call(influx.url, 'DELETE', `/api/v2/orgs/${ops()}/members/${svc}`, admin())).status).toBe(204);
    },
  );

  it('refuses membership changes without write on the org (401), and hides orgs the caller cannot read (404)', async () => {
    const allAccess = influx.seed.tokens['aliceAllAccess']!.token;
    const refused = await call(influx.url, 'POST', `/api/v2/orgs/${ops()}/members`, {
      token: allAccess,
      body: { id: idOf('bob') },
    });
    expect([refused.status, refused.json['message']]).toEqual([
      401,
      `write:orgs/${ops()}/orgs/${ops()} is unauthorized`,
    ]);
    const research = influx.state.findOrgByName('research')!.id;
    const hidden = await call(influx.url, 'GET', `/api/v2/orgs/${research}/members`, { token: allAccess });
    expect([hidden.status, hidden.json['message']]).toEqual([404, '404 page not found']);
    expect(
      (await call(influx.url, 'POST', `/api/v2/orgs/${ops()}/members`, { ...admin(), body: {} })).json['message'],
    ).toBe('user id missing or invalid');
  });

  it('lists tasks with their owner: only the caller’s own without filters, `user` winning over the org', async () => {
    const names = async (query: string) =>
      (
        (await call(influx.url, 'GET', `/api/v2/tasks${query}`, admin())).json['tasks'] as {
          name: string;
          ownerID: string;
        }[]
      ).map((t) => t.name);
    expect(await names('')).toEqual(['downsample-hourly']);
    expect(await names(`?user=${idOf('alice')}&orgID=${ops()}`)).toEqual(['nightly-report', 'sensor-rollup']);
    expect(await names(`?orgID=${ops()}&status=inactive`)).toEqual(['old-export']);
    expect((await call(influx.url, 'GET', '/api/v2/tasks?limit=0', admin())).json['message']).toBe(
      'failed to decode request: limit must be between 1 and 500',
    );
  });

  it('deleting a user removes its mappings and password, keeps its tokens (hidden, refused) and its tasks', async () => {
    const svc = influx.state.addUser('svc-doomed').id;
    influx.state.addMember(ops(), svc, 'member');
    influx.state.setUserPassword(svc, 'whatever-1');
    const token = influx.state.addAuthorization({
      orgID: ops(),
      userID: svc,
      permissions: [{ action: 'read', resource: { type: 'buckets', orgID: ops() } }],
    });
    const task = influx.state.addTask(ops(), 'svc task', svc);
    expect((await call(influx.url, 'DELETE', `/api/v2/users/${svc}`, admin())).status).toBe(204);
    expect([influx.state.roleIn(ops(), svc), influx.state.userPasswords.has(svc)]).toEqual([undefined, false]);
    expect(influx.state.authorizations.has(token.id)).toBe(true);
    expect((await call(influx.url, 'GET', '/api/v2/me', { token: token.token })).status).toBe(403);
    expect(influx.state.tasks.has(task.id)).toBe(true);
  });
});
