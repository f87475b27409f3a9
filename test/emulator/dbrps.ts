/**
 * /api/v2/dbrps as InfluxDB 2.x serves it (dbrp/http_server_dbrp.go): the 1.x database/retention
 * policy names a 1.x client uses, mapped to buckets. Every bucket also answers as a virtual mapping.
 */
import { can, need, perm, type Caller } from './auth';
import { ApiError, invalid, notFound, parseId } from './http';
import type { StoredDbrp } from './model';
import { route, type Route } from './routes';
import type { EmulatorState } from './state';

export type DbrpJson = StoredDbrp & { virtual: boolean };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The physical mappings of an org and the virtual ones they do not hide, ascending by ID. */
export function mappingsOf(state: EmulatorState, orgID: string): DbrpJson[] {
  const physical = [...state.dbrps.values()].filter((d) => d.orgID === orgID).map((d) => ({ ...d, virtual: false }));
  const taken = new Set(physical.map((d) => `${d.database}\u0000${d.retention_policy}`));
  const virtual = [...state.buckets.values()]
    .filter((b) => b.orgID === orgID)
    .map((b): DbrpJson => {
      // A bucket named "db/rp" stands for that database and policy; any other name for "<name>/autogen".
      const slash = b.name.indexOf('/');
      const [database, rp, isDefault] =
        slash > 0 ? [b.name.slice(0, slash), b.name.slice(slash + 1), false] : [b.name, 'autogen', true];
      return { id: b.id, database, retention_policy: rp, default: isDefault, virtual: true, orgID, bucketID: b.id };
    })
    .filter((d) => !taken.has(`${d.database}\u0000${d.retention_policy}`));
  return [...physical, ...virtual].sort((a, b) => a.id.localeCompare(b.id));
}

/** `orgID` or `org` (a name): one is required. */
function orgOf(state: EmulatorState, query: URLSearchParams | Record<string, unknown>): string {
  const get = (key: string) =>
    query instanceof URLSearchParams ? query.get(key) : typeof query[key] === 'string' ? (query[key] as string) : null;
  const orgID = get('orgID');
  if (orgID !== null) {
    if (!/^[0-9a-f]{16}$/.test(orgID)) throw invalid(`invalid org ID "${orgID}": invalid ID`);
    return orgID;
  }
  const name = get('org');
  if (name === null) throw invalid("either 'org' or 'orgID' must be provided");
  const org = state.findOrgByName(name);
  if (!org) throw notFound(`invalid org "${name}": organization not found`);
  return org.id;
}

/** The server's actual rule for database and rp names: non-empty, printable, not . or .., no slashes. */
function validName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value !== '' &&
    value !== '.' &&
    value !== '..' &&
    !/[/\\]/.test(value) &&
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}

function list(state: EmulatorState, caller: Caller, query: URLSearchParams) {
  const orgID = orgOf(state, query);
  const filters: [string, (d: DbrpJson, v: string) => boolean][] = [
    ['id', (d, v) => d.id === v],
    ['bucketID', (d, v) => d.bucketID === v],
    ['db', (d, v) => d.database === v],
    ['rp', (d, v) => d.retention_policy === v],
    ['default', (d, v) => String(d.default) === v],
  ];
  const content = mappingsOf(state, orgID).filter(
    (d) =>
      filters.every(([key, test]) => query.get(key) === null || test(d, query.get(key) ?? '')) &&
      can(caller, perm('read', 'buckets', { id: d.bucketID, orgID })),
  );
  return { content };
}

function create(state: EmulatorState, caller: Caller, body: unknown): DbrpJson {
  if (!isObject(body))
    throw invalid('invalid json structure: json: cannot unmarshal into Go value of type dbrp.createDBRPRequest');
  const orgID = orgOf(state, body);
  const bucketRaw = body['bucketID'];
  if (typeof bucketRaw !== 'string' || bucketRaw === '')
    throw invalid('DBRP provided is invalid: bucketID is required');
  const bucketID = parseId(bucketRaw);
  if (!validName(body['database']))
    throw invalid(
      "DBRP provided is invalid: database must contain at least one character and only be letters, numbers, '_', " +
        "'-', and '.'",
    );
  if (!validName(body['retention_policy']))
    throw invalid(
      'DBRP provided is invalid: retentionPolicy must contain at least one character and only be letters, numbers, ' +
        "'_', '-', and '.'",
    );
  const bucket = state.buckets.get(bucketID);
  need(caller, perm('write', 'buckets', { id: bucketID, orgID }));
  if (!bucket || bucket.orgID !== orgID) throw notFound('bucket not found');
  const { database, retention_policy } = body as { database: string; retention_policy: string };
  const same = [...state.dbrps.values()].filter((d) => d.orgID === orgID && d.database === database);
  if (same.some((d) => d.retention_policy === retention_policy))
    throw new ApiError('conflict', 'another DBRP mapping with same orgID, db, and rp exists');
  // The first mapping of a database is its default, whatever was asked; a new default replaces the old.
  const isDefault = same.length === 0 || body['default'] === true;
  if (isDefault) for (const d of same) d.default = false;
  return { ...state.addDbrp({ database, retention_policy, default: isDefault, orgID, bucketID }), virtual: false };
}

function remove(state: EmulatorState, caller: Caller, rawId: string, query: URLSearchParams): void {
  const orgID = orgOf(state, query);
  const dbrp = state.dbrps.get(parseId(rawId));
  if (!dbrp || dbrp.orgID !== orgID) throw notFound('unable to find DBRP');
  need(caller, perm('write', 'buckets', { id: dbrp.bucketID, orgID }));
  state.dbrps.delete(dbrp.id);
  // Deleting the default promotes another mapping of the same database.
  const next = [...state.dbrps.values()].find((d) => d.orgID === orgID && d.database === dbrp.database);
  if (dbrp.default && next) next.default = true;
}

export const dbrpRoutes: Route[] = [
  route('GET', '/api/v2/dbrps', ({ state, caller, query }) => ({ status: 200, body: list(state, caller, query) })),
  route('POST', '/api/v2/dbrps', async ({ state, caller, json }) => ({
    status: 201,
    body: create(state, caller, await json()),
  })),
  route('DELETE', '/api/v2/dbrps/:id', ({ state, caller, params, query }) => {
    remove(state, caller, params['id'] ?? '', query);
    return { status: 204 };
  }),
];
