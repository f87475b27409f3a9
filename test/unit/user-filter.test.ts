import { describe, expect, it } from 'vitest';
import type { UserRow } from '$contract/users';
import { applyUserQuery, defaultUserQuery, serviceFirst } from '../../renderer/src/lib/user-filter';

const row = (name: string, extra: Partial<UserRow> = {}): UserRow => ({
  id: name,
  name,
  status: 'active',
  role: 'member',
  service: false,
  activeTokens: 0,
  inactiveTokens: 0,
  tokenIds: [],
  tasks: [],
  impact: '',
  ...extra,
});
// By name: admin, bob, svc-ingest, zoe; by role the owner zoe comes first and the unmapped svc-ingest
// last, so the two orders differ and a sort that ignored the role would fail.
const rows = [
  row('bob', { activeTokens: 3 }),
  row('admin', { tasks: [{ id: 't', name: 'downsample', active: true }] }),
  row('zoe', { role: 'owner' }),
  row('svc-ingest', { service: true, role: null, activeTokens: 1 }),
];

describe('the Users view filter', () => {
  it('sorts by name, role (owners first), tokens or tasks', () => {
    const by = (key: 'name' | 'role' | 'tokens' | 'tasks', descending = false) =>
      applyUserQuery(rows, { ...defaultUserQuery(), sort: { key, descending } }).map((r) => r.name);
    expect(by('name')).toEqual(['admin', 'bob', 'svc-ingest', 'zoe']);
    expect(by('role')).toEqual(['zoe', 'admin', 'bob', 'svc-ingest']);
    expect(by('tokens', true)).toEqual(['bob', 'svc-ingest', 'admin', 'zoe']);
    expect(by('tasks', true)[0]).toBe('admin');
  });

  it('searches names, roles and task names, and keeps service users or people', () => {
    expect(applyUserQuery(rows, { ...defaultUserQuery(), text: 'downsample' }).map((r) => r.name)).toEqual(['admin']);
    expect(applyUserQuery(rows, { ...defaultUserQuery(), kind: 'service' }).map((r) => r.name)).toEqual(['svc-ingest']);
    expect(applyUserQuery(rows, { ...defaultUserQuery(), kind: 'people' })).toHaveLength(3);
  });

  it('puts service users first in the Owner picker', () => {
    expect(
      serviceFirst(
        [
          { id: 'a', name: 'alice' },
          { id: 's', name: 'svc' },
          { id: 'b', name: 'bob' },
        ],
        new Set(['s']),
      ).map((u) => u.name),
    ).toEqual(['svc', 'alice', 'bob']);
  });
});
