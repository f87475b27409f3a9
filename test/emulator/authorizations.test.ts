/** InfluxDB's token API behaviour, one assertion per rule of INFLUXDB-TOKENS.md, against the emulator. */
import { AuthorizationsAPI, type Authorization } from '@influxdata/influxdb-client-apis';
import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './client';
import { startEmulator, type Emulator } from './index';
import { allAccessPermissions } from './permissions';

const authorizationsOf = (json: Record<string, unknown>) => json['authorizations'] as Authorization[];

describe('authorizations on OSS 2.9 (demo seed)', () => {
  let influx: Emulator;
  let api: AuthorizationsAPI;
  const t = (key: string) => influx.seed.tokens[key]!;
  const ops = () => influx.seed.orgID;
  const idOf = (name: string) => influx.state.findUserByName(name)!.id;

  beforeAll(async () => {
    influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    api = new AuthorizationsAPI(new InfluxDB({ url: influx.url, token: influx.operatorToken }));
  });
  afterAll(() => influx.close());

  describe('authentication', () => {
    it('answers 401 "unauthorized access" without a header, with a bad scheme or an unknown token', async () => {
      for (const options of [{}, { token: influx.operatorToken, scheme: 'Basic' }, { token: 'not-a-token' }]) {
        const answer = await call(influx.url, 'GET', '/api/v2/authorizations', options);
        expect(answer.status).toBe(401);
        expect(answer.json).toEqual({ code: 'unauthorized', message: 'unauthorized access' });
        expect(answer.headers.get('x-platform-error-code')).toBe('unauthorized');
      }
    });

    it('accepts Bearer and matches the scheme case-insensitively', async () => {
      expect(
        (await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken, scheme: 'Bearer' })).status,
      ).toBe(200);
      expect(
        (await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken, scheme: 'tOKEN' })).status,
      ).toBe(200);
    });

    it('answers 403 "User is inactive" for a token whose user was deleted', async () => {
      const answer = await call(influx.url, 'GET', '/api/v2/me', { token: t('carolLaptop').token });
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({ code: 'forbidden', message: 'User is inactive' });
    });

    it('answers 401 "token is inactive" for an inactive token', async () => {
      const answer = await call(influx.url, 'GET', '/api/v2/authorizations', { token: t('oldCi').token });
      expect(answer.status).toBe(401);
      expect(answer.json['message']).toBe('token is inactive');
    });
  });

  describe('listing', () => {
    it('shows an operator every token, ascending by ID, leaving out those of deleted users', async () => {
      const { authorizations = [] } = await api.getAuthorizations();
      const ids = authorizations.map((a) => a.id ?? '');
      expect(ids).toEqual([...ids].sort());
      expect(ids).not.toContain(t('carolLaptop').id);
      expect(ids).toHaveLength(influx.state.authorizations.size - 1);
    });

    it('shows an all-access token only its own user’s tokens', async () => {
      const answer = await call(influx.url, 'GET', '/api/v2/authorizations', { token: t('aliceAllAccess').token });
      const users = new Set(authorizationsOf(answer.json).map((a) => a.user));
      expect([...users]).toEqual(['alice']);
      // alice's research token is in another org, which her ops token cannot read.
      expect(authorizationsOf(answer.json).map((a) => a.description)).not.toContain('Reports (research)');
    });

    it('filters by user, userID, org and orgID', async () => {
      const byUser = await api.getAuthorizations({ user: 'bob' });
      expect(new Set(byUser.authorizations?.map((a) => a.user))).toEqual(new Set(['bob']));
      const byUserID = await api.getAuthorizations({ userID: idOf('bob') });
      expect(byUserID.authorizations?.map((a) => a.id)).toEqual(byUser.authorizations?.map((a) => a.id));
      const byOrg = await api.getAuthorizations({ org: 'research' });
      expect(byOrg.authorizations?.map((a) => a.description)).toEqual(['Reports (research)']);
      const byOrgID = await api.getAuthorizations({ orgID: ops() });
      expect(byOrgID.authorizations?.every((a) => a.org === 'ops')).toBe(true);
    });

    it('answers 404 for a user or org filter that does not exist', async () => {
      const noUser = await call(influx.url, 'GET', '/api/v2/authorizations?user=nobody', {
        token: influx.operatorToken,
      });
      expect([noUser.status, noUser.json['message']]).toEqual([404, 'user not found']);
      const noOrg = await call(influx.url, 'GET', '/api/v2/authorizations?org=nowhere', {
        token: influx.operatorToken,
      });
      expect([noOrg.status, noOrg.json['message']]).toEqual([404, 'organization name "nowhere" not found']);
    });

    it('returns "" as the token of every listed authorization (hashed tokens)', async () => {
      const { authorizations = [] } = await api.getAuthorizations();
      expect(authorizations.every((a) => a.token === '')).toBe(true);
    });

    it('fills names for buckets, orgs and users, and leaves a deleted bucket nameless', async () => {
      const legacy = await api.getAuthorizationsID({ authID: t('legacyExporter').id });
      expect(legacy.permissions?.[0]?.resource).toEqual({
        type: 'buckets',
        id: t('legacyExporter').permissions[0]!.resource.id,
        orgID: ops(),
        org: 'ops',
      });
      const writer = await api.getAuthorizationsID({ authID: t('sensorsWriter').id });
      expect(writer.permissions?.[0]?.resource.name).toBe('sensors');
      expect(writer.links).toEqual({
        self: `/api/v2/authorizations/${t('sensorsWriter').id}`,
        user: `/api/v2/users/${idOf('telegraf-agent')}`,
      });
    });

    it('keeps a unicode description intact', async () => {
      const unicode = await api.getAuthorizationsID({ authID: t('unicode').id });
      expect(unicode.description).toBe('Capteur météo 🌡️ – écriture');
    });
  });

  describe('creating', () => {
    const bucketsRead = () => [{ action: 'read' as const, resource: { type: 'buckets' as const, orgID: ops() } }];

    it('answers 201 with an 88-character value once, and "" on later reads, while the value keeps working', async () => {
      const created = await api.postAuthorizations({
        body: { orgID: ops(), description: 'ci', permissions: bucketsRead() },
      });
      expect(created.id).toMatch(/^[0-9a-f]{16}$/);
      expect(created.token).toMatch(/^[A-Za-z0-9_-]{86}==$/);
      expect(created.status).toBe('active');
      expect(created.userID).toBe(influx.seed.userID);
      const raw = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: influx.operatorToken,
        body: { orgID: ops(), permissions: bucketsRead() },
      });
      expect(raw.status).toBe(201);
      const again = await api.getAuthorizationsID({ authID: created.id ?? '' });
      expect(again.token).toBe('');
      const me = await call(influx.url, 'GET', '/api/v2/me', { token: created.token ?? '' });
      expect(me.json['name']).toBe('admin');
    });

    it('ignores unknown fields, as when the UI clones by posting the old object', async () => {
      const old = await api.getAuthorizationsID({ authID: t('sensorsWriter').id });
      const clone = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: influx.operatorToken,
        body: { ...old, description: 'clone' },
      });
      expect(clone.status).toBe(201);
      expect(clone.json['id']).not.toBe(old.id);
    });

    it.each([
      ['empty permissions', { permissions: [] }, 'authorization must include permissions'],
      [
        'an unknown resource type',
        { permissions: [{ action: 'read', resource: { type: 'gizmos' } }] },
        'invalid resource type for permission: unknown resource type for permission',
      ],
      [
        'an unknown action',
        { permissions: [{ action: 'delete', resource: { type: 'buckets' } }] },
        'invalid action type for permission: unknown action for permission',
      ],
      ['no orgID', { orgID: undefined }, 'org id required: invalid ID'],
      ['a bad status', { status: 'paused' }, 'invalid status: must be active or inactive'],
    ])('answers 400 for %s', async (_label, change, message) => {
      const body = { orgID: ops(), permissions: bucketsRead(), ...change };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', { token: influx.operatorToken, body });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ code: 'invalid', message });
    });

    it('answers 400 for malformed JSON', async () => {
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: influx.operatorToken,
        rawBody: '{"orgID": ',
      });
      expect(answer.status).toBe(400);
      expect(String(answer.json['message'])).toMatch(/^invalid json structure: /);
    });

    it('validates before it authorizes', async () => {
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: t('sensorsWriter').token,
        body: { orgID: ops(), permissions: [] },
      });
      expect(answer.status).toBe(400);
    });

    it('answers 401 without write:authorizations in the org', async () => {
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: t('grafana').token,
        body: { orgID: ops(), permissions: bucketsRead() },
      });
      expect(answer.status).toBe(401);
      expect(answer.json['message']).toBe(`write:orgs/${ops()}/authorizations is unauthorized`);
    });

    it('answers 401 for a user the caller cannot write', async () => {
      const body = { orgID: ops(), userID: idOf('bob'), permissions: bucketsRead() };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: t('aliceAllAccess').token,
        body,
      });
      expect(answer.status).toBe(401);
      expect(answer.json['message']).toBe(`write:users/${idOf('bob')} is unauthorized`);
    });

    it('refuses escalation with 403: an all-access token cannot grant write on its org', async () => {
      const body = { orgID: ops(), permissions: [{ action: 'write', resource: { type: 'orgs', id: ops() } }] };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: t('aliceAllAccess').token,
        body,
      });
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({
        code: 'forbidden',
        message: `permission write:orgs/${ops()} is not allowed: write:orgs/${ops()} is unauthorized`,
      });
      expect(answer.headers.get('x-platform-error-code')).toBe('forbidden');
    });

    it('lets an all-access token create its own all-access token (no escalation)', async () => {
      const body = { orgID: ops(), permissions: allAccessPermissions('oss-2.9', ops(), idOf('alice')) };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: t('aliceAllAccess').token,
        body,
      });
      expect(answer.status).toBe(201);
    });

    it('refuses the instance type: 403 for a caller without it, 500 for one that holds it', async () => {
      const body = { orgID: ops(), permissions: [{ action: 'read', resource: { type: 'instance' } }] };
      const asOperator = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: influx.operatorToken,
        body,
      });
      expect(asOperator.status).toBe(403);
      const root = influx.state.addAuthorization({
        orgID: ops(),
        userID: influx.seed.userID,
        permissions: [
          { action: 'read', resource: { type: 'instance' } },
          { action: 'write', resource: { type: 'instance' } },
        ],
      });
      const asRoot = await call(influx.url, 'POST', '/api/v2/authorizations', { token: root.token, body });
      expect(asRoot.status).toBe(500);
      expect(asRoot.json['message']).toBe(
        'authorizations cannot be created with the instance type, it is only used during setup',
      );
    });

    it('answers 400 when a permission names another org', async () => {
      const research = influx.state.findOrgByName('research')!.id;
      const body = { orgID: ops(), permissions: [{ action: 'read', resource: { type: 'buckets', orgID: research } }] };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', { token: influx.operatorToken, body });
      expect(answer.status).toBe(400);
      expect(answer.json['message']).toBe(`permission read:orgs/${research}/buckets is not for org id ${ops()}`);
    });

    it('answers 400 "unable to create token" for a user that does not exist', async () => {
      const body = { orgID: ops(), userID: 'ffffffffffffffff', permissions: bucketsRead() };
      const answer = await call(influx.url, 'POST', '/api/v2/authorizations', { token: influx.operatorToken, body });
      expect([answer.status, answer.json['message']]).toEqual([400, 'unable to create token']);
    });
  });

  describe('reading, updating and deleting one', () => {
    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const unknown = await call(influx.url, 'GET', '/api/v2/authorizations/ffffffffffffffff', {
        token: influx.operatorToken,
      });
      expect([unknown.status, unknown.json['message']]).toEqual([404, 'authorization not found']);
      const malformed = await call(influx.url, 'GET', '/api/v2/authorizations/abc', { token: influx.operatorToken });
      expect([malformed.status, malformed.json['message']]).toEqual([400, 'id must have a length of 16 bytes']);
    });

    it('answers 401 to a caller without read on it', async () => {
      const target = influx.seed.tokens['operator']!;
      const answer = await call(influx.url, 'GET', `/api/v2/authorizations/${target.id}`, {
        token: t('sensorsWriter').token,
      });
      expect(answer.status).toBe(401);
      expect(answer.json['message']).toBe(`read:orgs/${ops()}/authorizations/${target.id} is unauthorized`);
    });

    it('changes only status and description, moves updatedAt and hides the value', async () => {
      const before = await api.getAuthorizationsID({ authID: t('grafana').id });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = await call(influx.url, 'PATCH', `/api/v2/authorizations/${t('grafana').id}`, {
        token: influx.operatorToken,
        body: { status: 'inactive', description: 'Grafana (paused)', permissions: [], userID: influx.seed.userID },
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        status: 'inactive',
        description: 'Grafana (paused)',
        token: '',
        permissions: before.permissions,
        userID: before.userID,
      });
      expect(Date.parse(String(answer.json['updatedAt']))).toBeGreaterThan(Date.parse(before.updatedAt ?? ''));
      expect(answer.json['createdAt']).toBe(before.createdAt);
      await api.patchAuthorizationsID({ authID: t('grafana').id, body: { status: 'active' } });
    });

    it('answers 400 for a bad status and 401 without write on the token', async () => {
      const bad = await call(influx.url, 'PATCH', `/api/v2/authorizations/${t('grafana').id}`, {
        token: influx.operatorToken,
        body: { status: 'off' },
      });
      expect([bad.status, bad.json['message']]).toEqual([400, 'invalid status: must be active or inactive']);
      const denied = await call(influx.url, 'PATCH', `/api/v2/authorizations/${t('grafana').id}`, {
        token: t('sensorsWriter').token,
        body: { status: 'inactive' },
      });
      expect([denied.status, denied.json['message']]).toEqual([
        401,
        `write:orgs/${ops()}/authorizations/${t('grafana').id} is unauthorized`,
      ]);
    });

    it('deletes with 204 and no body; the token then is gone', async () => {
      const created = await api.postAuthorizations({
        body: { orgID: ops(), permissions: [{ action: 'read', resource: { type: 'buckets', orgID: ops() } }] },
      });
      const answer = await call(influx.url, 'DELETE', `/api/v2/authorizations/${created.id}`, {
        token: influx.operatorToken,
      });
      expect([answer.status, answer.text]).toEqual([204, '']);
      const error = await api.getAuthorizationsID({ authID: created.id ?? '' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).statusCode).toBe(404);
      const use = await call(influx.url, 'GET', '/api/v2/me', { token: created.token ?? '' });
      expect(use.status).toBe(401);
    });
  });
});

describe('token values by product', () => {
  it('OSS 2.7 returns the plaintext value on every read', async () => {
    const influx = await startEmulator({ mode: 'oss-2.7', seed: 'demo' });
    try {
      const answer = await call(influx.url, 'GET', '/api/v2/authorizations', { token: influx.operatorToken });
      const listed = authorizationsOf(answer.json);
      expect(listed.find((a) => a.id === influx.seed.tokens['sensorsWriter']!.id)?.token).toBe(
        influx.seed.tokens['sensorsWriter']!.token,
      );
      expect(listed.every((a) => /^[A-Za-z0-9_-]{86}==$/.test(a.token ?? ''))).toBe(true);
    } finally {
      await influx.close();
    }
  });

  it('Cloud answers "redacted", takes only the Token scheme, and filters by token value', async () => {
    const influx = await startEmulator({ mode: 'cloud', seed: 'demo' });
    try {
      // Cloud's first token is the owner's all-access token, so it sees the owner's tokens.
      const target = influx.seed.tokens['taskRunner']!;
      const answer = await call(influx.url, 'GET', `/api/v2/authorizations?token=${encodeURIComponent(target.token)}`, {
        token: influx.operatorToken,
      });
      expect(authorizationsOf(answer.json).map((a) => [a.id, a.token])).toEqual([[target.id, 'redacted']]);
      const bearer = await call(influx.url, 'GET', '/api/v2/me', { token: influx.operatorToken, scheme: 'Bearer' });
      expect(bearer.status).toBe(401);
      const created = await call(influx.url, 'POST', '/api/v2/authorizations', {
        token: influx.operatorToken,
        body: {
          orgID: influx.seed.orgID,
          permissions: [{ action: 'read', resource: { type: 'buckets', orgID: influx.seed.orgID } }],
        },
      });
      expect(String(created.json['token'])).toMatch(/==$/);
    } finally {
      await influx.close();
    }
  });
});
