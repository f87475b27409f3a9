/**
 * Tokens through the real dispatch against the emulator in each mode: generate each kind, clone,
 * rotate, activate/deactivate, describe, delete; the vault receives every value first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import type { TokenSpec } from '$contract/tokens';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { FakeTimers } from '../support/fake-timers';
import { bridgeTo, type Bridge } from '../support/invoke';
import { createTestCore, type TestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';

const crossed: string[] = [];
const emulators: Emulator[] = [];

async function setup(
  mode: Mode,
  options: { token?: (e: Emulator) => string; core?: Partial<Parameters<typeof createTestCore>[0]> } = {},
) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const core = createTestCore({
    allowedOrigins: ['app://token-desk'],
    now: () => new Date(2026, 10, 28, 9, 5, 7),
    ...options.core,
  });
  const bridge = bridgeTo(core, crossed);
  const draft: ConnectionDraft = {
    name: `emulator ${mode}`,
    url: influx.url,
    token: options.token ? options.token(influx) : influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
  };
  const connection = await bridge.invoke('saveConnection', draft);
  return { influx, core, bridge, connectionId: connection.id, orgID: influx.seed.orgID };
}

const bucketId = (influx: Emulator, name: string) =>
  [...influx.state.buckets.values()].find((b) => b.name === name)!.id;

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  // Values cross the bridge only in creation answers: count them against what was created.
  const all = crossed.join('\n');
  for (const e of emulators) {
    for (const a of e.state.authorizations.values()) {
      const seen = all.split(a.token).length - 1;
      expect(seen, `value of ${a.description} crossed the bridge`).toBeLessThanOrEqual(1);
    }
  }
});

describe.each(['oss-2.7', 'oss-2.9', 'cloud'] as const)('tokens on %s', (mode) => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    t = await setup(mode);
  });

  it('lists what the connection’s token can see, with kinds and summaries', async () => {
    const list = await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    expect(list.product).toBe(mode === 'cloud' ? 'cloud' : 'oss');
    expect(list.valuesReadable).toBe(mode === 'oss-2.7');
    const byDescription = new Map(list.rows.map((r) => [r.description, r]));
    if (mode !== 'cloud') {
      expect(byDescription.get("admin's Token")?.summary).toBe('Operator');
      expect(byDescription.get("alice's all-access token")?.summary).toBe('All access');
      expect(byDescription.get('Reports (research)')).toMatchObject({
        orgName: 'research',
        summary: 'R experiments · W sandbox',
      });
      expect(byDescription.has("Carol's laptop")).toBe(false);
    }
    expect(list.rows.every((r) => !r.inVault)).toBe(true);
    // No value in a list answer, whatever the server returned.
    for (const a of t.influx.state.authorizations.values()) expect(JSON.stringify(list)).not.toContain(a.token);
  });

  it('generates an all-access token: the value comes once, already in the vault, encrypted on disk', async () => {
    const created = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'CI pipeline',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    });
    expect(created.value).toMatch(/^[A-Za-z0-9_-]{86}==$/);
    expect(created.vault.saved).toBe(true);
    expect(created.token).toMatchObject({
      kind: 'all-access',
      summary: 'All access',
      inVault: true,
      description: 'CI pipeline',
    });
    const onDisk = readFileSync(join(t.core.dataDir, 'vault.json'), 'utf8');
    expect(onDisk).not.toContain(created.value);
    expect(onDisk).toContain(created.token.id);
    const entry = (await t.core.vault.list()).find((e) => e.authorizationId === created.token.id)!;
    await expect(t.core.vault.reveal(entry.id)).resolves.toBe(created.value);
    const list = await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    expect(list.rows.find((r) => r.id === created.token.id)?.inVault).toBe(true);
  });

  it('generates a read/write token for chosen buckets, with the UI’s description when blank', async () => {
    const sensors = bucketId(t.influx, 'sensors');
    const logs = bucketId(t.influx, 'logs');
    const spec: TokenSpec = {
      kind: 'read-write',
      read: { all: false, ids: [sensors] },
      write: { all: false, ids: [logs] },
    };
    const created = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: '',
      status: 'inactive',
      spec,
      saveToVault: true,
    });
    expect(created.token).toMatchObject({
      description: 'Read buckets sensors Write buckets logs',
      status: 'inactive',
      summary: 'R sensors · W logs',
    });
    expect(t.influx.state.authorizations.get(created.token.id)?.permissions).toEqual([
      { action: 'read', resource: { type: 'buckets', orgID: t.orgID, id: sensors } },
      { action: 'write', resource: { type: 'buckets', orgID: t.orgID, id: logs } },
    ]);
  });

  it('generates a custom token, for another user, with a unicode description', async () => {
    const users = await t.bridge.invoke('getTokenResources', { connectionId: t.connectionId, orgID: t.orgID });
    const self = users.me;
    const telegraf = users.telegrafs.find((x) => x.name === 'host-metrics')!;
    const spec: TokenSpec = {
      kind: 'custom',
      permissions: [
        { action: 'read', type: 'telegrafs', id: telegraf.id },
        { action: 'write', type: 'dashboards' },
      ],
    };
    const created = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      userID: self.id,
      description: 'Météo ☂ édition',
      status: 'active',
      spec,
      saveToVault: true,
    });
    expect(created.token).toMatchObject({ description: 'Météo ☂ édition', kind: 'custom', userName: self.name });
    const detail = await t.bridge.invoke('getTokenDetail', { connectionId: t.connectionId, id: created.token.id });
    expect(detail.groups).toEqual([
      { type: 'telegrafs', entries: [{ action: 'read', scope: 'host-metrics', deleted: false }] },
      { type: 'dashboards', entries: [{ action: 'write', scope: 'all in org ops', deleted: false }] },
    ]);
    expect(detail.json).not.toContain(created.value);
    expect(detail.cli.note).toMatch(/cannot grant single telegrafs items/);
    expect(detail.curl).toContain('$INFLUX_TOKEN');
  });

  it(
    mode === 'cloud' ? 'refuses operator tokens, which Cloud does not have' : 'generates an operator token',
    async () => {
      const input = {
        connectionId: t.connectionId,
        orgID: t.orgID,
        description: 'root',
        status: 'active' as const,
        spec: { kind: 'operator' as const },
        saveToVault: true,
      };
      if (mode === 'cloud') {
        expect(await t.bridge.failure('createToken', input)).toEqual({
          code: 'FORBIDDEN',
          message: 'InfluxDB Cloud has no operator tokens. Choose one of: Read/Write, All access, Custom.',
        });
      } else {
        expect((await t.bridge.invoke('createToken', input)).token.summary).toBe('Operator');
      }
    },
  );

  it('clones with the same permissions and user and the UI’s "(cloned at …)" description', async () => {
    const source = t.influx.seed.tokens['taskRunner']!;
    const cloned = await t.bridge.invoke('cloneToken', {
      connectionId: t.connectionId,
      id: source.id,
      saveToVault: true,
    });
    expect(cloned.token.description).toBe('Task runner (cloned at 2026-11-28 09:05:07)');
    expect(cloned.token.userID).toBe(source.userID);
    expect(t.influx.state.authorizations.get(cloned.token.id)?.permissions).toEqual(source.permissions);
    expect((await t.core.vault.list()).find((e) => e.authorizationId === cloned.token.id)?.source).toEqual({
      kind: 'cloned',
      from: source.id,
    });
  });

  it('rotates: a twin with a new value in the vault, then the old one retired and linked', async () => {
    const old = t.influx.seed.tokens['taskRunner']!;
    const fresh = await t.bridge.invoke('rotateToken', { connectionId: t.connectionId, id: old.id });
    expect(fresh.value).not.toBe(old.token);
    expect(fresh.vault.saved).toBe(true);
    expect(t.influx.state.authorizations.get(old.id)?.status).toBe('active');
    await t.bridge.invoke('finishRotation', {
      connectionId: t.connectionId,
      oldId: old.id,
      newId: fresh.token.id,
      retire: 'deactivate',
    });
    expect(t.influx.state.authorizations.get(old.id)?.status).toBe('inactive');
    const entry = (await t.core.vault.list()).find((e) => e.authorizationId === fresh.token.id)!;
    expect(entry.source).toEqual({ kind: 'rotated', from: old.id });
  });

  it('activates, deactivates, renames and deletes; a token deleted meanwhile is reported', async () => {
    const target = t.influx.seed.tokens['taskRunner']!;
    expect(
      (await t.bridge.invoke('setTokenStatus', { connectionId: t.connectionId, id: target.id, status: 'inactive' }))
        .status,
    ).toBe('inactive');
    expect(
      (await t.bridge.invoke('setTokenStatus', { connectionId: t.connectionId, id: target.id, status: 'active' }))
        .status,
    ).toBe('active');
    expect(
      (
        await t.bridge.invoke('setTokenDescription', {
          connectionId: t.connectionId,
          id: target.id,
          description: 'Grafana ☀',
        })
      ).description,
    ).toBe('Grafana ☀');
    const created = await t.bridge.invoke('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: 'temp',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: false,
    });
    expect(created.vault).toEqual({ saved: false, reason: 'You chose not to save this value in the vault.' });
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: created.token.id });
    expect(await t.bridge.failure('deleteToken', { connectionId: t.connectionId, id: created.token.id })).toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'This token no longer exists on the server: it was deleted meanwhile.',
      },
    );
  });
});

describe('refusing up front what InfluxDB would refuse', () => {
  it('an all-access token cannot grant operator rights: explained before any request is made', async () => {
    const t = await setup('oss-2.9', { token: (e) => e.seed.tokens['aliceAllAccess']!.token });
    const before = t.influx.state.authorizations.size;
    const error = await t.bridge.failure('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: '',
      status: 'active',
      spec: { kind: 'operator' },
      saveToVault: true,
    });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(
      /^This connection's token does not hold read:authorizations, so it cannot grant it: a token can only grant what it holds/,
    );
    expect(t.influx.state.authorizations.size).toBe(before);
  });

  it('a token without write:authorizations is told so in plain words, naming the org', async () => {
    const t = await setup('oss-2.7', { token: (e) => e.seed.tokens['blank']!.token });
    const error = await t.bridge.failure('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      description: '',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: true,
    });
    expect(error).toEqual({
      code: 'UNAUTHORIZED',
      message: "This connection's token cannot create tokens here: it lacks write:authorizations in org ops.",
    });
  });

  it('a token cannot create tokens in an org it cannot write to', async () => {
    const t = await setup('oss-2.9', { token: (e) => e.seed.tokens['aliceAllAccess']!.token });
    const research = t.influx.state.findOrgByName('research')!.id;
    const error = await t.bridge.failure('createToken', {
      connectionId: t.connectionId,
      orgID: research,
      description: '',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: true,
    });
    expect(error).toEqual({
      code: 'UNAUTHORIZED',
      message: `This connection's token cannot create tokens here: it lacks write:authorizations in org ${research}.`,
    });
  });

  it('the server’s answer still wins: a refusal past the pre-check is explained too', async () => {
    const t = await setup('oss-2.9', { token: (e) => e.seed.tokens['aliceAllAccess']!.token });
    const bob = t.influx.state.findUserByName('bob')!.id;
    const error = await t.bridge.failure('createToken', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      userID: bob,
      description: '',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: true,
    });
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: `This connection's token lacks write:users (${bob}).`,
    });
  });
});

describe('a value is never lost', () => {
  it('when the vault cannot store it, the value is still returned, with the reason', async () => {
    // The connection token is kept for the session; the vault refuses basic_text.
    const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    emulators.push(influx);
    const core = createTestCore({
      allowedOrigins: ['app://token-desk'],
      secretBox: createTestSecretBox({ backend: 'basic_text' }),
    });
    const bridge: Bridge = bridgeTo(core, crossed);
    const connection = await bridge.invoke('saveConnection', {
      name: 'weak',
      url: influx.url,
      token: influx.operatorToken,
      rememberToken: false,
      org: null,
      environment: { label: '', colour: 'grey' },
      timeoutMs: 5000,
      tls: { caFile: null, skipVerify: false },
    });
    const created = await bridge.invoke('createToken', {
      connectionId: connection.id,
      orgID: influx.seed.orgID,
      description: 'x',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    });
    expect(created.value).toMatch(/==$/);
    expect(created.vault.saved).toBe(false);
    expect(created.vault.saved === false && created.vault.reason).toMatch(/No keyring was found/);
  });
});

describe('copying', () => {
  it('clears a copied secret after 30 s, but not what the user copied since', async () => {
    const timers = new FakeTimers();
    const core: TestCore = createTestCore({ allowedOrigins: ['app://token-desk'], timers });
    const bridge = bridgeTo(core);
    expect(await bridge.invoke('copyText', { text: 'secret-1', secret: true })).toEqual({ clearsAfterSeconds: 30 });
    expect(core.clipboard).toMatchObject({ text: 'secret-1', concealed: true });
    await timers.advance(29_000);
    expect(core.clipboard.text).toBe('secret-1');
    await timers.advance(1_000);
    expect(core.clipboard.text).toBe('');

    await bridge.invoke('copyText', { text: 'secret-2', secret: true });
    core.clipboard.text = 'something the user copied';
    await timers.advance(30_000);
    expect(core.clipboard.text).toBe('something the user copied');

    expect(await bridge.invoke('copyText', { text: 'influx auth create …', secret: false })).toEqual({
      clearsAfterSeconds: null,
    });
    await timers.advance(60_000);
    expect(core.clipboard).toMatchObject({ text: 'influx auth create …', concealed: false });
  });

  it('clears on quit only if the clipboard still holds the secret', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'], timers: new FakeTimers() });
    await bridgeTo(core).invoke('copyText', { text: 'secret-3', secret: true });
    await core.secretClipboard.clearIfUnchanged();
    expect(core.clipboard.text).toBe('');
  });
});
