/** The vault entry for an authorization read from a server: what it is, where, and how it came. */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import type { TokenPermission } from '$contract/permissions';
import type { VaultSource } from '$contract/vault';
import type { InfluxClient } from '../influx/client';
import { postable } from '../influx/equivalents';
import type { NewEntry } from './vault';

export function entryFromAuthorization(
  connection: { id: string; name: string },
  client: InfluxClient,
  a: Authorization,
  source: VaultSource,
): NewEntry {
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    instanceUrl: client.target.url,
    orgID: a.orgID ?? '',
    orgName: a.org ?? client.orgNames.get(a.orgID ?? '') ?? '',
    authorizationId: a.id ?? '',
    userName: a.user ?? '',
    description: a.description ?? '',
    permissions: ((a.permissions ?? []) as TokenPermission[]).map(postable),
    source,
  };
}
