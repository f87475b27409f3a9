/**
 * InfluxDB 3's token API (INFLUXDB3-TOKENS.md §4-6): `system.tokens` through /api/v3/query_sql, the
 * databases, and the token endpoints. Every answer's shape is read inside its request
 * (client.sendChecked), so a wrong one is BAD_RESPONSE naming the endpoint.
 */
import type { V3Permission } from '$contract/v3-tokens';
import { list, noBody, record, type InfluxClient } from './client';
import { BadAnswerError } from './transport';

export interface V3TokenRecord {
  id: number;
  name: string;
  hash: string;
  createdAt: string;
  updatedAt: string | null;
  expiry: string | null;
  permissions: string;
  createdBy: number | null;
}

/** system.tokens prints UTC timestamps without a zone. */
const utc = (value: unknown): string | null =>
  typeof value === 'string' ? (/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`) : null;

function tokenRecord(value: unknown): V3TokenRecord {
  const r = record(value, 'a row of system.tokens');
  if (typeof r['token_id'] !== 'number' || typeof r['name'] !== 'string')
    throw new BadAnswerError('a row of system.tokens without token_id or name');
  return {
    id: r['token_id'],
    name: r['name'],
    hash: typeof r['hash'] === 'string' ? r['hash'] : '',
    createdAt: utc(r['created_at']) ?? '',
    updatedAt: utc(r['updated_at']),
    expiry: utc(r['expiry']),
    permissions: typeof r['permissions'] === 'string' ? r['permissions'] : '',
    createdBy: typeof r['created_by_token_id'] === 'number' ? r['created_by_token_id'] : null,
  };
}

export async function listV3Tokens(client: InfluxClient): Promise<V3TokenRecord[]> {
  const body = { db: '_internal', q: 'SELECT * FROM system.tokens ORDER BY token_id', format: 'json' };
  return client.sendChecked(
    'listing tokens',
    'POST /api/v3/query_sql',
    { method: 'POST', path: '/api/v3/query_sql', body },
    (answer) => list(answer, 'system.tokens').map(tokenRecord),
  );
}

export async function listV3Databases(client: InfluxClient): Promise<string[]> {
  return client.sendChecked(
    'listing databases',
    'GET /api/v3/configure/database',
    { method: 'GET', path: '/api/v3/configure/database?format=json' },
    (answer) =>
      list(answer, 'the databases')
        .map((r) => record(r, 'a database')['iox::database'])
        .filter((n): n is string => typeof n === 'string' && n !== '_internal'),
  );
}

/** The token object create and regenerate answer with: its string, once. */
export interface CreatedV3 {
  id: number;
  name: string;
  token: string;
  createdAt: string;
  expiry: string | null;
}

function createdToken(value: unknown): CreatedV3 {
  const r = record(value, 'the new token');
  if (
    typeof r['id'] !== 'number' ||
    typeof r['name'] !== 'string' ||
    typeof r['token'] !== 'string' ||
    !r['token'].startsWith('apiv3_')
  )
    throw new BadAnswerError('a new token without its id, name or string');
  return {
    id: r['id'],
    name: r['name'],
    token: r['token'],
    createdAt: utc(r['created_at']) ?? new Date().toISOString(),
    expiry: utc(r['expiry']),
  };
}

export async function createV3Admin(client: InfluxClient, name: string, expirySecs: number | null) {
  const body = { token_name: name, ...(expirySecs ? { expiry_secs: expirySecs } : {}) };
  return client.sendChecked(
    'creating the token',
    'POST /api/v3/configure/token/named_admin',
    {
      method: 'POST',
      path: '/api/v3/configure/token/named_admin',
      body,
    },
    createdToken,
  );
}

export async function createV3Resource(
  client: InfluxClient,
  name: string,
  expirySecs: number | null,
  permissions: V3Permission[],
) {
  const body = {
    token_name: name,
    permissions: permissions.map((p) => ({
      resource_type: p.resourceType,
      resource_names: p.names,
      actions: p.actions,
    })),
    ...(expirySecs ? { expiry_secs: expirySecs } : {}),
  };
  return client.sendChecked(
    'creating the token',
    'POST /api/v3/enterprise/configure/token',
    {
      method: 'POST',
      path: '/api/v3/enterprise/configure/token',
      body,
    },
    createdToken,
  );
}

export async function regenerateV3Admin(client: InfluxClient) {
  return client.sendChecked(
    'regenerating the operator token',
    'POST /api/v3/configure/token/admin/regenerate',
    {
      method: 'POST',
      path: '/api/v3/configure/token/admin/regenerate',
    },
    createdToken,
  );
}

/** The first `_admin`, made without a token while the server has none. */
export async function createV3FirstAdmin(client: InfluxClient) {
  return client.sendChecked(
    'creating the operator token',
    'POST /api/v3/configure/token/admin',
    { method: 'POST', path: '/api/v3/configure/token/admin' },
    createdToken,
    false,
  );
}

export async function deleteV3Token(client: InfluxClient, name: string): Promise<void> {
  await client.sendChecked(
    'deleting the token',
    'DELETE /api/v3/configure/token',
    { method: 'DELETE', path: `/api/v3/configure/token?token_name=${encodeURIComponent(name)}` },
    noBody('the delete'),
  );
}

/** A permission string back into its parts: `db:a,b:read,write` (several joined by `;`). */
export function parseV3Permissions(text: string): V3Permission[] {
  return text.split(';').flatMap((part) => {
    const [type, names = '', actions = ''] = part.split(':');
    if (type !== 'db' && type !== 'system') return [];
    return [
      {
        resourceType: type,
        names: names.split(','),
        actions: actions.split(',').filter((a): a is 'read' | 'write' => a === 'read' || a === 'write'),
      },
    ];
  });
}
