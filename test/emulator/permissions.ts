/** InfluxDB's permission model, as authorizer/ and authz.go implement it (see INFLUXDB-TOKENS.md). */
import type { Mode, ResourceType, StoredPermission } from './model';

export const commonResourceTypes: readonly ResourceType[] = [
  'authorizations',
  'buckets',
  'dashboards',
  'orgs',
  'tasks',
  'telegrafs',
  'users',
  'variables',
  'secrets',
  'labels',
  'views',
  'documents',
  'notificationRules',
  'notificationEndpoints',
  'checks',
  'dbrp',
  'annotations',
];
const ossOnlyTypes: readonly ResourceType[] = [
  'sources',
  'scrapers',
  'notebooks',
  'remotes',
  'replications',
  'instance',
];
const cloudOnlyTypes: readonly ResourceType[] = ['flows', 'functions', 'subscriptions'];

/** What GET /api/v2/resources lists: OSS 23 types (with instance), Cloud 20. */
export function resourceTypesOf(mode: Mode): ResourceType[] {
  return [...commonResourceTypes, ...(mode === 'cloud' ? cloudOnlyTypes : ossOnlyTypes)];
}

/**
 * Does held permission `p` satisfy `wanted`? Same action, and: p is on instance; or same type and
 * p is global, or p is org-wide for wanted's org, or p names wanted's id.
 */
export function satisfies(p: StoredPermission, wanted: StoredPermission): boolean {
  if (p.action !== wanted.action) return false;
  if (p.resource.type === 'instance') return true;
  if (p.resource.type !== wanted.resource.type) return false;
  const { orgID, id } = p.resource;
  if (orgID === undefined && id === undefined) return true;
  if (orgID !== undefined && id === undefined && wanted.resource.orgID === orgID) return true;
  return id !== undefined && wanted.resource.id === id;
}

export function holds(permissions: readonly StoredPermission[], wanted: StoredPermission): boolean {
  return permissions.some((p) => satisfies(p, wanted));
}

/**
 * InfluxDB's Permission.String(): `read:orgs/<org>/buckets/<id>`, `read:orgs/<org>/buckets`, `read:users/<id>`,
 * `read:buckets`.
 */
export function permissionString(p: StoredPermission): string {
  const { type, orgID, id } = p.resource;
  const path =
    orgID !== undefined
      ? `orgs/${orgID}/${type}${id !== undefined ? `/${id}` : ''}`
      : id !== undefined
        ? `${type}/${id}`
        : type;
  return `${p.action}:${path}`;
}

const both = (type: ResourceType, extra: Omit<StoredPermission['resource'], 'type'> = {}): StoredPermission[] => [
  { action: 'read', resource: { type, ...extra } },
  { action: 'write', resource: { type, ...extra } },
];

/** The setup token's and `influx auth create --operator`'s set: every type but instance, read+write, no org. */
export function operatorPermissions(mode: Mode): StoredPermission[] {
  return resourceTypesOf(mode)
    .filter((type) => type !== 'instance')
    .flatMap((type) => both(type));
}

/** The CLI's and UI's all-access set: orgs read by id, users on the token's user, the rest read+write in the org. */
export function allAccessPermissions(mode: Mode, orgID: string, userID: string): StoredPermission[] {
  return resourceTypesOf(mode)
    .filter((type) => type !== 'instance')
    .flatMap((type): StoredPermission[] => {
      if (type === 'orgs') return [{ action: 'read', resource: { type, id: orgID } }];
      if (type === 'users') return both(type, { id: userID });
      return both(type, { orgID });
    });
}
