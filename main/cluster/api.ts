/**
 * The Management API of Cloud Dedicated and Clustered (test/fixtures/management-api/): databases and
 * database tokens, with the management token as a Bearer token. Every answer's shape is read inside
 * its request (client.sendChecked), so a wrong one is BAD_RESPONSE naming the endpoint.
 */
import type { ClusterPermission } from '$contract/cluster-tokens';
import { list, noBody, record, type InfluxClient } from '../influx/client';
import { BadAnswerError } from '../influx/transport';

export interface ManagementToken {
  id: string;
  description: string;
  permissions: ClusterPermission[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

const text = (r: Record<string, unknown>, key: string, what: string): string => {
  const v = r[key];
  if (typeof v !== 'string') throw new BadAnswerError(`${what} without ${key}`);
  return v;
};
const optionalText = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function permissionOf(value: unknown): ClusterPermission {
  const r = record(value, 'a token permission');
  const action = r['action'];
  if ((action !== 'read' && action !== 'write') || typeof r['resource'] !== 'string')
    throw new BadAnswerError('a token permission that is not read or write on a database');
  return { action, resource: r['resource'] };
}

function tokenOf(value: unknown): ManagementToken {
  const r = record(value, 'a database token');
  return {
    id: text(r, 'id', 'a database token'),
    description: text(r, 'description', 'a database token'),
    permissions: list(r['permissions'] ?? [], 'a database token’s permissions').map(permissionOf),
    createdAt: text(r, 'createdAt', 'a database token'),
    expiresAt: optionalText(r['expiresAt']),
    revokedAt: optionalText(r['revokedAt']),
  };
}

/** The management token goes as Bearer (the spec's bearerAuthManagementToken), never as InfluxDB's `Token`. */
const bearer = (client: InfluxClient) => ({ Authorization: `Bearer ${client.target.token}` });

export function listDatabases(client: InfluxClient): Promise<string[]> {
  return client.sendChecked(
    'listing databases',
    'GET databases',
    { method: 'GET', path: '/databases', headers: bearer(client) },
    (body) => list(body, 'the databases').map((d) => text(record(d, 'a database'), 'name', 'a database')),
  );
}

export function listTokens(client: InfluxClient): Promise<ManagementToken[]> {
  return client.sendChecked(
    'listing database tokens',
    'GET tokens',
    { method: 'GET', path: '/tokens', headers: bearer(client) },
    (body) => list(body, 'the database tokens').map(tokenOf),
  );
}

export function createToken(
  client: InfluxClient,
  body: { description: string; permissions: ClusterPermission[]; expiresAt: string | null },
): Promise<ManagementToken & { accessToken: string }> {
  // The docs' examples add `expirationType`, which the OpenAPI lacks: the spec is followed.
  const sent = {
    description: body.description,
    permissions: body.permissions,
    ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
  };
  return client.sendChecked(
    'creating a database token',
    'POST tokens',
    { method: 'POST', path: '/tokens', body: sent, headers: bearer(client) },
    (answer) => {
      const r = record(answer, 'the new database token');
      const accessToken = text(r, 'accessToken', 'the new database token');
      return { ...tokenOf(answer), accessToken };
    },
  );
}

export function updateToken(
  client: InfluxClient,
  id: string,
  change: { description?: string; permissions?: ClusterPermission[] },
): Promise<ManagementToken> {
  return client.sendChecked(
    'changing a database token',
    'PATCH tokens/{tokenId}',
    { method: 'PATCH', path: `/tokens/${encodeURIComponent(id)}`, body: change, headers: bearer(client) },
    tokenOf,
  );
}

/** DELETE: what the docs call revoking; the token stops working and is listed with `revokedAt`. */
export function deleteToken(client: InfluxClient, id: string): Promise<void> {
  return client.sendChecked(
    'revoking a database token',
    'DELETE tokens/{tokenId}',
    { method: 'DELETE', path: `/tokens/${encodeURIComponent(id)}`, headers: bearer(client) },
    noBody('the revoke'),
  );
}

export function getToken(client: InfluxClient, id: string): Promise<ManagementToken> {
  return client.sendChecked(
    'reading a database token',
    'GET tokens/{tokenId}',
    { method: 'GET', path: `/tokens/${encodeURIComponent(id)}`, headers: bearer(client) },
    tokenOf,
  );
}
