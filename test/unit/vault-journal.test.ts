/**
 * The vault's journal: a change costs one appended line whatever the vault's size, survives a
 * restart, is folded into a snapshot now and then, and a line cut short by a crash is dropped.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/log/logger';
import { Vault } from '../../main/vault/vault';
import { COMPACT_AT, VaultFile } from '../../main/vault/vault-file';
import { createTestSecretBox } from '../support/test-secret-box';
import { sampleEntry } from '../support/vault-entry';

const box = createTestSecretBox();
const entry = (n: number) => sampleEntry(n);

/** A vault whose writes are counted (temp files of snapshots, journal appends). */
function counted(folder: string) {
  const writes: string[] = [];
  const openFile = (async (
    path: Parameters<typeof open>[0],
    flags?: Parameters<typeof open>[1],
    mode?: Parameters<typeof open>[2],
  ) => {
    writes.push(String(path).split('/').at(-1) ?? '');
    return open(path, flags, mode);
  }) as typeof open;
  return {
    vault: new Vault(
      new VaultFile(join(folder, 'vault.json'), () => new Date(), openFile),
      box,
      createLogger(() => undefined),
    ),
    writes,
  };
}

describe('the vault journal', () => {
  it('appends a change without rewriting the file, and replays it after a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-journal-'));
    const { vault, writes } = counted(folder);
    await vault.add(entry(1), 'value-1-xxxxxxxxxxxxxxxx');
    const snapshot = readFileSync(join(folder, 'vault.json'), 'utf8');
    writes.length = 0;
    await vault.add(entry(2), 'value-2-xxxxxxxxxxxxxxxx');
    await vault.update((await vault.list())[0]!.id, { notes: 'kept in the journal' });
    expect(writes).toEqual(['vault.json.journal', 'vault.json.journal']);
    expect(readFileSync(join(folder, 'vault.json'), 'utf8')).toBe(snapshot);
    const again = counted(folder).vault;
    expect((await again.list()).map((e) => [e.description, e.notes])).toEqual([
      ['token 1', 'kept in the journal'],
      ['token 2', ''],
    ]);
    await expect(again.reveal((await again.list())[1]!.id)).resolves.toBe('value-2-xxxxxxxxxxxxxxxx');
  });

  it('saves a batch (capture, import) in one write', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-journal-'));
    const { vault, writes } = counted(folder);
    await vault.add(entry(0), 'value-0-xxxxxxxxxxxxxxxx');
    writes.length = 0;
    await vault.addMany(
      Array.from({ length: 100 }, (_, i) => ({ entry: entry(i + 1), value: `value-${i + 1}-xxxxxxxxxxxxxxxx` })),
    );
    expect(writes).toEqual(['vault.json.journal']);
    expect(await counted(folder).vault.list()).toHaveLength(101);
  });

  it(`folds the journal into a new snapshot after ${COMPACT_AT} changes`, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-journal-'));
    const { vault } = counted(folder);
    await vault.add(entry(0), 'value-0-xxxxxxxxxxxxxxxx');
    for (let i = 1; i < COMPACT_AT; i += 1) await vault.update((await vault.list())[0]!.id, { notes: `note ${i}` });
    expect(statSync(join(folder, 'vault.json.journal')).size).toBeGreaterThan(0);
    await vault.update((await vault.list())[0]!.id, { notes: 'folded' });
    expect(() => statSync(join(folder, 'vault.json.journal'))).toThrow(/ENOENT/);
    expect(readFileSync(join(folder, 'vault.json'), 'utf8')).toContain('folded');
    expect((await counted(folder).vault.list())[0]?.notes).toBe('folded');
  }, 30_000);

  it('drops a line cut short by a crash (never acknowledged), and appends after it cleanly', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-journal-'));
    const { vault } = counted(folder);
    await vault.add(entry(1), 'value-1-xxxxxxxxxxxxxxxx');
    await vault.add(entry(2), 'value-2-xxxxxxxxxxxxxxxx');
    appendFileSync(join(folder, 'vault.json.journal'), '0123456789abcdef {"put":{"id":"torn');
    const again = counted(folder).vault;
    expect((await again.list()).map((e) => e.description)).toEqual(['token 1', 'token 2']);
    await again.add(entry(3), 'value-3-xxxxxxxxxxxxxxxx');
    expect((await counted(folder).vault.list()).map((e) => e.description)).toEqual(['token 1', 'token 2', 'token 3']);
  });

  it('ignores a journal written against another snapshot, and refuses to append to one changed elsewhere', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'td-journal-'));
    const { vault } = counted(folder);
    await vault.add(entry(1), 'value-1-xxxxxxxxxxxxxxxx');
    await vault.add(entry(2), 'value-2-xxxxxxxxxxxxxxxx');
    appendFileSync(join(folder, 'vault.json.journal'), 'garbage from elsewhere\n');
    await expect(vault.add(entry(3), 'value-3-xxxxxxxxxxxxxxxx')).rejects.toMatchObject({ code: 'VAULT_CHANGED' });
    const foreign = mkdtempSync(join(tmpdir(), 'td-journal-'));
    writeFileSync(join(foreign, 'vault.json'), readFileSync(join(folder, 'vault.json')));
    writeFileSync(
      join(foreign, 'vault.json.journal'),
      `${JSON.stringify({ journal: 1, base: 'not-this-snapshot' })}\n`,
    );
    expect((await counted(foreign).vault.list()).map((e) => e.description)).toEqual(['token 1']);
  });
});
