/** The permission sets of each kind of token, summaries, descriptions and CLI/curl equivalents. */
import { describe, expect, it } from 'vitest';
import type { TokenPermission } from '$contract/permissions';
import { cliEquivalent, curlEquivalent } from '../../main/influx/equivalents';
import { buildPermissions, classify, cloneDescription, generatedDescription } from '../../main/influx/token-kinds';
import { allAccessPermissions, operatorPermissions, resourceTypesOf } from '../emulator/permissions';

const ORG = '0a3f2c1e9b400002';
const USER = '0a3f2c1e9b400001';
const sorted = (ps: readonly TokenPermission[]) =>
  ps.map((p) => JSON.stringify([p.action, p.resource.type, p.resource.id, p.resource.orgID])).sort();

describe('permission sets', () => {
  it.each(['oss-2.9', 'cloud'] as const)('all-access is exactly InfluxDB’s set on %s', (mode) => {
    const types = resourceTypesOf(mode).filter((t) => t !== 'instance');
    expect(sorted(buildPermissions({ kind: 'all-access' }, { types, orgID: ORG, userID: USER }))).toEqual(
      sorted(allAccessPermissions(mode, ORG, USER)),
    );
  });

  it('operator is exactly the CLI’s set: every type but instance, read and write, no org', () => {
    const types = resourceTypesOf('oss-2.7');
    const built = buildPermissions({ kind: 'operator' }, { types, orgID: ORG, userID: USER });
    expect(sorted(built)).toEqual(sorted(operatorPermissions('oss-2.7')));
    expect(built).toHaveLength(44);
  });

  it('read/write picks all buckets of the org or single buckets', () => {
    const spec = {
      kind: 'read-write' as const,
      read: { all: true, ids: [] },
      write: { all: false, ids: ['0a3f2c1e9b40000a', '0a3f2c1e9b40000b'] },
    };
    expect(buildPermissions(spec, { types: [], orgID: ORG, userID: USER })).toEqual([
      { action: 'read', resource: { type: 'buckets', orgID: ORG } },
      { action: 'write', resource: { type: 'buckets', orgID: ORG, id: '0a3f2c1e9b40000a' } },
      { action: 'write', resource: { type: 'buckets', orgID: ORG, id: '0a3f2c1e9b40000b' } },
    ]);
  });

  it('custom keeps orgs and users global, as the CLI does, and the rest in the org', () => {
    const spec = {
      kind: 'custom' as const,
      permissions: [
        { action: 'read' as const, type: 'orgs' },
        { action: 'write' as const, type: 'telegrafs', id: '0a3f2c1e9b40000c' },
        { action: 'read' as const, type: 'notificationRules' },
      ],
    };
    expect(buildPermissions(spec, { types: [], orgID: ORG, userID: USER })).toEqual([
      { action: 'read', resource: { type: 'orgs' } },
      { action: 'write', resource: { type: 'telegrafs', orgID: ORG, id: '0a3f2c1e9b40000c' } },
      { action: 'read', resource: { type: 'notificationRules', orgID: ORG } },
    ]);
  });
});

describe('what a token is', () => {
  it.each([
    [operatorPermissions('oss-2.9'), 'operator', 'Operator'],
    [allAccessPermissions('oss-2.9', ORG, USER), 'all-access', 'All access'],
    [allAccessPermissions('cloud', ORG, USER), 'all-access', 'All access'],
    [
      [
        { action: 'read', resource: { type: 'buckets', orgID: ORG, id: 'a', name: 'sensors' } },
        { action: 'read', resource: { type: 'buckets', orgID: ORG, id: 'b', name: 'logs' } },
        { action: 'write', resource: { type: 'buckets', orgID: ORG, id: 'a', name: 'sensors' } },
      ],
      'read-write',
      'R sensors, logs · W sensors',
    ],
    [
      [1, 2, 3, 4].map((n) => ({
        action: 'read',
        resource: { type: 'buckets', orgID: ORG, id: `b${n}`, name: `bucket-${n}` },
      })),
      'read-write',
      'R bucket-1, bucket-2 +2',
    ],
    [[{ action: 'read', resource: { type: 'buckets', orgID: ORG } }], 'read-write', 'R all buckets'],
    [[{ action: 'read', resource: { type: 'buckets', orgID: ORG, id: 'gone' } }], 'read-write', 'R a deleted bucket'],
    [
      [
        { action: 'read', resource: { type: 'telegrafs', orgID: ORG, id: 't', name: 'host-metrics' } },
        { action: 'write', resource: { type: 'dashboards', orgID: ORG } },
      ],
      'custom',
      'Custom: R telegrafs host-metrics · W dashboards',
    ],
    [
      [
        { action: 'read', resource: { type: 'tasks', orgID: ORG } },
        { action: 'write', resource: { type: 'tasks', orgID: ORG } },
        { action: 'read', resource: { type: 'buckets', orgID: ORG } },
      ],
      'custom',
      'Custom: 3 permissions',
    ],
  ] as [TokenPermission[], string, string][])('%#: %s', (permissions, kind, summary) => {
    expect(classify(permissions)).toEqual({ kind, summary });
  });
});

describe('descriptions as the UI makes them', () => {
  const names: Record<string, string> = { m: '_monitoring', t: '_tasks' };
  const nameOf = (p: TokenPermission) => (p.resource.id ? names[p.resource.id] : undefined);

  it('names up to two permissions: "Read buckets _monitoring Write buckets _tasks"', () => {
    const ps: TokenPermission[] = [
      { action: 'read', resource: { type: 'buckets', id: 'm' } },
      { action: 'write', resource: { type: 'buckets', id: 't' } },
    ];
    expect(generatedDescription(ps, nameOf)).toBe('Read buckets _monitoring Write buckets _tasks');
  });

  it('says Multiple beyond two, per action present', () => {
    const read = (id: string): TokenPermission => ({ action: 'read', resource: { type: 'buckets', id } });
    expect(generatedDescription([read('m'), read('t'), read('x')], nameOf)).toBe('Read Multiple');
    expect(
      generatedDescription([read('m'), read('t'), { action: 'write', resource: { type: 'buckets' } }], nameOf),
    ).toBe('Read Multiple Write Multiple');
  });

  it('stamps a clone like the UI: "<desc> (cloned at YYYY-MM-DD HH:MM:SS)"', () => {
    expect(cloneDescription('Grafana', new Date(2026, 10, 28, 9, 5, 7))).toBe(
      'Grafana (cloned at 2026-11-28 09:05:07)',
    );
  });
});

describe('CLI and curl equivalents', () => {
  const base = { orgID: ORG, userID: USER, userName: 'alice', status: 'active' as const };

  it('all-access and operator use the CLI’s own flags', () => {
    expect(cliEquivalent({ ...base, description: 'CI', kind: 'all-access', permissions: [] }).command).toBe(
      `influx auth create \\\n  --org-id ${ORG} \\\n  --user 'alice' \\\n  --description 'CI' \\\n  --all-access`,
    );
    expect(cliEquivalent({ ...base, description: '', kind: 'operator', permissions: [] }).command).toContain(
      '--operator',
    );
  });

  it('read/write and custom use per-bucket and per-type flags, and say what the CLI cannot express', () => {
    const permissions: TokenPermission[] = [
      { action: 'read', resource: { type: 'buckets', orgID: ORG, id: '0a3f2c1e9b40000a' } },
      { action: 'write', resource: { type: 'notificationRules', orgID: ORG } },
      { action: 'read', resource: { type: 'dashboards', orgID: ORG, id: '0a3f2c1e9b40000d' } },
    ];
    const cli = cliEquivalent({ ...base, description: "Bob's token", kind: 'custom', permissions });
    expect(cli.command).toBe(
      `influx auth create \\\n  --org-id ${ORG} \\\n  --user 'alice' \\\n  --description 'Bob'\\''s token' \\\n  ` +
        `--read-bucket 0a3f2c1e9b40000a \\\n  --write-notificationRules`,
    );
    expect(cli.note).toMatch(/cannot grant single dashboards items/);
  });

  it('curl posts the same body with a placeholder for the caller’s token', () => {
    const permissions: TokenPermission[] = [
      { action: 'read', resource: { type: 'buckets', orgID: ORG, id: 'x', name: 'sensors', org: 'ops' } },
    ];
    const curl = curlEquivalent('https://influx.example.com', { ...base, description: 'é', permissions });
    expect(curl).toContain('"Authorization: Token $INFLUX_TOKEN"');
    const body = JSON.parse(/--data '(.*)'$/s.exec(curl)![1]!) as { permissions: TokenPermission[] };
    expect(body).toEqual({
      orgID: ORG,
      userID: USER,
      description: 'é',
      status: 'active',
      permissions: [{ action: 'read', resource: { type: 'buckets', id: 'x', orgID: ORG } }],
    });
  });
});

describe('a rotation’s new token', () => {
  it('is named apart from the one it replaces, once, with the local date', async () => {
    const { rotatedDescription } = await import('../../main/influx/token-kinds');
    const at = new Date(2026, 10, 29, 9, 5);
    expect(rotatedDescription('Task runner', at)).toBe('Task runner (rotated 2026-11-29)');
    expect(rotatedDescription('Task runner (rotated 2026-01-02)', at)).toBe('Task runner (rotated 2026-11-29)');
  });
});
