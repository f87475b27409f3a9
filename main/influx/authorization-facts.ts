/** The plain facts of an authorization (a token, or a v1 credential), defaulted where InfluxDB left a field out. */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import type { InfluxClient } from './client';

export function authorizationFacts(a: Authorization, client: InfluxClient) {
  return {
    id: a.id ?? '',
    description: a.description ?? '',
    status: a.status ?? ('active' as const),
    userID: a.userID ?? '',
    userName: a.user ?? '',
    orgID: a.orgID ?? '',
    orgName: a.org ?? client.orgNames.get(a.orgID ?? '') ?? '',
    createdAt: a.createdAt ?? '',
    updatedAt: a.updatedAt ?? '',
  };
}
