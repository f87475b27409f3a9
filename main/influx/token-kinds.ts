/**
 * What a token is, in the words of InfluxDB's UI and CLI: its kind and a one-line summary; the
 * permission sets each kind of "Generate" builds; and the UI's rule for a blank description.
 */
import type { TokenPermission } from '$contract/permissions';
import { tokenKinds, type TokenKind } from '$contract/token-kinds';
import type { TokenSpec } from '$contract/tokens';
import { operatorSet, permission } from './permissions';

const global = (p: TokenPermission) => p.resource.orgID === undefined && p.resource.id === undefined;

/**
 * All-access of the CLI and UI: orgs read by id, users read+write on the token's user, everything else read+write in
 * the org.
 */
export function allAccessSet(types: readonly string[], orgID: string, userID: string): TokenPermission[] {
  return types
    .filter((t) => t !== 'instance')
    .flatMap((type): TokenPermission[] => {
      if (type === 'orgs') return [permission('read', 'orgs', { id: orgID })];
      if (type === 'users')
        return [permission('read', 'users', { id: userID }), permission('write', 'users', { id: userID })];
      return [permission('read', type, { orgID }), permission('write', type, { orgID })];
    });
}

interface BuildContext {
  /** Every resource type of the server, instance excluded (only for kinds that need them). */
  types: readonly string[];
  orgID: string;
  userID: string;
}

/** Each kind's permission builder; the kinds themselves are described in contract/token-kinds.ts. */
const builders: {
  [K in TokenKind]: {
    needsResourceTypes: boolean;
    build: (spec: Extract<TokenSpec, { kind: K }>, context: BuildContext) => TokenPermission[];
  };
} = {
  'read-write': {
    needsResourceTypes: false,
    build: (spec, { orgID }) =>
      (['read', 'write'] as const).flatMap((action) => {
        const choice = spec[action];
        return choice.all
          ? [permission(action, 'buckets', { orgID })]
          : choice.ids.map((id) => permission(action, 'buckets', { orgID, id }));
      }),
  },
  'all-access': {
    needsResourceTypes: true,
    build: (_spec, { types, orgID, userID }) => allAccessSet(types, orgID, userID),
  },
  operator: { needsResourceTypes: true, build: (_spec, { types }) => operatorSet(types) },
  custom: {
    needsResourceTypes: false,
    // As the CLI does: orgs and users are global types; the rest belong to the org.
    build: (spec, { orgID }) =>
      spec.permissions.map(({ action, type, id }) =>
        type === 'orgs' || type === 'users'
          ? permission(action, type, id ? { id } : {})
          : permission(action, type, { orgID, ...(id ? { id } : {}) }),
      ),
  },
};

export function needsResourceTypes(kind: TokenKind): boolean {
  return builders[kind].needsResourceTypes;
}

/** The permissions a Generate dialog's choice stands for. */
export function buildPermissions(spec: TokenSpec, context: BuildContext): TokenPermission[] {
  const builder = builders[spec.kind] as { build: (s: TokenSpec, c: BuildContext) => TokenPermission[] };
  return builder.build(spec, context);
}

/** An operator or all-access set, or null. */
function wholeSet(permissions: readonly TokenPermission[]): { kind: TokenKind; summary: string } | null {
  const types = new Set(permissions.map((p) => p.resource.type));
  const both = (type: string) =>
    ['read', 'write'].every((a) => permissions.some((p) => p.action === a && p.resource.type === type));
  if (permissions.every(global) && [...types].every(both))
    return { kind: 'operator', summary: tokenKinds.operator.label };
  const orgs = permissions.filter((p) => p.resource.type === 'orgs');
  const others = permissions.filter((p) => p.resource.type !== 'orgs' && p.resource.type !== 'users');
  const org = orgs.length === 1 && orgs[0]?.action === 'read' ? orgs[0].resource.id : undefined;
  if (
    org !== undefined &&
    others.every((p) => p.resource.orgID === org && p.resource.id === undefined) &&
    [...types].filter((t) => t !== 'orgs').every(both)
  ) {
    return { kind: 'all-access', summary: tokenKinds['all-access'].label };
  }
  return null;
}

export function classify(permissions: readonly TokenPermission[]): { kind: TokenKind; summary: string } {
  // Operator and all-access sets hold 20 permissions or more: smaller ones skip these checks (10,000 rows a list).
  if (permissions.length >= 20) {
    const whole = wholeSet(permissions);
    if (whole) return whole;
  }
  const buckets = permissions.length > 0 ? bucketsSummary(permissions) : null;
  if (buckets !== null) return { kind: 'read-write', summary: buckets };
  const shortPermission = (p: TokenPermission) =>
    `${p.action === 'read' ? 'R' : 'W'} ${p.resource.type}${p.resource.id ? ` ${p.resource.name ?? '(one)'}` : ''}`;
  // A few permissions are named; many are counted (the detail lists them all).
  if (permissions.length <= 2) {
    return {
      kind: 'custom',
      summary: `Custom: ${permissions.map(shortPermission).join(' · ')}`,
    };
  }
  return { kind: 'custom', summary: `Custom: ${permissions.length} permissions` };
}

/**
 * "R sensors, logs +3 · W all buckets": what a set of bucket permissions reads and writes, buckets by
 * name, counted past two; null when a permission is not on buckets. One pass without closures: it runs
 * for every row of a 10,000-token list.
 */
function bucketsSummary(permissions: readonly TokenPermission[]): string | null {
  const names: Record<'read' | 'write', string[]> = { read: [], write: [] };
  const every = { read: false, write: false };
  for (const p of permissions) {
    if (p.resource.type !== 'buckets') return null;
    if (p.resource.id === undefined) every[p.action] = true;
    // InfluxDB names every bucket it still has: a bucket without a name is one deleted since.
    else names[p.action].push(p.resource.name ?? 'a deleted bucket');
  }
  const read = side('R', every.read, names.read);
  const write = side('W', every.write, names.write);
  return read && write ? `${read} · ${write}` : (read ?? write ?? '');
}

function side(word: string, every: boolean, names: readonly string[]): string | null {
  if (every) return `${word} all buckets`;
  if (names.length === 0) return null;
  return names.length <= 2 ? `${word} ${names.join(', ')}` : `${word} ${names[0]}, ${names[1]} +${names.length - 2}`;
}

/**
 * The UI's generated description for a blank one: more than two permissions → "Read Multiple
 * Write Multiple" (or one side); otherwise "<Action> <type> <name>" parts, e.g.
 * "Read buckets _monitoring Write buckets _tasks".
 */
export function generatedDescription(
  permissions: readonly TokenPermission[],
  nameOf: (p: TokenPermission) => string | undefined,
): string {
  const title = (action: string) => `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  if (permissions.length > 2) {
    const actions = (['read', 'write'] as const).filter((a) => permissions.some((p) => p.action === a));
    return actions.map((a) => `${title(a)} Multiple`).join(' ');
  }
  return permissions.map((p) => [title(p.action), p.resource.type, nameOf(p)].filter(Boolean).join(' ')).join(' ');
}

/** The UI's clone description: "<desc> (cloned at YYYY-MM-DD HH:MM:SS)", local time. */
export function cloneDescription(description: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  return `${description} (cloned at ${stamp})`;
}

/** A rotation's new token: "<desc> (rotated YYYY-MM-DD)", local date; an earlier suffix is replaced. */
export function rotatedDescription(description: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = description.replace(/ \(rotated \d{4}-\d\d-\d\d\)$/, '');
  return `${base} (rotated ${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())})`;
}
