/** The InfluxDB 3 token list's search, filters and sort. Pure, so it is unit-tested. */
import type { V3TokenKind, V3TokenRow } from '$contract/v3-tokens';

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

function keep(row: V3TokenRow, query: V3Query, now: number): boolean {
  if (query.kind !== 'all' && row.kind !== query.kind) return false;
  if (query.expiry === 'expired' && !row.expired) return false;
  if (query.expiry === 'never' && row.expiry !== null) return false;
  if (
    /^\d+$/.test(query.expiry) &&
    (row.expiry === null || row.expired || Date.parse(row.expiry) - now > Number(query.expiry) * 86_400_000)
  )
    return false;
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${row.name} ${row.summary} ${row.permissions} ${row.createdBy ?? ''}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function applyV3Query(rows: readonly V3TokenRow[], query: V3Query, now = Date.now()): V3TokenRow[] {
  const value = (r: V3TokenRow): string =>
    query.sort.key === 'expiry'
      ? (r.expiry ?? '9999')
      : query.sort.key === 'name'
        ? r.name.toLowerCase()
        : r[query.sort.key];
  return rows
    .filter((r) => keep(r, query, now))
    .sort((a, b) => {
      const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
      return (query.sort.descending ? -order : order) || Number(a.id) - Number(b.id);
    });
}
