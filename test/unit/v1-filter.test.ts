import { describe, expect, it } from 'vitest';
import type { V1CredentialRow } from '$contract/v1-credentials';
import { applyV1Query, defaultV1Query, nextV1Sort, v1Buckets } from '../../renderer/src/lib/v1-filter';

const bucket = (id: string, name: string, databases: string[] = []) => ({
  id,
  name,
  deleted: false,
  mappings: databases.map((d, i) => ({
    id: `${id}${i}`,
    database: d,
    retentionPolicy: 'autogen',
    default: i === 0,
    virtual: false,
    bucketID: id,
  })),
});
const row = (username: string, extra: Partial<V1CredentialRow> = {}): V1CredentialRow => ({
  id: username,
  username,
  description: '',
  status: 'active',
  orgID: 'o',
  orgName: 'ops',
  userID: 'u',
  userName: 'admin',
  read: [],
  write: [],
  other: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  passwordEntryId: null,
  reviewBy: null,
  ...extra,
});

const rows = [
  row('grafana', {
    description: 'Dashboards',
    read: [bucket('b1', 'sensors', ['weather'])],
    createdAt: '2026-02-01T00:00:00Z',
  }),
  row('collectd', { status: 'inactive', write: [bucket('b2', 'logs')], userName: 'bob' }),
  row('alice', {
    read: [bucket('b1', 'sensors')],
    write: [bucket('b1', 'sensors')],
    createdAt: '2025-12-01T00:00:00Z',
  }),
];

describe('the v1 credentials filter', () => {
  it('sorts by username by default, and by any column both ways', () => {
    expect(applyV1Query(rows, defaultV1Query()).map((r) => r.username)).toEqual(['alice', 'collectd', 'grafana']);
    const byCreated = { ...defaultV1Query(), sort: nextV1Sort(defaultV1Query().sort, 'created') };
    expect(applyV1Query(rows, byCreated).map((r) => r.username)).toEqual(['alice', 'collectd', 'grafana']);
    expect(
      applyV1Query(rows, { ...byCreated, sort: nextV1Sort(byCreated.sort, 'created') }).map((r) => r.username),
    ).toEqual(['grafana', 'collectd', 'alice']);
  });

  it('searches usernames, descriptions, owners, bucket and database names', () => {
    const find = (text: string) => applyV1Query(rows, { ...defaultV1Query(), text }).map((r) => r.username);
    expect(find('weather')).toEqual(['grafana']);
    expect(find('BOB')).toEqual(['collectd']);
    expect(find('sensors')).toEqual(['alice', 'grafana']);
    expect(find('dash sensors')).toEqual(['grafana']);
  });

  it('filters by status and by a bucket read or written', () => {
    expect(applyV1Query(rows, { ...defaultV1Query(), status: 'inactive' }).map((r) => r.username)).toEqual([
      'collectd',
    ]);
    expect(applyV1Query(rows, { ...defaultV1Query(), bucket: 'b2' }).map((r) => r.username)).toEqual(['collectd']);
    expect(v1Buckets(rows)).toEqual([
      { id: 'b2', name: 'logs' },
      { id: 'b1', name: 'sensors' },
    ]);
  });
});
