/**
 * What the views across connections compute from each connection's last list: its counts, the
 * attention items, in order of urgency. Pure, read by the renderer and by main's reminders alike.
 * Plain data, no zod.
 */
import { writes, type CredentialList, type CredentialRow, type FleetEntry } from './credentials';
import { daysBetween } from './review';

/** The filters a count opens its connection's list with; each is a test on the common row. */
export const fleetFilters = {
  active: { label: 'Active', test: (r: CredentialRow) => r.status === 'active' },
  privileged: { label: 'Operator or admin', test: (r: CredentialRow) => r.privileged },
  due: {
    label: 'Due for review',
    test: (r: CredentialRow, today: string) => r.reviewBy !== null && r.reviewBy <= today,
  },
  'no-review': {
    label: 'No review date',
    test: (r: CredentialRow) => reviewable(r) && r.reviewBy === null && r.expiresAt === null && r.status === 'active',
  },
  expiring: {
    label: 'Expiring within 30 days',
    test: (r: CredentialRow, today: string) => expiresIn(r, today) !== null && (expiresIn(r, today) ?? 0) >= 0,
  },
  expired: { label: 'Expired', test: (r: CredentialRow) => r.status === 'expired' },
  'people-write': {
    label: 'Write access owned by people',
    test: (r: CredentialRow) => r.ownerKind === 'person' && writes(r) && r.status === 'active',
  },
  'no-vault': { label: 'No value in the vault', test: (r: CredentialRow) => !r.inVault && r.status === 'active' },
  retire: { label: 'Waiting to be retired', test: (r: CredentialRow) => r.retirement !== null },
} as const satisfies Record<string, { label: string; test: (row: CredentialRow, today: string) => boolean }>;

export type FleetFilter = keyof typeof fleetFilters;
export const fleetFilterIds = Object.keys(fleetFilters) as FleetFilter[];

/** Review dates are Token Desk's own, kept for what never expires: all but InfluxDB 3's tokens. */
export const reviewable = (r: CredentialRow): boolean => r.family !== 'v3';

/** Days until it expires, when that is within 30 days (negative once expired); null otherwise. */
export function expiresIn(r: CredentialRow, today: string): number | null {
  if (r.expiresAt === null || r.status !== 'active') return null;
  const days = daysBetween(today, r.expiresAt.slice(0, 10));
  return days <= 30 ? days : null;
}

export interface FleetCounts {
  total: number;
  byKind: Record<string, number>;
  filters: Record<FleetFilter, number>;
  vaultOrphans: number;
}

export function countsOf(list: CredentialList, today: string): FleetCounts {
  const filters = Object.fromEntries(fleetFilterIds.map((id) => [id, 0])) as Record<FleetFilter, number>;
  const byKind: Record<string, number> = {};
  for (const row of list.rows) {
    byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
    for (const id of fleetFilterIds) if (fleetFilters[id].test(row, today)) filters[id] += 1;
  }
  return { total: list.rows.length, byKind, filters, vaultOrphans: list.vaultOrphans.length };
}

/** What the person can do about an item; the renderer opens the place where it is done. */
export type AttentionAction = 'check' | 'rotate' | 'review' | 'reissue' | 'retire' | 'vault' | 'open';

export interface AttentionItem {
  /** Stable across refreshes: what a dismissal names. */
  key: string;
  connectionId: string;
  /** The credential it is about; null for an item about the connection or many credentials. */
  credentialId: string | null;
  /** 0 is the most urgent. */
  rank: number;
  title: string;
  action: AttentionAction;
  /** For an item about many credentials: the filter that lists them. */
  filter: FleetFilter | null;
}

export interface Dismissal {
  key: string;
  connectionId: string;
  /** The item as it read when dismissed. */
  title: string;
  reason: string;
  at: string;
}

const label = (r: CredentialRow) => `“${r.name || r.id}”`;

function rowItems(connectionId: string, r: CredentialRow, today: string): AttentionItem[] {
  const item = (rank: number, what: string, title: string, action: AttentionAction): AttentionItem => ({
    key: `${connectionId}:${r.id}:${what}`,
    connectionId,
    credentialId: r.id,
    rank,
    title,
    action,
    filter: null,
  });
  const items: AttentionItem[] = [];
  const days = expiresIn(r, today);
  if (r.status === 'expired') items.push(item(1, 'expired', `${label(r)} has expired`, 'rotate'));
  else if (days !== null)
    items.push(
      item(days <= 7 ? 1 : 3, 'expiring', `${label(r)} expires ${days === 0 ? 'today' : `in ${days} d`}`, 'rotate'),
    );
  if (r.retirement) {
    const late = r.retirement.by <= today;
    const when = late ? `was due to be retired on ${r.retirement.by}` : `is to be retired by ${r.retirement.by}`;
    items.push(item(late ? 1 : 4, 'retire', `${label(r)} ${when} (replaced by ${r.retirement.replacedBy})`, 'retire'));
  }
  if (fleetFilters.due.test(r, today))
    items.push(item(2, 'review', `${label(r)} is due for review (since ${r.reviewBy})`, 'review'));
  if (fleetFilters['people-write'].test(r) && r.kind.startsWith('token:'))
    items.push(item(4, 'people-write', `${label(r)} writes and belongs to ${r.owner ?? 'a person'}`, 'reissue'));
  return items;
}

/** Items about many credentials at once, each opening the list that shows them. */
function connectionItems(entry: FleetEntry, list: CredentialList, today: string): AttentionItem[] {
  const counts = countsOf(list, today);
  const many = (rank: number, filter: FleetFilter, title: string, action: AttentionAction): AttentionItem => ({
    key: `${entry.connectionId}::${filter}`,
    connectionId: entry.connectionId,
    credentialId: null,
    rank,
    title,
    action,
    filter,
  });
  const items: AttentionItem[] = [];
  const n = counts.filters;
  if (n['no-review']) items.push(many(5, 'no-review', `${n['no-review']} without a review date`, 'review'));
  if (counts.vaultOrphans)
    items.push({
      ...many(6, 'no-vault', `${counts.vaultOrphans} vault entries whose credential is gone`, 'vault'),
      key: `${entry.connectionId}::orphans`,
      filter: null,
    });
  if (n['no-vault']) items.push(many(7, 'no-vault', `${n['no-vault']} active without a value in the vault`, 'open'));
  return items;
}

/** Every connection's items, most urgent first; dismissed ones left out. */
export function attentionOf(
  entries: readonly FleetEntry[],
  dismissed: ReadonlySet<string>,
  today: string,
): AttentionItem[] {
  const items = entries.flatMap((entry): AttentionItem[] => {
    const failing: AttentionItem[] = entry.error
      ? [
          {
            key: `${entry.connectionId}::failing`,
            connectionId: entry.connectionId,
            credentialId: null,
            rank: 0,
            title: entry.error.message,
            action: 'check',
            filter: null,
          },
        ]
      : [];
    const list = entry.list;
    if (!list) return failing;
    return [
      ...failing,
      ...list.rows.flatMap((r) => rowItems(entry.connectionId, r, today)),
      ...connectionItems(entry, list, today),
    ];
  });
  return items.filter((i) => !dismissed.has(i.key)).sort((a, b) => a.rank - b.rank);
}

/** A connection's state in a word, from its last list: what the overview's State column says. */
export function fleetState(
  entry: FleetEntry,
): 'fine' | 'failing' | 'token refused' | 'unreachable' | 'vault locked' | 'not read yet' {
  if (!entry.error) return entry.list ? 'fine' : 'not read yet';
  switch (entry.error.code) {
    case 'UNAUTHORIZED':
      return 'token refused';
    case 'NETWORK':
    case 'TIMEOUT':
    case 'TLS':
      return 'unreachable';
    case 'VAULT_LOCKED':
      return 'vault locked';
    default:
      return 'failing';
  }
}

/** A credential a pasted value is, and how that was told. */
export interface TokenMatch {
  connectionId: string;
  /**
   * `vault`: the vault holds this value; `v3-hash`: InfluxDB 3's hash of it; `readable-value`: OSS ≤ 2.7
   * returned it in its list; `me`: the server, asked with it, named its user.
   */
  how: 'vault' | 'v3-hash' | 'readable-value' | 'me';
  /** As its connection's last list shows it; null when the server no longer lists it (or `candidates`). */
  row: CredentialRow | null;
  /** What it is called where there is no row: the vault entry's description, or the user's tokens. */
  name: string;
  owner: string | null;
  vaultEntryId: string | null;
  /** `me` on a server that keeps only hashes: the user's active tokens it is one of, when more than one. */
  candidates: string[];
}

export interface WhichTokenAnswer {
  matches: TokenMatch[];
  /** Each connection the value was sent to, and what it said. */
  asked: { connectionId: string; outcome: 'found' | 'unknown' | 'failed'; message: string }[];
}
