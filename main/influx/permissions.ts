/**
 * InfluxDB permissions from the client's side: how a held set is matched (authz.go's rule), and the
 * sets the CLI and UI build. Written independently of the emulator, which is the oracle it is tested against.
 */
import type { TokenPermission as Permission } from '$contract/permissions';

export type ResourceType = string;

/** Does the held permission cover the wanted one? */
export function covers(held: Permission, wanted: Permission): boolean {
  if (held.action !== wanted.action) return false;
  const h = held.resource;
  const w = wanted.resource;
  if (h.type === 'instance') return true;
  if (h.type !== w.type) return false;
  if (h.id !== undefined) return h.id === w.id;
  if (h.orgID !== undefined) return h.orgID === w.orgID;
  return true;
}

export function holdsAll(held: readonly Permission[], wanted: readonly Permission[]): boolean {
  return wanted.every((w) => held.some((h) => covers(h, w)));
}

export const permission = (
  action: Permission['action'],
  type: ResourceType,
  scope: { id?: string; orgID?: string } = {},
): Permission => ({
  action,
  resource: { type, ...scope },
});

/** `influx auth create --operator`: read and write on every type the server has, except instance, in no org. */
export function operatorSet(types: readonly ResourceType[]): Permission[] {
  return types.filter((t) => t !== 'instance').flatMap((t) => [permission('read', t), permission('write', t)]);
}
