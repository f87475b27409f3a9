/**
 * Which listed tokens could be the one the connection itself uses, when the server cannot say (OSS
 * 2.8+ hashes values, only Cloud has the token filter). A token is ruled out when it could not be
 * the connection's: inactive (the connection's works), of another user (/api/v2/me names the
 * token's user), or unable to have listed what the list holds (listing shows only what the caller
 * may read: read on the authorization and on its user). What is left may be it; one left is it.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import type { TokenPermission } from '$contract/permissions';
import { covers, permission } from '../influx/permissions';

/** Could a token holding `held` have listed every one of `listed`? Org and user answers are kept per ID. */
function couldList(held: readonly TokenPermission[], listed: readonly Authorization[]): boolean {
  const holds = (wanted: TokenPermission) => held.some((h) => covers(h, wanted));
  const orgs = new Map<string, boolean>();
  const users = new Map<string, boolean>();
  for (const a of listed) {
    const orgID = a.orgID ?? '';
    let org = orgs.get(orgID);
    if (org === undefined) orgs.set(orgID, (org = holds(permission('read', 'authorizations', { orgID }))));
    // Below org level, a permission on this one authorization (by its ID) is what lists it.
    if (!org && !holds(permission('read', 'authorizations', { id: a.id ?? '', orgID }))) return false;
    const userID = a.userID ?? '';
    let user = users.get(userID);
    if (user === undefined) users.set(userID, (user = holds(permission('read', 'users', { id: userID }))));
    if (!user) return false;
  }
  return true;
}

/** The IDs of the tokens that may be the connection's own; `meId` null when /me could not be read. */
export function selfCandidates(listed: readonly Authorization[], meId: string | null): string[] {
  return listed
    .filter((a) => a.status !== 'inactive' && (meId === null || a.userID === meId))
    .filter((a) => couldList((a.permissions ?? []) as TokenPermission[], listed))
    .flatMap((a) => (a.id ? [a.id] : []));
}
