/**
 * Service users through the real dispatch against the emulator: the Users view, creating one in
 * steps (undone when one fails), marks, re-issuing tokens for one; passwords cross only once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import type { MainEvent } from '$contract/events';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const crossed: string[] = [];
const emulators: Emulator[] = [];
const passwords: string[] = [];
const OPERATION = '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f50';

async function setup(mode: Mode = 'oss-2.9', token?: (e: Emulator) => string) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
  const bridge = bridgeTo(core, crossed);
  const draft: ConnectionDraft = {
    name: 'ops',
    url: influx.url,
    token: token ? token(influx) : influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
  };
  const { id: connectionId } = await bridge.invoke('saveConnection', draft);
  await bridge.invoke('checkConnection', { id: connectionId });
  const org = (name: string) => influx.state.findOrgByName(name)!.id;
  const progress = () =>
    core.events.filter(
      (e): e is Extract<MainEvent, { kind: 'progress' }> => e.kind === 'progress' && e.operationId === OPERATION,
    );
  return { influx, core, bridge, connectionId, org, progress };
}

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  const all = crossed.join('\n');
  for (const password of passwords)
    expect(all.split(password).length - 1, 'a user password crossed the bridge more than once').toBe(1);
});

describe('the Users view', () => {
  it('lists the org’s members and owners with what they own and what deleting them breaks', async () => {
    const t = await setup();
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.org('ops') });
    const alice = view.users.find((u) => u.name === 'alice')!;
    expect(alice).toMatchObject({ role: 'member', service: false, activeTokens: 3, inactiveTokens: 0 });
    expect(alice.tasks.map((task) => task.name).sort()).toEqual(['nightly-report', 'sensor-rollup']);
    expect(alice.impact).toBe(
      "If alice is deleted, 3 active tokens stop working and disappear from InfluxDB's token list and 2 tasks keep " +
        'running and fail (tasks run as their owner).',
    );
    const bob = view.users.find((u) => u.name === 'bob')!;
    expect(bob.impact).toBe(
      "If bob is deleted, 3 active tokens stop working and disappear from InfluxDB's token list and 1 inactive " +
        'token disappears from it.',
    );
    expect(view.users.find((u) => u.name === 'admin')?.role).toBe('owner');
    expect(view.rights).toEqual({ createUsers: true, manageMembers: true, reason: null });
    // The probes changed nothing.
    expect(t.influx.state.users.size).toBe(4);
    expect(t.influx.state.roleIn(t.org('ops'), t.influx.state.findUserByName('alice')!.id)).toBe('member');
  });

  it('keeps the tokens of deleted users, which InfluxDB no longer lists, from the vault, deletable by ID', async () => {
    const t = await setup();
    const bob = t.influx.state.findUserByName('bob')!.id;
    const made = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.org('ops'),
      userID: bob,
      description: 'bob’s script',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: true,
    });
    t.influx.state.deleteUser(bob);
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.org('ops') });
    expect(view.orphans).toEqual([
      expect.objectContaining({ authorizationId: made.token.id, description: 'bob’s script', userName: 'bob' }),
    ]);
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: made.token.id });
    expect(t.influx.state.authorizations.has(made.token.id)).toBe(false);
  });

  it('says why an all-access token cannot create users, and creates nothing when asked anyway', async () => {
    const t = await setup('oss-2.9', (e) => e.seed.tokens['aliceAllAccess']!.token);
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.org('ops') });
    expect(view.rights).toMatchObject({
      createUsers: false,
      reason: expect.stringMatching(/only an operator token holds/),
    });
    const refused = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: OPERATION,
      name: 'svc-x',
      memberships: [{ orgID: t.org('ops'), role: 'member' }],
      password: { kind: 'none' },
    });
    expect(refused.message).toMatch(/write:users/);
    expect(t.influx.state.findUserByName('svc-x')).toBeUndefined();
  });

  it('says on Cloud that users are made in Cloud’s UI', async () => {
    const t = await setup('cloud');
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.influx.seed.orgID });
    expect(view.rights).toMatchObject({
      createUsers: false,
      manageMembers: false,
      reason: expect.stringMatching(/Cloud’s web UI/),
    });
    expect(view.users.map((u) => u.name)).toContain('admin');
    expect(
      (
        await t.bridge.failure('createServiceUser', {
          connectionId: t.connectionId,
          operationId: OPERATION,
          name: 'svc-x',
          memberships: [{ orgID: t.influx.seed.orgID, role: 'member' }],
          password: { kind: 'none' },
        })
      ).code,
    ).toBe('VALIDATION');
    expect(t.influx.requests.some((r) => r.line === 'POST /api/v2/users')).toBe(false);
  });
});

describe('creating a service user', () => {
  it('creates the user, sets its password (vault first), joins each org, in order with progress, and marks it', async () => {
    const t = await setup();
    const made = await t.bridge.invoke('createServiceUser', {
      connectionId: t.connectionId,
      operationId: OPERATION,
      name: 'svc-ingest',
      password: { kind: 'generate' },
      memberships: [
        { orgID: t.org('ops'), role: 'owner' },
        { orgID: t.org('research'), role: 'member' },
      ],
    });
    passwords.push(made.password!.value);
    const user = t.influx.state.findUserByName('svc-ingest')!;
    expect([t.influx.state.roleIn(t.org('ops'), user.id), t.influx.state.roleIn(t.org('research'), user.id)]).toEqual([
      'owner',
      'member',
    ]);
    expect(t.influx.state.userPasswords.has(user.id)).toBe(true);
    expect(made.password?.vault.saved).toBe(true);
    const entry = (await t.bridge.invoke('listVault')).find((e) => e.kind === 'user-password')!;
    expect(entry).toMatchObject({ login: 'svc-ingest', authorizationId: user.id });
    expect(t.progress().map((p) => `${p.done}/${p.total} ${p.step}`)).toEqual([
      '0/4 Create user svc-ingest',
      '1/4 Set its password',
      '2/4 Add it to ops as owner',
      '3/4 Add it to research as member',
      '4/4 Done',
    ]);
    expect((await t.bridge.invoke('listConnections'))[0]?.serviceUsers).toEqual([user.id]);
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.org('ops') });
    expect(view.users.find((u) => u.name === 'svc-ingest')).toMatchObject({ service: true, role: 'owner' });
  });

  it('refuses a taken name and leaves nothing; a failed later step undoes the earlier ones, and says so', async () => {
    const t = await setup();
    const taken = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: OPERATION,
      name: 'alice',
      memberships: [{ orgID: t.org('ops'), role: 'member' }],
      password: { kind: 'none' },
    });
    expect(taken.message).toMatch(/A user named “alice” exists already/);
    expect(t.influx.state.users.size).toBe(4);
    t.influx.faults.add({
      method: 'POST',
      path: `/api/v2/orgs/${t.org('research')}/members`,
      fault: { kind: 'status', status: 500 },
      times: 1,
    });
    const failed = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: OPERATION,
      name: 'svc-half',
      password: { kind: 'generate' },
      memberships: [
        { orgID: t.org('ops'), role: 'owner' },
        { orgID: t.org('research'), role: 'member' },
      ],
    });
    expect(failed.message).toMatch(
      /^Creating the service user “svc-half” stopped at “Add it to research as member”: .*The steps before it were undone \(removed it from ops; removed its password from the vault; deleted user svc-half\): nothing was left behind\.$/,
    );
    expect(t.influx.state.findUserByName('svc-half')).toBeUndefined();
    expect(
      [...(t.influx.state.orgMembers.get(t.org('ops'))?.keys() ?? [])].every((id) => t.influx.state.users.has(id)),
    ).toBe(true);
    expect((await t.bridge.invoke('listVault')).filter((e) => e.kind === 'user-password')).toEqual([]);
    expect((await t.bridge.invoke('listConnections'))[0]?.serviceUsers).toEqual([]);
  });

  it('refuses a password the server refuses and undoes the user', async () => {
    const t = await setup();
    t.influx.state.strongPasswords = true;
    const failed = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: OPERATION,
      name: 'svc-weak',
      memberships: [{ orgID: t.org('ops'), role: 'member' }],
      password: { kind: 'typed', value: 'alllowercase' },
    });
    expect(failed.message).toMatch(
      /^Creating the service user “svc-weak” stopped at “Set its password”: .*three of the following.*deleted user svc-weak/is,
    );
    expect(t.influx.state.findUserByName('svc-weak')).toBeUndefined();
  });

  it('marks and unmarks an existing user', async () => {
    const t = await setup();
    const agent = t.influx.state.findUserByName('telegraf-agent')!.id;
    expect(
      (await t.bridge.invoke('markServiceUser', { connectionId: t.connectionId, userID: agent, service: true }))
        .serviceUsers,
    ).toEqual([agent]);
    expect(
      (await t.bridge.invoke('markServiceUser', { connectionId: t.connectionId, userID: agent, service: false }))
        .serviceUsers,
    ).toEqual([]);
  });
});

describe('re-issuing a token for a service user', () => {
  it('makes the same permissions owned by the service user, vaults the value, then retires the old one as chosen', async () => {
    const t = await setup();
    const svc = t.influx.state.addUser('svc-grafana').id;
    const old = t.influx.seed.tokens['aliceAllAccess']!;
    const made = await t.bridge.invoke('reissueToken', { connectionId: t.connectionId, id: old.id, userID: svc });
    const stored = t.influx.state.authorizations.get(made.token.id)!;
    expect(stored.userID).toBe(svc);
    expect(stored.description).toBe("alice's all-access token (re-issued for svc-grafana)");
    // The same set, with the permission on the old owner moved to the new one.
    const text = (ps: typeof stored.permissions, owner: string) =>
      ps
        .map((p) => `${p.action}:${p.resource.type}:${p.resource.id === owner ? 'OWNER' : (p.resource.id ?? '')}`)
        .sort();
    expect(text(stored.permissions, svc)).toEqual(text(old.permissions, old.userID));
    expect(made.vault.saved).toBe(true);
    await t.bridge.invoke('finishRotation', {
      connectionId: t.connectionId,
      oldId: old.id,
      newId: made.token.id,
      retire: 'deactivate',
    });
    expect(t.influx.state.authorizations.get(old.id)?.status).toBe('inactive');
    const entry = (await t.bridge.invoke('listVault')).find((e) => e.authorizationId === made.token.id);
    expect(entry?.source).toEqual({ kind: 'reissued', from: old.id });
  });
});
