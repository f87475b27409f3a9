/**
 * Users, their passwords, org members and owners, and tasks, as InfluxDB 2.x serves them (tenant/,
 * http/task_service.go): the order of checks, the statuses and messages of INFLUXDB-USERS-TASKS.md.
 */
import type { Tasks } from '@influxdata/influxdb-client-apis';
import { can, need, perm, type Caller } from './auth';
import { ApiError, invalid, notFound, parseId, parseJson } from './http';
import type { OrgRole, StoredUser } from './model';
import { paginate } from './paging';
import { route, type Route } from './routes';
import { userJson } from './serialize';
import type { EmulatorState } from './state';
import { passwordProblems } from './legacy';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A body InfluxDB decodes with Go's decoder and answers 500 for (users' create and update). */
function decodeOr500(text: string): Record<string, unknown> {
  try {
    const body = JSON.parse(text) as unknown;
    return isObject(body) ? body : {};
  } catch (error) {
    throw new ApiError('internal error', error instanceof Error ? error.message : 'invalid character');
  }
}

function users(state: EmulatorState, caller: Caller, query: URLSearchParams) {
  const name = query.get('name');
  const id = query.get('id');
  const matching = [...state.users.values()].filter(
    (user) => (name === null || user.name === name) && (id === null || user.id === id),
  );
  // A filter that names no user is a 404, not an empty list.
  if ((name !== null || id !== null) && matching.length === 0) throw notFound('user not found');
  // Paging happens before the permission filter: a page can come back short. No `next` link.
  const page = paginate(matching, '/api/v2/users', query, ['name', 'id']);
  return {
    links: { self: '/api/v2/users' },
    users: page.items.filter((user) => can(caller, perm('read', 'users', { id: user.id }))).map(userJson),
  };
}

function createUser(state: EmulatorState, caller: Caller, text: string) {
  const body = decodeOr500(text);
  // Global write:users only: an all-access token (users only with its own id) cannot.
  need(caller, perm('write', 'users'));
  const name = typeof body['name'] === 'string' ? body['name'] : '';
  if (state.findUserByName(name)) throw new ApiError('conflict', `user with name ${name} already exists`);
  const user = state.addUser(name);
  if (body['status'] === 'inactive') user.status = 'inactive';
  return userJson(user);
}

function findUser(state: EmulatorState, raw: string): StoredUser {
  const user = state.users.get(parseId(raw));
  if (!user) throw notFound('user not found');
  return user;
}

function setPassword(state: EmulatorState, caller: Caller, rawId: string, text: string): void {
  // Order: decode → id → write:users/<id> → strength → unknown user.
  const body = parseJson(text);
  if (!/^[0-9a-f]{16}$/.test(rawId)) throw new ApiError('internal error', 'invalid user ID provided in route');
  need(caller, perm('write', 'users', { id: rawId }));
  const password = isObject(body) && typeof body['password'] === 'string' ? body['password'] : '';
  const problems = passwordProblems(state, password);
  if (problems.length) throw invalid(problems.join('\n'));
  if (!state.users.has(rawId)) throw new ApiError('forbidden', 'your userID is incorrect');
  state.setUserPassword(rawId, password);
}

/** The org of a members/owners path: one the caller cannot read, or that does not exist, is a bare 404. */
function memberOrg(state: EmulatorState, caller: Caller, raw: string): string {
  if (raw.length !== 16) throw invalid('corrupt ID provided: id must have a length of 16 bytes');
  if (!state.orgs.has(raw) || !can(caller, perm('read', 'orgs', { id: raw, orgID: raw })))
    throw notFound('404 page not found');
  return raw;
}

function memberJson(state: EmulatorState, orgID: string, role: OrgRole) {
  const links = `/api/v2/orgs/${orgID}/${role}s`;
  const users = [...(state.orgMembers.get(orgID) ?? new Map<string, OrgRole>())]
    .filter(([userID, r]) => r === role && state.users.has(userID))
    .map(([userID]) => ({ role, ...userJson(state.users.get(userID) as StoredUser) }));
  return { links: { self: links }, users };
}

function addMember(state: EmulatorState, caller: Caller, orgID: string, role: OrgRole, body: unknown) {
  const raw = isObject(body) ? body['id'] : undefined;
  if (typeof raw !== 'string' || !/^[0-9a-f]{16}$/.test(raw) || /^0+$/.test(raw))
    throw invalid('user id missing or invalid');
  const user = state.users.get(raw);
  if (!user) throw notFound('user not found');
  need(caller, perm('write', 'orgs', { id: orgID, orgID }));
  if (!state.addMember(orgID, raw, role))
    throw new ApiError(
      'internal error',
      `Unexpected error when assigning user to a resource: mapping for user ${raw} already exists`,
    );
  return { role, ...userJson(user) };
}

/** DELETE removes the mapping whatever its role, and answers 204 even when there was none. */
function removeMember(state: EmulatorState, caller: Caller, orgID: string, userID: string): void {
  need(caller, perm('write', 'orgs', { id: orgID, orgID }));
  state.orgMembers.get(orgID)?.delete(parseId(userID));
}

/**
 * GET /api/v2/tasks: `user` (owner ID) wins over `org`/`orgID`; with none of them, only the caller's
 * own tasks; then filtered by read:tasks. OSS tasks carry `ownerID`, never a token.
 */
function tasks(state: EmulatorState, caller: Caller, query: URLSearchParams): Tasks {
  const limit = query.has('limit') ? Number(query.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw invalid('failed to decode request: limit must be between 1 and 500');
  const user = query.get('user');
  let orgID = query.get('orgID');
  const orgName = query.get('org');
  if (orgName !== null) {
    const org = state.findOrgByName(orgName);
    if (!org) throw invalid(`failed to decode request: organization name "${orgName}" not found`);
    orgID = org.id;
  }
  const status = query.get('status');
  const owner = user ?? (orgID === null ? caller.user.id : null);
  const found = [...state.tasks.values()].filter(
    (t) =>
      (owner === null || t.ownerID === owner) &&
      (user !== null || orgID === null || t.orgID === orgID) &&
      (status !== 'active' && status !== 'inactive' ? true : t.status === status) &&
      state.orgs.has(t.orgID) &&
      can(caller, perm('read', 'tasks', { id: t.id, orgID: t.orgID })),
  );
  const page = found.slice(0, limit);
  return {
    links: {
      self: '/api/v2/tasks',
      ...(page.length === limit
        ? { next: `/api/v2/tasks?after=${page[page.length - 1]?.id ?? ''}&limit=${limit}` }
        : {}),
    },
    tasks: page.map((t) => ({
      id: t.id,
      orgID: t.orgID,
      org: state.orgs.get(t.orgID)?.name ?? '',
      ownerID: t.ownerID,
      name: t.name,
      status: t.status,
      // UNCONFIRMED (INFLUXDB-USERS-TASKS.md): Cloud's contract has authorizationID; the likely answer carries it. OSS
      // never does.
      ...(state.mode === 'cloud' && t.authorizationID ? { authorizationID: t.authorizationID } : {}),
      ...(t.lastRunStatus ? { lastRunStatus: t.lastRunStatus, latestCompleted: t.updatedAt } : {}),
      flux: `option task = {name: "${t.name}", every: 1h}`,
      every: '1h',
      labels: [],
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      links: { self: `/api/v2/tasks/${t.id}` },
    })),
  };
}

/** POST /api/v2/signin with Basic user:password: a UI password works (the session cookie is not emulated). */
function signin(state: EmulatorState, header: string | undefined): void {
  const basic = /^Basic (\S+)$/.exec(header ?? '')?.[1];
  const [name, ...rest] = Buffer.from(basic ?? '', 'base64')
    .toString('utf8')
    .split(':');
  const user = state.findUserByName(name ?? '');
  if (!user || user.status !== 'active' || !state.passwordMatches(user.id, rest.join(':')))
    throw new ApiError('unauthorized', 'Unauthorized', 401);
}

export const userRoutes: Route[] = [
  route(
    'POST',
    '/api/v2/signin',
    ({ state, headers }) => {
      signin(state, headers.authorization);
      return { status: 204 };
    },
    { public: true },
  ),
  route('GET', '/api/v2/users', ({ state, caller, query }) => ({ status: 200, body: users(state, caller, query) })),
  route('POST', '/api/v2/users', async ({ state, caller, text }) => ({
    status: 201,
    body: createUser(state, caller, await text()),
  })),
  route('GET', '/api/v2/users/:id', ({ state, caller, params }) => {
    const user = findUser(state, params['id'] ?? '');
    need(caller, perm('read', 'users', { id: user.id }));
    return { status: 200, body: userJson(user) };
  }),
  route('DELETE', '/api/v2/users/:id', ({ state, caller, params }) => {
    const id = parseId(params['id'] ?? '');
    need(caller, perm('write', 'users', { id }));
    if (!state.users.has(id)) throw notFound('user not found');
    state.deleteUser(id);
    return { status: 204 };
  }),
  route('POST', '/api/v2/users/:id/password', async ({ state, caller, params, text }) => {
    setPassword(state, caller, params['id'] ?? '', await text());
    return { status: 204 };
  }),
  ...(['member', 'owner'] as const).flatMap((role) => [
    route('GET', `/api/v2/orgs/:orgID/${role}s`, ({ state, caller, params }) => ({
      status: 200,
      body: memberJson(state, memberOrg(state, caller, params['orgID'] ?? ''), role),
    })),
    route('POST', `/api/v2/orgs/:orgID/${role}s`, async ({ state, caller, params, json }) => {
      const orgID = memberOrg(state, caller, params['orgID'] ?? '');
      return { status: 201, body: addMember(state, caller, orgID, role, await json()) };
    }),
    route('DELETE', `/api/v2/orgs/:orgID/${role}s/:userID`, ({ state, caller, params }) => {
      removeMember(state, caller, memberOrg(state, caller, params['orgID'] ?? ''), params['userID'] ?? '');
      return { status: 204 };
    }),
  ]),
  route('GET', '/api/v2/tasks', ({ state, caller, query }) => ({ status: 200, body: tasks(state, caller, query) })),
];
