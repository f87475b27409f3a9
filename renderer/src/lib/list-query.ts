/**
 * The list kit's query: search words, filters and sort, the same for every list. A list declares
 * what its rows are searched by, how each column sorts and what each filter keeps; this applies them.
 * Pure, so it is unit-tested.
 */
export interface ListSort<K extends string> {
  key: K;
  descending: boolean;
}

export interface ListQuery<K extends string, F extends string> {
  text: string;
  /** Each filter's chosen value; '' keeps every row. */
  filters: Record<F, string>;
  sort: ListSort<K>;
}

export interface ListSpec<R, K extends string, F extends string> {
  /** Everything a search word may match, in one string. */
  searchText: (row: R) => string;
  sortValue: Record<K, (row: R) => string | number>;
  filters: Record<F, (row: R, value: string) => boolean>;
  /** Ties broken by this, so equal rows keep one order. */
  tieBreak: (row: R) => string;
}

export function applyListQuery<R, K extends string, F extends string>(
  rows: readonly R[],
  query: ListQuery<K, F>,
  spec: ListSpec<R, K, F>,
): R[] {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const active = (Object.entries(query.filters) as [F, string][]).filter(([, value]) => value !== '');
  const value = spec.sortValue[query.sort.key];
  const direction = query.sort.descending ? -1 : 1;
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return rows
    .filter((row) => active.every(([name, chosen]) => spec.filters[name](row, chosen)))
    .filter((row) => {
      if (words.length === 0) return true;
      const text = spec.searchText(row).toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => compare(value(a), value(b)) * direction || spec.tieBreak(a).localeCompare(spec.tieBreak(b)));
}

/** A click on a column's header: sorts by it, or turns its direction round. */
export function nextSort<K extends string>(sort: ListSort<K>, key: K): ListSort<K> {
  return sort.key === key ? { key, descending: !sort.descending } : { key, descending: false };
}
