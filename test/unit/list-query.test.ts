/** The list kit's query module, through the InfluxDB 1.x users list that declares itself with it. */
import { describe, expect, it } from 'vitest';
import type { Influx1UserRow } from '$contract/influx1';
import { defaultInflux1Query, influx1List } from '../../renderer/src/lib/influx1-list';
import { applyListQuery, nextSort } from '../../renderer/src/lib/list-query';
import { dayOf } from '$contract/review';

const addDays = (day: string, days: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return dayOf(new Date(y!, m! - 1, d! + days));
};

const user = (name: string, extra: Partial<Influx1UserRow> = {}): Influx1UserRow => ({
  name,
  admin: false,
  grants: [],
  inVault: false,
  self: false,
  reviewBy: null,
  ...extra,
});
const rows = [
  user('zoe', { grants: [{ database: 'telemetry', privilege: 'READ' }] }),
  user('admin', { admin: true, self: true }),
  user('bob'),
  user('carl', { admin: true, inVault: true }),
  user('ann', { grants: [{ database: 'sensors', privilege: 'WRITE' }], inVault: true }),
];
const names = (found: Influx1UserRow[]) => found.map((r) => r.name);

describe('list query', () => {
  it('sorts by name, and turns round on a second click', () => {
    const query = defaultInflux1Query();
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['admin', 'ann', 'bob', 'carl', 'zoe']);
    query.sort = nextSort(query.sort, 'name');
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['zoe', 'carl', 'bob', 'ann', 'admin']);
  });

  it('sorts by role in an order that differs from the names: admins, then privileged users, then the rest', () => {
    const query = { ...defaultInflux1Query(), sort: { key: 'role' as const, descending: false } };
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['admin', 'carl', 'ann', 'zoe', 'bob']);
  });

  it('searches every word over names and privileges, and filters by role, database and vault', () => {
    const query = defaultInflux1Query();
    query.text = 'read telemetry';
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['zoe']);
    query.text = '';
    query.filters.role = 'admin';
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['admin', 'carl']);
    query.filters = { role: 'user', database: 'sensors', vault: '', review: '' };
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['ann']);
    query.filters = { role: '', database: '', vault: 'missing', review: '' };
    expect(names(applyListQuery(rows, query, influx1List))).toEqual(['admin', 'bob', 'zoe']);
  });

  it('sorts by review date with undated users last, and filters due, soon and undated reviews', () => {
    const today = dayOf(new Date());
    const dated = [
      user('later', { reviewBy: addDays(today, 60) }),
      user('overdue', { reviewBy: addDays(today, -3) }),
      user('undated'),
      user('soon', { reviewBy: addDays(today, 10) }),
    ];
    const query = { ...defaultInflux1Query(), sort: { key: 'review' as const, descending: false } };
    expect(names(applyListQuery(dated, query, influx1List))).toEqual(['overdue', 'soon', 'later', 'undated']);
    query.filters.review = 'due';
    expect(names(applyListQuery(dated, query, influx1List))).toEqual(['overdue']);
    query.filters.review = 'soon';
    expect(names(applyListQuery(dated, query, influx1List))).toEqual(['overdue', 'soon']);
    query.filters.review = 'none';
    expect(names(applyListQuery(dated, query, influx1List))).toEqual(['undated']);
  });
});
