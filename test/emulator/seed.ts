/**
 * Deterministic scenarios: `none` (not onboarded), `setup` (onboarded, one operator token), `demo`
 * (orgs, users, resources and a dozen varied tokens), `scale:N` (N tokens over 50 buckets, 20 users).
 */
import { isCluster, isV3, type StoredAuthorization, type StoredPermission } from './model';
import type { ClusterToken } from './cluster-state';
import type { V3Token } from './v3-state';
import { allAccessPermissions } from './permissions';
import { seededRandom } from './random';
import type { EmulatorState } from './state';

export type SeedName = 'none' | 'setup' | 'demo' | `scale:${number}`;

/** What the emulator can be seeded with, in words for a command line. */
export const seedHelp =
  'none (not onboarded), setup (onboarded: one user, org and bucket), demo (users, buckets and a dozen tokens of ' +
  'every kind) or scale:N (N tokens, e.g. scale:10000)';

export function isSeedName(name: string): name is SeedName {
  return ['none', 'setup', 'demo'].includes(name) || /^scale:\d+$/.test(name);
}

export interface SeedResult {
  operatorToken: string;
  /** The first org and user (from setup); empty when not onboarded. */
  orgID: string;
  userID: string;
  /** Demo tokens by a short key, for tests to point at. */
  tokens: Record<string, StoredAuthorization>;
  /** Demo v1 credentials (OSS only) by a short key, with the password each was given. */
  v1: Record<string, { auth: StoredAuthorization; password: string }>;
  /** InfluxDB 3 demo tokens by a short key, with their strings. */
  v3: Record<string, { token: V3Token; value: string }>;
  /** Cloud Dedicated / Clustered demo database tokens by a short key, with their values. */
  cluster?: Record<string, { token: ClusterToken; value: string }>;
}

const SEED_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Seeded records get fixed, distinct timestamps, one hour apart, so sorting by date is testable. */
function backdate(auth: StoredAuthorization, hours: number): void {
  const at = new Date(SEED_EPOCH + hours * 3_600_000).toISOString();
  auth.createdAt = at;
  auth.updatedAt = at;
}

const rw = (type: StoredPermission['resource']['type'], orgID: string, id?: string): StoredPermission[] => [
  { action: 'read', resource: { type, orgID, ...(id ? { id } : {}) } },
  { action: 'write', resource: { type, orgID, ...(id ? { id } : {}) } },
];
const one = (
  action: 'read' | 'write',
  type: StoredPermission['resource']['type'],
  orgID: string,
  id?: string,
): StoredPermission => ({
  action,
  resource: { type, orgID, ...(id ? { id } : {}) },
});

function onboard(state: EmulatorState): SeedResult {
  const done = state.onboard({
    username: 'admin',
    org: 'ops',
    bucket: 'telegraf',
    retentionSeconds: 2_592_000,
    seeded: true,
  });
  backdate(done.auth, 0);
  return {
    operatorToken: done.auth.token,
    orgID: done.org.id,
    userID: done.user.id,
    tokens: { operator: done.auth },
    v1: {},
    v3: {},
  };
}

function demo(state: EmulatorState): SeedResult {
  const base = onboard(state);
  const ops = base.orgID;
  const research = state.addOrg('research', 'Experiments and reports').id;
  const alice = state.addUser('alice').id;
  const bob = state.addUser('bob').id;
  const carol = state.addUser('carol').id;
  const agent = state.addUser('telegraf-agent').id;
  const sensors = state.addBucket(ops, 'sensors', { retentionSeconds: 7_776_000 }).id;
  const appMetrics = state.addBucket(ops, 'app-metrics').id;
  const logs = state.addBucket(ops, 'logs', { retentionSeconds: 1_209_600 }).id;
  const legacy = state.addBucket(ops, 'legacy').id;
  const experiments = state.addBucket(research, 'experiments').id;
  const sandbox = state.addBucket(research, 'sandbox').id;
  const telegrafBucket = [...state.buckets.values()].find((b) => b.name === 'telegraf')?.id;
  const hostMetrics = state.addOrgResource('telegrafs', ops, 'host-metrics', 'CPU, memory and disk of the fleet').id;
  state.addOrgResource('telegrafs', ops, 'mqtt-bridge');
  state.addOrgResource('dashboards', ops, 'System overview');
  state.addOrgResource('dashboards', ops, 'Sensor health');
  // Memberships as an admin would have made them; tasks run as their owners.
  state.addMember(research, base.userID, 'owner');
  state.addMember(ops, alice, 'member');
  state.addMember(research, alice, 'owner');
  state.addMember(ops, bob, 'member');
  state.addMember(ops, agent, 'member');
  const downsample = state.addTask(ops, 'downsample-hourly', base.userID);
  state.addTask(research, 'nightly-report', alice);
  state.addTask(ops, 'sensor-rollup', alice);
  state.addTask(ops, 'old-export', bob, 'inactive');

  const add = (key: string, hours: number, input: Parameters<EmulatorState['addAuthorization']>[0]) => {
    const auth = state.addAuthorization({ ...input, seeded: true });
    backdate(auth, hours);
    base.tokens[key] = auth;
  };
  add('aliceAllAccess', 2, {
    orgID: ops,
    userID: alice,
    description: "alice's all-access token",
    permissions: allAccessPermissions(state.mode, ops, alice),
  });
  add('sensorsWriter', 5, {
    orgID: ops,
    userID: agent,
    description: 'Sensors writer',
    permissions: [one('write', 'buckets', ops, sensors)],
  });
  add('grafana', 9, {
    orgID: ops,
    userID: bob,
    description: 'Grafana read-only',
    permissions: [one('read', 'buckets', ops), one('read', 'dashboards', ops)],
  });
  // The pair InfluxDB's UI makes for a Telegraf configuration: read the config, write its bucket.
  add('telegraf', 14, {
    orgID: ops,
    userID: agent,
    description: 'Telegraf host-metrics',
    permissions: [
      one('read', 'telegrafs', ops, hostMetrics),
      ...(telegrafBucket ? [one('write', 'buckets', ops, telegrafBucket)] : []),
    ],
  });
  add('oldCi', 20, {
    orgID: ops,
    userID: bob,
    description: 'Old CI token',
    status: 'inactive',
    permissions: [one('write', 'buckets', ops, appMetrics)],
  });
  add('unicode', 27, {
    orgID: ops,
    userID: alice,
    description: 'Capteur météo 🌡️ – écriture',
    permissions: [one('write', 'buckets', ops, sensors)],
  });
  add('carolLaptop', 33, {
    orgID: ops,
    userID: carol,
    description: "Carol's laptop",
    permissions: [one('read', 'buckets', ops, logs)],
  });
  add('reports', 40, {
    orgID: research,
    userID: alice,
    description: 'Reports (research)',
    permissions: [one('read', 'buckets', research, experiments), one('write', 'buckets', research, sandbox)],
  });
  add('legacyExporter', 48, {
    orgID: ops,
    userID: bob,
    description: 'Legacy exporter',
    permissions: [one('read', 'buckets', ops, legacy)],
  });
  add('taskRunner', 60, {
    orgID: ops,
    userID: base.userID,
    description: 'Task runner',
    permissions: [...rw('tasks', ops), one('read', 'buckets', ops)],
  });
  // On Cloud a task runs with a token of its own.
  if (state.mode === 'cloud') downsample.authorizationID = base.tokens['taskRunner']?.id;
  add('gateway', 75, {
    orgID: ops,
    userID: agent,
    description: 'Decommissioned gateway',
    status: 'inactive',
    permissions: rw('buckets', ops, sensors),
  });
  add('blank', 90, { orgID: ops, userID: bob, description: '', permissions: [one('read', 'orgs', ops)] });
  if (state.mode !== 'cloud')
    demoV1(state, base, { alice, bob, sensors, logs, telegrafBucket: telegrafBucket ?? sensors });
  // Resources and users gone after their tokens were made, as happens in real instances.
  state.buckets.delete(legacy);
  state.deleteUser(carol);
  return base;
}

/** v1 credentials as admins have them: Grafana's, one left by `influxd upgrade`, a retired one; and a DBRP mapping. */
function demoV1(
  state: EmulatorState,
  base: SeedResult,
  ids: { alice: string; bob: string; sensors: string; logs: string; telegrafBucket: string },
): void {
  const ops = base.orgID;
  const add = (
    key: string,
    hours: number,
    username: string,
    password: string,
    input: Omit<Parameters<EmulatorState['addLegacyAuthorization']>[0], 'username' | 'orgID'>,
  ) => {
    const auth = state.addLegacyAuthorization({ ...input, username, orgID: ops });
    state.setLegacyPassword(auth.id, password);
    backdate(auth, hours);
    base.v1[key] = { auth, password };
  };
  add('grafana', 3, 'grafana', 'grafana-reads-1', {
    userID: base.userID,
    description: 'Grafana InfluxQL data source',
    permissions: [one('read', 'buckets', ops, ids.telegrafBucket), one('read', 'buckets', ops, ids.sensors)],
  });
  add('upgraded', 4, 'alice', 'alice-from-1x', {
    userID: ids.alice,
    description: "alice's Legacy Token",
    permissions: [...rw('buckets', ops, ids.sensors)],
  });
  add('collectd', 6, 'collectd', 'collectd-old-9', {
    userID: ids.bob,
    description: 'Old collectd bridge',
    status: 'inactive',
    permissions: [one('write', 'buckets', ops, ids.logs)],
  });
  state.addDbrp({ database: 'weather', retention_policy: 'autogen', default: true, orgID: ops, bucketID: ids.sensors });
}

function scale(state: EmulatorState, count: number): SeedResult {
  if (!Number.isInteger(count) || count < 0 || count > 100_000)
    throw new Error(`scale:N takes N from 0 to 100000, not ${count}`);
  const base = onboard(state);
  const random = seededRandom(count);
  const users = Array.from({ length: 20 }, (_, i) => state.addUser(`user-${String(i + 1).padStart(2, '0')}`).id);
  const buckets = Array.from(
    { length: 50 },
    (_, i) => state.addBucket(base.orgID, `bucket-${String(i + 1).padStart(2, '0')}`).id,
  );
  const bucketNames = new Map(buckets.map((id, i) => [id, `bucket-${String(i + 1).padStart(2, '0')}`]));
  for (let i = 0; i < count; i += 1) {
    const permissions: StoredPermission[] = [];
    const picks = 1 + random.int(3);
    for (let p = 0; p < picks; p += 1) {
      const bucket = buckets[random.int(buckets.length)] ?? '';
      permissions.push(one(random.int(2) === 0 ? 'read' : 'write', 'buckets', base.orgID, bucket));
    }
    const first = permissions[0];
    const auth = state.addAuthorization({
      orgID: base.orgID,
      userID: users[i % users.length] ?? base.userID,
      description: `scale token ${i + 1} (${first?.action} ${bucketNames.get(first?.resource.id ?? '') ?? ''})`,
      status: random.int(10) === 0 ? 'inactive' : 'active',
      permissions,
      seeded: true,
    });
    backdate(auth, 1 + i / 60);
  }
  return base;
}

/**
 * InfluxDB 3: `_admin`, named admin tokens (one expiring, one expired), and on Enterprise database and system tokens.
 */
function seedV3(state: EmulatorState, name: SeedName): SeedResult {
  const v3 = state.v3;
  const result: SeedResult = { operatorToken: '', orgID: '', userID: '', tokens: {}, v1: {}, v3: {} };
  if (name === 'none') return result;
  const at = (hours: number) => SEED_EPOCH + hours * 3_600_000;
  result.operatorToken = v3.add({ name: '_admin', seeded: true, at: at(0) }).value;
  if (name === 'setup') return result;
  for (const db of ['sensors', 'logs', 'metrics']) v3.databases.add(db);
  const match = /^scale:(\d+)$/.exec(name);
  if (match) {
    for (let i = 0; i < Number(match[1]); i += 1) v3.add({ name: `scale-${i + 1}`, seeded: true, at: at(1 + i / 60) });
    return result;
  }
  const add = (key: string, input: Parameters<typeof v3.add>[0]) =>
    (result.v3[key] = v3.add({ ...input, seeded: true }));
  const day = 86_400;
  add('ci', { name: 'ci', at: Date.now() - 2 * day * 1000, expirySecs: 32 * day });
  add('oldCi', { name: 'old-ci', at: at(10), expirySecs: day });
  add('dashboards', { name: 'dashboards admin', at: at(20) });
  if (state.mode === 'v3-enterprise') {
    add('grafana', { name: 'grafana-ro', at: at(30), permissions: 'db:sensors:read', createdBy: 0 });
    add('writer', {
      name: 'ingest',
      at: at(40),
      permissions: 'db:sensors,logs:read,write',
      createdBy: 0,
      expirySecs: 365 * day,
    });
    add('health', { name: 'health-probe', at: at(50), permissions: 'system:health:read', createdBy: 0 });
  }
  return result;
}

/**
 * Cloud Dedicated / Clustered: a management token, three databases, and database tokens that read,
 * write, expire, are revoked, or reach every database.
 */
function seedCluster(state: EmulatorState, name: SeedName): SeedResult {
  const cluster = state.cluster;
  const result: SeedResult = { operatorToken: '', orgID: '', userID: '', tokens: {}, v1: {}, v3: {}, cluster: {} };
  if (name === 'none') return result;
  result.operatorToken = cluster.addManagementToken();
  for (const db of ['sensors', 'logs', 'metrics']) cluster.databases.add(db);
  if (name === 'setup') return result;
  const at = (hours: number) => SEED_EPOCH + hours * 3_600_000;
  const add = (key: string, input: Parameters<typeof cluster.add>[0]) => {
    const made = cluster.add(input);
    if (result.cluster) result.cluster[key] = made;
    return made;
  };
  const match = /^scale:(\d+)$/.exec(name);
  if (match) {
    for (let i = 0; i < Number(match[1]); i += 1)
      add(`scale-${i + 1}`, {
        description: `scale ${i + 1}`,
        permissions: [{ action: 'read', resource: 'sensors' }],
        at: at(1 + i / 60),
      });
    return result;
  }
  const year = Date.now() + 365 * 86_400_000;
  add('grafana', { description: 'Grafana reader', permissions: [{ action: 'read', resource: 'sensors' }], at: at(1) });
  add('telegraf', {
    description: 'Telegraf writer',
    permissions: [
      { action: 'write', resource: 'sensors' },
      { action: 'write', resource: 'logs' },
    ],
    expiresAt: new Date(year).toISOString(),
    at: at(2),
  });
  add('everything', {
    description: 'Everything',
    permissions: [
      { action: 'read', resource: '*' },
      { action: 'write', resource: '*' },
    ],
    at: at(3),
  });
  add('expired', {
    description: 'Expired CI',
    permissions: [{ action: 'write', resource: 'metrics' }],
    expiresAt: new Date(at(30)).toISOString(),
    at: at(4),
  });
  const old = add('revoked', {
    description: 'Old ingest',
    permissions: [{ action: 'write', resource: 'logs' }],
    at: at(5),
  });
  old.token.revokedAt = new Date(at(40)).toISOString();
  return result;
}

export function seedState(state: EmulatorState, name: SeedName): SeedResult {
  if (isV3(state.mode)) return seedV3(state, name);
  if (isCluster(state.mode)) return seedCluster(state, name);
  if (name === 'none') return { operatorToken: '', orgID: '', userID: '', tokens: {}, v1: {}, v3: {} };
  if (name === 'setup') return onboard(state);
  if (name === 'demo') return demo(state);
  const match = /^scale:(\d+)$/.exec(name);
  if (match) return scale(state, Number(match[1]));
  throw new Error(`Unknown seed "${name}": use ${seedHelp}`);
}
