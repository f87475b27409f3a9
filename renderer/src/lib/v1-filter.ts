/** The v1 credentials list's search, filters and sort. Pure, so it is unit-tested. */
import type { V1BucketAccess, V1CredentialRow } from '$contract/v1-credentials';

export type V1SortKey = 'username' | 'description' | 'status' | 'owner' | 'created';

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

const sortValue: Record<V1SortKey, (row: V1CredentialRow) => string> = {
  username: (r) => r.username.toLowerCase(),
  description: (r) => r.description.toLowerCase(),
  status: (r) => r.status,
  owner: (r) => r.userName.toLowerCase(),
  created: (r) => r.createdAt,
};

export function applyV1Query(rows: readonly V1CredentialRow[], query: V1Query): V1CredentialRow[] {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const value = sortValue[query.sort.key];
  return rows
    .filter(
      (row) =>
        (query.status === 'all' || row.status === query.status) &&
        (query.bucket === '' || [...row.read, ...row.write].some((b) => b.id === query.bucket)) &&
        (words.length === 0 || words.every((word) => haystack(row).includes(word))),
    )
    .sort(
      (a, b) =>
        value(a).localeCompare(value(b)) * (query.sort.descending ? -1 : 1) || a.username.localeCompare(b.username),
    );
}

/** Every bucket any credential reads or writes, by name, for the bucket filter. */
export function v1Buckets(rows: readonly V1CredentialRow[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) for (const b of [...row.read, ...row.write]) if (b.id) seen.set(b.id, b.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The same key again flips the order; another key sorts ascending. */
export const nextV1Sort = (current: V1Query['sort'], key: V1SortKey): V1Query['sort'] => ({
  key,
  descending: current.key === key ? !current.descending : false,
});
