/** Stored records → the JSON InfluxDB sends, typed with the official client's types. */
import type { Authorization, Bucket, Organization, Permission, UserResponse } from '@influxdata/influxdb-client-apis';
import type { StoredAuthorization, StoredBucket, StoredOrg, StoredPermission, StoredUser } from './model';
import type { EmulatorState } from './state';

/** Only POST's answer always carries the value; later reads depend on the product. */
export function tokenField(state: EmulatorState, auth: StoredAuthorization, justCreated: boolean): string {
  if (justCreated || state.mode === 'oss-2.7') return auth.token;
  return state.mode === 'cloud' ? 'redacted' : '';
}

function permissionJson(state: EmulatorState, p: StoredPermission): Permission {
  const { type, id, orgID } = p.resource;
  const resource: Record<string, string> = { type };
  if (id !== undefined) resource['id'] = id;
  if (orgID !== undefined) resource['orgID'] = orgID;
  // Names are output only, and only for buckets, orgs and users; a deleted resource has none.
  const name =
    id === undefined
      ? undefined
      : type === 'buckets'
        ? state.buckets.get(id)?.name
        : type === 'orgs'
          ? state.orgs.get(id)?.name
          : type === 'users'
            ? state.users.get(id)?.name
            : undefined;
  if (name !== undefined) resource['name'] = name;
  const org = orgID !== undefined ? state.orgs.get(orgID)?.name : undefined;
  if (org !== undefined) resource['org'] = org;
  return { action: p.action, resource: resource as unknown as Permission['resource'] };
}

export function authorizationJson(state: EmulatorState, auth: StoredAuthorization, justCreated = false): Authorization {
  const user = state.users.get(auth.userID);
  const org = state.orgs.get(auth.orgID);
  return {
    id: auth.id,
    token: tokenField(state, auth, justCreated),
    status: auth.status,
    description: auth.description,
    orgID: auth.orgID,
    ...(org ? { org: org.name } : {}),
    userID: auth.userID,
    ...(user ? { user: user.name } : {}),
    permissions: auth.permissions.map((p) => permissionJson(state, p)),
    links: { self: `/api/v2/authorizations/${auth.id}`, user: `/api/v2/users/${auth.userID}` },
    createdAt: auth.createdAt,
    updatedAt: auth.updatedAt,
  };
}

export function userJson(user: StoredUser): UserResponse {
  return { id: user.id, name: user.name, status: user.status, links: { self: `/api/v2/users/${user.id}` } };
}

export function orgJson(org: StoredOrg): Organization {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    links: { self: `/api/v2/orgs/${org.id}`, buckets: `/api/v2/buckets?org=${encodeURIComponent(org.name)}` },
  };
}

export function bucketJson(bucket: StoredBucket): Bucket {
  return {
    id: bucket.id,
    orgID: bucket.orgID,
    type: bucket.type,
    name: bucket.name,
    description: bucket.description,
    retentionRules: [{ type: 'expire', everySeconds: bucket.retentionSeconds }],
    createdAt: bucket.createdAt,
    updatedAt: bucket.updatedAt,
    links: { self: `/api/v2/buckets/${bucket.id}`, org: `/api/v2/orgs/${bucket.orgID}` },
    labels: [],
  };
}
