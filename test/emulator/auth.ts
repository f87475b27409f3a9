/** Who is calling, and may they? InfluxDB's authentication and authorizer checks, with its messages. */
import type { Mode, StoredAuthorization, StoredPermission, StoredUser } from './model';
import { ApiError, unauthorized } from './http';
import { holds, permissionString } from './permissions';
import type { EmulatorState } from './state';

export interface Caller {
  auth: StoredAuthorization;
  user: StoredUser;
}

/** `Token <t>` everywhere; OSS also takes `Bearer <t>` (since 2.1). Schemes match case-insensitively. */
function schemePattern(mode: Mode): RegExp {
  return mode === 'cloud' ? /^token\s+(\S+)\s*$/i : /^(?:token|bearer)\s+(\S+)\s*$/i;
}

export function authenticate(state: EmulatorState, header: string | undefined): Caller {
  const match = header ? schemePattern(state.mode).exec(header) : null;
  const auth = match?.[1] ? state.findByToken(match[1]) : undefined;
  if (!auth) throw unauthorized('unauthorized access');
  const user = state.users.get(auth.userID);
  if (!user || user.status !== 'active') throw new ApiError('forbidden', 'User is inactive');
  if (auth.status !== 'active') throw unauthorized('token is inactive');
  return { auth, user };
}

export const can = (caller: Caller, wanted: StoredPermission) => holds(caller.auth.permissions, wanted);

/** Throws InfluxDB's 401 `<permission> is unauthorized` unless the caller holds it. */
export function need(caller: Caller, wanted: StoredPermission): void {
  if (!can(caller, wanted)) throw unauthorized(`${permissionString(wanted)} is unauthorized`);
}

export const perm = (
  action: 'read' | 'write',
  type: StoredPermission['resource']['type'],
  extra: { id?: string; orgID?: string } = {},
): StoredPermission => ({
  action,
  resource: { type, ...extra },
});
