/**
 * Team vaults with the real tools, through the real dispatch against the emulator: every value Token
 * Desk makes lands in the team's KeePassXC database, pass store, Secret Service or command, read back
 * with that tool; a rotation updates the same entry; a failing destination never loses the value and
 * a retry works; a deleted credential's copy is marked retired; the value is never on a command line,
 * in an environment, a log, a message or a file of Token Desk's in clear.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationDraft, OmitEach, TeamCopy } from '$contract/team';
import type { VaultEntrySummary } from '$contract/vault';
import { startEmulator, type Emulator } from '../emulator/index';
import { influxd1Lookup, startInfluxd1, type Influxd1 } from '../support/influxd1';
import { connectCore, type Connected } from '../support/connect';
import {
  filesUnder,
  kdbxHistoryLength,
  kdbxList,
  kdbxShow,
  KDBX_PASSWORD,
  makeKdbx,
  makePassStore,
  missingTool,
  processesHolding,
  startKeyring,
  tempDir,
  type Keyring,
  type PassStore,
} from '../support/team-tools';

const emulators: Emulator[] = [];
const today = new Date().toISOString().slice(0, 10);

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function desk(toolEnv?: NodeJS.ProcessEnv): Promise<Connected & { influx: Emulator; orgID: string }> {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  emulators.push(influx);
  const connected = await connectCore(influx.url, influx.operatorToken, {
    name: 'prod',
    ...(toolEnv ? { toolEnv } : {}),
  });
  return { ...connected, influx, orgID: influx.seed.orgID };
}

async function destination(t: Connected, draft: OmitEach<DestinationDraft, 'id' | 'connectionIds'>): Promise<string> {
  const saved = await t.bridge.invoke('saveTeamDestination', {
    ...draft,
    id: null,
    connectionIds: [t.connectionId],
  } as DestinationDraft);
  return saved.id;
}

async function create(t: Connected & { orgID: string }, description: string) {
  return t.bridge.invoke('createToken', {
    connectionId: t.connectionId,
    orgID: t.orgID,
    description,
    status: 'active',
    spec: { kind: 'all-access' },
    saveToVault: true,
  });
}

function teamOf(created: { vault: { saved: boolean } & Partial<{ team: TeamCopy[] }> }): TeamCopy[] {
  expect(created.vault.saved).toBe(true);
  return created.vault.team ?? [];
}

async function entryOf(t: Connected, authorizationId: string): Promise<VaultEntrySummary> {
  const entry = (await t.bridge.invoke('listVault')).find((e) => e.authorizationId === authorizationId);
  expect(entry, `a vault entry for ${authorizationId}`).toBeDefined();
  return entry as VaultEntrySummary;
}

async function rotate(t: Connected, id: string) {
  const fresh = await t.bridge.invoke('rotateToken', { connectionId: t.connectionId, id });
  await t.bridge.invoke('finishRotation', {
    connectionId: t.connectionId,
    oldId: id,
    newId: fresh.token.id,
    retire: 'deactivate',
  });
  return fresh;
}

/** Nothing of Token Desk's (data folder, logs, every answer's reason) holds a value in clear. */
function expectNoLeak(t: Connected, values: string[]): void {
  const files = filesUnder(t.core.dataDir);
  for (const value of values) {
    for (const file of files) expect(file.text.includes(value), `${file.path} holds a value`).toBe(false);
    expect(t.core.logs.join('\n')).not.toContain(value);
    const answers = t.bridge.answers.filter(
      (a) => !['createToken', 'rotateToken', 'revealVaultValue'].includes(a.name),
    );
    for (const a of answers) expect(a.json, `${a.name} answered a value`).not.toContain(value);
  }
}

describe.skipIf(missingTool('keepassxc-cli'))('a KeePassXC database', () => {
  let t: Awaited<ReturnType<typeof desk>>;
  let file: string;
  let id: string;
  beforeAll(async () => {
    t = await desk();
    file = makeKdbx(tempDir('kdbx'));
    id = await destination(t, {
      kind: 'keepassxc',
      label: 'Team.kdbx',
      file,
      keyFile: null,
      group: 'InfluxDB/{connection}',
      passwordMode: 'saved',
      password: KDBX_PASSWORD,
      cli: 'keepassxc-cli',
    });
  }, 30_000);

  it('gets each new value as an entry: title, username, URL and notes, read back by keepassxc-cli', async () => {
    const created = await create(t, 'sensors writer');
    expect(teamOf(created)).toMatchObject([
      { destinationId: id, destination: 'Team.kdbx', state: 'sent', where: 'InfluxDB/prod/sensors writer' },
    ]);
    const shown = kdbxShow(file, 'InfluxDB/prod/sensors writer');
    expect(shown['Password']).toBe(created.value);
    expect(shown['URL']).toBe(t.influx.url);
    expect(shown['UserName']).toBe('admin');
    expect(shown['Notes']).toContain(`ID: ${created.token.id}`);
    expect(shown['Notes']).toContain('Kind: API token');
    expect(shown['Notes']).toMatch(/Permissions: .*Write buckets: all in/);
    // The settings hold the master password sealed, never in clear.
    expectNoLeak(t, [created.value, KDBX_PASSWORD]);
  });

  it('keeps a token of the same name apart, by its ID', async () => {
    const twin = await create(t, 'sensors writer');
    expect(teamOf(twin)[0]?.where).toBe(`InfluxDB/prod/sensors writer (${twin.token.id})`);
    expect(kdbxShow(file, `InfluxDB/prod/sensors writer (${twin.token.id})`)['Password']).toBe(twin.value);
  });

  it('updates the same entry on rotation; KeePassXC keeps the old value in its history', async () => {
    const made = await create(t, 'rotating writer');
    const fresh = await rotate(t, made.token.id);
    // The team knows it by its path: the entry keeps its title, with the new value and the new ID.
    expect(teamOf(fresh)[0]).toMatchObject({ state: 'sent', where: 'InfluxDB/prod/rotating writer' });
    expect(kdbxShow(file, 'InfluxDB/prod/rotating writer')['Notes']).toContain(`ID: ${fresh.token.id}`);
    expect(kdbxShow(file, 'InfluxDB/prod/rotating writer')['Password']).toBe(fresh.value);
    expect(kdbxHistoryLength(file, 'rotating writer')).toBe(1);
    // The old credential no longer owns that entry: deleting it later cannot retire the new value.
    const old = await entryOf(t, made.token.id);
    expect(old.team[0]).toMatchObject({ state: 'retired', reason: expect.stringContaining('rotating writer') });
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: made.token.id, description: '' });
    expect(kdbxShow(file, 'InfluxDB/prod/rotating writer')['Password']).toBe(fresh.value);
  });

  it('marks the copy of a deleted token retired, never deleting it; deleting it there is a choice', async () => {
    const made = await create(t, 'short lived');
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: made.token.id, description: '' });
    const retired = `InfluxDB/prod/short lived (retired ${today})`;
    expect((await entryOf(t, made.token.id)).team[0]).toMatchObject({ state: 'retired', where: retired });
    expect(kdbxShow(file, retired)['Password']).toBe(made.value);
    expect(kdbxShow(file, retired)['Notes']).toContain('deleted from the server');
    const entry = await entryOf(t, made.token.id);
    await t.bridge.invoke('deleteTeamCopy', { entryId: entry.id, destinationId: id, password: null });
    expect(kdbxList(file)).not.toMatch(/^InfluxDB\/prod\/short lived/m);
    expect(kdbxList(file)).toContain('Recycle Bin/short lived');
  });

  it('with a wrong master password: the value stays in the vault, the entry says why, Retry works', async () => {
    const wrong = await destination(t, {
      kind: 'keepassxc',
      label: 'Ops.kdbx',
      file: makeKdbx(tempDir('kdbx-ops'), 'the right one'),
      keyFile: null,
      group: 'InfluxDB',
      passwordMode: 'saved',
      password: 'not the right one',
      cli: 'keepassxc-cli',
    });
    const created = await create(t, 'ops reader');
    const copy = teamOf(created).find((c) => c.destinationId === wrong);
    expect(copy).toMatchObject({ state: 'not-sent', where: '' });
    expect(copy?.reason).toMatch(/KeePassXC could not add .*Invalid credentials/);
    const entry = await entryOf(t, created.token.id);
    expect(await t.bridge.invoke('revealVaultValue', { id: entry.id })).toEqual({ value: created.value });
    // The person fixes the password; Retry sends it.
    const saved = (await t.bridge.invoke('listTeamDestinations')).find((d) => d.id === wrong);
    if (saved?.kind !== 'keepassxc') throw new Error('the destination is gone');
    const { passwordSaved: _s, ...draft } = saved;
    await t.bridge.invoke('saveTeamDestination', { ...draft, password: 'the right one' });
    expect(
      await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: wrong, password: null }),
    ).toMatchObject({
      state: 'sent',
      where: 'InfluxDB/ops reader',
    });
    await t.bridge.invoke('removeTeamDestination', { id: wrong });
  });

  it('“Ask each time”: a new value waits for the master password, then goes with it', async () => {
    const askFile = makeKdbx(tempDir('kdbx-ask'), 'asked for');
    const ask = await destination(t, {
      kind: 'keepassxc',
      label: 'Asked.kdbx',
      file: askFile,
      keyFile: null,
      group: '',
      passwordMode: 'ask',
      password: null,
      cli: 'keepassxc-cli',
    });
    const created = await create(t, 'asked writer');
    expect(teamOf(created).find((c) => c.destinationId === ask)).toMatchObject({
      state: 'not-sent',
      reason: expect.stringMatching(/master password/),
    });
    const entry = await entryOf(t, created.token.id);
    await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: ask, password: 'asked for' });
    expect(kdbxShow(askFile, 'asked writer', 'asked for')['Password']).toBe(created.value);
    await t.bridge.invoke('removeTeamDestination', { id: ask });
  });

  it('gets a v1 password once the server took it; a new one updates the entry; a failed one never', async () => {
    const sensors = [...t.influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const made = await t.bridge.invoke('createV1Credential', {
      connectionId: t.connectionId,
      orgID: t.orgID,
      username: 'svc-team',
      description: 'Team reports',
      read: [sensors],
      write: [],
      password: { kind: 'generate' },
    });
    expect(teamOf(made)[0]).toMatchObject({ state: 'sent', where: 'InfluxDB/prod/Team reports' });
    expect(kdbxShow(file, 'InfluxDB/prod/Team reports')).toMatchObject({
      Password: made.password,
      UserName: 'svc-team',
    });
    const id = made.credential.id;
    const next = await t.bridge.invoke('setV1Password', {
      connectionId: t.connectionId,
      id,
      password: { kind: 'generate' },
    });
    expect(teamOf(next)[0]).toMatchObject({ state: 'sent', where: 'InfluxDB/prod/Team reports' });
    expect(kdbxShow(file, 'InfluxDB/prod/Team reports')['Password']).toBe(next.password);
    expect(kdbxHistoryLength(file, 'Team reports')).toBe(1);
    // The server fails the next change: the team's entry keeps the password that works.
    t.influx.faults.add({
      path: `/private/legacy/authorizations/${id}/password`,
      fault: { kind: 'status', status: 500 },
    });
    await t.bridge.failure('setV1Password', { connectionId: t.connectionId, id, password: { kind: 'generate' } });
    t.influx.faults.clear();
    expect(kdbxShow(file, 'InfluxDB/prod/Team reports')['Password']).toBe(next.password);
  });

  it('opens a database with its key file alone', async () => {
    const dir = tempDir('kdbx-key');
    const keyFile = join(dir, 'team.keyx');
    const keyed = join(dir, 'Keyed.kdbx');
    execFileSync('keepassxc-cli', ['db-create', '-q', '-t', '100', '--set-key-file', keyFile, keyed]);
    const id = await destination(t, {
      kind: 'keepassxc',
      label: 'Keyed.kdbx',
      file: keyed,
      keyFile,
      group: 'InfluxDB',
      passwordMode: 'none',
      password: null,
      cli: 'keepassxc-cli',
    });
    const created = await create(t, 'keyed writer');
    expect(teamOf(created).find((c) => c.destinationId === id)).toMatchObject({ state: 'sent' });
    const shown = execFileSync('keepassxc-cli', [
      'show',
      '-q',
      '-s',
      '-a',
      'Password',
      '-k',
      keyFile,
      '--no-password',
      keyed,
      'InfluxDB/keyed writer',
    ]);
    expect(shown.toString().trim()).toBe(created.value);
    await t.bridge.invoke('removeTeamDestination', { id });
  });

  it('sends existing vault entries in bulk, each once', async () => {
    const bulkFile = makeKdbx(tempDir('kdbx-bulk'));
    const before = [await create(t, 'bulk one'), await create(t, 'bulk two')];
    const bulk = await destination(t, {
      kind: 'keepassxc',
      label: 'Bulk.kdbx',
      file: bulkFile,
      keyFile: null,
      group: 'Bulk',
      passwordMode: 'saved',
      password: KDBX_PASSWORD,
      cli: 'keepassxc-cli',
    });
    for (const made of before) {
      const entry = await entryOf(t, made.token.id);
      const copy = await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: bulk, password: null });
      expect(copy.state).toBe('sent');
      // Sent again (a second bulk run): the same entry is updated, not doubled.
      await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: bulk, password: null });
    }
    expect(kdbxShow(bulkFile, 'Bulk/bulk one')['Password']).toBe(before[0]?.value);
    expect(kdbxShow(bulkFile, 'Bulk/bulk two')['Password']).toBe(before[1]?.value);
    expect(
      kdbxList(bulkFile)
        .split('\n')
        .filter((l) => l.startsWith('Bulk/bulk')),
    ).toHaveLength(2);
    await t.bridge.invoke('removeTeamDestination', { id: bulk });
  });
});

describe.skipIf(missingTool('pass', 'gpg', 'git'))('a pass store', () => {
  let t: Awaited<ReturnType<typeof desk>>;
  let store: PassStore;
  let remote: string;
  let id: string;
  beforeAll(async () => {
    const dir = tempDir('pass');
    store = makePassStore(dir, { git: true });
    remote = join(dir, 'remote.git');
    execFileSync('git', ['init', '--bare', '-q', remote]);
    t = await desk(store.env);
    id = await destination(t, {
      kind: 'pass',
      label: 'Team pass',
      storeDir: store.storeDir,
      folder: 'InfluxDB/{connection}',
      gitPush: true,
    });
  }, 60_000);
  afterAll(() => store?.stop());

  it('inserts the value on the first line and the facts below; a refused push leaves it in the store', async () => {
    const created = await create(t, 'telegraf writer');
    const copy = teamOf(created)[0];
    // No remote yet: the push is refused, the value is in the local store, and the entry says so.
    expect(copy).toMatchObject({ state: 'not-sent', reason: expect.stringMatching(/could not push/) });
    const lines = store.show('InfluxDB/prod/telegraf writer').split('\n');
    expect(lines[0]).toBe(created.value);
    expect(lines).toContain('login: admin');
    expect(lines).toContain(`url: ${t.influx.url}`);
    expect(lines).toContain(`ID: ${created.token.id}`);
    // With a remote, Retry inserts again and pushes: the team's copy has it.
    execFileSync('git', ['-C', store.storeDir, 'remote', 'add', 'origin', remote]);
    execFileSync('git', ['-C', store.storeDir, 'push', '-q', '-u', 'origin', 'HEAD'], { env: store.env });
    const entry = await entryOf(t, created.token.id);
    expect(await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: id, password: null })).toMatchObject(
      {
        state: 'sent',
        where: 'InfluxDB/prod/telegraf writer',
      },
    );
    const pushed = execFileSync('git', ['-C', remote, 'log', '--oneline']).toString();
    expect(pushed).toMatch(/telegraf writer/);
    expectNoLeak(t, [created.value]);
  });

  it('overwrites the same path on rotation (git keeps the old one) and moves a deleted one to retired/', async () => {
    const made = await create(t, 'rotating');
    const fresh = await rotate(t, made.token.id);
    expect(teamOf(fresh)[0]).toMatchObject({ state: 'sent', where: 'InfluxDB/prod/rotating' });
    expect(store.show('InfluxDB/prod/rotating').split('\n')[0]).toBe(fresh.value);
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: fresh.token.id, description: '' });
    const retired = `InfluxDB/prod/retired/rotating (${today})`;
    expect((await entryOf(t, fresh.token.id)).team[0]).toMatchObject({ state: 'retired', where: retired });
    expect(store.show(retired).split('\n')[0]).toBe(fresh.value);
  });

  it('to a store whose GPG key this machine lacks: not sent, with gpg’s words; the vault keeps the value', async () => {
    const foreign = join(tempDir('pass-foreign'), 'store');
    mkdirSync(foreign);
    execFileSync('pass', ['init', 'nobody-here@example.invalid'], {
      env: { ...store.env, PASSWORD_STORE_DIR: foreign },
    });
    const other = await destination(t, {
      kind: 'pass',
      label: 'Their store',
      storeDir: foreign,
      folder: '',
      gitPush: false,
    });
    const created = await create(t, 'foreign');
    expect(teamOf(created).find((c) => c.destinationId === other)).toMatchObject({
      state: 'not-sent',
      reason: expect.stringMatching(/pass could not write “foreign”: .*(No public key|skipped)/),
    });
    const entry = await entryOf(t, created.token.id);
    expect(await t.bridge.invoke('revealVaultValue', { id: entry.id })).toEqual({ value: created.value });
    await t.bridge.invoke('removeTeamDestination', { id: other });
  });

  it('into a store nobody initialised: not sent, with pass’s own words; after `pass init`, Retry works', async () => {
    const bare = join(tempDir('pass-bare'), 'store');
    mkdirSync(bare);
    const other = await destination(t, {
      kind: 'pass',
      label: 'New store',
      storeDir: bare,
      folder: '',
      gitPush: false,
    });
    const created = await create(t, 'early bird');
    const copy = teamOf(created).find((c) => c.destinationId === other);
    expect(copy).toMatchObject({ state: 'not-sent', reason: expect.stringMatching(/pass init/) });
    execFileSync('pass', ['init', 'td@example.invalid'], { env: { ...store.env, PASSWORD_STORE_DIR: bare } });
    const entry = await entryOf(t, created.token.id);
    await t.bridge.invoke('sendToTeam', { entryId: entry.id, destinationId: other, password: null });
    const shown = execFileSync('pass', ['show', 'early bird'], { env: { ...store.env, PASSWORD_STORE_DIR: bare } });
    expect(shown.toString().split('\n')[0]).toBe(created.value);
    await t.bridge.invoke('removeTeamDestination', { id: other });
  });
});

describe.skipIf(missingTool('secret-tool', 'gnome-keyring-daemon', 'dbus-daemon'))('the Secret Service', () => {
  let t: Awaited<ReturnType<typeof desk>>;
  let keyring: Keyring;
  beforeAll(async () => {
    // The bus is up but no keyring yet: the first value finds no Secret Service.
    keyring = await startKeyring({ start: false });
    t = await desk(keyring.env);
    await destination(t, { kind: 'secret-service', label: 'Keyring' });
  }, 30_000);
  afterAll(() => keyring?.stop());

  it('without a keyring running: not sent, said plainly; once it runs, Retry stores the item', async () => {
    const created = await create(t, 'early');
    const copy = teamOf(created)[0];
    expect(copy).toMatchObject({ state: 'not-sent', reason: expect.stringMatching(/Is the keyring running/) });
    await keyring.start();
    const entry = await entryOf(t, created.token.id);
    await t.bridge.invoke('sendToTeam', {
      entryId: entry.id,
      destinationId: copy?.destinationId ?? '',
      password: null,
    });
    expect(keyring.lookup({ application: 'token-desk', id: created.token.id })).toBe(created.value);
  });

  it('stores an item labelled with the name and found by application, connection, kind and ID', async () => {
    const created = await create(t, 'grafana reader');
    expect(teamOf(created)[0]).toMatchObject({ state: 'sent', where: 'grafana reader (prod)' });
    expect(keyring.lookup({ application: 'token-desk', connection: 'prod', id: created.token.id })).toBe(created.value);
    const found = keyring.search({ id: created.token.id });
    expect(found).toContain('label = grafana reader (prod)');
    expect(found).toContain('attribute.kind = API token');
    expectNoLeak(t, [created.value]);
  });

  it('replaces the item on rotation; marks a deleted one retired', async () => {
    const made = await create(t, 'rotating');
    const fresh = await rotate(t, made.token.id);
    expect(keyring.lookup({ application: 'token-desk', id: made.token.id })).toBeNull();
    expect(keyring.lookup({ application: 'token-desk', id: fresh.token.id, state: 'current' })).toBe(fresh.value);
    await t.bridge.invoke('deleteToken', { connectionId: t.connectionId, id: fresh.token.id, description: '' });
    expect(keyring.lookup({ application: 'token-desk', id: fresh.token.id, state: 'current' })).toBeNull();
    expect(keyring.lookup({ application: 'token-desk', id: fresh.token.id, state: 'retired' })).toBe(fresh.value);
  });
});

describe('a command of the person’s choosing', () => {
  let t: Awaited<ReturnType<typeof desk>>;
  beforeAll(async () => {
    t = await desk();
  });

  it.skipIf(missingTool('pass', 'gpg'))(
    'runs `pass insert` with placeholders filled, the value on standard input',
    async () => {
      const store = makePassStore(tempDir('pass-cmd'));
      const local = await desk(store.env);
      await destination(local, {
        kind: 'command',
        label: 'pass insert',
        program: 'pass',
        args: ['insert', '-m', '-f', '{path}'],
        timeoutSeconds: 20,
      });
      const created = await create(local, 'by command');
      expect(teamOf(created)[0]).toMatchObject({ state: 'sent' });
      expect(store.show('InfluxDB/prod/by command').trim()).toBe(created.value);
      store.stop();
    },
  );

  it('gets every kind of value: a service user’s password, an InfluxDB 3 token', async () => {
    const out = tempDir('cmd-out');
    const keep = (d: Connected) =>
      destination(d, {
        kind: 'command',
        label: 'to a file',
        program: 'sh',
        args: ['-c', 'cat > "$1"', 'sh', join(out, '{id}')],
        timeoutSeconds: 10,
      });
    const id = await keep(t);
    const user = await t.bridge.invoke('createServiceUser', {
      connectionId: t.connectionId,
      operationId: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f51',
      name: 'svc-team',
      memberships: [{ orgID: t.orgID, role: 'member' }],
      password: { kind: 'generate' },
    });
    expect(user.password?.vault).toMatchObject({ saved: true, team: [{ state: 'sent' }] });
    expect(readFileSync(join(out, user.user.id), 'utf8')).toBe(user.password?.value);
    await t.bridge.invoke('removeTeamDestination', { id });

    const v3 = await startEmulator({ mode: 'v3-enterprise', seed: 'demo' });
    emulators.push(v3);
    const d3 = await connectCore(v3.url, v3.operatorToken, { name: 'v3' });
    await keep(d3);
    const token = await d3.bridge.invoke('createV3Token', {
      connectionId: d3.connectionId,
      name: 'deploy',
      expirySecs: 86_400,
      permissions: null,
      saveToVault: true,
    });
    expect(token.vault).toMatchObject({ saved: true, team: [{ state: 'sent' }] });
    expect(readFileSync(join(out, token.token.id), 'utf8')).toBe(token.value);
  });

  it('stops a command that hangs at its time limit, kills it, and keeps the value', async () => {
    const marker = `${Date.now() % 1000}.25`;
    const id = await destination(t, {
      kind: 'command',
      label: 'hangs',
      program: 'sh',
      args: ['-c', `cat >/dev/null; exec sleep 6${marker}`],
      timeoutSeconds: 1,
    });
    const created = await create(t, 'hung');
    expect(teamOf(created)[0]).toMatchObject({
      state: 'not-sent',
      reason: 'Your command did not finish within 1 s and was stopped.',
    });
    expect(processesHolding(`sleep\u00006${marker}`)).toEqual([]);
    await t.bridge.invoke('removeTeamDestination', { id });
  });

  it('never puts the value on a command line or in an environment, nor repeats what a tool echoes', async () => {
    const id = await destination(t, {
      kind: 'command',
      label: 'slow echo',
      program: 'sh',
      args: ['-c', 'read v; sleep 1; echo "refused: $v" >&2; exit 3', 'td-{name}'],
      timeoutSeconds: 10,
    });
    const seen: string[] = [];
    const leaks: string[] = [];
    const making = create(t, 'echoed');
    // While the command runs: every process's command line and environment, read through /proc.
    const watch = setInterval(() => {
      seen.push(...processesHolding('td-echoed'));
      const made = [...t.influx.state.authorizations.values()].find((a) => a.description === 'echoed');
      if (made) leaks.push(...processesHolding(made.token));
    }, 50);
    const { value, token } = await making;
    clearInterval(watch);
    expect(seen.length, 'the command ran with its placeholder filled').toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    const copy = (await entryOf(t, token.id)).team[0];
    expect(copy).toMatchObject({ state: 'not-sent', reason: 'Your command failed: refused: [the value]' });
    expectNoLeak(t, [value]);
    await t.bridge.invoke('removeTeamDestination', { id });
  });

  it('refuses a program that is not there, plainly', async () => {
    const id = await destination(t, {
      kind: 'command',
      label: 'missing',
      program: 'no-such-vault-cli',
      args: [],
      timeoutSeconds: 5,
    });
    const created = await create(t, 'orphan');
    expect(teamOf(created)[0]?.reason).toMatch(/Your command is not installed, or not at “no-such-vault-cli”/);
    await t.bridge.invoke('removeTeamDestination', { id });
  });
});

describe.skipIf(!influxd1Lookup.found || missingTool('pass', 'gpg'))(
  'InfluxDB 1.x passwords, against a real influxd',
  () => {
    let server: Influxd1;
    let store: PassStore;
    beforeAll(async () => {
      server = await startInfluxd1();
      store = makePassStore(tempDir('pass-1x'));
    }, 60_000);
    afterAll(async () => {
      store?.stop();
      await server?.stop();
    });

    it('a new user’s password and its next one land in the same pass entry, once the server has them', async () => {
      const t = await connectCore(server.url, `${server.admin.username}:${server.admin.password}`, {
        name: 'legacy',
        toolEnv: store.env,
      });
      await destination(t, {
        kind: 'pass',
        label: 'Team pass',
        storeDir: store.storeDir,
        folder: 'InfluxDB/{connection}',
        gitPush: false,
      });
      const made = await t.bridge.invoke('createInflux1User', {
        connectionId: t.connectionId,
        name: 'grafana',
        admin: false,
        grants: [],
        password: { kind: 'generate' },
      });
      expect(teamOf(made)[0]).toMatchObject({ state: 'sent', where: 'InfluxDB/legacy/grafana' });
      expect(store.show('InfluxDB/legacy/grafana').split('\n').slice(0, 2)).toEqual([made.password, 'login: grafana']);
      const next = await t.bridge.invoke('setInflux1Password', {
        connectionId: t.connectionId,
        name: 'grafana',
        password: { kind: 'generate' },
      });
      expect(store.show('InfluxDB/legacy/grafana').split('\n')[0]).toBe(next.password);
      // A name the server refuses: nothing reaches the team's store.
      await t.bridge.failure('createInflux1User', {
        connectionId: t.connectionId,
        name: 'grafana',
        admin: false,
        grants: [],
        password: { kind: 'generate' },
      });
      expect(store.show('InfluxDB/legacy/grafana').split('\n')[0]).toBe(next.password);
    });
  },
);
