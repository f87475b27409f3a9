/** The vault with servers and files, through the real dispatch against the emulator. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

async function setup(mode: Mode, core = createTestCore({ allowedOrigins: ['app://token-desk'] })) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const bridge = bridgeTo(core);
  const draft: ConnectionDraft = {
    name: mode,
    url: influx.url,
    token: influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
  };
  const { id } = await bridge.invoke('saveConnection', draft);
  return { influx, core, bridge, connectionId: id };
}

describe('reconcile', () => {
  it('tells active, inactive, deleted and deleted-user entries apart, and lists tokens without a value here', async () => {
    const { influx, bridge, connectionId } = await setup('oss-2.9');
    const bob = influx.state.findUserByName('bob')!.id;
    const make = (description: string, userID?: string) =>
      bridge.invoke('createToken', {
        connectionId,
        orgID: influx.seed.orgID,
        ...(userID ? { userID } : {}),
        description,
        status: 'active',
        spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
        saveToVault: true,
      });
    const [stays, paused, gone, orphan] = await Promise.all([
      make('stays'),
      make('paused'),
      make('gone'),
      make('orphan', bob),
    ]);
    influx.state.authorizations.get(paused.token.id)!.status = 'inactive';
    influx.state.removeAuthorization(gone.token.id);
    influx.state.deleteUser(bob);
    const report = await bridge.invoke('reconcileVault', { connectionId });
    const entries = await bridge.invoke('listVault');
    const stateOf = (authId: string) =>
      report.entries.find((r) => r.entryId === entries.find((e) => e.authorizationId === authId)?.id)?.state;
    expect([
      stateOf(stays.token.id),
      stateOf(paused.token.id),
      stateOf(gone.token.id),
      stateOf(orphan.token.id),
    ]).toEqual(['active', 'inactive', 'deleted', 'user-deleted']);
    expect(report.notInVault.map((t) => t.description)).toContain('Sensors writer');
    expect(report.notInVault.map((t) => t.id)).not.toContain(stays.token.id);
  });
});

describe('capture before an upgrade hashes the values', () => {
  it('saves every visible value on OSS 2.7, once', async () => {
    const { influx, bridge, connectionId, core } = await setup('oss-2.7');
    const list = await bridge.invoke('listTokens', { connectionId });
    expect(list.valuesReadable).toBe(true);
    const first = await bridge.invoke('captureValues', { connectionId });
    expect(first).toEqual({ saved: list.rows.length, alreadyInVault: 0 });
    expect(await bridge.invoke('captureValues', { connectionId })).toEqual({
      saved: 0,
      alreadyInVault: list.rows.length,
    });
    const entry = (await core.vault.list()).find((e) => e.description === 'Sensors writer')!;
    expect(entry.source).toEqual({ kind: 'captured' });
    await expect(core.vault.reveal(entry.id)).resolves.toBe(influx.seed.tokens['sensorsWriter']!.token);
    expect((await bridge.invoke('listTokens', { connectionId })).rows.every((r) => r.inVault)).toBe(true);
  });

  it('is not offered on OSS 2.9, whose values are hashed', async () => {
    const { bridge, connectionId } = await setup('oss-2.9');
    expect((await bridge.invoke('listTokens', { connectionId })).valuesReadable).toBe(false);
    expect((await bridge.failure('captureValues', { connectionId })).message).toMatch(/does not return token values/);
  });
});

describe('importing a value the user already has', () => {
  it('links it by plaintext on OSS 2.7 and by the token filter on Cloud', async () => {
    const old = await setup('oss-2.7');
    const outcome = await old.bridge.invoke('importTokenValue', {
      connectionId: old.connectionId,
      value: old.influx.seed.tokens['grafana']!.token,
    });
    expect(outcome).toMatchObject({
      kind: 'saved',
      entry: { description: 'Grafana read-only', source: { kind: 'imported' } },
    });
    const cloud = await setup('cloud');
    const viaFilter = await cloud.bridge.invoke('importTokenValue', {
      connectionId: cloud.connectionId,
      value: cloud.influx.seed.tokens['taskRunner']!.token,
    });
    expect(viaFilter).toMatchObject({
      kind: 'saved',
      entry: { authorizationId: cloud.influx.seed.tokens['taskRunner']!.id },
    });
  });

  it('asks the user to pick on OSS 2.9, among the tokens of the value’s own user', async () => {
    const { influx, bridge, connectionId, core } = await setup('oss-2.9');
    const value = influx.seed.tokens['grafana']!.token;
    const outcome = await bridge.invoke('importTokenValue', { connectionId, value });
    expect(outcome.kind).toBe('choose');
    const candidates = outcome.kind === 'choose' ? outcome.candidates : [];
    expect(new Set(candidates.map((c) => c.userName))).toEqual(new Set(['bob']));
    const picked = await bridge.invoke('importTokenValue', {
      connectionId,
      value,
      authorizationId: influx.seed.tokens['grafana']!.id,
    });
    expect(picked.kind).toBe('saved');
    const entry = (await core.vault.list())[0]!;
    await expect(core.vault.reveal(entry.id)).resolves.toBe(value);
    expect(
      (await bridge.failure('importTokenValue', { connectionId, value: 'not-a-real-token-value' })).message,
    ).toMatch(/is not a working token/);
  });
});

describe('moving the vault to another machine', () => {
  it('exports to a passphrase-encrypted file and imports it on a fresh data directory, without duplicates', async () => {
    const { influx, bridge, connectionId, core } = await setup('oss-2.9');
    const created = await bridge.invoke('createToken', {
      connectionId,
      orgID: influx.seed.orgID,
      description: 'to move ☃',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    });
    const file = join(core.dataDir, 'move.tdvault');
    core.dialogs.answers.save['export-vault'] = file;
    expect(await bridge.invoke('exportVault', { passphrase: 'a long export phrase' })).toEqual({
      path: file,
      count: 1,
    });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).not.toContain(created.value);
    expect(readFileSync(file, 'utf8')).not.toContain('to move');

    const other = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: createTestSecretBox() });
    const there = bridgeTo(other);
    other.dialogs.answers.open['vault-export'] = file;
    expect((await there.failure('importVault', { passphrase: 'wrong phrase!' })).code).toBe('WRONG_PASSPHRASE');
    expect(await there.invoke('importVault', { passphrase: 'a long export phrase' })).toEqual({
      added: 1,
      skipped: 0,
    });
    expect(await there.invoke('importVault', { passphrase: 'a long export phrase' })).toEqual({
      added: 0,
      skipped: 1,
    });
    const [moved] = await there.invoke('listVault');
    expect(moved).toMatchObject({ description: 'to move ☃' });
    expect((await there.invoke('revealVaultValue', { id: moved!.id })).value).toBe(created.value);

    const foreign = join(other.dataDir, 'foreign.tdvault');
    writeFileSync(foreign, '{"hello":1}');
    other.dialogs.answers.open['vault-export'] = foreign;
    expect((await there.failure('importVault', { passphrase: 'a long export phrase' })).code).toBe('IMPORT_FAILED');
  });
});

describe('v1 credential passwords', () => {
  it('move with the vault as what they are: a v1 password, with its username', async () => {
    const { influx, bridge, connectionId, core } = await setup('oss-2.9');
    const bucket = [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const made = await bridge.invoke('createV1Credential', {
      connectionId,
      orgID: influx.seed.orgID,
      username: 'moving-1x',
      description: 'moves',
      read: [bucket],
      write: [],
      password: { kind: 'generate' },
    });
    const file = join(core.dataDir, 'v1.tdvault');
    core.dialogs.answers.save['export-vault'] = file;
    await bridge.invoke('exportVault', { passphrase: 'a long export phrase' });
    const other = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: createTestSecretBox() });
    const there = bridgeTo(other);
    other.dialogs.answers.open['vault-export'] = file;
    expect(await there.invoke('importVault', { passphrase: 'a long export phrase' })).toEqual({ added: 1, skipped: 0 });
    const [moved] = await there.invoke('listVault');
    expect(moved).toMatchObject({
      kind: 'v1-password',
      login: 'moving-1x',
      description: 'moves',
      source: { kind: 'created' },
    });
    expect((await there.invoke('revealVaultValue', { id: moved!.id })).value).toBe(made.password);
  });
});
