/** The Users view's search and sort, and the Owner picker's order. Pure, so it is unit-tested. */
import type { UserRow } from '$contract/users';

export type UserSortKey = 'name' | 'role' | 'tokens' | 'tasks';

export interface UserQuery {
  text: string;
  kind: 'all' | 'service' | 'people';
  sort: { key: UserSortKey; descending: boolean };
}

export const defaultUserQuery = (): UserQuery => ({ text: '', kind: 'all', sort: { key: 'name', descending: false } });

const roleRank = (row: UserRow) => (row.role === 'owner' ? 0 : row.role === 'member' ? 1 : 2);
const sortValue: Record<UserSortKey, (row: UserRow) => number | string> = {
  name: (r) => r.name.toLowerCase(),
  role: roleRank,
  tokens: (r) => r.activeTokens + r.inactiveTokens,
  tasks: (r) => r.tasks.length,
};

export function applyUserQuery(rows: readonly UserRow[], query: UserQuery): UserRow[] {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const value = sortValue[query.sort.key];
  return rows
    .filter(
      (r) =>
        (query.kind === 'all' || r.service === (query.kind === 'service')) &&
        words.every((w) =>
          `${r.name} ${r.role ?? ''} ${r.tasks.map((t) => t.name).join(' ')}`.toLowerCase().includes(w),
        ),
    )
    .sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return (query.sort.descending ? -order : order) || a.name.localeCompare(b.name);
    });
}

/** Service users first, then the rest, each by name: the Owner picker's order. */
export function serviceFirst<T extends { id: string; name: string }>(
  users: readonly T[],
  service: ReadonlySet<string>,
): T[] {
  return [...users].sort(
    (a, b) => Number(service.has(b.id)) - Number(service.has(a.id)) || a.name.localeCompare(b.name),
  );
}
