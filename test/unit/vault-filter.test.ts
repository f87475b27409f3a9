import { describe, expect, it } from 'vitest';
import type { TeamCopy } from '$contract/team';
import type { VaultEntrySummary } from '$contract/vault';
import { connectionsIn, emptyVaultQuery, filterVault, labelsIn } from '../../renderer/src/lib/vault-filter';

const entry = (id: string, over: Partial<VaultEntrySummary>): VaultEntrySummary =>
  ({
    id,
    description: '',
    connectionId: 'c1',
    connectionName: 'prod',
    orgName: 'ops',
    userName: 'admin',
    notes: '',
    labels: [],
    ...over,
  }) as VaultEntrySummary;

const entries = [
  entry('a', { description: 'Grafana reader', labels: ['grafana'], notes: 'dashboards team' }),
  entry('b', {
    description: 'Telegraf writer',
    connectionId: 'c2',
    connectionName: 'staging',
    labels: ['agents', 'grafana'],
  }),
  entry('c', { description: 'Backup', userName: 'svc-backup' }),
  entry('d', { description: 'Grafana InfluxQL', kind: 'v1-password', login: 'grafana-1x' }),
];

const copy = (state: TeamCopy['state']): TeamCopy => ({
  destinationId: 't1',
  destination: 'Team.kdbx',
  state,
  where: state === 'sent' ? 'InfluxDB/prod/x' : '',
  reason: state === 'sent' ? null : 'Invalid credentials',
  at: '2026-12-03T00:00:00.000Z',
});

describe('the vault filter', () => {
  it('matches every word anywhere in description, connection, org, user, notes and labels', () => {
    expect(filterVault(entries, { ...emptyVaultQuery(), text: 'GRAFANA team' }, {}).map((e) => e.id)).toEqual(['a']);
    expect(filterVault(entries, { ...emptyVaultQuery(), text: 'svc-backup' }, {}).map((e) => e.id)).toEqual(['c']);
    expect(filterVault(entries, { ...emptyVaultQuery(), text: 'staging agents' }, {}).map((e) => e.id)).toEqual(['b']);
  });

  it('filters by connection, label and checked state; an unchecked entry matches only "any"', () => {
    expect(filterVault(entries, { ...emptyVaultQuery(), connectionId: 'c2' }, {}).map((e) => e.id)).toEqual(['b']);
    expect(filterVault(entries, { ...emptyVaultQuery(), label: 'grafana' }, {}).map((e) => e.id)).toEqual(['a', 'b']);
    expect(
      filterVault(entries, { ...emptyVaultQuery(), state: 'deleted' }, { a: 'deleted', b: 'active' }).map((e) => e.id),
    ).toEqual(['a']);
    expect(filterVault(entries, { ...emptyVaultQuery(), state: 'active' }, {}).map((e) => e.id)).toEqual([]);
  });

  it('lists each label and connection once', () => {
    expect(labelsIn(entries)).toEqual(['agents', 'grafana']);
    expect(connectionsIn(entries)).toEqual([
      ['c1', 'prod'],
      ['c2', 'staging'],
    ]);
  });

  it('finds v1 credential passwords by username, and filters by kind', () => {
    expect(filterVault(entries, { ...emptyVaultQuery(), text: 'grafana-1x' }, {}).map((e) => e.id)).toEqual(['d']);
    expect(filterVault(entries, { ...emptyVaultQuery(), kind: 'v1-password' }, {}).map((e) => e.id)).toEqual(['d']);
  });

  it('finds the values a team vault did not get, and those no team vault has', () => {
    const withTeam = [
      entry('sent', { team: [copy('sent')] }),
      entry('failed', { team: [copy('not-sent')] }),
      entry('retired', { team: [copy('retired')] }),
      entry('never', { team: [] }),
    ];
    const ids = (team: ReturnType<typeof emptyVaultQuery>['team']) =>
      filterVault(withTeam, { ...emptyVaultQuery(), team }, {}).map((e) => e.id);
    expect(ids('not-sent')).toEqual(['failed']);
    expect(ids('sent')).toEqual(['sent']);
    expect(ids('none')).toEqual(['failed', 'retired', 'never']);
    expect(ids('')).toHaveLength(4);
  });
});
