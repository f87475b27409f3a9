/**
 * Crafted and leftover files: a protection change leaves nothing on disk that opens with the old
 * protection, stray temp files go at start, recovery is refused on a healthy vault, an export with
 * hostile KDF parameters or a bad entry merges nothing, and paths the page names are read only when
 * they are small regular files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey, seal, verifyCheck } from '../../main/vault/crypto';
import { VAULT_EXPORT_FORMAT } from '../../main/vault/vault-service';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';

const core = () => createTestCore({ allowedOrigins: ['app://token-desk'] });
const entry = {
  connectionId: 'c1',
  connectionName: 'prod',
  instanceUrl: 'https://influx.example.com',
  orgID: '0a3f2c1e9b400002',
  orgName: 'ops',
  authorizationId: '0a3f2c1e9b400010',
  userName: 'alice',
  description: 'kept',
  permissions: [],
  source: { kind: 'created' as const },
};

type OnDisk = {
  protection: { mode: string; kdf?: { salt: string; N: number; r: number; p: number; name: 'scrypt' }; check?: string };
  entries: { secret: { scheme: string } }[];
};
const readVault = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as OnDisk;

describe('a protection change', () => {
  it('leaves no file that opens without the passphrase, or with the old one', async () => {
    const c = core();
    await c.vault.add(entry, 'secret-value-that-must-not-leak-000000000000');
    await c.vault.add(
      { ...entry, authorizationId: '0a3f2c1e9b400011', description: 'second' },
      'another-secret-value-00000000000000000000',
    );
    const bridge = bridgeTo(c);
    await bridge.invoke('setVaultPassphrase', { passphrase: 'first passphrase', alsoOsKeyStore: false });
    const files = () => readdirSync(c.dataDir).filter((f) => f.startsWith('vault.json') || f.startsWith('.vault.json'));
    for (const name of files()) {
      const doc = readVault(join(c.dataDir, name));
      expect(doc.protection.mode, name).toBe('passphrase');
      expect(
        doc.entries.every((e) => e.secret.scheme === 'passphrase'),
        name,
      ).toBe(true);
    }
    await bridge.invoke('setVaultPassphrase', { passphrase: 'second passphrase', alsoOsKeyStore: false });
    for (const name of files()) {
      const doc = readVault(join(c.dataDir, name));
      const oldKey = await deriveKey('first passphrase', doc.protection.kdf!);
      expect(verifyCheck(oldKey, doc.protection.check!), `${name} opens with the old passphrase`).toBe(false);
    }
    expect(files().sort()).toEqual(['vault.json', 'vault.json.bak']);
  });

  it('finishes a change cut between the file and its backup: an old-protection backup is replaced at start', async () => {
    const c = core();
    await c.vault.add(entry, 'secret-value-that-must-not-leak-000000000000');
    await c.vault.add({ ...entry, authorizationId: '0a3f2c1e9b400011' }, 'another-secret-value-00000000000000000000');
    const oldBackup = readFileSync(join(c.dataDir, 'vault.json.bak'), 'utf8');
    await bridgeTo(c).invoke('setVaultPassphrase', { passphrase: 'first passphrase', alsoOsKeyStore: false });
    // As if the process died after writing vault.json, before the backup: the backup is OS-sealed.
    writeFileSync(join(c.dataDir, 'vault.json.bak'), oldBackup);
    writeFileSync(join(c.dataDir, '.vault.json.0123456789ab.tmp'), '{"schemaVersion": 2, "entr');
    writeFileSync(join(c.dataDir, '.vault.json.bak.ba9876543210.tmp'), '');
    const again = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir: c.dataDir });
    expect(await again.vault.list()).toHaveLength(2);
    expect(readVault(join(c.dataDir, 'vault.json.bak')).protection.mode).toBe('passphrase');
    expect(readdirSync(c.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('recovery', () => {
  it('is refused on a healthy vault, which keeps every value and its backup', async () => {
    const c = core();
    await c.vault.add(entry, 'secret-value-that-must-not-leak-000000000000');
    await c.vault.add({ ...entry, authorizationId: '0a3f2c1e9b400011' }, 'another-secret-value-00000000000000000000');
    const before = [
      readFileSync(join(c.dataDir, 'vault.json'), 'utf8'),
      readFileSync(join(c.dataDir, 'vault.json.bak'), 'utf8'),
    ];
    const bridge = bridgeTo(c);
    for (const choice of ['start-empty', 'restore-backup'] as const) {
      expect(await bridge.failure('recoverVault', { choice })).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('nothing to recover'),
      });
    }
    expect([
      readFileSync(join(c.dataDir, 'vault.json'), 'utf8'),
      readFileSync(join(c.dataDir, 'vault.json.bak'), 'utf8'),
    ]).toEqual(before);
    expect(await c.vault.list()).toHaveLength(2);
  });
});

describe('a vault export from elsewhere', () => {
  async function exportFile(
    folder: string,
    items: unknown,
    kdf = { name: 'scrypt' as const, salt: Buffer.alloc(16, 7).toString('base64'), N: 1 << 14, r: 8, p: 1 },
  ) {
    const key = await deriveKey('a long export phrase', kdf);
    const path = join(folder, `export-${Math.random().toString(36).slice(2)}.tdvault`);
    writeFileSync(
      path,
      JSON.stringify({
        format: VAULT_EXPORT_FORMAT,
        version: 1,
        kdf,
        data: seal(key, JSON.stringify(items), VAULT_EXPORT_FORMAT),
      }),
    );
    return path;
  }

  it('with scrypt parameters that would take minutes or gigabytes is refused before deriving anything', async () => {
    const c = core();
    const path = join(c.dataDir, 'hostile.tdvault');
    writeFileSync(
      path,
      JSON.stringify({
        format: VAULT_EXPORT_FORMAT,
        version: 1,
        kdf: { name: 'scrypt', salt: Buffer.alloc(16).toString('base64'), N: 2 ** 30, r: 64, p: 64 },
        data: 'x'.repeat(40),
      }),
    );
    c.dialogs.answers.open['vault-export'] = path;
    const started = Date.now();
    expect(await bridgeTo(c).failure('importVault', { passphrase: 'a long export phrase' })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringContaining('kdf.N'),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never trusts a hash or fingerprint from the file: both are made again from the value', async () => {
    const c = core();
    const own = 'the-connection-token-value-000000000000000000';
    const forged = {
      entry: {
        ...entry,
        authorizationId: '0a3f2c1e9b400013',
        createdAt: '2026-01-01T00:00:00Z',
        replacedBy: null,
        notes: '',
        labels: [],
        // Claims to be `_admin`'s string and the connection's own token.
        sha512: 'deadbeefdeadbeef',
        fingerprint: createHash('sha256').update(own).digest('hex'),
      },
      value: 'a-different-imported-value-0000000000000000',
    };
    c.dialogs.answers.open['vault-export'] = await exportFile(c.dataDir, [forged]);
    expect(await bridgeTo(c).invoke('importVault', { passphrase: 'a long export phrase' })).toMatchObject({ added: 1 });
    expect(await c.vault.authorizationOf('c1', own)).toBeNull();
    expect((await c.vault.sha512Of('c1')).map((m) => m.sha512)).toEqual([
      createHash('sha512').update(forged.value).digest('hex').slice(0, 16),
    ]);
  });

  it('an honest export of an InfluxDB 3 token, imported, is matched to its token again by hash', async () => {
    const first = core();
    const value = 'apiv3_honest-string-000000000000000000000000000000';
    await first.vault.add({ ...entry, authorizationId: '7', description: 'deploy' }, value);
    first.dialogs.answers.save['export-vault'] = join(first.dataDir, 'out.tdvault');
    await bridgeTo(first).invoke('exportVault', { passphrase: 'a long export phrase' });
    const second = core();
    second.dialogs.answers.open['vault-export'] = join(first.dataDir, 'out.tdvault');
    await bridgeTo(second).invoke('importVault', { passphrase: 'a long export phrase' });
    const hash = createHash('sha512').update(value).digest('hex');
    expect((await second.vault.sha512Of('c1')).some((m) => hash.startsWith(m.sha512))).toBe(true);
  });

  it('with a 20 MB description or 10,000 labels merges nothing', async () => {
    const c = core();
    const base = { ...entry, createdAt: '2026-01-01T00:00:00Z', replacedBy: null, notes: '' };
    for (const [i, hostile] of [
      { ...base, description: 'x'.repeat(20 * 1024 * 1024), labels: [] },
      { ...base, labels: Array.from({ length: 10_000 }, (_, n) => `l${n}`) },
    ].entries()) {
      c.dialogs.answers.open['vault-export'] = await exportFile(c.dataDir, [
        { entry: { ...hostile, authorizationId: `0a3f2c1e9b40002${i}` }, value: 'v-00000000000000000000' },
      ]);
      expect((await bridgeTo(c).failure('importVault', { passphrase: 'a long export phrase' })).code).toBe(
        'IMPORT_FAILED',
      );
    }
    expect(await c.vault.list()).toEqual([]);
  });

  it('with one valid-but-incomplete entry merges nothing, and the vault still opens at the next start', async () => {
    const c = core();
    await c.vault.add(entry, 'secret-value-that-must-not-leak-000000000000');
    const good = {
      entry: {
        ...entry,
        authorizationId: '0a3f2c1e9b400012',
        createdAt: '2026-01-01T00:00:00Z',
        replacedBy: null,
        notes: '',
        labels: [],
      },
      value: 'imported-value-000000000000000000000000000',
    };
    const incomplete = { entry: { description: 'no connection' }, value: 'x' };
    c.dialogs.answers.open['vault-export'] = await exportFile(c.dataDir, [good, incomplete]);
    expect(await bridgeTo(c).failure('importVault', { passphrase: 'a long export phrase' })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringContaining('nothing was imported'),
    });
    const again = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir: c.dataDir });
    expect((await again.vault.list()).map((e) => e.description)).toEqual(['kept']);
    expect((await again.vault.status()).state).toBe('ok');
  });
});

describe('paths the page names', () => {
  it('a FIFO, a device and a huge file are refused at once, never read', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-paths-'));
    const fifo = join(folder, 'configs');
    execFileSync('mkfifo', [fifo]);
    const huge = join(folder, 'huge.pem');
    writeFileSync(huge, Buffer.alloc(3 * 1024 * 1024, 0x41));
    const bridge = bridgeTo(core());
    const started = Date.now();
    expect(await bridge.failure('previewCliImport', { path: fifo })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringContaining('is not a regular file'),
    });
    if (existsSync('/dev/zero'))
      expect(await bridge.failure('previewCliImport', { path: '/dev/zero' })).toMatchObject({
        code: 'IMPORT_FAILED',
        message: expect.stringContaining('is not a regular file'),
      });
    expect(await bridge.failure('previewCliImport', { path: huge })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringContaining('more than the 1024 KiB'),
    });
    const draft = {
      name: 'x',
      url: 'http://127.0.0.1:9',
      token: 't',
      rememberToken: false,
      org: null,
      environment: { label: '', colour: 'grey' as const },
      timeoutMs: 1000,
      tls: { caFile: fifo, skipVerify: false },
    };
    expect(await bridge.failure('saveConnection', draft)).toMatchObject({
      code: 'CONNECTION_INVALID',
      message: expect.stringContaining('is not a regular file'),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('a vault with a damaged entry at start', () => {
  it('sets aside only that entry, keeps every other one reachable, and says which', async () => {
    const box = createTestSecretBox();
    const first = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: box });
    const values: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      values.push(`good-value-${i}-000000000000000000000000000000`);
      await first.vault.add({ ...entry, authorizationId: `0a3f2c1e9b40002${i}`, description: `good ${i}` }, values[i]!);
    }
    await first.vault.add({ ...entry, authorizationId: '0a3f2c1e9b400030', description: 'doomed' }, 'doomed-value');
    await first.dispose();
    // A passphrase rewrites the snapshot whole (the journal folded in); then three kinds of damage, one entry each.
    const path = join(first.dataDir, 'vault.json');
    const second = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: box, dataDir: first.dataDir });
    await second.vault.setPassphrase('a passphrase for compaction', true);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown>[] };
    const doomed = doc.entries.find((e) => e['description'] === 'doomed')!;
    doomed['login'] = 5;
    doc.entries.push({
      ...doc.entries[0],
      id: '9d0c7a1e-3b2f-4c5d-8e9f-0a1b2c3d4e5f',
      kind: 'not-a-kind',
      description: 'odd kind',
    });
    doc.entries.push({
      ...doc.entries[0],
      id: '9d0c7a1e-3b2f-4c5d-8e9f-0a1b2c3d4e60',
      sha512: 42,
      description: 'odd hash',
    });
    writeFileSync(path, JSON.stringify(doc));
    rmSync(`${path}.journal`, { force: true });
    const third = createTestCore({ allowedOrigins: ['app://token-desk'], secretBox: box, dataDir: first.dataDir });
    const bridge = bridgeTo(third);
    await bridge.invoke('unlockVault', { passphrase: 'a passphrase for compaction' });
    const listed = await bridge.invoke('listVault');
    expect(listed.map((e) => e.description).sort()).toEqual(['good 0', 'good 1', 'good 2', 'good 3', 'good 4']);
    for (const [i, value] of values.entries()) {
      const id = listed.find((e) => e.description === `good ${i}`)!.id;
      expect(await bridge.invoke('revealVaultValue', { id })).toEqual({ value });
    }
    const status = await bridge.invoke('getVaultStatus');
    expect(status.health.state).toBe('ok');
    expect(status.health.message).toMatch(
      /3 vault entries were damaged and set aside \(“doomed”, “odd kind”, “odd hash”\)/,
    );
    const kept = readdirSync(first.dataDir).find((f) => f.startsWith('vault.json.damaged-entries-'));
    expect(kept).toBeDefined();
    const setAside = JSON.parse(readFileSync(join(first.dataDir, kept!), 'utf8')) as { description: string }[];
    expect(setAside.map((e) => e.description)).toEqual(['doomed', 'odd kind', 'odd hash']);
  });
});

describe('a crafted settings.json', () => {
  const good = {
    id: '7d3c1f9e-2b1a-4c5d-9e8f-0a1b2c3d4e5f',
    name: 'prod',
    url: 'https://influx.example.com',
    org: null,
    environment: { label: 'production', colour: 'red' },
    timeoutMs: 10_000,
    tls: { caFile: null, skipVerify: false },
    tokenCipher: 'c2VhbGVk',
    serviceUsers: ['0a3f2c1e9b400001'],
    selfTokenId: null,
    reviews: { '0a3f2c1e9b400010': '2027-01-01' },
    reviewPolicy: { writeDays: 90, otherDays: null },
  };
  const damage: [string, Record<string, unknown>][] = [
    ['a service-user mark that is a number', { serviceUsers: 5 }],
    [
      'a review date of 2026-13-45',
      { reviews: { '0a3f2c1e9b400010': '2026-13-45', '0a3f2c1e9b400011': '2027-02-02' } },
    ],
    ['a 10 MB selfTokenId', { selfTokenId: 'x'.repeat(10 * 1024 * 1024) }],
    ['a review policy of -5', { reviewPolicy: { writeDays: -5, otherDays: null } }],
    ['a timeout that is text', { timeoutMs: 'soon' }],
    ['a token cipher that is a number', { tokenCipher: 42 }],
  ];

  for (const [what, change] of damage)
    it(`with ${what}: keeps the connection, repairs that field alone, keeps a copy and says so`, () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-settings-'));
      const original = { schemaVersion: 2, connections: [{ ...good, ...change }], lastConnectionId: good.id };
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(original));
      const c = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir });
      const [kept] = c.profiles.list();
      expect(kept).toMatchObject({ id: good.id, name: 'prod', url: good.url, environment: good.environment });
      const { repairs } = c.settings.toPublic();
      expect(repairs.notes.join()).toMatch(/connection “prod”: .* invalid/);
      expect(repairs.notes.join()).not.toContain('x'.repeat(100));
      expect(JSON.parse(readFileSync(repairs.copy ?? '', 'utf8'))).toEqual(original);
      // The repaired file keeps the connection at the next start too.
      const again = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir });
      expect(again.profiles.list().map((p) => p.id)).toEqual([good.id]);
    });

  it('with a __proto__ review key: nothing reaches a prototype, the other dates stay', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-settings-'));
    const reviews = JSON.parse('{"__proto__": {"polluted": "2027-01-01"}, "0a3f2c1e9b400010": "2027-01-01"}') as object;
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ schemaVersion: 2, connections: [{ ...good, reviews }] }),
    );
    const c = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir });
    expect(c.profiles.reviewsOf(good.id)).toEqual({ '0a3f2c1e9b400010': '2027-01-01' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('as a FIFO: set aside at once (never read, so the start cannot hang), defaults used', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-settings-'));
    execFileSync('mkfifo', [join(dataDir, 'settings.json')]);
    const started = Date.now();
    const c = createTestCore({ allowedOrigins: ['app://token-desk'], dataDir });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(c.profiles.list()).toEqual([]);
    expect(readdirSync(dataDir).some((f) => f.startsWith('settings.json.not-a-file-'))).toBe(true);
  });
});
