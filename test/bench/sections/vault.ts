/**
 * The vault: adding one entry at 10,000 against adding one at 100; opening 10,000 entries and listing
 * them (what the Vault screen waits for) against reading and parsing its snapshot and journal;
 * capturing 10,000 values from OSS 2.7 against sealing them and writing the file once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../main/log/logger';
import { Vault } from '../../../main/vault/vault';
import { VaultFile } from '../../../main/vault/vault-file';
import { startEmulator } from '../../emulator/index';
import { createTestSecretBox } from '../../support/test-secret-box';
import { sampleEntry } from '../../support/vault-entry';
import { connect, timedEach, type Row } from '../measure';

const box = createTestSecretBox();
const quiet = createLogger(() => undefined);

/** A vault entry with a bucket permission and a longer description, as real ones have. */
export const benchEntry = (n: number) =>
  sampleEntry(n, {
    description: `token ${n} ${'d'.repeat(60)}`,
    permissions: [
      {
        action: 'write',
        resource: { type: 'buckets', orgID: '0a3f2c1e9b400002', id: '0a3f2c1e9b400099', name: 'sensors' },
      },
    ],
  });

const valueOf = (n: number) => `value-${n}-${'x'.repeat(80)}`;

/** A vault of `count` entries in its snapshot, and `journaled` more in its journal, as days of use leave it. */
export async function vaultWith(count: number, journaled = 0, folder = mkdtempSync(join(tmpdir(), 'td-bench-vault-'))) {
  const vault = new Vault(new VaultFile(join(folder, 'vault.json')), box, quiet);
  await vault.addMany(Array.from({ length: count }, (_, i) => ({ entry: benchEntry(i), value: valueOf(i) })));
  for (let i = 0; i < journaled; i += 1) await vault.add(benchEntry(count + i), valueOf(count + i));
  return { vault, folder, path: join(folder, 'vault.json') };
}

/** The minimum of opening a vault: its files read and parsed (the journal line by line, after its checksum). */
export async function readAndParse(path: string): Promise<number> {
  const snapshot = JSON.parse(await readFile(path, 'utf8')) as { entries: unknown[] };
  const journal = (await readFile(`${path}.journal`, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line.startsWith('{') ? line : line.slice(17)) as unknown);
  return snapshot.entries.length + journal.length;
}

export async function vaultSection(): Promise<Row[]> {
  // One add at each size in turns, so the machine's noise falls on both: a sub-millisecond figure.
  const adder = async (count: number) => {
    const { vault } = await vaultWith(count);
    let n = count;
    return () => vault.add(benchEntry((n += 1)), valueOf(n));
  };
  const [small, large] = await timedEach(25, [await adder(100), await adder(10_000)]);

  const { path, folder } = await vaultWith(10_000, 200);
  await readAndParse(path);
  const [floor, opening] = await timedEach(
    7,
    [() => readAndParse(path), () => new Vault(new VaultFile(path), box, quiet).list()],
    true,
  );

  const influx = await startEmulator({ mode: 'oss-2.7', seed: 'scale:10000' });
  try {
    const { call, id } = await connect(influx);
    const started = performance.now();
    const captured = await call<{ saved: number }>('captureValues', { connectionId: id });
    const capture = performance.now() - started;
    const values = [...influx.state.authorizations.values()].map((a) => a.token);
    const floorStarted = performance.now();
    const sealed = await Promise.all(values.map((v) => box.encrypt(v)));
    writeFileSync(join(folder, 'floor.json'), JSON.stringify(sealed.map((s) => Buffer.from(s).toString('base64'))));
    return [
      {
        figure: 'vault: add one entry at 10,000 entries',
        measured: large,
        floor: small,
        unit: 'ms',
        goal: '≤ 2× (floor: adding one at 100)',
        limit: 2,
      },
      {
        figure: 'vault: open 10,000 entries (200 in the journal) and list them',
        measured: opening,
        floor,
        unit: 'ms',
        goal: '≤ 1.5× in every run (floor: read + JSON.parse of the snapshot and journal)',
        limit: 1.5,
      },
      {
        figure: `vault: capture ${captured.saved.toLocaleString('en')} values from OSS 2.7`,
        measured: capture,
        floor: performance.now() - floorStarted,
        unit: 'ms',
        goal: '≤ 5 s (floor: seal them all, write once)',
        limit: null,
        absolute: 5000,
      },
    ];
  } finally {
    await influx.close();
  }
}
