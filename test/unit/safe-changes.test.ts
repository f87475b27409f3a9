/**
 * Safe changes through the real dispatch against the emulator: what uses a token, the connection's
 * own token, review dates, and permission changes as replacements (previewed, refused up front).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));
const NOW = new Date(2026, 10, 29, 10, 0, 0);

async function setup(mode: Mode = 'oss-2.9', token?: (e: Emulator) => string) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const core = createTestCore({ allowedOrigins: ['app://token-desk'], now: () => NOW });
  const bridge = bridgeTo(core);
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
  const bucket = (name: string) => [...influx.state.buckets.values()].find((b) => b.name === name)!.id;
  return { influx, core, bridge, connectionId, orgID: influx.seed.orgID, bucket };
}

describe('what uses a token', () => {
  it('names the Telegraf configuration a UI-made token reads, and on OSS the owner’s tasks', async () => {
    const t = await setup();
    const list = await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    const telegraf = t.influx.seed.tokens['telegraf']!.id;
    expect(list.dependents[telegraf]).toEqual([
      expect.objectContaining({
        kind: 'telegraf',
        name: 'host-metrics',
        effect: expect.stringMatching(/stops doing both/),
      }),
    ]);
    const detail = await t.bridge.invoke('getTokenDetail', {
      connectionId: t.connectionId,
      id: t.influx.seed.tokens['taskRunner']!.id,
      orgID: t.orgID,
    });
    expect(detail.dependents).toEqual([]);
    expect(detail.ownerTasks).toEqual([{ name: 'downsample-hourly', active: true }]);
  });

  it('names the tasks that run with a token on Cloud', async () => {
    const t = await setup('cloud');
    const runner = t.influx.seed.tokens['taskRunner']!.id;
    const list = await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    expect(list.dependents[runner]).toEqual([expect.objectContaining({ kind: 'task', name: 'downsample-hourly' })]);
    const detail = await t.bridge.invoke('getTokenDetail', {
      connectionId: t.connectionId,
      id: runner,
      orgID: t.orgID,
    });
    expect(detail.ownerTasks).toBeNull();
  });
});

describe('the connection’s own token', () => {
  it(
    'is found from its value on OSS 2.7, from the token filter on Cloud, from the vault’s fingerprint on 2.9, or ' +
      'from the user',
    async () => {
      const old = await setup('oss-2.7');
      expect((await old.bridge.invoke('listTokens', { connectionId: old.connectionId })).selfTokenId).toBe(
        old.influx.seed.tokens['operator']!.id,
      );
      const cloud = await setup('cloud');
      expect((await cloud.bridge.invoke('listTokens', { connectionId: cloud.connectionId })).selfTokenId).toBe(
        cloud.influx.seed.tokens['operator']!.id,
      );

      const t = await setup();
      // 2.9 hashes values; the operator token is the only active token of admin that could list them all.
      expect((await t.bridge.invoke('listTokens', { connectionId: t.connectionId })).selfTokenId).toBe(
        t.influx.seed.tokens['operator']!.id,
      );
      const made = await t.bridge.invoke('createToken', {
        connectionId: t.connectionId,
        orgID: t.orgID,
        description: 'for Token Desk',
        status: 'active',
        spec: { kind: 'all-access' },
        saveToVault: true,
      });
      await t.bridge.invoke('saveConnection', {
        id: t.connectionId,
        name: 'ops',
        url: t.influx.url,
        token: made.value,
        rememberToken: true,
        org: null,
        environment: { label: '', colour: 'grey' },
        timeoutMs: 5000,
        tls: { caFile: null, skipVerify: false },
      });
      expect((await t.bridge.invoke('listTokens', { connectionId: t.connectionId })).selfTokenId).toBe(made.token.id);
      const told = await t.bridge.invoke('markSelfToken', {
        connectionId: t.connectionId,
        id: t.influx.seed.tokens['grafana']!.id,
      });
      expect(told.selfTokenId).toBe(t.influx.seed.tokens['grafana']!.id);
    },
  );
});

describe('review dates', () => {
  it('default from the policy for tokens that write, can be set, cleared and counted when due, and go with the token', async () => {
    const t = await setup();
    const spec = (write: boolean) => ({
      kind: 'read-write' as const,
      read: { all: !write, ids: [] },
      write: { all: write, ids: [] },
    });
    const writer = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'w',
      status: 'active',
      spec: spec(true),
      saveToVault: false,
    });
    const reader = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'r',
      status: 'active',
      spec: spec(false),
      saveToVault: false,
    });
    const rows = (await t.bridge.invoke('listTokens', { connectionId: t.connectionId })).rows;
    expect(rows.find((r) => r.id === writer.token.id)?.reviewBy).toBe('2027-02-27');
    expect(rows.find((r) => r.id === reader.token.id)?.reviewBy).toBeNull();
    const due = await t.bridge.invoke('setTokenReview', {
      connectionId: t.connectionId,
      id: reader.token.id,
      reviewBy: '2026-11-01',
    });
    expect(due.reviewsDue).toBe(1);
    const policy = await t.bridge.invoke('setReviewPolicy', {
      connectionId: t.connectionId,
      writeDays: 30,
      otherDays: 365,
    });
    expect(policy.reviewPolicy).toEqual({ writeDays: 30, otherDays: 365 });
    const third = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'r2',
      status: 'active',
      spec: spec(false),
      saveToVault: false,
      reviewBy: null,
    });
    expect(
      (await t.bridge.invoke('listTokens', { connectionId: t.connectionId })).rows.find((r) => r.id === third.token.id)
        ?.reviewBy,
    ).toBeNull();
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: reader.token.id });
    expect((await t.bridge.invoke('listConnections'))[0]?.reviewsDue).toBe(0);

    // Many at once (the policy applied, a selection's date): one call sets and clears, and checks each day.
    const many = await t.bridge.invoke('setTokenReviews', {
      connectionId: t.connectionId,
      reviews: [
        { id: third.token.id, reviewBy: '2026-10-01' },
        { id: writer.token.id, reviewBy: null },
      ],
    });
    expect(many.reviewsDue).toBe(1);
    const listed = (await t.bridge.invoke('listTokens', { connectionId: t.connectionId })).rows;
    expect([third.token.id, writer.token.id].map((id) => listed.find((r) => r.id === id)?.reviewBy)).toEqual([
      '2026-10-01',
      null,
    ]);
    for (const reviews of [[], [{ id: third.token.id, reviewBy: '2026-13-45' }], [{ id: '__proto__', reviewBy: null }]])
      await expect(t.bridge.invoke('setTokenReviews', { connectionId: t.connectionId, reviews })).rejects.toMatchObject(
        {
          code: 'VALIDATION',
        },
      );
  });
});

describe('changing permissions', () => {
  it('previews the difference in words, then makes a replacement that says what it replaced and is linked in the vault', async () => {
    const t = await setup();
    const old = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'Edge',
      status: 'active',
      spec: { kind: 'read-write', read: { all: false, ids: [] }, write: { all: false, ids: [t.bucket('sensors')] } },
      saveToVault: true,
    });
    const change = {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'Edge',
      status: 'active' as const,
      spec: {
        kind: 'read-write' as const,
        read: { all: false, ids: [t.bucket('logs')] },
        write: { all: false, ids: [] },
      },
      saveToVault: true,
    };
    const before = t.influx.state.authorizations.size;
    const preview = await t.bridge.invoke('previewReplacement', { ...change, replaces: old.token.id });
    expect(preview).toEqual({ added: ['Read buckets: logs'], removed: ['Write buckets: sensors'], kept: 0 });
    expect(t.influx.state.authorizations.size).toBe(before);
    const made = await t.bridge.invoke('createToken', { ...change, replaces: old.token.id });
    expect(made.token.description).toBe(`Edge (replaces ${old.token.id})`);
    expect(t.influx.state.authorizations.get(made.token.id)?.permissions).toEqual([
      { action: 'read', resource: { type: 'buckets', orgID: t.orgID, id: t.bucket('logs') } },
    ]);
    const vault = await t.bridge.invoke('listVault');
    expect(vault.find((e) => e.authorizationId === old.token.id)?.replacedBy).toBe(made.token.id);
    expect(vault.find((e) => e.authorizationId === made.token.id)?.source).toEqual({
      kind: 'replaced',
      from: old.token.id,
    });
    expect((await t.bridge.invoke('listHistory')).entries[0]).toMatchObject({
      action: 'token.replace',
      target: made.token.id,
    });
  });

  it('refuses an escalation up front, as generation does, creating nothing', async () => {
    const t = await setup('oss-2.9', (e) => e.seed.tokens['aliceAllAccess']!.token);
    const mine = t.influx.seed.tokens['unicode']!.id;
    const before = t.influx.state.authorizations.size;
    const refused = await t.bridge.failure('previewReplacement', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: '',
      status: 'active',
      spec: { kind: 'custom', permissions: [{ action: 'write', type: 'users' }] },
      saveToVault: true,
      replaces: mine,
    });
    expect(refused.message).toMatch(/does not hold write:users/);
    expect(t.influx.state.authorizations.size).toBe(before);
  });
});

describe('the connection’s own token on OSS 2.9, where no value is read back', () => {
  it('is the one active token of its user that could have listed the others; with two, both are guarded until the user says', async () => {
    const alice = await setup('oss-2.9', (e) => e.seed.tokens['aliceAllAccess']!.token);
    // alice's other tokens hold no read:authorizations: they could not have listed anything.
    const list = await alice.bridge.invoke('listTokens', { connectionId: alice.connectionId });
    expect(list.selfTokenId).toBe(alice.influx.seed.tokens['aliceAllAccess']!.id);
    expect(list.selfCandidates).toEqual([]);
    const saved = (await alice.bridge.invoke('listConnections', undefined)).find((c) => c.id === alice.connectionId);
    expect(saved?.selfTokenId).toBe(alice.influx.seed.tokens['aliceAllAccess']!.id);

    const t = await setup();
    const second = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'second operator',
      status: 'active',
      spec: { kind: 'operator' },
      saveToVault: false,
    });
    // A fresh connection with the seed's operator token: two operator tokens of admin could be it.
    const { id: fresh } = await t.bridge.invoke('saveConnection', {
      name: 'ops again',
      url: t.influx.url,
      token: t.influx.operatorToken,
      rememberToken: true,
      org: null,
      environment: { label: '', colour: 'grey' },
      timeoutMs: 5000,
      tls: { caFile: null, skipVerify: false },
    });
    await t.bridge.invoke('checkConnection', { id: fresh });
    const both = await t.bridge.invoke('listTokens', { connectionId: fresh });
    expect(both.selfTokenId).toBeNull();
    expect([...both.selfCandidates].sort()).toEqual([t.influx.seed.tokens['operator']!.id, second.token.id].sort());
    // Deactivated, the second can no longer be it (the connection's own token works).
    await t.bridge.invoke('setTokenStatus', {
      connectionId: fresh,
      id: second.token.id,
      status: 'inactive',
      description: 'second operator',
    });
    expect((await t.bridge.invoke('listTokens', { connectionId: fresh })).selfTokenId).toBe(
      t.influx.seed.tokens['operator']!.id,
    );
  });
});
