/** /api/v2/authorizations as InfluxDB serves it: visibility, create checks in order, patch, delete. */
import { can, need, perm, type Caller } from './auth';
import { ApiError, invalid, notFound, parseId } from './http';
import type { ResourceType, StoredAuthorization, StoredPermission } from './model';
import { permissionString } from './permissions';
import { route, type Route } from './routes';
import { authorizationJson } from './serialize';
import type { EmulatorState } from './state';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A token is listed only if the caller may read it and its user; tokens of deleted users or orgs are left out. */
export function visible(state: EmulatorState, caller: Caller, auth: StoredAuthorization): boolean {
  if (!state.users.has(auth.userID) || !state.orgs.has(auth.orgID)) return false;
  return (
    can(caller, perm('read', 'authorizations', { id: auth.id, orgID: auth.orgID })) &&
    can(caller, perm('read', 'users', { id: auth.userID }))
  );
}

function find(state: EmulatorState, rawId: string): StoredAuthorization {
  const auth = state.authorizations.get(parseId(rawId));
  if (!auth) throw notFound('authorization not found');
  return auth;
}

function list(state: EmulatorState, caller: Caller, query: URLSearchParams) {
  let userID = query.get('userID') ?? undefined;
  const userName = query.get('user');
  if (userName !== null) {
    const user = state.findUserByName(userName);
    if (!user) throw notFound('user not found');
    userID = user.id;
  }
  let orgID = query.get('orgID') ?? undefined;
  const orgName = query.get('org');
  if (orgName !== null) {
    const org = state.findOrgByName(orgName);
    if (!org) throw notFound(`organization name "${orgName}" not found`);
    orgID = org.id;
  }
  const id = query.get('id');
  const token = state.mode === 'cloud' ? query.get('token') : null;
  const found: StoredAuthorization[] = [];
  for (const auth of state.authorizations.values()) {
    if (userID !== undefined && auth.userID !== userID) continue;
    if (orgID !== undefined && auth.orgID !== orgID) continue;
    if (id !== null && auth.id !== id) continue;
    if (token !== null && auth.token !== token) continue;
    if (visible(state, caller, auth)) found.push(auth);
  }
  return {
    links: { self: '/api/v2/authorizations' },
    authorizations: found.map((auth) => authorizationJson(state, auth)),
  };
}

function parsePermissions(state: EmulatorState, raw: unknown): StoredPermission[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0))
    throw invalid('authorization must include permissions');
  if (!Array.isArray(raw))
    throw invalid(
      'invalid json structure: json: cannot unmarshal into Go struct field permissions of type []influxdb.Permission',
    );
  const known = new Set<string>([...state.resourceTypes(), 'instance']);
  return raw.map((entry): StoredPermission => {
    const resource = isObject(entry) && isObject(entry['resource']) ? entry['resource'] : {};
    const type = resource['type'];
    if (typeof type !== 'string' || !known.has(type))
      throw invalid('invalid resource type for permission: unknown resource type for permission');
    const action = isObject(entry) ? entry['action'] : undefined;
    if (action !== 'read' && action !== 'write')
      throw invalid('invalid action type for permission: unknown action for permission');
    const out: StoredPermission = { action, resource: { type: type as ResourceType } };
    for (const key of ['id', 'orgID'] as const) {
      const value = resource[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string')
        throw invalid('invalid json structure: json: cannot unmarshal number into Go value of type platform.ID');
      out.resource[key] = parseId(value);
    }
    return out;
  });
}

/** What a create request asks for, once InfluxDB's checks have passed. */
export interface CheckedCreate {
  orgID: string;
  userID: string;
  status: 'active' | 'inactive';
  description: string;
  permissions: StoredPermission[];
  body: Record<string, unknown>;
}

/**
 * A create's checks, in InfluxDB's order: decode → permissions → org → status → (the v1 username,
 * `between`) → write:authorizations → write:user → no escalation → instance → org → existence.
 * The v1 (legacy) store runs the same ones (v1/authorization/service.go).
 */
export function checkCreate(
  state: EmulatorState,
  caller: Caller,
  body: unknown,
  between: (body: Record<string, unknown>) => void = () => undefined,
): CheckedCreate {
  if (!isObject(body))
    throw invalid('invalid json structure: json: cannot unmarshal into Go value of type authorization');
  const permissions = parsePermissions(state, body['permissions']);
  const orgRaw = body['orgID'];
  if (typeof orgRaw !== 'string' || !/^[0-9a-f]{16}$/.test(orgRaw)) throw invalid('org id required: invalid ID');
  const orgID = orgRaw;
  const status = body['status'] ?? 'active';
  if (status !== 'active' && status !== 'inactive') throw invalid('invalid status: must be active or inactive');
  between(body);
  const description = typeof body['description'] === 'string' ? body['description'] : '';
  const userRaw = body['userID'];
  const userID = typeof userRaw === 'string' && userRaw !== '' ? parseId(userRaw) : caller.user.id;

  need(caller, perm('write', 'authorizations', { orgID }));
  need(caller, perm('write', 'users', { id: userID }));
  for (const wanted of permissions) {
    if (!can(caller, wanted)) {
      const text = permissionString(wanted);
      throw new ApiError('forbidden', `permission ${text} is not allowed: ${text} is unauthorized`);
    }
  }
  if (permissions.some((p) => p.resource.type === 'instance')) {
    throw new ApiError(
      'internal error',
      'authorizations cannot be created with the instance type, it is only used during setup',
    );
  }
  for (const p of permissions) {
    if (p.resource.orgID !== undefined && p.resource.orgID !== orgID)
      throw invalid(`permission ${permissionString(p)} is not for org id ${orgID}`);
  }
  if (!state.users.has(userID) || !state.orgs.has(orgID)) throw invalid('unable to create token');
  return { orgID, userID, status, description, permissions, body };
}

function create(state: EmulatorState, caller: Caller, body: unknown) {
  const { orgID, userID, permissions, description, status } = checkCreate(state, caller, body);
  const auth = state.addAuthorization({ orgID, userID, permissions, description, status });
  return authorizationJson(state, auth, true);
}

function readOne(state: EmulatorState, caller: Caller, auth: StoredAuthorization) {
  need(caller, perm('read', 'authorizations', { id: auth.id, orgID: auth.orgID }));
  need(caller, perm('read', 'users', { id: auth.userID }));
  if (!state.users.has(auth.userID)) throw notFound('user not found');
  return authorizationJson(state, auth);
}

export function mayWrite(caller: Caller, auth: StoredAuthorization): void {
  need(caller, perm('write', 'authorizations', { id: auth.id, orgID: auth.orgID }));
  need(caller, perm('write', 'users', { id: auth.userID }));
}

function update(state: EmulatorState, caller: Caller, auth: StoredAuthorization, body: unknown) {
  if (!isObject(body))
    throw invalid('invalid json structure: json: cannot unmarshal into Go value of type authorizationUpdateRequest');
  const { status, description } = body;
  if (status !== undefined && status !== 'active' && status !== 'inactive')
    throw invalid('invalid status: must be active or inactive');
  if (description !== undefined && typeof description !== 'string')
    throw invalid('invalid json structure: json: cannot unmarshal into Go struct field description of type string');
  mayWrite(caller, auth);
  // Only status and description can change; everything else in the body is ignored.
  if (status !== undefined) auth.status = status;
  if (description !== undefined) auth.description = description;
  state.touch(auth);
  return authorizationJson(state, auth);
}

export const authorizationRoutes: Route[] = [
  route('GET', '/api/v2/authorizations', ({ state, caller, query }) => ({
    status: 200,
    body: list(state, caller, query),
  })),
  route('POST', '/api/v2/authorizations', async ({ state, caller, json }) => ({
    status: 201,
    body: create(state, caller, await json()),
  })),
  route('GET', '/api/v2/authorizations/:id', ({ state, caller, params }) => ({
    status: 200,
    body: readOne(state, caller, find(state, params['id'] ?? '')),
  })),
  route('PATCH', '/api/v2/authorizations/:id', async ({ state, caller, params, json }) => {
    const auth = find(state, params['id'] ?? '');
    return { status: 200, body: update(state, caller, auth, await json()) };
  }),
  route('DELETE', '/api/v2/authorizations/:id', ({ state, caller, params }) => {
    const auth = find(state, params['id'] ?? '');
    mayWrite(caller, auth);
    state.removeAuthorization(auth.id);
    return { status: 204 };
  }),
];
