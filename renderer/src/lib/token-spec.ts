/**
 * What the Generate dialog's choices stand for: the picks a person made, turned into the contract's
 * TokenSpec, and which resource types a filter leaves visible. Pure, so it is unit-tested.
 */
import type { NamedItem, OrgResources, TokenKind, TokenRow, TokenSpec } from '$contract/tokens';

export type Action = 'read' | 'write';

/** Types whose single items can be chosen, as InfluxDB's UI allows. */
export const itemTypes = ['buckets', 'telegrafs', 'dashboards', 'tasks'] as const;
export type ItemType = (typeof itemTypes)[number];

export const isItemType = (type: string): type is ItemType => (itemTypes as readonly string[]).includes(type);

/** Checkbox state, keyed by `pickKey`. */
export type Checks = Record<string, boolean>;

export interface Picks {
  kind: TokenKind;
  /** Read/Write: all buckets per action, or single buckets by ID. */
  readAll: boolean;
  writeAll: boolean;
  readIds: Checks;
  writeIds: Checks;
  /** Custom: "all" per type and action (`pickKey(action, type)`), or single items (`pickKey(action, type, id)`). */
  typeAll: Checks;
  itemPicks: Checks;
}

export const emptyPicks = (kind: TokenKind = 'read-write'): Picks => ({
  kind,
  readAll: false,
  writeAll: false,
  readIds: {},
  writeIds: {},
  typeAll: {},
  itemPicks: {},
});

export const pickKey = (action: Action, type: string, id?: string): string => `${action}:${type}${id ? `:${id}` : ''}`;

export const matches = (item: NamedItem, filter: string): boolean =>
  item.name.toLowerCase().includes(filter.trim().toLowerCase());

const chosenIds = (checks: Checks) => Object.keys(checks).filter((id) => checks[id]);

/** The spec the picks stand for, or null while they choose nothing. */
export function buildSpec(picks: Picks, resources: OrgResources | null): TokenSpec | null {
  const { kind } = picks;
  if (kind === 'all-access' || kind === 'operator') return { kind };
  if (kind === 'read-write') {
    const read = { all: picks.readAll, ids: picks.readAll ? [] : chosenIds(picks.readIds) };
    const write = { all: picks.writeAll, ids: picks.writeAll ? [] : chosenIds(picks.writeIds) };
    return read.all || write.all || read.ids.length || write.ids.length ? { kind, read, write } : null;
  }
  const permissions: { action: Action; type: string; id?: string }[] = [];
  for (const type of resources?.types ?? []) {
    for (const action of ['read', 'write'] as const) {
      if (picks.typeAll[pickKey(action, type)]) permissions.push({ action, type });
      else if (isItemType(type)) {
        for (const item of resources?.[type] ?? [])
          if (picks.itemPicks[pickKey(action, type, item.id)]) permissions.push({ action, type, id: item.id });
      }
    }
  }
  return permissions.length ? { kind: 'custom', permissions } : null;
}

/** Resource types whose name, or one of whose items, matches the filter. */
export function visibleTypes(resources: OrgResources | null, filter: string): string[] {
  const wanted = filter.trim().toLowerCase();
  return (resources?.types ?? []).filter(
    (type) =>
      type.toLowerCase().includes(wanted) ||
      (isItemType(type) && (resources?.[type] ?? []).some((item) => matches(item, filter))),
  );
}

/** The single items of a type a filter shows: all of them when the type's own name matches. */
export function visibleItems(resources: OrgResources, type: ItemType, filter: string): NamedItem[] {
  return resources[type].filter((item) => matches(item, filter) || type.includes(filter.trim().toLowerCase()));
}

/** Does a token of this spec write anything? Its default owner is then a service user, when one exists. */
export function specWrites(spec: TokenSpec | null): boolean {
  if (!spec) return false;
  if (spec.kind === 'all-access' || spec.kind === 'operator') return true;
  if (spec.kind === 'read-write') return spec.write.all || spec.write.ids.length > 0;
  return spec.permissions.some((p) => p.action === 'write');
}

/**
 * The picks that stand for an existing token's permissions: the Generate dialog opens on them to
 * change a token (the inverse of buildSpec). Single items of types that cannot be picked one by
 * one are kept as custom picks of the whole type.
 */
export function picksFrom(row: Pick<TokenRow, 'kind' | 'permissions'>): Picks {
  const picks = emptyPicks(row.kind);
  for (const p of row.permissions) {
    const { type, id } = p.resource;
    if (row.kind === 'read-write' && type === 'buckets') {
      if (!id) picks[p.action === 'read' ? 'readAll' : 'writeAll'] = true;
      else picks[p.action === 'read' ? 'readIds' : 'writeIds'][id] = true;
    } else if (row.kind === 'custom') {
      if (id && isItemType(type)) picks.itemPicks[pickKey(p.action, type, id)] = true;
      else picks.typeAll[pickKey(p.action, type)] = true;
    }
  }
  return picks;
}
