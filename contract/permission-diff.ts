/**
 * The difference between a token's permissions and its replacement's, in words a person checks
 * before the replacement is made. Pure, shared by main (which has the names) and its tests.
 */
import type { TokenPermission } from './permissions';

const keyOf = (p: TokenPermission) => `${p.action}:${p.resource.type}:${p.resource.orgID ?? ''}:${p.resource.id ?? ''}`;

export function diffPermissions(
  before: readonly TokenPermission[],
  after: readonly TokenPermission[],
): { added: TokenPermission[]; removed: TokenPermission[]; kept: number } {
  const had = new Set(before.map(keyOf));
  const has = new Set(after.map(keyOf));
  const unique = (list: readonly TokenPermission[]) =>
    list.filter((p, i) => list.findIndex((q) => keyOf(q) === keyOf(p)) === i);
  return {
    added: unique(after.filter((p) => !had.has(keyOf(p)))),
    removed: unique(before.filter((p) => !has.has(keyOf(p)))),
    kept: unique(after).filter((p) => had.has(keyOf(p))).length,
  };
}

/** "Read buckets: sensors", "Write buckets: all in ops", "Read users: everywhere". */
export function permissionWords(
  p: TokenPermission,
  nameOf: (id: string) => string | undefined,
  orgName: (id: string) => string | undefined,
): string {
  const action = p.action === 'read' ? 'Read' : 'Write';
  const { type, id, orgID } = p.resource;
  const scope = id
    ? (p.resource.name ?? nameOf(id) ?? `${id} (gone)`)
    : orgID
      ? `all in ${orgName(orgID) ?? orgID}`
      : 'all, in every org';
  return `${action} ${type}: ${scope}`;
}
