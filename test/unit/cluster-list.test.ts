import { describe, expect, it } from 'vitest';
import type { ClusterTokenRow } from '$contract/cluster-tokens';
import { clusterSummary, influxctlCreate } from '$contract/cluster-tokens';
import { applyClusterQuery, defaultClusterQuery, diffText } from '../../renderer/src/lib/cluster-list';

const now = Date.parse('2026-12-03T12:00:00Z');
const row = (id: string, over: Partial<ClusterTokenRow>): ClusterTokenRow => ({
  id,
  description: id,
  permissions: [],
  summary: '',
  createdAt: '2026-01-01T00:00:00Z',
  expiresAt: null,
  revokedAt: null,
  status: 'active',
  vaultEntryId: null,
  reviewBy: null,
  ...over,
});

const rows = [
  row('grafana', { permissions: [{ action: 'read', resource: 'sensors' }], createdAt: '2026-02-01T00:00:00Z' }),
  row('soon', { permissions: [{ action: 'write', resource: 'logs' }], expiresAt: '2026-12-10T00:00:00Z' }),
  row('later', { permissions: [{ action: 'write', resource: '*' }], expiresAt: '2027-06-01T00:00:00Z' }),
  row('gone', { status: 'revoked', permissions: [{ action: 'read', resource: 'sensors' }] }),
  row('old', { status: 'expired', expiresAt: '2026-01-02T00:00:00Z' }),
];
const ids = (query: Partial<ReturnType<typeof defaultClusterQuery>>) =>
  applyClusterQuery(rows, { ...defaultClusterQuery(), ...query }, now).map((r) => r.id);

describe('the database token list', () => {
  it('shows active tokens first by default, newest first', () => {
    expect(ids({})).toEqual(['grafana', 'later', 'soon']);
  });

  it('filters by status, expiry within N days, never, and by database (a `*` token reaches every one)', () => {
    expect(ids({ status: 'revoked' })).toEqual(['gone']);
    expect(ids({ status: 'expired' })).toEqual(['old']);
    expect(ids({ expiry: '30' })).toEqual(['soon']);
    expect(ids({ expiry: 'never' })).toEqual(['grafana']);
    expect(ids({ status: '', database: 'sensors' }).sort()).toEqual(['gone', 'grafana', 'later']);
  });

  it('sorts by expiry with the never-expiring last, and searches words', () => {
    expect(ids({ sort: { key: 'expiresAt', descending: false } })).toEqual(['soon', 'later', 'grafana']);
    expect(ids({ text: 'LOG' })).toEqual([]);
    expect(ids({ text: 'soon' })).toEqual(['soon']);
  });

  it('says permissions in words and as influxctl would make them', () => {
    expect(
      clusterSummary([
        { action: 'read', resource: 'sensors' },
        { action: 'write', resource: 'sensors' },
        { action: 'read', resource: 'logs' },
      ]),
    ).toBe('Read and write sensors · Read logs');
    expect(clusterSummary([])).toBe('No access');
    expect(influxctlCreate("Ops' token", [{ action: 'read', resource: '*' }], '2030-01-01T00:00:00Z')).toBe(
      "influxctl token create \\\n  --read-database '*' \\\n  --expires-at 2030-01-01T00:00:00Z \\\n  'Ops'\\'' token'",
    );
  });
});

describe('a permission change, in words', () => {
  it('names what is added and what is removed, nothing else', () => {
    expect(
      diffText(
        [
          { action: 'read', resource: 'sensors' },
          { action: 'write', resource: '*' },
        ],
        [
          { action: 'read', resource: 'sensors' },
          { action: 'read', resource: 'logs' },
        ],
      ),
    ).toEqual(['Adds: Read logs', 'Removes: Write all databases']);
  });
});
