/**
 * Answers lost or faked by a broken network or proxy on the newer families' changes: a v1
 * password the server may hold stays in the vault (labelled unconfirmed) and the message says so; a
 * regenerated _admin whose answer is lost is said plainly, with InfluxDB 3's ways back; and the Users
 * view's rights probe changes nothing on the server whatever it hears. Each checked on the emulator.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { connectCore } from '../support/connect';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function setup(mode: Mode) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  return {
    influx,
    ...(await connectCore(influx.url, influx.operatorToken, { name: 'lost', check: true, timeoutMs: 3000 })),
  };
}

const logsIn = async (influx: Emulator, username: string, password: string) =>
  (
    await fetch(
      `${influx.url}/query?u=${encodeURIComponent(username)}&p=${encodeURIComponent(password)}&q=SHOW%20DATABASES`,
    )
  ).ok;

describe('lost and faked answers', () => {
  it('a v1 password whose answer is cut stays in the vault, labelled unconfirmed, and it is the one that works', async () => {
    const t = await setup('oss-2.9');
    const grafana = t.influx.state.findLegacyByUsername('grafana')!;
    t.influx.faults.add({
      path: `/private/legacy/authorizations/${grafana.id}/password`,
      fault: { kind: 'reset-after' },
    });
    const failure = await t.bridge.failure('setV1Password', {
      connectionId: t.connectionId,
      id: grafana.id,
      password: { kind: 'typed', value: 'a-new-pass-phrase-1' },
    });
    expect(failure.message).toMatch(
      /may have the new password anyway: it is kept in the vault, labelled “unconfirmed”/,
    );
    t.influx.faults.clear();
    expect(await logsIn(t.influx, 'grafana', 'a-new-pass-phrase-1')).toBe(true);
    const entry = (await t.bridge.invoke('listVault')).find((e) => e.login === 'grafana');
    expect(entry?.labels).toEqual(['unconfirmed']);
    expect((await t.bridge.invoke('revealVaultValue', { id: entry!.id })).value).toBe('a-new-pass-phrase-1');
  });

  it('a v1 deactivation done on the server whose answer is cut is read back and answered as done', async () => {
    const t = await setup('oss-2.9');
    const grafana = t.influx.state.findLegacyByUsername('grafana')!;
    t.influx.faults.add({
      path: `/private/legacy/authorizations/${grafana.id}`,
      method: 'PATCH',
      fault: { kind: 'reset-after' },
    });
    const row = await t.bridge.invoke('setV1Status', {
      connectionId: t.connectionId,
      id: grafana.id,
      status: 'inactive',
    });
    t.influx.faults.clear();
    expect(row.status).toBe('inactive');
    expect(t.influx.state.findLegacyByUsername('grafana')?.status).toBe('inactive');
    // One the server did not make still fails: a 500 before anything changed.
    t.influx.faults.add({
      path: `/private/legacy/authorizations/${grafana.id}`,
      method: 'PATCH',
      fault: { kind: 'status', status: 500 },
    });
    const failed = await t.bridge.failure('setV1Status', {
      connectionId: t.connectionId,
      id: grafana.id,
      status: 'active',
    });
    expect(failed.code).toBe('SERVER_ERROR');
    expect(t.influx.state.findLegacyByUsername('grafana')?.status).toBe('inactive');
  });

  it('an InfluxDB 3 token made but not told is looked up by name and said to exist', async () => {
    const t = await setup('v3-core');
    t.influx.faults.add({ path: '/api/v3/configure/token/named_admin', fault: { kind: 'reset-after' } });
    const failure = await t.bridge.failure('createV3Token', {
      connectionId: t.connectionId,
      name: 'deploy-bot',
      expirySecs: null,
      permissions: null,
      saveToVault: true,
    });
    expect(failure.code).toBe('CREATE_INTERRUPTED');
    expect(failure.message).toMatch(/made “deploy-bot” anyway.*delete it and create another/);
    expect(t.influx.state.v3.byName('deploy-bot')).toBeDefined();
  });

  it('a v1 credential made but not told, without its password, is found and deleted again', async () => {
    const t = await setup('oss-2.9');
    const sensors = [...t.influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    t.influx.faults.add({
      path: '/private/legacy/authorizations',
      method: 'POST',
      fault: { kind: 'reset-after' },
      times: 1,
    });
    const failure = await t.bridge.failure('createV1Credential', {
      connectionId: t.connectionId,
      orgID: t.influx.seed.orgID,
      username: 'svc-lost',
      description: 'lost',
      read: [sensors],
      write: [],
      password: { kind: 'generate' },
    });
    expect(failure.code).toBe('CREATE_INTERRUPTED');
    expect(failure.message).toMatch(/made “svc-lost” anyway, without a password; it was deleted again/);
    expect(t.influx.state.findLegacyByUsername('svc-lost')).toBeUndefined();
  });

  it('a service user made but not told is found and deleted again: nothing half-made', async () => {
    const t = await setup('oss-2.9');
    t.influx.faults.add({ path: '/api/v2/users', method: 'POST', fault: { kind: 'reset-after' }, times: 1 });
    const failure = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f54',
      name: 'svc-cut',
      memberships: [{ orgID: t.influx.seed.orgID, role: 'member' }],
      password: { kind: 'generate' },
    });
    expect(failure.code).toBe('CREATE_INTERRUPTED');
    expect(failure.message).toMatch(/made the user “svc-cut” anyway; it was deleted again/);
    expect(t.influx.state.findUserByName('svc-cut')).toBeUndefined();
  });

  it('a regenerated _admin whose answer is lost is said plainly, with the ways back', async () => {
    const t = await setup('v3-core');
    const before = t.influx.state.v3.byName('_admin')!.hash;
    t.influx.faults.add({ path: '/api/v3/configure/token/admin/regenerate', fault: { kind: 'reset-after' } });
    const failure = await t.bridge.failure('regenerateV3Admin', { connectionId: t.connectionId });
    expect(t.influx.state.v3.byName('_admin')!.hash).not.toBe(before);
    expect(failure.code).toBe('CREATE_INTERRUPTED');
    expect(failure.message).toMatch(/regenerated the operator token \(_admin\), but its answer, .* was lost/);
    expect(failure.message).toMatch(/this connection used it.*--admin-token-recovery-http-bind/);
  });

  it('the Users view’s rights probe changes no membership, even when a proxy answers it with a junk 2xx', async () => {
    const t = await setup('oss-2.9');
    const ops = t.influx.state.findOrgByName('ops')!.id;
    const members = () => [...(t.influx.state.orgMembers.get(ops)?.entries() ?? [])].sort();
    const before = members();
    t.influx.faults.add({ path: `/api/v2/orgs/${ops}/members`, method: 'POST', fault: { kind: 'answer', body: {} } });
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: ops });
    expect(members()).toEqual(before);
    expect(view.rights.manageMembers).toBeNull();
    expect(t.influx.requests.filter((r) => r.line.startsWith('DELETE'))).toEqual([]);
  });

  it('a v1 credential and an InfluxDB 3 token deleted behind a cut answer are said to be deleted', async () => {
    const v2 = await setup('oss-2.9');
    const grafana = v2.influx.state.findLegacyByUsername('grafana')!;
    v2.influx.faults.add({
      path: `/private/legacy/authorizations/${grafana.id}`,
      method: 'DELETE',
      fault: { kind: 'reset-after' },
    });
    expect(await v2.bridge.invoke('deleteV1Credential', { connectionId: v2.connectionId, id: grafana.id })).toBeNull();
    expect(v2.influx.state.findLegacyByUsername('grafana')).toBeUndefined();
    const v3 = await setup('v3-core');
    v3.influx.faults.add({ path: '/api/v3/configure/token', method: 'DELETE', fault: { kind: 'reset-after' } });
    expect(await v3.bridge.invoke('deleteV3Token', { connectionId: v3.connectionId, name: 'ci' })).toBeNull();
    expect(v3.influx.state.v3.byName('ci')).toBeUndefined();
    const history = await v3.bridge.invoke('listHistory');
    expect(history.entries.find((e) => e.action === 'v3.delete')?.outcome).toBe('ok');
  });

  it('a delete that did not happen (the server failed first) still says it failed', async () => {
    const t = await setup('v3-core');
    t.influx.faults.add({
      path: '/api/v3/configure/token',
      method: 'DELETE',
      fault: { kind: 'status', status: 503 },
      times: 1,
    });
    const failure = await t.bridge.failure('deleteV3Token', { connectionId: t.connectionId, name: 'ci' });
    expect(failure.code).toBe('SERVER_ERROR');
    expect(t.influx.state.v3.byName('ci')).toBeDefined();
  });
});
