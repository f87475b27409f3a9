/**
 * InfluxDB 2.x's v1-compatibility authorizations (/private/legacy/authorizations, v1/authorization/
 * in the server): a username (`token`), a password set apart, bucket permissions; and the 1.x
 * /query and /write endpoints that accept them. The server's quirks are kept on purpose.
 */
import { can, need, perm, type Caller } from './auth';
import { checkCreate, mayWrite, visible } from './authorizations';
import { mappingsOf } from './dbrps';
import { influxqlSeries } from './points';
import { ApiError, invalid, notFound, parseId, parseJson } from './http';
import type { StoredAuthorization } from './model';
import { route, type Route } from './routes';
import { authorizationJson } from './serialize';
import type { EmulatorState } from './state';

const BASE = '/private/legacy/authorizations';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The authResponse: the v2 shape with the username in `token`, on every version. */
export function legacyJson(state: EmulatorState, auth: StoredAuthorization) {
  return {
    ...authorizationJson(state, auth, true),
    token: auth.token,
    links: { self: `${BASE}/${auth.id}`, user: `/api/v2/users/${auth.userID}` },
  };
}

/**
 * UNCONFIRMED (INFLUXDB-V1-AUTH.md §7): what Cloud answers here. Its docs say it has no v1
 * authorizations; the most likely answer of a route it does not serve is 404 "path not found".
 */
function onCloud(state: EmulatorState): void {
  if (state.mode === 'cloud') throw notFound('path not found');
}

function find(state: EmulatorState, rawId: string): StoredAuthorization {
  const auth = state.legacyAuthorizations.get(parseId(rawId));
  if (!auth) throw notFound('authorization not found');
  return auth;
}

function list(state: EmulatorState, caller: Caller, query: URLSearchParams) {
  // Quirk: `user` and `org` names are resolved (an unknown one is a 404) but never applied.
  const userName = query.get('user');
  if (userName !== null && !state.findUserByName(userName)) throw notFound('user not found');
  const orgName = query.get('org');
  if (orgName !== null && !state.findOrgByName(orgName)) throw notFound(`organization name "${orgName}" not found`);
  const userID = query.get('userID');
  const orgID = query.get('orgID');
  // Quirk: the server reads `id`; the contract's and the CLI's `authID` is ignored.
  const id = query.get('id');
  if (id !== null && !state.legacyAuthorizations.has(parseId(id))) throw notFound('authorization not found');
  const username = query.get('token');
  if (username !== null && !state.findLegacyByUsername(username)) throw notFound('authorization not found');
  const found = [...state.legacyAuthorizations.values()].filter(
    (a) =>
      (userID === null || a.userID === userID) &&
      (orgID === null || a.orgID === orgID) &&
      (id === null || a.id === id) &&
      (username === null || a.token === username) &&
      visible(state, caller, a),
  );
  return { links: { self: BASE }, authorizations: found.map((a) => legacyJson(state, a)) };
}

function create(state: EmulatorState, caller: Caller, body: unknown) {
  const checked = checkCreate(state, caller, body, (b) => {
    if (typeof b['token'] !== 'string' || b['token'] === '')
      throw invalid('token required for v1 user authorization type');
  });
  const username = checked.body['token'] as string;
  if (state.findLegacyByUsername(username)) throw new ApiError('conflict', 'token already exists');
  for (const p of checked.permissions) {
    if (p.resource.type === 'buckets' && p.resource.id !== undefined && !state.buckets.has(p.resource.id))
      throw notFound('bucket not found when creating auth');
  }
  const auth = state.addLegacyAuthorization({ ...checked, username });
  return legacyJson(state, auth);
}

function readOne(state: EmulatorState, caller: Caller, auth: StoredAuthorization) {
  need(caller, perm('read', 'authorizations', { id: auth.id, orgID: auth.orgID }));
  need(caller, perm('read', 'users', { id: auth.userID }));
  return legacyJson(state, auth);
}

function update(state: EmulatorState, caller: Caller, auth: StoredAuthorization, text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    // Quirk: a body that is not JSON is a 500 with the decoder's own words.
    throw new ApiError('internal error', error instanceof Error ? error.message : 'invalid character');
  }
  const change = isObject(body) ? body : {};
  if (change['status'] !== undefined && change['status'] !== 'active' && change['status'] !== 'inactive')
    throw invalid('unknown authorization status');
  readOne(state, caller, auth);
  mayWrite(caller, auth);
  if (change['status'] !== undefined) auth.status = change['status'];
  if (typeof change['description'] === 'string') auth.description = change['description'];
  state.touch(auth);
  return legacyJson(state, auth);
}

/** 8–72 bytes (2.7.6+); with --strong-passwords, three of four kinds of character. */
export function passwordProblems(state: EmulatorState, password: string): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < 8 || bytes > 72) problems.push('passwords must be between 8 and 72 characters long');
  if (state.strongPasswords) {
    const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[!@#$%^&*()_+]/].filter((re) => re.test(password)).length;
    if (kinds < 3)
      problems.push(
        'passwords must contain at least three of the following character types: uppercase, lowercase, numbers, ' +
          'and special characters: !@#$%^&*()_+',
      );
  }
  return problems;
}

async function setPassword(state: EmulatorState, caller: Caller, rawId: string, text: string): Promise<void> {
  // The body is decoded before the ID is parsed: a bad body wins over a bad ID.
  const body = parseJson(text);
  if (!/^[0-9a-f]{16}$/.test(rawId)) throw new ApiError('internal error', 'invalid authorization ID provided in route');
  const auth = state.legacyAuthorizations.get(rawId);
  if (!auth) throw notFound('authorization not found');
  need(caller, perm('write', 'users', { id: auth.userID }));
  const password = isObject(body) && typeof body['password'] === 'string' ? body['password'] : '';
  const problems = passwordProblems(state, password);
  if (problems.length) throw invalid(problems.join('\n'));
  state.setLegacyPassword(auth.id, password);
}

export const legacyRoutes: Route[] = [
  route('GET', BASE, ({ state, caller, query }) => (onCloud(state), { status: 200, body: list(state, caller, query) })),
  route(
    'POST',
    BASE,
    async ({ state, caller, json }) => (
      onCloud(state),
      { status: 201, body: create(state, caller, await json()), pretty: true }
    ),
  ),
  route(
    'GET',
    `${BASE}/:id`,
    ({ state, caller, params }) => (
      onCloud(state),
      { status: 200, body: readOne(state, caller, find(state, params['id'] ?? '')) }
    ),
  ),
  route('PATCH', `${BASE}/:id`, async ({ state, caller, params, text }) => {
    onCloud(state);
    const auth = find(state, params['id'] ?? '');
    return { status: 200, body: update(state, caller, auth, await text()) };
  }),
  route('DELETE', `${BASE}/:id`, ({ state, caller, params }) => {
    onCloud(state);
    const auth = find(state, params['id'] ?? '');
    readOne(state, caller, auth);
    mayWrite(caller, auth);
    state.legacyAuthorizations.delete(auth.id);
    return { status: 204 };
  }),
  route('POST', `${BASE}/:id/password`, async ({ state, caller, params, text }) => {
    onCloud(state);
    await setPassword(state, caller, params['id'] ?? '', await text());
    return { status: 204 };
  }),
];

const refused = () => new ApiError('unauthorized', 'Unauthorized');

/**
 * Who a 1.x request is (http/legacy/influx1x_authentication_handler.go): `u`/`p` or Basic → a v1
 * username and password; an unknown username → the password tried as a v2 token; `Token …` → v2.
 */
export function authenticateV1(state: EmulatorState, header: string | undefined, query: URLSearchParams): Caller {
  let username = query.get('u') ?? '';
  let password = query.get('p') ?? '';
  if (!(username && password) && header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    [username, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }
  let auth: StoredAuthorization | undefined;
  if (username && password) {
    const legacy = state.findLegacyByUsername(username);
    if (legacy) {
      if (
        legacy.status !== 'active' ||
        !state.legacyPasswordMatches(legacy.id, password) ||
        passwordProblems(state, password).length
      )
        throw refused();
      auth = legacy;
    } else auth = state.findByToken(password);
  } else if (header?.startsWith('Token ')) {
    const token = header.slice(6).trim();
    auth = state.findByToken(token.includes(':') ? token.slice(token.indexOf(':') + 1) : token);
  } else throw new ApiError('unauthorized', 'unauthorized access');
  const user = auth ? state.users.get(auth.userID) : undefined;
  if (!auth || auth.status !== 'active' || !user || user.status !== 'active') throw refused();
  return { auth, user };
}

/**
 * SHOW DATABASES lists the databases of buckets the credential may read; the team view's SELECT reads
 * the points of the bucket `db` maps to; any other statement answers empty.
 */
function query(state: EmulatorState, caller: Caller, q: string, params: URLSearchParams) {
  const db = params.get('db') ?? '';
  const mapping = mappingsOf(state, caller.auth.orgID).find((d) => d.database === db && d.default);
  const selected = mapping ? state.pointsOf(mapping.bucketID).select(q) : null;
  if (mapping && selected) {
    if (!can(caller, perm('read', 'buckets', { id: mapping.bucketID, orgID: mapping.orgID })))
      return { results: [{ statement_id: 0, error: `authorization failed` }] };
    const series = selected[0] ? [influxqlSeries(selected[0].measurement, selected, params.get('epoch'))] : [];
    return { results: [{ statement_id: 0, ...(series.length ? { series } : {}) }] };
  }
  if (!/^\s*show\s+databases\s*;?\s*$/i.test(q)) return { results: [{ statement_id: 0 }] };
  const names = new Set(
    mappingsOf(state, caller.auth.orgID)
      .filter((d) => can(caller, perm('read', 'buckets', { id: d.bucketID, orgID: d.orgID })))
      .map((d) => d.database),
  );
  return {
    results: [
      { statement_id: 0, series: [{ name: 'databases', columns: ['name'], values: [...names].map((n) => [n]) }] },
    ],
  };
}

/** UNCONFIRMED: the answer to a write into a database no mapping names (a 404 here). */
function write(state: EmulatorState, caller: Caller, params: URLSearchParams): void {
  const db = params.get('db') ?? '';
  const rp = params.get('rp');
  const mapping = mappingsOf(state, caller.auth.orgID).find(
    (d) => d.database === db && (rp ? d.retention_policy === rp : d.default),
  );
  if (!mapping) throw notFound(`database not found: ${db}`);
  if (!can(caller, perm('write', 'buckets', { id: mapping.bucketID, orgID: mapping.orgID })))
    throw new ApiError('forbidden', 'insufficient permissions for write');
}

/**
 * POST /api/v2/write?org=&bucket=: enough of 2.x's write for tests to prove, with the official
 * client, that a token Token Desk made writes (and one that may not is refused). The lines are kept.
 */
function writeV2(state: EmulatorState, caller: Caller, params: URLSearchParams, body: string): void {
  const org = params.get('orgID') ?? params.get('org') ?? '';
  const orgID = [...state.orgs.values()].find((o) => o.id === org || o.name === org)?.id;
  if (!orgID) throw notFound(`organization name "${org}" not found`);
  const name = params.get('bucket') ?? '';
  const bucket = [...state.buckets.values()].find((b) => b.orgID === orgID && (b.name === name || b.id === name));
  if (!bucket) throw notFound(`bucket "${name}" not found`);
  need(caller, perm('write', 'buckets', { id: bucket.id, orgID }));
  try {
    state.pointsOf(bucket.id).write(body);
  } catch (error) {
    throw new ApiError('invalid', (error as Error).message);
  }
  state.written.push(
    ...body
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((line) => ({ bucket: bucket.id, line })),
  );
}

export const v1ApiRoutes: Route[] = [
  route('POST', '/api/v2/write', async ({ state, query: params, caller, text }) => {
    writeV2(state, caller, params, await text());
    return { status: 204 };
  }),
  route(
    'GET',
    '/query',
    ({ state, query: params, headers }) => ({
      status: 200,
      body: query(state, authenticateV1(state, headers.authorization, params), params.get('q') ?? '', params),
    }),
    { public: true },
  ),
  route(
    'POST',
    '/query',
    async ({ state, query: params, headers, text }) => {
      const form = new URLSearchParams(await text());
      const caller = authenticateV1(state, headers.authorization, params);
      return { status: 200, body: query(state, caller, form.get('q') ?? params.get('q') ?? '', params) };
    },
    { public: true },
  ),
  route(
    'POST',
    '/write',
    ({ state, query: params, headers }) => {
      write(state, authenticateV1(state, headers.authorization, params), params);
      return { status: 204 };
    },
    { public: true },
  ),
];
