/** The InfluxDB 3 token list's search, filters and sort. Pure, so it is unit-tested. */
import type { V3TokenKind, V3TokenRow } from '$contract/v3-tokens';
import { applyListQuery, type ListSpec } from './list-query';

export type V3SortKey = 'name' | 'kind' | 'createdAt' | 'expiry';

export interface V3Query {
  text: string;
  kind: 'all' | V3TokenKind;
  /** 'expired', 'never', or a number of days: expiring within them (and not yet expired). */
  expiry: 'any' | 'expired' | 'never' | '7' | '30' | '90';
  sort: { key: V3SortKey; descending: boolean };
}

export const defaultV3Query = (): V3Query => ({
  text: '',
  kind: 'all',
  expiry: 'any',
  sort: { key: 'createdAt', descending: true },
});

/** "expired 3 days ago", "expires in 12 days", "never expires". */
export function expiryText(row: Pick<V3TokenRow, 'expiry'>, now: number): string {
  if (!row.expiry) return 'never expires';
  const days = Math.round((Date.parse(row.expiry) - now) / 86_400_000);
  if (Date.parse(row.expiry) <= now)
    return days === 0 ? 'expired today' : `expired ${-days} ${days === -1 ? 'day' : 'days'} ago`;
  return days === 0 ? 'expires today' : `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Kept while expiring within `days` (and not yet expired). */
const expiresWithin = (row: V3TokenRow, days: number, now: number) =>
  row.expiry !== null && !row.expired && Date.parse(row.expiry) - now <= days * 86_400_000;

/** The InfluxDB 3 token list, declared for the list kit's query. */
const v3List = (now: number): ListSpec<V3TokenRow, V3SortKey, 'kind' | 'expiry'> => ({
  searchText: (r) => `${r.name} ${r.summary} ${r.permissions} ${r.createdBy ?? ''}`,
  sortValue: {
    name: (r) => r.name.toLowerCase(),
    kind: (r) => r.kind,
    createdAt: (r) => r.createdAt,
    // Tokens that never expire sort after every date.
    expiry: (r) => r.expiry ?? '9999',
  },
  filters: {
    kind: (r, value) => r.kind === value,
    expiry: (r, value) =>
      value === 'expired' ? r.expired : value === 'never' ? r.expiry === null : expiresWithin(r, Number(value), now),
  },
  // IDs are numbers: padded, so they order as numbers do.
  tieBreak: (r) => r.id.padStart(20, '0'),
});

export function applyV3Query(rows: readonly V3TokenRow[], query: V3Query, now = Date.now()): V3TokenRow[] {
  const filters = { kind: query.kind === 'all' ? '' : query.kind, expiry: query.expiry === 'any' ? '' : query.expiry };
  return applyListQuery(rows, { text: query.text, filters, sort: query.sort }, v3List(now));
}
