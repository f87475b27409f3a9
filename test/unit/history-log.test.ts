/** The history journal: append-only, 0600, bounded by rotation, mended after a crash, a damaged part set aside. */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '$contract/history';
import { historyCsv } from '$contract/history';
import { HistoryLog, lineOf } from '../../main/history/history-log';
import { createLogger } from '../../main/log/logger';

const entry = (i: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `record-${i}`,
  desk: 'alice@laptop',
  product: 'OSS 2.7',
  at: new Date(Date.UTC(2026, 10, 29, 10, 0, i)).toISOString(),
  connectionId: 'c',
  connectionName: 'prod',
  url: 'https://influx.example.com',
  action: 'token.delete',
  target: `0a3f2c1e9b4000${String(i).padStart(2, '0')}`,
  description: `token ${i}`,
  outcome: 'ok',
  detail: '',
  ...extra,
});
const fresh = () => mkdtempSync(join(tmpdir(), 'token-desk-history-'));
const journal = (dir: string, bounds?: { segmentBytes: number; segments: number }) =>
  new HistoryLog(
    dir,
    createLogger(() => undefined),
    () => new Date(),
    bounds,
  );

describe('the history journal', () => {
  it('appends entries and reads them newest first, in a file only its owner can read', async () => {
    const dir = fresh();
    const log = journal(dir);
    for (let i = 0; i < 3; i += 1) await log.append(entry(i));
    expect((await log.read()).entries.map((e) => e.description)).toEqual(['token 2', 'token 1', 'token 0']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'history.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('keeps its size bounded: old segments rotate out', async () => {
    const dir = fresh();
    const log = journal(dir, { segmentBytes: 1000, segments: 3 });
    for (let i = 0; i < 40; i += 1) await log.append(entry(i));
    const kept = (await log.read()).entries;
    expect(kept[0]?.description).toBe('token 39');
    expect(kept.length).toBeLessThan(40);
    expect(readdirSync(dir).sort()).toEqual(['history.1.jsonl', 'history.2.jsonl', 'history.jsonl']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000);
  });

  it('drops a line torn by a crash and mends the file before the next append', async () => {
    const dir = fresh();
    const log = journal(dir);
    await log.append(entry(1));
    appendFileSync(join(dir, 'history.jsonl'), lineOf(entry(2)).slice(0, 40));
    expect((await log.read()).entries.map((e) => e.description)).toEqual(['token 1']);
    await journal(dir).append(entry(3));
    expect((await journal(dir).read()).entries.map((e) => e.description)).toEqual(['token 3', 'token 1']);
  });

  it('sets only a damaged line aside, keeps every good one, says so, and goes on', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'history.1.jsonl'), `${lineOf(entry(1))}garbage\t0000\n${lineOf(entry(2))}`);
    writeFileSync(join(dir, 'history.jsonl'), lineOf(entry(3)));
    const log = journal(dir);
    const view = await log.read();
    expect(view.entries.map((e) => e.description)).toEqual(['token 3', 'token 2', 'token 1']);
    expect(view.notice).toMatch(/One damaged line of the history was set aside/);
    const aside = readdirSync(dir).find((n) => n.startsWith('history.1.jsonl.damaged-'));
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('garbage\t0000\n');
    await log.append(entry(4));
    expect((await log.read()).entries).toHaveLength(4);
  });

  it('keeps the good lines around a wrong checksum, a 64 MiB line and an unknown action', async () => {
    const dir = fresh();
    const wrongSum = lineOf(entry(2)).replace(/\t[0-9a-f]{16}\n$/, '\t0123456789abcdef\n');
    const unknown = lineOf({ ...entry(3), action: 'token.teleport' as never });
    writeFileSync(join(dir, 'history.jsonl'), `${lineOf(entry(1))}${wrongSum}${unknown}${lineOf(entry(4))}`);
    const view = await journal(dir).read();
    expect(view.entries.map((e) => e.description)).toEqual(['token 4', 'token 1']);
    expect(view.notice).toMatch(/2 damaged lines/);
    const huge = fresh();
    writeFileSync(join(huge, 'history.jsonl'), `${'x'.repeat(64 * 1024 * 1024)}\n${lineOf(entry(5))}`);
    const shown = await journal(huge).read();
    expect(shown.entries.map((e) => e.description)).toEqual(['token 5']);
    expect(shown.notice).toMatch(/too large to show/);
  });

  it('reads a 230 MB history in bounded time and memory, showing its newest entries', async () => {
    const dir = fresh();
    const line = lineOf(entry(1));
    const lines = Math.ceil((230 * 1024 * 1024) / line.length);
    writeFileSync(join(dir, 'history.jsonl'), line.repeat(lines));
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const view = await journal(dir).read();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(view.entries.length).toBeGreaterThan(1000);
    expect(view.notice).toMatch(/too large to show/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('never follows a symlink out of its folder, nor waits on a FIFO; a file where its folder goes is said', async () => {
    const dir = fresh();
    const outside = join(fresh(), 'elsewhere.txt');
    writeFileSync(outside, '');
    symlinkSync(outside, join(dir, 'history.jsonl'));
    const log = journal(dir);
    await log.append(entry(1));
    expect(readFileSync(outside, 'utf8')).toBe('');
    expect((await log.read()).entries.map((e) => e.description)).toEqual(['token 1']);
    const fifo = fresh();
    execFileSync('mkfifo', [join(fifo, 'history.jsonl')]);
    const started = Date.now();
    const viaFifo = journal(fifo);
    await viaFifo.append(entry(2));
    expect((await viaFifo.read()).entries.map((e) => e.description)).toEqual(['token 2']);
    expect(Date.now() - started).toBeLessThan(3000);
    const parent = fresh();
    writeFileSync(join(parent, 'history'), 'not a folder');
    const misplaced = journal(join(parent, 'history'));
    await misplaced.append(entry(3));
    const view = await misplaced.read();
    expect(view.entries.map((e) => e.description)).toEqual(['token 3']);
    expect(view.notice).toMatch(/not a folder stood where the history goes/);
  });

  it('says when the history cannot be written, until a write works', async () => {
    const parent = fresh();
    // Its folder would be inside a file: no write can work (as root too).
    writeFileSync(join(parent, 'data'), '');
    const log = journal(join(parent, 'data', 'history'));
    await expect(log.append(entry(1))).rejects.toThrow();
    expect((await log.read()).notice).toMatch(/cannot be written \(ENOTDIR\)/);
    rmSync(join(parent, 'data'));
    await log.append(entry(2));
    expect((await log.read()).notice).toBeNull();
  });

  it('survives being killed mid-write: every whole entry is read, and writing goes on', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/history-writer.ts', dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const log = journal(dir);
    const before = (await log.read()).entries;
    expect(before.length).toBeGreaterThan(20);
    await log.append(entry(99));
    const after = await log.read();
    expect(after.notice).toBeNull();
    expect(after.entries.map((e) => e.description)).toEqual(['token 99', ...before.map((e) => e.description)]);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').endsWith('\n')).toBe(true);
  });

  it('exports CSV that a spreadsheet opens as text, quotes and formulas defused', () => {
    const csv = historyCsv([entry(1, { description: '=HYPERLINK("x")', detail: 'a, "b"' })]);
    expect(csv.split('\r\n')[0]).toBe('at,connectionName,url,action,target,description,outcome,detail,desk,product,id');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"a, ""b"""');
  });

  it('reads a line written before records had an ID, a desk and a product, with a stable ID', async () => {
    const dir = fresh();
    const { id: _id, desk: _desk, product: _product, ...old } = entry(1);
    const json = JSON.stringify(old);
    const sum = createHash('sha256').update(json).digest('hex').slice(0, 16);
    writeFileSync(join(dir, 'history.jsonl'), `${json}\t${sum}\n`);
    const [read] = (await journal(dir).read()).entries;
    expect(read).toMatchObject({ ...old, id: `h${sum}`, desk: '', product: '' });
    expect((await journal(dir).read()).entries[0]?.id).toBe(`h${sum}`);
  });
});
