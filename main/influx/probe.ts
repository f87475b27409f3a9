/**
 * Asking InfluxDB what a token holds without changing anything (see probe() below).
 */
import type { TokenPermission as Permission } from '../../contract/permissions';
import { TokenDeskError } from '../../contract/errors';
import type { InfluxClient } from './client';
import { permission } from './permissions';

export type Probe = { kind: 'holds-all' } | { kind: 'missing'; permission: string } | { kind: 'cannot-create'; missing: string } | { kind: 'unknown' };

const instanceRead = permission('read', 'instance');

/**
 * Asks InfluxDB whether the token holds `wanted` without creating anything: the request also asks
 * for `instance`, which InfluxDB never grants to a token. Its checks run in a fixed order
 * (write:authorizations → write:user → each permission held → instance), so the refusal names the
 * first thing missing; a refusal that names `instance` means everything else was held.
 */
export async function probe(client: InfluxClient, orgID: string, wanted: Permission[]): Promise<Probe> {
  try {
    const created = await client.createAuthorization({ orgID, status: 'inactive', description: 'Token Desk capability check', permissions: [...wanted, instanceRead] });
    // A server that grants instance would have created it: undo at once.
    if (created.id) await client.deleteAuthorization(created.id);
    return { kind: 'holds-all' };
  } catch (error) {
    if (!(error instanceof TokenDeskError)) throw error;
    const status = error.details?.['status'];
    const message = String(error.details?.['influxMessage'] ?? '');
    if (status === 403) {
      const named = /^permission (\S+) is not allowed/.exec(message)?.[1];
      if (named === 'read:instance') return { kind: 'holds-all' };
      if (named) return { kind: 'missing', permission: named };
    }
    if (status === 500 && message.includes('instance type')) return { kind: 'holds-all' };
    if (status === 401 && message.endsWith(' is unauthorized')) return { kind: 'cannot-create', missing: message.replace(/ is unauthorized$/, '') };
    if (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'TLS') throw error;
    return { kind: 'unknown' };
  }
}

