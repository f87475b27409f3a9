/**
 * Connection profiles through the real dispatch, against the emulator: what the renderer receives
 * (never a token), what lands on disk (only ciphertext), and every path a person takes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDraft } from '$contract/connections';
import type { Envelope } from '$contract/errors';
import { channelOf, type ArgsOf, type CallName, type ResultOf } from '$contract/ipc';
import { startEmulator, type Emulator } from '../emulator/index';
import { createTestCore, type TestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';

const APP = 'app://token-desk/index.html';
/** Everything that crossed the bridge in this file, to scan for secrets. */
const crossed: string[] = [];

async function invoke<K extends CallName>(core: TestCore, name: K, args?: ArgsOf<K>): Promise<ResultOf<K>> {
  const envelope = (await core.dispatch(channelOf(name), APP, args)) as Envelope<ResultOf<K>>;
  crossed.push(JSON.stringify(envelope));
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.value;
}

async function failure<K extends CallName>(
  core: TestCore,
  name: K,
  args?: ArgsOf<K>,
): Promise<{ code: string; message: string }> {
  const envelope = await core.dispatch(channelOf(name), APP, args);
  crossed.push(JSON.stringify(envelope));
  if (envelope.ok) throw new Error(`${name} succeeded, but a failure was expected`);
  return envelope.error;
}

function draft(influx: Emulator, change: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return {
    name: `Emulator ${influx.mode}`,
    url: influx.url,
    token: influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: 'staging', colour: 'orange' },
    timeoutMs: 5000,
    tls: { caFile: null, skipVerify: false },
    ...change,
  };
}

const settingsFile = (core: TestCore) => readFileSync(join(core.dataDir, 'settings.json'), 'utf8');

let oss27: Emulator;
let oss29: Emulator;
let cloud: Emulator;
const secrets = () => [oss27, oss29, cloud].flatMap((e) => [...e.state.authorizations.values()].map((a) => a.token));

beforeAll(async () => {
  [oss27, oss29, cloud] = await Promise.all([
    startEmulator({ mode: 'oss-2.7', seed: 'demo' }),
    startEmulator({ mode: 'oss-2.9', seed: 'demo' }),
    startEmulator({ mode: 'cloud', seed: 'demo' }),
  ]);
});
afterAll(async () => {
  await Promise.all([oss27, oss29, cloud].map((e) => e.close()));
  // The leak check over everything every test in this file sent to the renderer.
  const all = crossed.join('\n');
  for (const secret of secrets()) expect(all).not.toContain(secret);
});

describe('three instances side by side', () => {
  let core: TestCore;

  it('holds two OSS modes and a Cloud instance, switches between them and tells what each token can do', async () => {
    // One box for both runs: the OS key store outlives the app.
    const box = createTestSecretBox();
    core = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: box });
    const a = await invoke(
      core,
      'saveConnection',
      draft(oss27, { environment: { label: 'production', colour: 'red' } }),
    );
    const b = await invoke(core, 'saveConnection', draft(oss29, { token: oss29.seed.tokens['aliceAllAccess']!.token }));
    const c = await invoke(core, 'saveConnection', draft(cloud));
    expect([a.token, b.token, c.token]).toEqual(['keystore', 'keystore', 'keystore']);
    expect((await invoke(core, 'listConnections')).map((s) => [s.name, s.selected])).toEqual([
      ['Emulator oss-2.7', true],
      ['Emulator oss-2.9', false],
      ['Emulator cloud', false],
    ]);

    const checkA = await invoke(core, 'checkConnection', { id: a.id });
    expect(checkA).toMatchObject({ product: 'oss', version: 'v2.7.12', capabilities: { operator: true } });
    await invoke(core, 'selectConnection', { id: b.id });
    const checkB = await invoke(core, 'checkConnection', { id: b.id });
    expect(checkB.summary).toMatch(/only its own user's tokens\); cannot create operator tokens\.$/);
    const checkC = await invoke(core, 'checkConnection', { id: c.id });
    expect(checkC).toMatchObject({ product: 'cloud', capabilities: { operator: false } });

    // The check adopted each profile's org, and the selection survives a restart.
    const restarted = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir: core.dataDir, secretBox: box });
    const listed = await invoke(restarted, 'listConnections');
    expect(listed.find((s) => s.selected)?.id).toBe(b.id);
    expect(listed.map((s) => s.org?.name)).toEqual(['ops', 'ops', 'ops']);
    // Tokens survive too: the restarted core can check with what it decrypts.
    await expect(invoke(restarted, 'checkConnection', { id: c.id })).resolves.toMatchObject({ product: 'cloud' });
  });

  it('keeps tokens out of the settings file: ciphertext only', async () => {
    core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    await invoke(core, 'saveConnection', draft(oss29));
    const onDisk = settingsFile(core);
    expect(onDisk).not.toContain(oss29.operatorToken);
    const stored = (JSON.parse(onDisk) as { connections: { tokenCipher: string }[] }).connections[0]!;
    expect(Buffer.from(stored.tokenCipher, 'base64').length).toBeGreaterThan(88);
  });
});

describe('editing', () => {
  it('keeps the stored token when the form leaves it empty, and replaces it when given', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const saved = await invoke(core, 'saveConnection', draft(oss29));
    const { token: _omit, ...withoutToken } = draft(oss29, { id: saved.id, name: 'Renamed' });
    const renamed = await invoke(core, 'saveConnection', withoutToken);
    expect([renamed.name, renamed.token]).toEqual(['Renamed', 'keystore']);
    await expect(invoke(core, 'checkConnection', { id: saved.id })).resolves.toMatchObject({ user: { name: 'admin' } });
    await invoke(
      core,
      'saveConnection',
      draft(oss29, { id: saved.id, token: oss29.seed.tokens['aliceAllAccess']!.token }),
    );
    await expect(invoke(core, 'checkConnection', { id: saved.id })).resolves.toMatchObject({ user: { name: 'alice' } });
  });

  it('starts a new connection with the policy chosen for new ones, and leaves existing ones as they were', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const before = await invoke(core, 'saveConnection', draft(oss29));
    expect(before.reviewPolicy).toEqual({ writeDays: 90, otherDays: null });
    const prefs = await invoke(core, 'setPreferences', { newReviewPolicy: { writeDays: null, otherDays: 365 } });
    expect(prefs.newReviewPolicy).toEqual({ writeDays: null, otherDays: 365 });
    const after = await invoke(core, 'saveConnection', draft(oss27));
    expect(after.reviewPolicy).toEqual({ writeDays: null, otherDays: 365 });
    // Editing keeps the connection's own policy.
    const edited = await invoke(core, 'saveConnection', { ...draft(oss29, { name: 'Renamed' }), id: before.id });
    expect(edited.reviewPolicy).toEqual({ writeDays: 90, otherDays: null });
    expect((await failure(core, 'setPreferences', { newReviewPolicy: { writeDays: 0, otherDays: null } })).code).toBe(
      'VALIDATION',
    );
  });

  it('tests a draft before saving, with its token or the saved one', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    await expect(invoke(core, 'checkDraft', draft(cloud))).resolves.toMatchObject({ product: 'cloud' });
    expect(await invoke(core, 'listConnections')).toEqual([]);
    const saved = await invoke(core, 'saveConnection', draft(oss27));
    const { token: _omit, ...noToken } = draft(oss27, { id: saved.id });
    await expect(invoke(core, 'checkDraft', noToken)).resolves.toMatchObject({ version: 'v2.7.12' });
    const { token: _none, ...fresh } = draft(oss27);
    expect(await failure(core, 'checkDraft', fresh)).toMatchObject({
      code: 'CONNECTION_INVALID',
      message: 'Enter the API token this connection should use.',
    });
  });

  it('duplicates, reorders, removes, and moves the selection off a removed connection', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const first = await invoke(core, 'saveConnection', draft(oss27, { name: 'one' }));
    await invoke(core, 'saveConnection', draft(oss29, { name: 'two' }));
    const copy = await invoke(core, 'duplicateConnection', { id: first.id });
    expect(copy).toMatchObject({ name: 'one (copy)', token: 'keystore', url: oss27.url });
    expect((await invoke(core, 'listConnections')).map((c) => c.name)).toEqual(['one', 'one (copy)', 'two']);
    await expect(invoke(core, 'checkConnection', { id: copy.id })).resolves.toMatchObject({ version: 'v2.7.12' });
    expect((await invoke(core, 'moveConnection', { id: first.id, direction: 'down' })).map((c) => c.name)).toEqual([
      'one (copy)',
      'one',
      'two',
    ]);
    expect((await invoke(core, 'moveConnection', { id: first.id, direction: 'down' })).map((c) => c.name)).toEqual([
      'one (copy)',
      'two',
      'one',
    ]);
    expect((await invoke(core, 'moveConnection', { id: first.id, direction: 'down' })).map((c) => c.name)).toEqual([
      'one (copy)',
      'two',
      'one',
    ]);
    const left = await invoke(core, 'removeConnection', { id: first.id });
    expect(left.map((c) => c.name)).toEqual(['one (copy)', 'two']);
    expect(left.find((c) => c.selected)?.name).toBe('one (copy)');
    expect(settingsFile(core)).not.toContain(first.id);
    expect(await failure(core, 'checkConnection', { id: first.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a bad URL and saves nothing', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const error = await failure(core, 'saveConnection', draft(oss29, { url: 'ftp://influx' }));
    expect(error).toEqual({
      code: 'CONNECTION_INVALID',
      message: 'The URL must start with http:// or https://, not ftp://.',
    });
    expect(await invoke(core, 'listConnections')).toEqual([]);
  });
});

describe('TLS options', () => {
  it('trusts an extra CA from a PEM file, and refuses a file that is not one', async () => {
    const secure = await startEmulator({ tls: true });
    try {
      const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
      const caFile = join(core.dataDir, 'ca.pem');
      writeFileSync(caFile, secure.tls!.ca);
      const plain = await failure(core, 'checkDraft', draft(secure));
      expect(plain.code).toBe('TLS');
      await expect(
        invoke(core, 'checkDraft', draft(secure, { tls: { caFile, skipVerify: false } })),
      ).resolves.toMatchObject({ product: 'oss' });
      await expect(
        invoke(core, 'checkDraft', draft(secure, { tls: { caFile: null, skipVerify: true } })),
      ).resolves.toMatchObject({ product: 'oss' });
      const notPem = join(core.dataDir, 'notes.txt');
      writeFileSync(notPem, 'hello');
      expect(
        (await failure(core, 'saveConnection', draft(secure, { tls: { caFile: notPem, skipVerify: false } }))).message,
      ).toMatch(/does not hold a PEM certificate/);
    } finally {
      await secure.close();
    }
  });
});

describe('without an OS key store (Linux basic_text)', () => {
  it('refuses to remember a token, keeps it for the session when asked, and forgets it on restart', async () => {
    const weak = createTestSecretBox({ backend: 'basic_text' });
    const core = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: weak });
    const refused = await failure(core, 'saveConnection', draft(oss29));
    expect(refused.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(refused.message).toMatch(/No keyring was found.*untick “Remember the token”/s);
    expect(await invoke(core, 'listConnections')).toEqual([]);
    const session = await invoke(core, 'saveConnection', draft(oss29, { rememberToken: false }));
    expect(session.token).toBe('session');
    await expect(invoke(core, 'checkConnection', { id: session.id })).resolves.toMatchObject({ product: 'oss' });
    expect(settingsFile(core)).not.toContain(oss29.operatorToken);
    const restarted = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir: core.dataDir, secretBox: weak });
    expect((await invoke(restarted, 'listConnections'))[0]?.token).toBe('none');
    expect((await failure(restarted, 'checkConnection', { id: session.id })).message).toMatch(/No token is stored/);
  });

  it('explains a stored token that can no longer be decrypted', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const saved = await invoke(core, 'saveConnection', draft(oss29));
    // Another key: as after the OS key store was reset.
    const other = createTestCore({
      allowedOrigins: ['app://token-desk'],
      dataDir: core.dataDir,
      secretBox: createTestSecretBox(),
    });
    const error = await failure(other, 'checkConnection', { id: saved.id });
    expect(error.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/cannot be decrypted.*enter the token again/);
  });
});

describe('influx CLI configs', () => {
  const toml = (influx: Emulator) => `
[local]
  url = "${influx.url}"
  token = "${influx.operatorToken}"
  org = "research"
  active = true

[cloud-eu]
  url = "${cloud.url}"
  token = "${cloud.operatorToken}"
  org = "ops"

[broken]
  org = "nothing"
`;

  it('previews without tokens, imports the chosen ones with tokens sealed, and uses the config’s org', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const path = join(core.homeDir, '.influxdbv2', 'configs');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(core.homeDir, '.influxdbv2'));
    writeFileSync(path, toml(oss29));
    const preview = await invoke(core, 'previewCliImport', {});
    expect(preview).toEqual({
      path,
      skipped: ['broken'],
      configs: [
        { name: 'local', url: oss29.url, org: 'research', active: true, hasToken: true, alreadyImported: false },
        { name: 'cloud-eu', url: cloud.url, org: 'ops', active: false, hasToken: true, alreadyImported: false },
      ],
    });
    await invoke(core, 'setPreferences', { newReviewPolicy: { writeDays: 14, otherDays: 60 } });
    const imported = await invoke(core, 'importCliConfigs', { path, names: ['local', 'cloud-eu'] });
    expect(imported.map((c) => c.reviewPolicy)).toEqual([
      { writeDays: 14, otherDays: 60 },
      { writeDays: 14, otherDays: 60 },
    ]);
    expect(imported.map((c) => [c.name, c.token])).toEqual([
      ['local', 'keystore'],
      ['cloud-eu', 'keystore'],
    ]);
    expect(settingsFile(core)).not.toContain(oss29.operatorToken);
    const local = imported[0]!;
    expect(await invoke(core, 'checkConnection', { id: local.id })).toMatchObject({ org: { name: 'research' } });
    expect((await invoke(core, 'previewCliImport', { path })).configs.every((c) => c.alreadyImported)).toBe(true);
  });

  it('says what is wrong with a file that is not TOML or not there', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const bad = join(core.dataDir, 'configs');
    writeFileSync(bad, '[local\nurl = ');
    expect(await failure(core, 'previewCliImport', { path: bad })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringMatching(/not valid TOML \(line 1, column \d+\)/),
    });
    expect((await failure(core, 'previewCliImport', {})).message).toMatch(
      /No influx CLI configs could be read at .*\.influxdbv2\/configs/,
    );
  });

  it('imports nothing when one token cannot be sealed', async () => {
    const core = createTestCore({
      allowedOrigins: ['app://token-desk'],
      secretBox: createTestSecretBox({ backend: 'basic_text' }),
    });
    const path = join(core.dataDir, 'configs');
    writeFileSync(path, toml(oss29));
    expect((await failure(core, 'importCliConfigs', { path, names: ['local', 'cloud-eu'] })).code).toBe(
      'SECRET_STORE_UNAVAILABLE',
    );
    expect(await invoke(core, 'listConnections')).toEqual([]);
  });
});

describe('export', () => {
  it('writes the profiles to the chosen JSON file without any token, and does nothing when cancelled', async () => {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    await invoke(core, 'saveConnection', draft(oss29));
    await invoke(core, 'saveConnection', draft(cloud, { rememberToken: false }));
    expect(await invoke(core, 'exportConnections')).toBeNull();
    const target = join(core.dataDir, 'export.json');
    core.dialogs.answers.save['export-connections'] = target;
    expect(await invoke(core, 'exportConnections')).toEqual({ path: target, count: 2 });
    const text = readFileSync(target, 'utf8');
    const exported = JSON.parse(text) as { format: string; connections: Record<string, unknown>[] };
    expect(exported.format).toBe('token-desk/connections');
    expect(exported.connections.map((c) => Object.keys(c).sort())).toEqual([
      ['environment', 'name', 'org', 'timeoutMs', 'tls', 'url'],
      ['environment', 'name', 'org', 'timeoutMs', 'tls', 'url'],
    ]);
    for (const secret of secrets()) expect(text).not.toContain(secret);
  });
});
