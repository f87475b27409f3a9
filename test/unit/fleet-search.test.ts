/** The search across connections: words, each term, a term it does not know, the per-group limit. */
import { describe, expect, it } from 'vitest';
import type { CredentialRow, FleetEntry } from '$contract/credentials';
import { parseSearch, searchFleet } from '../../renderer/src/lib/fleet-search';

const row = (over: Partial<CredentialRow>): CredentialRow => ({
  family: 'v2',
  id: over.name ?? 'x',
  kind: 'token:read-write',
  name: 'x',
  owner: 'alice',
  permissions: '',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: null,
  expiresAt: null,
  reviewBy: null,
  status: 'active',
  inVault: true,
  tab: 'tokens',
  privileged: false,
  grants: [],
  writesAny: false,
  ownerKind: 'person',
  retirement: null,
  ...over,
});
const today = '2026-12-03';
const entry = (connectionId: string, product: 'oss' | 'v3-core', rows: CredentialRow[]): FleetEntry => ({
  connectionId,
  list: { product, version: null, rows, vaultOrphans: [], listedAt: '2026-12-03T08:00:00Z' },
  error: null,
});
const fleet = [
  entry('a', 'oss', [
    row({ name: 'sensors writer', grants: [{ action: 'write', resource: 'sensors' }], owner: 'telegraf' }),
    row({
      name: 'all access',
      grants: [
        { action: 'read', resource: '*' },
        { action: 'write', resource: '*' },
      ],
    }),
    row({ name: 'grafana', grants: [{ action: 'read', resource: 'sensors' }], inVault: false, owner: 'bob' }),
  ]),
  entry('b', 'v3-core', [
    row({ family: 'v3', name: 'ci', kind: 'v3:admin', owner: null, expiresAt: '2026-12-20T00:00:00Z' }),
    row({ family: 'v3', name: 'old', kind: 'v3:database', owner: null, expiresAt: '2027-06-01T00:00:00Z' }),
  ]),
];
const names = new Map([
  ['a', 'prod oss'],
  ['b', 'edge v3'],
]);
const found = (text: string) =>
  searchFleet(fleet, names, parseSearch(text), today).flatMap((g) =>
    g.rows.map((r) => `${g.entry.connectionId}:${r.name}`),
  );

describe('one search over every connection', () => {
  it('tells who can write a bucket anywhere, a grant on every bucket included', () => {
    expect(found('can:write bucket:sensors')).toEqual(['a:sensors writer', 'a:all access']);
    expect(found('can:read bucket:sensors')).toEqual(['a:all access', 'a:grafana']);
  });

  it('matches owners, kinds, products, vault state, expiry and words', () => {
    expect(found('owner:bob')).toEqual(['a:grafana']);
    expect(found('kind:admin')).toEqual(['b:ci']);
    expect(found('product:v3')).toEqual(['b:ci', 'b:old']);
    expect(found('vault:missing')).toEqual(['a:grafana']);
    expect(found('expires:<30d')).toEqual(['b:ci']);
    expect(found('expires:>30d')).toEqual(['b:old']);
    expect(found('connection:edge ci')).toEqual(['b:ci']);
    expect(found('GRAFA')).toEqual(['a:grafana']);
  });

  it('says which term it does not know instead of matching nothing silently', () => {
    const parsed = parseSearch('expires:soon vault:perhaps alice');
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.words).toEqual(['alice']);
  });

  it('answers nothing for an empty search, and at most the limit per connection with the total', () => {
    expect(found('   ')).toEqual([]);
    const [group] = searchFleet(fleet, names, parseSearch('a'), today, 1);
    expect(group?.rows).toHaveLength(1);
    expect(group?.total).toBeGreaterThan(1);
  });
});
