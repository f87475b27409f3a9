/** The InfluxDB 1.x users list, declared for the list kit: what is searched, how columns sort, the filters. */
import { grantsText, type Influx1UserRow } from '$contract/influx1';
import { dayOf, reviewState } from '$contract/review';
import type { ListQuery, ListSpec } from './list-query';

export type Influx1SortKey = 'name' | 'role' | 'privileges' | 'review';
export type Influx1Filter = 'role' | 'database' | 'vault' | 'review';

/** 'due': its date has come; 'none': no date yet; 'soon': due within 30 days. */
function reviewMatches(reviewBy: string | null, value: string, today = dayOf(new Date())): boolean {
  const state = reviewState(reviewBy, today);
  if (value === 'none') return state.state === 'none';
  if (value === 'due') return state.state === 'due';
  return state.state === 'due' || ((state.state === 'soon' || state.state === 'later') && state.inDays <= 30);
}

export const influx1List: ListSpec<Influx1UserRow, Influx1SortKey, Influx1Filter> = {
  searchText: (row) => [row.name, grantsText(row)].join('\n'),
  sortValue: {
    name: (row) => row.name.toLowerCase(),
    // Admins first, then users holding privileges, then users holding none.
    role: (row) => (row.admin ? 0 : row.grants.length > 0 ? 1 : 2),
    privileges: (row) => row.grants.length,
    // Undated last: a far date sorts after every real one.
    review: (row) => row.reviewBy ?? '9999-12-31',
  },
  filters: {
    role: (row, value) => (value === 'admin' ? row.admin : !row.admin),
    database: (row, value) => row.grants.some((g) => g.database === value),
    vault: (row, value) => (value === 'in' ? row.inVault : !row.inVault),
    review: (row, value) => reviewMatches(row.reviewBy, value),
  },
  tieBreak: (row) => row.name,
};

export const defaultInflux1Query = (): ListQuery<Influx1SortKey, Influx1Filter> => ({
  text: '',
  filters: { role: '', database: '', vault: '', review: '' },
  sort: { key: 'name', descending: false },
});
