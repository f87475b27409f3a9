/**
 * The vault on disk, tried the way KeePassXC tries its database: round trips, wrong passphrase,
 * damaged and foreign files, saves failing part-way and a process killed mid-save, migrations.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '$contract/errors';
import { createLogger } from '../../main/log/logger';
import type { SecretBox } from '../../main/secrets/secret-box';
import { AutoLock } from '../../main/vault/auto-lock';
import { Vault } from '../../main/vault/vault';
import { VaultFile } from '../../main/vault/vault-file';
import { createTestSecretBox } from '../support/test-secret-box';
import { sampleEntry } from '../support/vault-entry';

const quiet = createLogger(() => undefined);
const dir = () => mkdtempSync(join(tmpdir(), 'td-vault-'));

const entry = sampleEntry;

const valueOf = (n: number) => `value-${n}-${'x'.repeat(78)}==`;

function vaultAt(folder: string, box: SecretBox = createTestSecretBox()) {
  return new Vault(new VaultFile(join(folder, 'vault.json'), () => new Date('2026-11-28T10:00:00Z')), box, quiet);
}

/** An open() whose file handle writes only `limit` bytes, then fails like a full disk. */
function writeFail(limit: number): typeof open {
  return (async (
    path: Parameters<typeof open>[0],
    flags?: Parameters<typeof open>[1],
    mode?: Parameters<typeof open>[2],
  ) => {
    const handle: FileHandle = await open(path, flags, mode);
    const real = handle.writeFile.bind(handle);
    handle.writeFile = (async (data: string | Uint8Array) => {
      await real(Buffer.from(data as string).subarray(0, limit));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }) as FileHandle['writeFile'];
    return handle;
  }) as typeof open;
}

describe('the vault file', () => {
  it('round-trips values, non-ASCII notes and labels across a restart', async () => {
    const folder = dir();
    const box = createTestSecretBox();
    const vault = vaultAt(folder, box);
    const added = await vault.add(entry(1, { description: 'Capteur météo 🌡️' }), valueOf(1));
    await vault.update(added.id, { notes: 'Notizen ✓ 日本語', labels: ['prod', 'équipe'] });
    const again = vaultAt(folder, box);
    expect(await again.list()).toEqual([
      expect.objectContaining({
        description: 'Capteur météo 🌡️',
        notes: 'Notizen ✓ 日本語',
        labels: ['prod', 'équipe'],
      }),
    ]);
    await expect(again.reveal(added.id)).resolves.toBe(valueOf(1));
    expect(readFileSync(join(folder, 'vault.json'), 'utf8')).not.toContain(valueOf(1));
    if (process.platform !== 'win32') expect(statSync(join(folder, 'vault.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses the basic_text store and works in passphrase mode instead', async () => {
    const folder = dir();
    const weak = createTestSecretBox({ backend: 'basic_text' });
    const vault = vaultAt(folder, weak);
    await expect(vault.add(entry(1), valueOf(1))).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
    await vault.setPassphrase('correct horse battery', false);
    const saved = await vault.add(entry(1), valueOf(1));
    await expect(vault.reveal(saved.id)).resolves.toBe(valueOf(1));
    expect(readFileSync(join(folder, 'vault.json'), 'utf8')).not.toContain(valueOf(1));
  });

  it('locks, refuses a wrong passphrase, and opens with the right one', async () => {
    const folder = dir();
    const box = createTestSecretBox();
    const vault = vaultAt(folder, box);
    const saved = await vault.add(entry(1), valueOf(1));
    await vault.setPassphrase('correct horse battery', true);
    vault.lock();
    await expect(vault.reveal(saved.id)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(vault.unlock('wrong horse')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: 'That passphrase does not open this vault.',
    });
    const restarted = vaultAt(folder, box);
    expect(await restarted.protection()).toEqual({ mode: 'passphrase', alsoOsKeyStore: true, locked: true });
    await restarted.unlock('correct horse battery');
    await expect(restarted.reveal(saved.id)).resolves.toBe(valueOf(1));
  });

  it.each([
    ['corrupted', (text: string) => text.replace(/"entries"/, '"entr')],
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['foreign', () => JSON.stringify({ hello: 'world' })],
    ['empty', () => ''],
  ])('sets a %s file aside, says so, and offers the backup', async (_label, damage) => {
    const folder = dir();
    const box = createTestSecretBox();
    const vault = vaultAt(folder, box);
    await vault.add(entry(1), valueOf(1));
    await vault.add(entry(2), valueOf(2)); // journaled after the first file, which is its own backup
    const path = join(folder, 'vault.json');
    const damaged = damage(readFileSync(path, 'utf8'));
    writeFileSync(path, damaged);
    const reopened = vaultAt(folder, box);
    const health = await reopened.status();
    expect(health).toMatchObject({ state: 'needs-recovery', backupAvailable: true });
    expect(health.message).toMatch(
      /could not be read.*kept as .*vault\.json\.unreadable-.*The previous good copy can be restored\./,
    );
    const setAside = readdirSync(folder).find((f) => f.startsWith('vault.json.unreadable-'))!;
    expect(readFileSync(join(folder, setAside), 'utf8')).toBe(damaged);
    await expect(reopened.add(entry(3), valueOf(3))).rejects.toMatchObject({ code: 'VAULT_NEEDS_RECOVERY' });
    await reopened.recover('restore-backup');
    // The backup is the snapshot the journal continues: every acknowledged entry comes back.
    expect((await reopened.list()).map((e) => e.description)).toEqual(['token 1', 'token 2']);
  });

  it('leaves the last good state when a save fails part-way, whatever the byte', async () => {
    const folder = dir();
    const box = createTestSecretBox();
    await vaultAt(folder, box).add(entry(1), valueOf(1));
    const size = readFileSync(join(folder, 'vault.json')).length;
    for (const limit of [0, 1, 50, Math.floor(size / 2), size - 1, size + 500]) {
      const failing = new Vault(
        new VaultFile(join(folder, 'vault.json'), () => new Date(), writeFail(limit)),
        box,
        quiet,
      );
      await expect(failing.add(entry(2), valueOf(2))).rejects.toThrow(/ENOSPC/);
      const survivor = vaultAt(folder, box);
      expect((await survivor.list()).map((e) => e.description)).toEqual(['token 1']);
      await expect(survivor.reveal((await survivor.list())[0]!.id)).resolves.toBe(valueOf(1));
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps every acknowledged entry when the process is killed mid-save', async () => {
    const folder = dir();
    const child = join(import.meta.dirname, '..', 'support', 'vault-writer.ts');
    for (const delay of [300, 700, 1100]) {
      const acknowledged = await new Promise<string[]>((resolve) => {
        const saved: string[] = [];
        const proc = spawn(process.execPath, ['--import', 'tsx', child, folder], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          for (const line of chunk.split('\n')) if (line.startsWith('saved ')) saved.push(line.slice(6));
          if (saved.length > 0 && !proc.killed) setTimeout(() => proc.kill('SIGKILL'), delay);
        });
        proc.on('exit', () => resolve(saved));
      });
      expect(acknowledged.length).toBeGreaterThan(0);
      const listed = new Set((await vaultAt(folder).list()).map((e) => e.authorizationId));
      for (const id of acknowledged) expect(listed.has(id)).toBe(true);
    }
  }, 60_000);

  it('migrates a version 1 file (values sealed by the OS key store) to version 2', async () => {
    const folder = dir();
    const box = createTestSecretBox();
    const cipher = Buffer.from(await box.encrypt(valueOf(7))).toString('base64');
    const { source, ...fields } = entry(7);
    const v1 = {
      schemaVersion: 1,
      entries: [
        {
          ...fields,
          source,
          id: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f50',
          createdAt: '2026-01-01T00:00:00Z',
          replacedBy: null,
          notes: 'old',
          labels: [],
          cipher,
        },
      ],
    };
    writeFileSync(join(folder, 'vault.json'), JSON.stringify(v1));
    const vault = vaultAt(folder, box);
    await expect(vault.reveal('4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f50')).resolves.toBe(valueOf(7));
    await vault.update('4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f50', { notes: 'migrated' });
    const onDisk = JSON.parse(readFileSync(join(folder, 'vault.json'), 'utf8')) as {
      schemaVersion: number;
      protection: unknown;
      entries: { secret: { scheme: string } }[];
    };
    expect([onDisk.schemaVersion, onDisk.protection, onDisk.entries[0]?.secret.scheme]).toEqual([
      2,
      { mode: 'os' },
      'os',
    ]);
    expect(JSON.parse(readFileSync(join(folder, 'vault.json.bak'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
  });

  it('leaves a file from a newer Token Desk untouched', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'vault.json'), JSON.stringify({ schemaVersion: 99, entries: [] }));
    await expect(vaultAt(folder).list()).rejects.toMatchObject({ code: 'VAULT_NEWER' });
    expect(JSON.parse(readFileSync(join(folder, 'vault.json'), 'utf8'))).toEqual({ schemaVersion: 99, entries: [] });
  });

  it('does not save over a file changed by someone else', async () => {
    const folder = dir();
    const vault = vaultAt(folder);
    await vault.add(entry(1), valueOf(1));
    const path = join(folder, 'vault.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('token 1', 'edited elsewhere'));
    const error = await vault.add(entry(2), valueOf(2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenDeskError);
    expect((error as TokenDeskError).code).toBe('VAULT_CHANGED');
    expect(readFileSync(path, 'utf8')).toContain('edited elsewhere');
  });
});

describe('auto-lock', () => {
  it('locks a passphrase vault after the idle time, on demand, and never an OS-mode vault', async () => {
    const folder = dir();
    const vault = vaultAt(folder);
    let reloads = 0;
    let minutes = 15;
    const auto = new AutoLock(
      vault,
      () => minutes,
      () => (reloads += 1),
    );
    await vault.list();
    expect(auto.lockNow()).toBe(false);
    await vault.setPassphrase('correct horse battery', true);
    expect(auto.idleFor(14 * 60 + 59)).toBe(false);
    expect((await vault.protection()).locked).toBe(false);
    expect(auto.idleFor(15 * 60)).toBe(true);
    expect([(await vault.protection()).locked, reloads]).toEqual([true, 1]);
    await vault.unlock('correct horse battery');
    minutes = 0;
    expect(auto.idleFor(24 * 3600)).toBe(false);
    expect(auto.lockNow()).toBe(true);
    expect(reloads).toBe(2);
  });
});
