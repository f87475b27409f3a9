/**
 * What every bench section shares: a figure's row, the median of timed work, a settled heap, and a
 * connection made through the real handler table.
 */
import { serverOfUrl } from '$contract/bounded';
import { channelOf } from '$contract/channels';
import type { Envelope } from '$contract/errors';
import type { Emulator } from '../emulator/index';
import { connectionDraft } from '../support/connect';
import { createTestCore } from '../support/test-core';

export interface Row {
  figure: string;
  measured: number;
  floor: number;
  unit: string;
  /** The goal, and what the floor does (issue "Speed as the person feels it": the floor's definition beside each). */
  goal: string;
  /** The ratio's limit; null when the goal is absolute (checked against `absolute`). */
  limit: number | null;
  absolute?: number;
}

export type Section = () => Promise<Row[]>;

export const APP = 'app://token-desk/index.html';

export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * The median time of each work, run in turns so the shared machine's noise falls on every side alike.
 * With `collect`, the run before's garbage is collected first, outside the time: for work that leaves
 * much of it (opening a vault). Not for a keystroke's work: a full collection drops compiled code, so
 * every run would time cold code a person never meets.
 */
export async function timedEach<const W extends readonly (() => Promise<unknown>)[]>(
  runs: number,
  works: W,
  collect = false,
): Promise<{ [K in keyof W]: number }> {
  const times = works.map((): number[] => []);
  for (let i = 0; i < runs; i += 1)
    for (const [k, work] of works.entries()) {
      if (collect) global.gc?.();
      const started = performance.now();
      await work();
      times[k]!.push(performance.now() - started);
    }
  return times.map(median) as { [K in keyof W]: number };
}

/** The median time of `work` (see timedEach). */
export const timed = async (runs: number, work: () => Promise<unknown>, collect = false) =>
  (await timedEach(runs, [work], collect))[0];

/** The heap in use once garbage (and what finalizers free on the next ticks) is gone. */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i += 1) {
    global.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

export type Call = <T>(name: Parameters<typeof channelOf>[0], args?: unknown) => Promise<T>;

/** A connection profile as the form saves it, to `url` with `token`. */
export const profileOf = (name: string, url: string, token: string) => connectionDraft(name, url, token, 60_000);

/** A server to connect to: an emulator (a cluster by its Management API), or any URL and token. */
type Server = Pick<Emulator, 'url' | 'operatorToken'> & Partial<Pick<Emulator, 'managementUrl' | 'mode'>>;

const draftOf = (name: string, server: Server) =>
  server.managementUrl
    ? {
        ...profileOf(name, server.managementUrl, server.operatorToken),
        ...(server.mode === 'dedicated' ? { dataUrl: server.url } : {}),
      }
    : profileOf(name, server.url, server.operatorToken);

export async function connect(influx: Server, origin = APP, dataDir?: string) {
  const core = createTestCore({ allowedOrigins: [origin], ...(dataDir ? { dataDir } : {}) });
  const call: Call = async <T>(name: Parameters<typeof channelOf>[0], args?: unknown): Promise<T> => {
    const answer = (await core.dispatch(channelOf(name), origin, args)) as Envelope<T>;
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value;
  };
  const save = async (name: string, server: Server = influx) =>
    (await call<{ id: string }>('saveConnection', draftOf(name, server))).id;
  const id = await save('bench');
  await call('checkConnection', { id });
  return { core, call, id, save };
}

/** Each saved connection's server, as the page groups them for "Refresh all". */
export async function serversOf(call: Call): Promise<(id: string) => string> {
  const urls = new Map((await call<{ id: string; url: string }[]>('listConnections')).map((c) => [c.id, c.url]));
  return (id) => serverOfUrl(urls.get(id) ?? id);
}
