/**
 * The history journal: an append-only file of one checksummed JSON line per change, in the data
 * directory (0600). Bounded: past SEGMENT_BYTES the file becomes history.1.jsonl (older ones move
 * up, the oldest beyond SEGMENTS goes). A line cut by a crash is dropped and the file mended before
 * the next append; a damaged segment is set aside and reported, and never stops the app.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { historyActions, type HistoryAction, type HistoryEntry, type HistoryView } from '$contract/history';
import type { Logger } from '../log/logger';

export const SEGMENT_BYTES = 1024 * 1024;
export const SEGMENTS = 5;

const entrySchema = z
  .object({
    at: z.string(),
    connectionId: z.string(),
    connectionName: z.string(),
    url: z.string(),
    action: z.enum(Object.keys(historyActions) as [HistoryAction, ...HistoryAction[]]),
    target: z.string(),
    description: z.string(),
    outcome: z.enum(['ok', 'failed']),
    detail: z.string(),
  })
  .strict();

const sum = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 16);

/** One line: the entry's JSON, a tab, its checksum. */
export const lineOf = (entry: HistoryEntry): string => {
  const json = JSON.stringify(entry);
  return `${json}\t${sum(json)}\n`;
};

function parseLine(line: string): HistoryEntry | null {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (sum(json) !== line.slice(tab + 1)) return null;
  try {
    const parsed = entrySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class HistoryLog {
  private queue: Promise<unknown> = Promise.resolve();
  private mended = false;
  private notice: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** Tests make segments small to see rotation. */
    private readonly bounds = { segmentBytes: SEGMENT_BYTES, segments: SEGMENTS },
  ) {}

  private segment(n: number): string {
    return join(this.dir, n === 0 ? 'history.jsonl' : `history.${n}.jsonl`);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A write cut short by a crash leaves a line without its end: cut it off so the next line starts clean. */
  private async mend(): Promise<void> {
    if (this.mended) return;
    this.mended = true;
    const text = await readFile(this.segment(0), 'utf8').catch(() => null);
    if (text && !text.endsWith('\n'))
      await truncate(this.segment(0), Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1), 'utf8'));
  }

  private async rotate(): Promise<void> {
    await rm(this.segment(this.bounds.segments - 1), { force: true });
    for (let n = this.bounds.segments - 2; n >= 0; n -= 1)
      await rename(this.segment(n), this.segment(n + 1)).catch(() => undefined);
  }

  /** Waits for every append queued so far (on quit). */
  flush(): Promise<void> {
    return this.serial(async () => undefined);
  }

  append(entry: HistoryEntry): Promise<void> {
    return this.serial(async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await this.mend();
      const line = lineOf(entry);
      const size = (await stat(this.segment(0)).catch(() => null))?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(line) > this.bounds.segmentBytes) await this.rotate();
      const handle = await open(this.segment(0), 'a', 0o600);
      try {
        await handle.write(line);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  /** Every entry, newest first. A segment with a damaged line (not a torn last one) is set aside whole. */
  read(): Promise<HistoryView> {
    return this.serial(async () => {
      const entries: HistoryEntry[] = [];
      for (let n = this.bounds.segments - 1; n >= 0; n -= 1) {
        const text = await readFile(this.segment(n), 'utf8').catch(() => null);
        if (text === null) continue;
        const lines = text.split('\n');
        // The last piece is '' after a clean write, or a torn line: either way not an entry.
        const complete = lines.slice(0, -1).map(parseLine);
        if (complete.some((e) => e === null)) {
          const aside = `${this.segment(n)}.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}`;
          await rename(this.segment(n), aside).catch(() => undefined);
          this.log.warn('history.set-aside', { segment: n });
          this.notice = `A damaged part of the history was set aside as ${aside}; the rest is shown.`;
          if (n === 0) this.mended = true;
          continue;
        }
        entries.push(...(complete as HistoryEntry[]));
      }
      return { entries: entries.reverse(), notice: this.notice };
    });
  }
}
