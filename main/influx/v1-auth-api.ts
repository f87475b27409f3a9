/**
 * InfluxDB 2.x's v1-compatibility credentials (/private/legacy/authorizations, which the official
 * client does not cover), DBRP mappings, and a 1.x login against /query. Answers are shape-checked
 * like every other; a credential has the authorization's shape with the username in `token`.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import type { TokenPermission } from '$contract/permissions';
import type { DbrpMapping } from '$contract/v1-credentials';
import { authorization, list, noBody, record, type InfluxClient } from './client';
import { BadAnswerError } from './transport';

const BASE = '/private/legacy/authorizations';

/** A v1 credential: an authorization whose `token` is the username. */
export type V1Authorization = Authorization & { token: string };

function credential(value: unknown): V1Authorization {
  const a = authorization(value);
  if (typeof a.token !== 'string' || a.token === '') throw new BadAnswerError('a v1 credential without a username');
  return a as V1Authorization;
}

export function listV1(client: InfluxClient, query: { orgID?: string } = {}): Promise<V1Authorization[]> {
  const params = new URLSearchParams(query.orgID ? { orgID: query.orgID } : {});
  return client.sendChecked(
    'listing v1 credentials',
    `GET ${BASE}`,
    { method: 'GET', path: `${BASE}${params.size ? `?${params.toString()}` : ''}` },
    (body) =>
      list(record(body, 'the list of v1 credentials')['authorizations'], 'the list of v1 credentials').map(credential),
  );
}

export async function getV1(client: InfluxClient, id: string): Promise<V1Authorization> {
  return client.sendChecked(
    'reading a v1 credential',
    `GET ${BASE}/{id}`,
    { method: 'GET', path: `${BASE}/${id}` },
    credential,
  );
}

export async function createV1(
  client: InfluxClient,
  body: { token: string; orgID: string; description: string; permissions: TokenPermission[] },
): Promise<V1Authorization> {
  return client.sendChecked(
    'creating a v1 credential',
    `POST ${BASE}`,
    {
      method: 'POST',
      path: BASE,
      body: { ...body, status: 'active' },
    },
    credential,
  );
}

export async function patchV1(
  client: InfluxClient,
  id: string,
  change: { status?: 'active' | 'inactive'; description?: string },
): Promise<V1Authorization> {
  return client.sendChecked(
    'updating a v1 credential',
    `PATCH ${BASE}/{id}`,
    {
      method: 'PATCH',
      path: `${BASE}/${id}`,
      body: change,
    },
    credential,
  );
}

export async function deleteV1(client: InfluxClient, id: string): Promise<void> {
  await client.sendChecked(
    'deleting a v1 credential',
    `DELETE ${BASE}/{id}`,
    { method: 'DELETE', path: `${BASE}/${id}` },
    noBody('the delete'),
  );
}

export async function setV1Password(client: InfluxClient, id: string, password: string): Promise<void> {
  await client.send('setting the password', `POST ${BASE}/{id}/password`, {
    method: 'POST',
    path: `${BASE}/${id}/password`,
    body: { password },
    secrets: [password],
  });
}

function mapping(value: unknown): DbrpMapping {
  const d = record(value, 'a DBRP mapping');
  const text = (key: string) => {
    if (typeof d[key] !== 'string') throw new BadAnswerError(`a DBRP mapping without ${key}`);
    return d[key] as string;
  };
  return {
    id: text('id'),
    database: text('database'),
    retentionPolicy: text('retention_policy'),
    default: d['default'] === true,
    virtual: d['virtual'] === true,
    bucketID: text('bucketID'),
  };
}

export function listDbrps(client: InfluxClient, orgID: string): Promise<DbrpMapping[]> {
  return client.sendChecked(
    'listing DBRP mappings',
    'GET /api/v2/dbrps',
    { method: 'GET', path: `/api/v2/dbrps?orgID=${orgID}` },
    (body) => list(record(body, 'the list of DBRP mappings')['content'], 'the list of DBRP mappings').map(mapping),
  );
}

export async function createDbrp(
  client: InfluxClient,
  input: { orgID: string; bucketID: string; database: string; retentionPolicy: string; default: boolean },
): Promise<DbrpMapping> {
  const body = {
    orgID: input.orgID,
    bucketID: input.bucketID,
    database: input.database,
    retention_policy: input.retentionPolicy,
    default: input.default,
  };
  return client.sendChecked(
    'creating a DBRP mapping',
    'POST /api/v2/dbrps',
    { method: 'POST', path: '/api/v2/dbrps', body },
    mapping,
  );
}

/**
 * Logs in as a 1.x client would (Basic credentials on /query) and runs the harmless SHOW DATABASES.
 * Not the connection's own token: its refusal says nothing of the connection (authenticated = false).
 */
export async function showDatabasesAs(client: InfluxClient, username: string, password: string): Promise<string[]> {
  const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return client.sendChecked(
    'trying the credential',
    'GET /query',
    {
      method: 'GET',
      path: `/query?q=${encodeURIComponent('SHOW DATABASES')}`,
      headers: { authorization: `Basic ${basic}` },
    },
    (body) => {
      const results = list(
        record(body, 'the answer to SHOW DATABASES')['results'] ?? [],
        'the results of SHOW DATABASES',
      );
      const series = results.flatMap((r) => list(record(r, 'a result')['series'] ?? [], 'a result’s series'));
      return series
        .flatMap((s) => list(record(s, 'a series')['values'] ?? [], 'a series’ values'))
        .map((v) => String(Array.isArray(v) ? v[0] : v));
    },
    false,
  );
}
