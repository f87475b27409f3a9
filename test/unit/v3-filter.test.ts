import { describe, expect, it } from 'vitest';
import type { V3TokenRow } from '$contract/v3-tokens';
import { v3Equivalents, v3KindOf, v3Summary } from '$contract/v3-tokens';
import { applyV3Query, defaultV3Query, expiryText } from '../../renderer/src/lib/v3-filter';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const day = 86_400_000;
const row = (id: string, name: string, expiryIn: number | null, extra: Partial<V3TokenRow> = {}): V3TokenRow => ({
  id,
  name,
  kind: 'admin',
  permissions: '*:*:*',
  summary: 'Everything (admin)',
  createdAt: new Date(NOW - Number(id) * day).toISOString(),
  updatedAt: null,
  expiry: expiryIn === null ? null : new Date(NOW + expiryIn * day).toISOString(),
  expired: expiryIn !== null && expiryIn <= 0,
  createdBy: null,
  hash: '',
  vaultEntryId: null,
  ...extra,
});
const rows = [
  row('0', '_admin', null, { kind: 'operator' }),
  row('1', 'ci', 5),
  row('2', 'old', -3),
  row('3', 'grafana', 60, { kind: 'database', permissions: 'db:sensors:read', summary: 'Read sensors' }),
];

describe('the InfluxDB 3 token list', () => {
  it('filters expired tokens, tokens expiring within N days, and tokens that never expire', () => {
    const names = (expiry: ReturnType<typeof defaultV3Query>['expiry']) =>
      applyV3Query(rows, { ...defaultV3Query(), expiry }, NOW).map((r) => r.name);
    expect(names('expired')).toEqual(['old']);
    expect(names('7')).toEqual(['ci']);
    expect(names('90')).toEqual(['ci', 'grafana']);
    expect(names('never')).toEqual(['_admin']);
  });

  it('searches names and permissions, filters by kind, sorts by expiry', () => {
    expect(applyV3Query(rows, { ...defaultV3Query(), text: 'sensors' }, NOW).map((r) => r.name)).toEqual(['grafana']);
    expect(applyV3Query(rows, { ...defaultV3Query(), kind: 'operator' }, NOW).map((r) => r.name)).toEqual(['_admin']);
    expect(
      applyV3Query(rows, { ...defaultV3Query(), sort: { key: 'expiry', descending: false } }, NOW).map((r) => r.name),
    ).toEqual(['old', 'ci', 'grafana', '_admin']);
  });

  it('says when each expires', () => {
    expect(rows.map((r) => expiryText(r, NOW))).toEqual([
      'never expires',
      'expires in 5 days',
      'expired 3 days ago',
      'expires in 60 days',
    ]);
  });

  it('names kinds and permissions in words, and gives the CLI and curl equivalents', () => {
    expect([
      v3KindOf('_admin', '*:*:*'),
      v3KindOf('x', '*:*:*'),
      v3KindOf('x', 'db:a:read'),
      v3KindOf('x', 'system:health:read'),
      v3KindOf('x', 'db:a:read;system:ping:read'),
    ]).toEqual(['operator', 'admin', 'database', 'system', 'resource']);
    expect(v3Summary('db:*:read')).toBe('Read every database');
    const made = v3Equivalents('http://h:8181/', {
      name: 'ci',
      expirySecs: 7 * 86_400,
      permissions: [{ resourceType: 'db', names: ['a', 'b'], actions: ['read', 'write'] }],
    });
    expect(made.cli).toBe(
      "influxdb3 create token --name 'ci' --permission 'db:a,b:read,write' --expiry 7d --host 'http://h:8181' " +
        '--token "$INFLUXDB3_AUTH_TOKEN"',
    );
    expect(made.curl).toContain("'http://h:8181/api/v3/enterprise/configure/token'");
    expect(v3Equivalents('http://h:8181', { name: 'ci', expirySecs: null, permissions: null }).cli).toContain(
      'create token --admin --name',
    );
  });
});
