/**
 * The connection check of a Cloud Dedicated or Clustered cluster, through its Management API: the
 * databases and the database tokens asked at once (what the management token may do), and the
 * token's own expiry where it says. Nothing is changed.
 */
import type { ClusterCheck } from '$contract/connections';
import { productName } from '$contract/products';
import type { CheckContext } from '../families/family';
import { InfluxRequestError } from '../influx/errors';
import { clusterAddressOf } from '$contract/cluster-address';
import { listDatabases, listTokens } from './api';

/**
 * A management token that is a JWT carries its expiry (`exp`, seconds since the epoch). UNCONFIRMED:
 * whether manually created management tokens are JWTs; one that is not says nothing of its expiry.
 */
export function jwtExpiry(token: string): string | null {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

export async function checkCluster({ client, product, now }: CheckContext): Promise<ClusterCheck> {
  client.facts.product = product;
  const address = clusterAddressOf(client.target.url);
  const [databases, tokens] = await Promise.allSettled([listDatabases(client), listTokens(client)]);
  if (databases.status === 'rejected') throw databases.reason;
  const refused =
    tokens.status === 'rejected' && tokens.reason instanceof InfluxRequestError && tokens.reason.reason.status === 403;
  if (tokens.status === 'rejected' && !refused) throw tokens.reason;
  const names = databases.value;
  const expires = jwtExpiry(client.target.token);
  const held = refused
    ? 'This management token can list databases but not database tokens'
    : 'This management token can list, create, change and revoke database tokens (a manually created ' +
      'management token has full access to the account)';
  const summary =
    `${productName(product, null)}. ${held}. ` +
    `${expires ? `It expires ${expires.slice(0, 10)}. ` : ''}` +
    `${names.length ? `Databases: ${names.join(', ')}.` : 'No database yet.'}`;
  return {
    family: 'cluster',
    product,
    version: null,
    summary,
    checkedAt: now.toISOString(),
    accountId: address?.accountId ?? null,
    clusterId: address?.clusterId ?? null,
    databases: names,
    canListTokens: !refused,
    managementExpiresAt: expires,
  };
}
