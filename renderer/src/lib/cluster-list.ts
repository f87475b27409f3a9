/** The Cloud Dedicated / Clustered token list's search, filters and sort. Pure, so it is unit-tested. */
import {
  ALL_DATABASES,
  type ClusterPermission,
  type ClusterTokenRow,
  type ClusterTokenStatus,
} from '$contract/cluster-tokens';
import { applyListQuery, type ListSpec } from './list-query';

export type ClusterSortKey = 'description' | 'createdAt' | 'expiresAt' | 'reviewBy';

export interface ClusterQuery {
  text: string;
  status: '' | ClusterTokenStatus;
  /** '', 'never', or a number of days: expiring within them (and not yet expired). */
  expiry: '' | 'never' | '7' | '30' | '90';
  /** '' or a database name: tokens that reach it (by name or through `*`). */
  database: string;
  sort: { key: ClusterSortKey; descending: boolean };
}

export const defaultClusterQuery = (): ClusterQuery => ({
  text: '',
  status: 'active',
  expiry: '',
  database: '',
  sort: { key: 'createdAt', descending: true },
});

const reaches = (r: ClusterTokenRow, database: string) =>
  r.permissions.some((p) => p.resource === database || p.resource === ALL_DATABASES);

const clusterList = (now: number): ListSpec<ClusterTokenRow, ClusterSortKey, 'status' | 'expiry' | 'database'> => ({
  searchText: (r) => `${r.description} ${r.summary} ${r.id}`,
  sortValue: {
    description: (r) => r.description.toLowerCase(),
    createdAt: (r) => r.createdAt,
    // Tokens that never expire (or have no review date) sort after every date.
    expiresAt: (r) => r.expiresAt ?? '9999',
    reviewBy: (r) => r.reviewBy ?? '9999',
  },
  filters: {
    status: (r, value) => r.status === value,
    expiry: (r, value) =>
      value === 'never'
        ? r.expiresAt === null
        : r.status === 'active' && r.expiresAt !== null && Date.parse(r.expiresAt) - now <= Number(value) * 86_400_000,
    database: reaches,
  },
  tieBreak: (r) => r.id,
});

export function applyClusterQuery(
  rows: readonly ClusterTokenRow[],
  query: ClusterQuery,
  now = Date.now(),
): ClusterTokenRow[] {
  const { status, expiry, database } = query;
  return applyListQuery(
    rows,
    { text: query.text, filters: { status, expiry, database }, sort: query.sort },
    clusterList(now),
  );
}

const words = (p: ClusterPermission) =>
  `${p.action === 'read' ? 'Read' : 'Write'} ${p.resource === ALL_DATABASES ? 'all databases' : p.resource}`;
const same = (a: ClusterPermission, b: ClusterPermission) => a.action === b.action && a.resource === b.resource;

/** A token's permission change in words, reviewed before the PATCH: "Adds: Read logs", "Removes: Write sensors". */
export function diffText(before: readonly ClusterPermission[], after: readonly ClusterPermission[]): string[] {
  return [
    ...after.filter((p) => !before.some((q) => same(p, q))).map((p) => `Adds: ${words(p)}`),
    ...before.filter((p) => !after.some((q) => same(p, q))).map((p) => `Removes: ${words(p)}`),
  ];
}
