/**
 * The fleet: "Refresh all" over 50 connections of 2,000 tokens, each its own server with 100 ms per
 * request, run as the page runs it, against the slowest single connection's list and against the
 * bare transfer of the same lists (what any client pays for the bytes); main's heap with
 * those 50 lists held against the 50 parsed bodies held once; a search over the 100,000 rows against
 * a plain filter of the names.
 */
import { refreshAll } from '$contract/bounded';
import type { FleetEntry } from '$contract/credentials';
import { dayOf } from '$contract/review';
import { parseSearch, searchFleet } from '../../../renderer/src/lib/fleet-search';
import { startEmulator } from '../../emulator/index';
import { startLatencyProxy, type LatencyProxy } from '../latency-proxy';
import { connect, serversOf, settledHeap, timedEach, type Row } from '../measure';

const CONNECTIONS = 50;

export async function fleet(): Promise<Row[]> {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:2000' });
  const servers: LatencyProxy[] = [];
  try {
    for (let i = 0; i < CONNECTIONS; i += 1) servers.push(await startLatencyProxy(influx.url, { replay: true }));
    const { call, save } = await connect(influx);
    const ids: string[] = [];
    for (const [i, server] of servers.entries())
      ids.push(await save(`fleet ${i}`, { url: server.url, operatorToken: influx.operatorToken }));
    // Main's heap before and after it holds every connection's last list (what the overview reads).
    const beforeLists = await settledHeap();
    for (const id of ids) await call('listCredentials', { connectionId: id });
    const listsHeap = (await settledHeap()) - beforeLists;
    for (const server of servers) server.ms = 100;
    const single: number[] = [];
    for (const id of ids.slice(0, 5)) {
      const started = performance.now();
      await call('listCredentials', { connectionId: id });
      single.push(performance.now() - started);
    }
    const serverOf = await serversOf(call);
    const started = performance.now();
    await refreshAll(ids, serverOf, (connectionId) => call('listCredentials', { connectionId }));
    const refresh = performance.now() - started;
    // The least any client does for the same refresh: the 50 token lists fetched and parsed at once,
    // nothing else. On one main thread these bytes alone cost a multiple of one list's time.
    const transferStarted = performance.now();
    await Promise.all(
      servers.map((server) =>
        fetch(`${server.url}/api/v2/authorizations`, {
          headers: { Authorization: `Token ${influx.operatorToken}` },
        }).then((r) => r.json()),
      ),
    );
    const transfer = performance.now() - transferStarted;

    const text = await (
      await fetch(`${influx.url}/api/v2/authorizations`, {
        headers: { Authorization: `Token ${influx.operatorToken}` },
      })
    ).text();
    const base = await settledHeap();
    let held: unknown[] = ids.map(() => JSON.parse(text) as unknown);
    const bodies = (await settledHeap()) - base;
    if (held.length !== CONNECTIONS) throw new Error('the bodies were not held');
    held = [];

    const lists = (await call<FleetEntry[]>('lastCredentials')).filter((e) => ids.includes(e.connectionId));
    const entries = lists.flatMap((e) => (e.list ? [e] : []));
    const names = new Map(ids.map((id, i) => [id, `fleet ${i}`]));
    const today = dayOf(new Date());
    const plainRows = entries.flatMap((e) => e.list!.rows.map((r) => r.name.toLowerCase()));
    searchFleet(entries, names, parseSearch('warm'), today);
    const [floor, words, terms] = await timedEach(9, [
      async () => plainRows.filter((n) => n.includes('token 12')),
      async () => searchFleet(entries, names, parseSearch('token 12'), today),
      async () => searchFleet(entries, names, parseSearch('can:write bucket:bucket-1 owner:user'), today),
    ]);
    const searchRow = (kind: string, measured: number): Row => ({
      figure: `search over ${plainRows.length.toLocaleString('en')} rows, ${kind}`,
      measured,
      floor,
      unit: 'ms',
      goal: '≤ 16.7 ms (floor: a plain filter of the names)',
      limit: null,
      absolute: 16.7,
    });
    return [
      {
        figure: `refresh all: ${CONNECTIONS} connections × 2,000 tokens, 100 ms per request`,
        measured: refresh,
        floor: Math.max(...single),
        unit: 'ms',
        goal: '≤ 1.3× (floor: the slowest single list)',
        limit: 1.3,
      },
      {
        figure: `refresh all against its bare transfer (${CONNECTIONS} token lists fetched and parsed at once)`,
        measured: refresh,
        floor: transfer,
        unit: 'ms',
        goal: '≤ 1.3× (floor: the same bytes, fetched and parsed, nothing else)',
        limit: 1.3,
      },
      {
        figure: `main's heap holding ${CONNECTIONS} last lists of 2,000 tokens`,
        measured: listsHeap / 1024 / 1024,
        floor: bodies / 1024 / 1024,
        unit: 'MiB',
        goal: `≤ 1.5× (floor: the ${CONNECTIONS} parsed bodies held once)`,
        limit: 1.5,
      },
      searchRow('words', words),
      searchRow('terms', terms),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await influx.close();
  }
}
