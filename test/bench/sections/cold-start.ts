/**
 * Cold start to the first answer: from importing the built main bundle (under the stand-in shell) to
 * listConnections answered, with a 10,000-entry vault and 20 saved connections, against opening that
 * vault alone (its files read and parsed) in a process started the same way. Each is a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, type Row } from '../measure';
import { vaultWith } from './vault';

const script = resolve('test/bench/cold-start.mjs');
const register = resolve('test/shell/register.mjs');

function run(mode: 'setup' | 'start' | 'floor', dataDir: string): { ms: number; connections?: number } {
  const out = execFileSync(process.execPath, ['--import', register, script, mode], {
    env: { ...process.env, TOKEN_DESK_USER_DATA: dataDir, TOKEN_DESK_STANDIN_KEYRING: 'gnome_libsecret' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ms: number; connections?: number };
}

export async function coldStart(): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-bench-start-'));
  run('setup', dataDir);
  await vaultWith(10_000, 200, dataDir);
  const starts: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = run('start', dataDir);
    if (started.connections !== 20) throw new Error(`listed ${started.connections} connections, not 20`);
    starts.push(started.ms);
    floors.push(run('floor', dataDir).ms);
  }
  return [
    {
      figure: 'cold start: main bundle imported to listConnections answered (20 connections, 10,000-entry vault)',
      measured: median(starts),
      floor: median(floors),
      unit: 'ms',
      goal: '≤ 1.5× (floor: a process reading and parsing that vault alone)',
      limit: 1.5,
    },
  ];
}
