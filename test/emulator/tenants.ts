/** Everything around tokens the app reads: setup, me, orgs, users, buckets, telegrafs, dashboards, tasks, resources. */
import type { Dashboards, OnboardingResponse, Telegrafs } from '@influxdata/influxdb-client-apis';
import { can, perm, type Caller } from './auth';
import { ApiError, notFound, parseId } from './http';
import type { StoredOrgResource } from './model';
import { productOf } from './model';
import { paginate } from './paging';
import { route, type Route } from './routes';
import { authorizationJson, bucketJson, orgJson, userJson } from './serialize';
import type { EmulatorState } from './state';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function setup(state: EmulatorState, body: unknown): OnboardingResponse {
  if (state.mode === 'cloud' || state.onboarded)
    throw new ApiError('conflict', 'onboarding has already been completed');
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const username = text(input['username']);
  const org = text(input['org']);
  const bucket = text(input['bucket']);
  if (!username) throw new ApiError('empty value', 'username is empty');
  if (!org) throw new ApiError('empty value', 'org name is empty');
  if (!bucket) throw new ApiError('empty value', 'bucket name is empty');
  const retention = input['retentionPeriodSeconds'];
  const token = text(input['token']);
  const done = state.onboard({
    username,
    org,
    bucket,
    ...(typeof retention === 'number' ? { retentionSeconds: retention } : {}),
    ...(token ? { token } : {}),
  });
  return {
    user: userJson(done.user),
    org: orgJson(done.org),
    bucket: bucketJson(done.bucket),
    auth: authorizationJson(state, done.auth, true),
  };
}

/** Resolves the org filters every org-scoped list takes: `orgID` or `org` (a name). */
function orgFilter(state: EmulatorState, query: URLSearchParams): string | undefined {
  const orgID = query.get('orgID');
  if (orgID !== null) return parseId(orgID);
  const name = query.get('org');
  if (name === null) return undefined;
  const org = state.findOrgByName(name);
  if (!org) throw notFound(`organization name "${name}" not found`);
  return org.id;
}

function orgResources<T extends StoredOrgResource>(
  state: EmulatorState,
  caller: Caller,
  items: Map<string, T>,
  type: 'buckets' | 'telegrafs' | 'dashboards' | 'tasks',
  query: URLSearchParams,
): T[] {
  const orgID = orgFilter(state, query);
  const name = query.get('name');
  const id = query.get('id');
  return [...items.values()].filter(
    (item) =>
      (orgID === undefined || item.orgID === orgID) &&
      (name === null || item.name === name) &&
      (id === null || item.id === id) &&
      state.orgs.has(item.orgID) &&
      can(caller, perm('read', type, { id: item.id, orgID: item.orgID })),
  );
}

function orgs(state: EmulatorState, caller: Caller, query: URLSearchParams) {
  const name = query.get('org');
  const orgID = query.get('orgID');
  const userID = query.get('userID');
  if (name !== null && !state.findOrgByName(name)) throw notFound(`organization name "${name}" not found`);
  const visible = [...state.orgs.values()].filter(
    (org) =>
      (name === null || org.name === name) &&
      (orgID === null || org.id === orgID) &&
      // A user's orgs are those it is a member or owner of.
      (userID === null || state.roleIn(org.id, userID) !== undefined) &&
      // InfluxDB asks for an org as {orgs, id: X, orgID: X}, so an org-wide orgs permission also sees it.
      can(caller, perm('read', 'orgs', { id: org.id, orgID: org.id })),
  );
  const page = paginate(visible, '/api/v2/orgs', query, ['org', 'orgID', 'userID']);
  return { links: page.links, orgs: page.items.map(orgJson) };
}

function named(item: StoredOrgResource) {
  return { id: item.id, orgID: item.orgID, name: item.name, description: item.description };
}

export const tenantRoutes: Route[] = [
  route(
    'GET',
    '/api/v2/setup',
    ({ state }) => ({ status: 200, body: { allowed: state.mode !== 'cloud' && !state.onboarded } }),
    { public: true },
  ),
  route('POST', '/api/v2/setup', async ({ state, json }) => ({ status: 201, body: setup(state, await json()) }), {
    public: true,
  }),
  route('GET', '/api/v2/me', ({ caller }) => ({
    status: 200,
    body: { ...userJson(caller.user), links: { self: '/api/v2/me' } },
  })),
  route('GET', '/api/v2/orgs', ({ state, caller, query }) => ({ status: 200, body: orgs(state, caller, query) })),

  route('GET', '/api/v2/buckets', ({ state, caller, query }) => {
    const page = paginate(orgResources(state, caller, state.buckets, 'buckets', query), '/api/v2/buckets', query, [
      'org',
      'orgID',
      'name',
      'id',
    ]);
    return { status: 200, body: { links: page.links, buckets: page.items.map(bucketJson) } };
  }),
  // POST /api/v2/buckets: a name taken in the org answers 422 (tenant's ErrBucketNameNotUnique is EConflict).
  route('POST', '/api/v2/buckets', async ({ state, caller, json }) => {
    const body = (await json()) as { orgID?: unknown; name?: unknown; description?: unknown };
    const orgID = typeof body.orgID === 'string' ? body.orgID : '';
    const name = typeof body.name === 'string' ? body.name : '';
    if (!state.orgs.has(orgID)) throw notFound('organization not found');
    if (!name) throw new ApiError('invalid', 'bucket name is required');
    if (!can(caller, perm('write', 'buckets', { orgID })))
      throw new ApiError('unauthorized', `write:orgs/${orgID}/buckets is unauthorized`);
    if ([...state.buckets.values()].some((b) => b.orgID === orgID && b.name === name))
      throw new ApiError('conflict', `bucket with name ${name} already exists`);
    const description = typeof body.description === 'string' ? body.description : '';
    return { status: 201, body: bucketJson(state.addBucket(orgID, name, { description })) };
  }),
  route('GET', '/api/v2/telegrafs', ({ state, caller, query }) => {
    const body: Telegrafs = {
      configurations: orgResources(state, caller, state.telegrafs, 'telegrafs', query).map((t) => ({
        ...named(t),
        config: '',
      })),
    };
    return { status: 200, body };
  }),
  route('GET', '/api/v2/dashboards', ({ state, caller, query }) => {
    const body: Dashboards = {
      links: { self: '/api/v2/dashboards' },
      dashboards: orgResources(state, caller, state.dashboards, 'dashboards', query).map((d) => ({
        ...named(d),
        cells: [],
        labels: [],
      })),
    };
    return { status: 200, body };
  }),
  route('GET', '/api/v2/resources', ({ state }) => ({ status: 200, body: state.resourceTypes() })),
];

/** /ping and /health answer without a token, with the product's headers. */
export function healthBody(state: EmulatorState) {
  const { version } = productOf(state.mode);
  return {
    name: 'influxdb',
    message: 'ready for queries and writes',
    status: 'pass',
    checks: [],
    ...(version ? { version, commit: 'emulator' } : {}),
  };
}
