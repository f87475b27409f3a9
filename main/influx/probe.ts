/**
 * Asking InfluxDB what a token holds without changing anything (see probe() below).
 */
import type { TokenPermission as Permission } from '$contract/permissions';
import { TokenDeskError } from '$contract/errors';
import type { InfluxClient } from './client';
import { InfluxRequestError } from './errors';
import { permission } from './permissions';

export type Probe =
  | { kind: 'holds-all' }
  | { kind: 'missing'; permission: string }
  | { kind: 'cannot-create'; missing: string }
  | { kind: 'unknown' };

const instanceRead = permission('read', 'instance');

/**
 * Asks InfluxDB whether the token holds `wanted` without creating anything: the request also asks
 * for `instance`, which InfluxDB never grants to a token. Its checks run in a fixed order
 * (write:authorizations → write:user → each permission held → instance), so the refusal names the
 * first thing missing; a refusal that names `instance` means everything else was held.
 */
export async function probe(client: InfluxClient, orgID: string, wanted: Permission[]): Promise<Probe> {
  try {
    const created = await client.createAuthorization({
      orgID,
      status: 'inactive',
      description: 'Token Desk capability check',
      permissions: [...wanted, instanceRead],
    });
    // A server that grants instance would have created it: undo at once.
    if (created.id) await client.deleteAuthorization(created.id);
    return { kind: 'holds-all' };
  } catch (error) {
    if (!(error instanceof InfluxRequestError)) {
      if (
        error instanceof TokenDeskError &&
        (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'TLS')
      )
        throw error;
      if (error instanceof TokenDeskError) return { kind: 'unknown' };
      throw error;
    }
    const { status, refused, missing, influxMessage } = error.reason;
    if (refused === 'read:instance') return { kind: 'holds-all' };
    if (refused) return { kind: 'missing', permission: refused };
    if (status === 500 && influxMessage?.includes('instance type')) return { kind: 'holds-all' };
    if (missing) return { kind: 'cannot-create', missing };
    return { kind: 'unknown' };
  }
}
