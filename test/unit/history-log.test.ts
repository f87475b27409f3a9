/** The history journal: append-only, 0600, bounded by rotation, mended after a crash, a damaged part set aside. */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '$contract/history';
import { historyCsv } from '$contract/history';
import { HistoryLog, lineOf } from '../../main/history/history-log';
import { createLogger } from '../../main/log/logger';

const entry = (i: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
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

  it('sets a damaged segment aside, says so, and goes on', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'history.1.jsonl'), `${lineOf(entry(1))}garbage\t0000\n${lineOf(entry(2))}`);
    writeFileSync(join(dir, 'history.jsonl'), lineOf(entry(3)));
    const log = journal(dir);
    const view = await log.read();
    expect(view.entries.map((e) => e.description)).toEqual(['token 3']);
    expect(view.notice).toMatch(/set aside/);
    expect(readdirSync(dir).some((n) => n.startsWith('history.1.jsonl.damaged-'))).toBe(true);
    await log.append(entry(4));
    expect((await log.read()).entries).toHaveLength(2);
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
    expect(csv.split('\r\n')[0]).toBe('at,connectionName,url,action,target,description,outcome,detail');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"a, ""b"""');
  });
});
