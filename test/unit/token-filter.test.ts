import { describe, expect, it } from 'vitest';
import type { TokenRow } from '$contract/tokens';
import { nextReview } from '$contract/review';
import { undatedByPolicy } from '../../renderer/src/lib/review-dates';
import { applyQuery, bucketsIn, defaultQuery, nextSort, visibleRange } from '../../renderer/src/lib/token-filter';

const ORG = '0a3f2c1e9b400002';
function row(id: string, change: Partial<TokenRow>): TokenRow {
  return {
    id,
    description: '',
    status: 'active',
    userID: 'u1',
    userName: 'alice',
    orgID: ORG,
    orgName: 'ops',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    permissions: [],
    kind: 'custom',
    summary: '',
    inVault: false,
    vaultEntryId: null,
    reviewBy: null,
    ...change,
  };
}

const rows = [
  row('a', {
    description: 'Grafana read-only',
    createdAt: '2026-01-03T00:00:00Z',
    permissions: [{ action: 'read', resource: { type: 'buckets', orgID: ORG } }],
    kind: 'read-write',
  }),
  row('b', {
    description: 'Sensors writer',
    status: 'inactive',
    userID: 'u2',
    userName: 'bob',
    createdAt: '2026-01-01T00:00:00Z',
    permissions: [{ action: 'write', resource: { type: 'buckets', orgID: ORG, id: 's1', name: 'sensors' } }],
    kind: 'read-write',
  }),
  row('c', {
    description: 'capteur météo',
    createdAt: '2026-01-02T00:00:00Z',
    permissions: [{ action: 'write', resource: { type: 'buckets', orgID: ORG } }],
  }),
];

describe('tokens list query', () => {
  it('searches description, user and resource names, case-insensitively, every word', () => {
    expect(applyQuery(rows, { ...defaultQuery(), text: 'SENSORS' }).map((r) => r.id)).toEqual(['b']);
    expect(applyQuery(rows, { ...defaultQuery(), text: 'bob writer' }).map((r) => r.id)).toEqual(['b']);
    expect(applyQuery(rows, { ...defaultQuery(), text: 'météo' }).map((r) => r.id)).toEqual(['c']);
  });

  it('filters by status, kind, user and "can write bucket"', () => {
    expect(applyQuery(rows, { ...defaultQuery(), status: 'inactive' }).map((r) => r.id)).toEqual(['b']);
    expect(applyQuery(rows, { ...defaultQuery(), kind: 'custom' }).map((r) => r.id)).toEqual(['c']);
    expect(
      applyQuery(rows, { ...defaultQuery(), userID: 'u1' })
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'c']);
    // b writes sensors directly, c writes every bucket of the org; a only reads.
    expect(
      applyQuery(rows, { ...defaultQuery(), writesBucket: { id: 's1', orgID: ORG } })
        .map((r) => r.id)
        .sort(),
    ).toEqual(['b', 'c']);
  });

  it('sorts by description, status and dates, both ways', () => {
    expect(applyQuery(rows, defaultQuery()).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(
      applyQuery(rows, { ...defaultQuery(), sort: { key: 'description', descending: false } }).map((r) => r.id),
    ).toEqual(['c', 'a', 'b']);
    expect(
      applyQuery(rows, { ...defaultQuery(), sort: { key: 'status', descending: false } }).map((r) => r.id),
    ).toEqual(['a', 'c', 'b']);
  });

  it('lists the buckets named in permissions', () => {
    expect(bucketsIn(rows)).toEqual([{ id: 's1', orgID: ORG, name: 'sensors' }]);
  });

  it('renders only the rows in view, plus a margin', () => {
    expect(visibleRange(0, 440, 44, 10_000)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(44_000, 440, 44, 10_000)).toEqual({ start: 992, end: 1018 });
    expect(visibleRange(439_560, 440, 44, 10_000).end).toBe(10_000);
  });
});

describe('sorting by a column header', () => {
  it('flips the same column, starts dates newest first and text A to Z', async () => {
    const { nextSort } = await import('../../renderer/src/lib/token-filter');
    expect(nextSort({ key: 'createdAt', descending: true }, 'createdAt')).toEqual({
      key: 'createdAt',
      descending: false,
    });
    expect(nextSort({ key: 'createdAt', descending: true }, 'description')).toEqual({
      key: 'description',
      descending: false,
    });
    expect(nextSort({ key: 'description', descending: false }, 'updatedAt')).toEqual({
      key: 'updatedAt',
      descending: true,
    });
  });
});

describe('the owner filter', () => {
  it('keeps tokens of people, or of service users, by the connection’s marks', () => {
    const [apply, fresh] = [applyQuery, defaultQuery];
    const row = (id: string, userID: string) =>
      ({
        id,
        userID,
        description: id,
        status: 'active',
        kind: 'custom',
        permissions: [],
        userName: '',
        orgName: '',
        createdAt: '',
        updatedAt: '',
      }) as unknown as TokenRow;
    const rows = [row('a', 'svc'), row('b', 'alice')];
    const service = new Set(['svc']);
    expect(apply(rows, { ...fresh(), owners: 'people' }, service).map((r) => r.id)).toEqual(['b']);
    expect(apply(rows, { ...fresh(), owners: 'service' }, service).map((r) => r.id)).toEqual(['a']);
    expect(apply(rows, fresh(), service)).toHaveLength(2);
  });
});

describe('the review filter', () => {
  it('keeps tokens whose review date has come', () => {
    const due = [row('a', { reviewBy: '2026-11-01' }), row('b', { reviewBy: '2026-12-31' }), row('c', {})];
    expect(applyQuery(due, { ...defaultQuery(), review: 'due' }, new Set(), '2026-11-29').map((r) => r.id)).toEqual([
      'a',
    ]);
  });
});

describe('review dates from day one', () => {
  const today = '2026-11-29';
  const dated = [
    row('a', { reviewBy: '2026-11-01' }),
    row('b', { reviewBy: '2026-12-20' }),
    row('c', {}),
    row('d', { reviewBy: '2027-06-01' }),
  ];
  const ids = (review: 'soon' | 'none') =>
    applyQuery(dated, { ...defaultQuery(), review }, new Set(), today).map((r) => r.id);

  it('filters "due within 30 days" (the due ones too) and "no review date"', () => {
    expect(ids('soon')).toEqual(['a', 'b']);
    expect(ids('none')).toEqual(['c']);
  });

  it('sorts by review date soonest first, tokens without one last both ways', () => {
    const sorted = (descending: boolean) =>
      applyQuery(dated, { ...defaultQuery(), sort: { key: 'reviewBy', descending } }, new Set(), today).map(
        (r) => r.id,
      );
    expect(nextSort(defaultQuery().sort, 'reviewBy')).toEqual({ key: 'reviewBy', descending: false });
    expect(sorted(false)).toEqual(['a', 'b', 'd', 'c']);
    expect(sorted(true)).toEqual(['d', 'b', 'a', 'c']);
  });

  it("gives undated tokens the policy's date from their creation, today where that has passed", () => {
    const policy = { writeDays: 90, otherDays: 365 };
    const writer = (id: string, createdAt: string) =>
      row(id, { createdAt, permissions: [{ action: 'write', resource: { type: 'buckets', orgID: ORG } }] });
    const found = undatedByPolicy(
      [
        writer('old', '2026-01-05T09:00:00Z'),
        writer('new', '2026-11-01T09:00:00Z'),
        row('reader', { createdAt: '2026-11-01T09:00:00Z' }),
        writer('set', '2026-01-05T09:00:00Z'),
      ].map((r) => (r.id === 'set' ? { ...r, reviewBy: '2027-01-01' } : r)),
      policy,
      today,
    );
    expect(found).toEqual([
      { id: 'old', reviewBy: today },
      { id: 'new', reviewBy: '2027-01-30' },
      { id: 'reader', reviewBy: '2027-11-01' },
    ]);
    expect(undatedByPolicy([row('reader', {})], { writeDays: 90, otherDays: null }, today)).toEqual([]);
  });

  it('moves the next review after one done today by the policy, 90 days where it sets none', () => {
    expect(nextReview(true, { writeDays: 30, otherDays: null }, today)).toBe('2026-12-29');
    expect(nextReview(false, { writeDays: 30, otherDays: null }, today)).toBe('2026-12-29');
    expect(nextReview(false, { writeDays: null, otherDays: null }, today)).toBe('2027-02-27');
  });
});
