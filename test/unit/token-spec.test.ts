import { describe, expect, it } from 'vitest';
import type { OrgResources } from '$contract/tokens';
import {
  buildSpec,
  emptyPicks,
  pickKey,
  picksFrom,
  specWrites,
  visibleItems,
  visibleTypes,
} from '../../renderer/src/lib/token-spec';

const resources: OrgResources = {
  orgID: '0000000000000001',
  buckets: [
    { id: 'b000000000000001', name: 'sensors' },
    { id: 'b000000000000002', name: 'logs' },
  ],
  telegrafs: [{ id: 't000000000000001', name: 'host metrics' }],
  dashboards: [],
  tasks: [],
  users: [],
  types: ['buckets', 'telegrafs', 'dashboards', 'orgs'],
  me: { id: 'u000000000000001', name: 'admin' },
};

describe('the Generate dialog’s picks as a token spec', () => {
  it('chooses nothing until something is picked', () => {
    expect(buildSpec(emptyPicks(), resources)).toBeNull();
    expect(buildSpec(emptyPicks('custom'), resources)).toBeNull();
  });

  it('reads and writes single buckets, or all of them, and ignores single picks under "all"', () => {
    const picks = {
      ...emptyPicks(),
      readIds: { b000000000000001: true, b000000000000002: false },
      writeAll: true,
      writeIds: { b000000000000002: true },
    };
    expect(buildSpec(picks, resources)).toEqual({
      kind: 'read-write',
      read: { all: false, ids: ['b000000000000001'] },
      write: { all: true, ids: [] },
    });
  });

  it('builds custom permissions from whole types and single items, in the server’s type order', () => {
    const picks = {
      ...emptyPicks('custom'),
      typeAll: { [pickKey('read', 'orgs')]: true, [pickKey('write', 'telegrafs')]: true },
      itemPicks: {
        [pickKey('read', 'buckets', 'b000000000000002')]: true,
        [pickKey('write', 'telegrafs', 't000000000000001')]: true,
      },
    };
    expect(buildSpec(picks, resources)).toEqual({
      kind: 'custom',
      permissions: [
        { action: 'read', type: 'buckets', id: 'b000000000000002' },
        { action: 'write', type: 'telegrafs' },
        { action: 'read', type: 'orgs' },
      ],
    });
  });

  it('needs no resources for all access and operator', () => {
    expect(buildSpec(emptyPicks('all-access'), null)).toEqual({ kind: 'all-access' });
    expect(buildSpec(emptyPicks('operator'), null)).toEqual({ kind: 'operator' });
  });

  it('filters types by their name or their items’ names', () => {
    expect(visibleTypes(resources, 'host')).toEqual(['telegrafs']);
    expect(visibleTypes(resources, 'ORG')).toEqual(['orgs']);
    expect(visibleTypes(resources, '')).toEqual(resources.types);
    expect(visibleItems(resources, 'buckets', 'buck').map((b) => b.name)).toEqual(['sensors', 'logs']);
    expect(visibleItems(resources, 'buckets', 'log').map((b) => b.name)).toEqual(['logs']);
  });
});

describe('whether a spec writes', () => {
  it('is true for all-access, operator and any write, false for reads only', () => {
    expect(specWrites({ kind: 'all-access' })).toBe(true);
    expect(specWrites({ kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } })).toBe(
      false,
    );
    expect(
      specWrites({
        kind: 'read-write',
        read: { all: false, ids: [] },
        write: { all: false, ids: ['0a3f2c1e9b400010'] },
      }),
    ).toBe(true);
    expect(specWrites({ kind: 'custom', permissions: [{ action: 'read', type: 'buckets' }] })).toBe(false);
    expect(specWrites(null)).toBe(false);
  });
});

describe('the picks of an existing token', () => {
  it('stand for its permissions, so the same spec comes back', () => {
    const rw = {
      kind: 'read-write' as const,
      permissions: [
        { action: 'read' as const, resource: { type: 'buckets', id: 'b1', orgID: 'o' } },
        { action: 'write' as const, resource: { type: 'buckets', orgID: 'o' } },
      ],
    };
    expect(buildSpec(picksFrom(rw), resources)).toEqual({
      kind: 'read-write',
      read: { all: false, ids: ['b1'] },
      write: { all: true, ids: [] },
    });
    const custom = {
      kind: 'custom' as const,
      permissions: [{ action: 'read' as const, resource: { type: 'dashboards', orgID: 'o' } }],
    };
    expect(picksFrom(custom).typeAll[pickKey('read', 'dashboards')]).toBe(true);
    expect(picksFrom({ kind: 'all-access', permissions: [] }).kind).toBe('all-access');
  });
});
