/**
 * Team history: shipping 10,000 waiting records (batches of 5,000, the cursor written after each),
 * against writing the same line protocol in one request; the writes it took, against one per batch.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '$contract/history';
import { lineOf } from '../../../main/history/history-log';
import { pointOf } from '../../../main/team-history/line-protocol';
import { BATCH } from '../../../main/team-history/shipper';
import { startEmulator } from '../../emulator/index';
import { APP, connect, timed, type Row } from '../measure';

export async function team(): Promise<Row[]> {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-bench-team-'));
    const at = Date.parse('2026-12-01T00:00:00Z');
    const records: HistoryEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `bench-${i}`,
      at: new Date(at + i * 1000).toISOString(),
      desk: 'bench@desk',
      product: 'OSS 2.9',
      connectionId: 'c',
      connectionName: 'bench',
      url: influx.url,
      action: 'token.create',
      target: i.toString(16).padStart(16, '0'),
      description: `Bench token ${i}`,
      outcome: 'ok',
      detail: '',
    }));
    mkdirSync(join(dataDir, 'history'), { recursive: true });
    writeFileSync(join(dataDir, 'history', 'history.jsonl'), records.map(lineOf).join(''));
    // Writes refused while the target is set up: every record waits.
    influx.faults.add({ fault: { kind: 'status', status: 503 }, path: '/api/v2/write' });
    const { call, id } = await connect(influx, APP, dataDir);
    await call('setUpTeamHistory', { connectionId: id, database: 'bench_history', orgID: null });
    await call('shipTeamHistory');
    const waiting = (await call<{ waiting: number }>('getTeamHistory')).waiting;
    influx.faults.clear();
    const body = records.map((r) => pointOf(r, { desk: 'bench@desk', product: () => '' })).join('\n');
    const org = [...influx.state.orgs.values()][0]?.id ?? '';
    const floor = await timed(3, async () => {
      const answer = await fetch(`${influx.url}/api/v2/write?orgID=${org}&bucket=bench_history&precision=ns`, {
        method: 'POST',
        headers: { Authorization: `Token ${influx.operatorToken}`, 'content-type': 'text/plain; charset=utf-8' },
        body,
      });
      if (answer.status !== 204) throw new Error(`the floor's write answered ${answer.status}`);
    });
    const writes = () => influx.requests.filter((r) => r.line.startsWith('POST /api/v2/write')).length;
    const before = writes();
    const started = performance.now();
    await call('shipTeamHistory');
    const measured = performance.now() - started;
    const shipped = writes() - before;
    const left = (await call<{ waiting: number }>('getTeamHistory')).waiting;
    if (left !== 0) throw new Error(`${left} records still wait`);
    return [
      {
        figure: `team history: ship ${waiting.toLocaleString('en')} waiting records (batches of ${BATCH})`,
        measured,
        floor,
        unit: 'ms',
        goal: '≤ 2× (floor: one request of the same line protocol)',
        limit: 2,
      },
      {
        figure: `team history: writes for ${waiting.toLocaleString('en')} records`,
        measured: shipped,
        floor: Math.ceil(waiting / BATCH),
        unit: 'writes',
        goal: '= one per batch',
        limit: 1,
      },
    ];
  } finally {
    await influx.close();
  }
}
