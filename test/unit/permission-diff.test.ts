import { describe, expect, it } from 'vitest';
import { diffPermissions, permissionWords } from '$contract/permission-diff';
import type { TokenPermission } from '$contract/permissions';

const p = (action: 'read' | 'write', type: string, id?: string, orgID = 'o1'): TokenPermission => ({
  action,
  resource: { type, orgID, ...(id ? { id } : {}) },
});

describe('the permission difference of a replacement', () => {
  it('lists what is added and removed, once each, and counts what stays', () => {
    const before = [p('read', 'buckets', 'b1'), p('write', 'buckets', 'b1'), p('read', 'telegrafs', 't1')];
    const after = [p('read', 'buckets', 'b1'), p('read', 'buckets', 'b2'), p('read', 'buckets', 'b2')];
    const diff = diffPermissions(before, after);
    expect(diff.added).toEqual([p('read', 'buckets', 'b2')]);
    expect(diff.removed).toEqual([p('write', 'buckets', 'b1'), p('read', 'telegrafs', 't1')]);
    expect(diff.kept).toBe(1);
  });

  it('says each in words, with names', () => {
    const names = new Map([['b1', 'sensors']]);
    const words = (x: TokenPermission) =>
      permissionWords(
        x,
        (id) => names.get(id),
        (id) => (id === 'o1' ? 'ops' : undefined),
      );
    expect(words(p('read', 'buckets', 'b1'))).toBe('Read buckets: sensors');
    expect(words(p('write', 'buckets'))).toBe('Write buckets: all in ops');
    expect(words({ action: 'read', resource: { type: 'users' } })).toBe('Read users: all, in every org');
    expect(words(p('read', 'dashboards', 'dd'))).toBe('Read dashboards: dd (gone)');
  });
});
