/** The InfluxDB 1.x users list, declared for the list kit: what is searched, how columns sort, the filters. */
import { grantsText, type Influx1UserRow } from '$contract/influx1';
import type { ListQuery, ListSpec } from './list-query';

export type Influx1SortKey = 'name' | 'role' | 'privileges';
export type Influx1Filter = 'role' | 'database' | 'vault';

export const influx1List: ListSpec<Influx1UserRow, Influx1SortKey, Influx1Filter> = {
  searchText: (row) => [row.name, grantsText(row)].join('\n'),
  sortValue: {
    name: (row) => row.name.toLowerCase(),
    // Admins first, then users holding privileges, then users holding none.
    role: (row) => (row.admin ? 0 : row.grants.length > 0 ? 1 : 2),
    privileges: (row) => row.grants.length,
  },
  filters: {
    role: (row, value) => (value === 'admin' ? row.admin : !row.admin),
    database: (row, value) => row.grants.some((g) => g.database === value),
    vault: (row, value) => (value === 'in' ? row.inVault : !row.inVault),
  },
  tieBreak: (row) => row.name,
};

export const defaultInflux1Query = (): ListQuery<Influx1SortKey, Influx1Filter> => ({
  text: '',
  filters: { role: '', database: '', vault: '' },
  sort: { key: 'name', descending: false },
});
