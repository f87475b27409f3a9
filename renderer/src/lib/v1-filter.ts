/** The v1 credentials list's search, filters and sort. Pure, so it is unit-tested. */
import type { V1BucketAccess, V1CredentialRow } from '$contract/v1-credentials';
import { applyListQuery, nextSort, type ListSpec } from './list-query';

export type V1SortKey = 'username' | 'description' | 'status' | 'owner' | 'created' | 'review';

export interface V1Query {
  text: string;
  status: 'all' | 'active' | 'inactive';
  /** A bucket ID the credential reads or writes; '' for any. */
  bucket: string;
  sort: { key: V1SortKey; descending: boolean };
}

export const defaultV1Query = (): V1Query => ({
  text: '',
  status: 'all',
  bucket: '',
  sort: { key: 'username', descending: false },
});

/** The names a 1.x client can use for a bucket: "weather (default), sensors/autogen". */
export function databaseNames(access: V1BucketAccess): string[] {
  return access.mappings.map((m) => `${m.database}/${m.retentionPolicy}`);
}

const haystack = (row: V1CredentialRow): string =>
  [
    row.username,
    row.description,
    row.userName,
    row.orgName,
    ...[...row.read, ...row.write].flatMap((b) => [b.name, ...databaseNames(b)]),
  ]
    .join('\n')
    .toLowerCase();

/** The v1 credentials list, declared for the list kit's query. */
const v1List: ListSpec<V1CredentialRow, V1SortKey, 'status' | 'bucket'> = {
  searchText: haystack,
  sortValue: {
    username: (r) => r.username.toLowerCase(),
    description: (r) => r.description.toLowerCase(),
    status: (r) => r.status,
    owner: (r) => r.userName.toLowerCase(),
    created: (r) => r.createdAt,
    // Without a date sorts after every date (soonest first).
    review: (r) => r.reviewBy ?? '9999-12-31',
  },
  filters: {
    status: (r, value) => r.status === value,
    bucket: (r, value) => [...r.read, ...r.write].some((b) => b.id === value),
  },
  tieBreak: (r) => r.username,
};

export function applyV1Query(rows: readonly V1CredentialRow[], query: V1Query): V1CredentialRow[] {
  const filters = { status: query.status === 'all' ? '' : query.status, bucket: query.bucket };
  return applyListQuery(rows, { text: query.text, filters, sort: query.sort }, v1List);
}

/** Every bucket any credential reads or writes, by name, for the bucket filter. */
export function v1Buckets(rows: readonly V1CredentialRow[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) for (const b of [...row.read, ...row.write]) if (b.id) seen.set(b.id, b.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The same key again flips the order; another key sorts ascending (the kit's rule). */
export const nextV1Sort = (current: V1Query['sort'], key: V1SortKey): V1Query['sort'] => nextSort(current, key);
