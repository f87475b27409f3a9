/** The Users view's search and sort, and the Owner picker's order. Pure, so it is unit-tested. */
import type { UserRow } from '$contract/users';
import { applyListQuery, type ListSpec } from './list-query';

export type UserSortKey = 'name' | 'role' | 'tokens' | 'tasks';

export interface UserQuery {
  text: string;
  kind: 'all' | 'service' | 'people';
  sort: { key: UserSortKey; descending: boolean };
}

export const defaultUserQuery = (): UserQuery => ({ text: '', kind: 'all', sort: { key: 'name', descending: false } });

const roleRank = (row: UserRow) => (row.role === 'owner' ? 0 : row.role === 'member' ? 1 : 2);

/** The Users view, declared for the list kit's query. */
const userList: ListSpec<UserRow, UserSortKey, 'kind'> = {
  searchText: (r) => `${r.name} ${r.role ?? ''} ${r.tasks.map((t) => t.name).join(' ')}`,
  sortValue: {
    name: (r) => r.name.toLowerCase(),
    role: roleRank,
    tokens: (r) => r.activeTokens + r.inactiveTokens,
    tasks: (r) => r.tasks.length,
  },
  filters: { kind: (r, value) => r.service === (value === 'service') },
  tieBreak: (r) => r.name,
};

export function applyUserQuery(rows: readonly UserRow[], query: UserQuery): UserRow[] {
  const kind = query.kind === 'all' ? '' : query.kind;
  return applyListQuery(rows, { text: query.text, filters: { kind }, sort: query.sort }, userList);
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
