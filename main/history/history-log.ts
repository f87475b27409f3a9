/**
 * The history journal: an append-only file of one checksummed JSON line per change, in the data
 * directory (0600). Bounded: past SEGMENT_BYTES the file becomes history.1.jsonl (older ones move
 * up, the oldest beyond SEGMENTS goes). A line cut by a crash is dropped and the file mended before
 * the next append; a damaged segment is set aside and reported, and never stops the app.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { appendFile, lstat, mkdir, open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { historyActions, type HistoryAction, type HistoryEntry, type HistoryView } from '$contract/history';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../log/logger';

export const SEGMENT_BYTES = 1024 * 1024;
export const SEGMENTS = 5;
/** The most of one segment read: a crafted 230 MB file shows its newest part, never stops the History screen. */
export const READ_BYTES = 4 * SEGMENT_BYTES;

/** Appends never follow a symlink out of the data folder. */
const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const stampOf = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/** Lines written before records had an ID, a desk and a product read with these filled in (see parseLine). */
const entrySchema = z
  .object({
    id: z.string().max(64).optional(),
    at: z.string(),
    desk: z.string().max(200).optional(),
    product: z.string().max(40).optional(),
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
    if (!parsed.success) return null;
    // An older line's ID is its checksum: the same on every read, so the team history's cursor holds.
    const { id, desk, product, ...rest } = parsed.data;
    return { id: id ?? `h${line.slice(tab + 1)}`, desk: desk ?? '', product: product ?? '', ...rest };
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

  /**
   * Whatever stands where the history goes and is not what it should be (a file where the folder
   * goes; a FIFO, device or symlink where a segment goes) is moved aside, said, and replaced.
   */
  private async clear(path: string, want: 'file' | 'folder'): Promise<void> {
    const info = await lstat(path).catch(() => null);
    if (!info || (want === 'folder' ? info.isDirectory() : info.isFile())) return;
    const aside = `${path}.not-a-${want}-${stampOf(this.now())}`;
    await rename(path, aside);
    this.log.warn('history.not-regular', { want });
    this.notice = `Something that was not a ${want} stood where the history goes; it was moved aside as ${aside}.`;
  }

  append(entry: HistoryEntry): Promise<void> {
    return this.serial(async () => {
      try {
        await this.clear(this.dir, 'folder');
        await mkdir(this.dir, { recursive: true, mode: 0o700 });
        await this.clear(this.segment(0), 'file');
        await this.mend();
        const line = lineOf(entry);
        const size = (await stat(this.segment(0)).catch(() => null))?.size ?? 0;
        if (size > 0 && size + Buffer.byteLength(line) > this.bounds.segmentBytes) await this.rotate();
        const handle = await open(this.segment(0), APPEND, 0o600);
        try {
          await handle.write(line);
          await handle.sync();
        } finally {
          await handle.close();
        }
        this.writeProblem = null;
      } catch (error) {
        // The change was made; only its record is missing. The History screen says so until a write works.
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        this.writeProblem = `The history cannot be written (${code}): changes are made, but not recorded.`;
        throw error;
      }
    });
  }

  /** Why the last append failed, until one works. */
  private writeProblem: string | null = null;

  /** A segment's text, at most READ_BYTES of its newest part; null when there is none. */
  private async text(n: number): Promise<{ text: string; cut: boolean } | null> {
    const path = this.segment(n);
    const info = await lstat(path).catch(() => null);
    if (!info) return null;
    if (!info.isFile()) {
      await this.clear(path, 'file');
      return null;
    }
    if (info.size <= READ_BYTES) return { text: await readFile(path, 'utf8'), cut: false };
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const buffer = Buffer.alloc(READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, info.size - READ_BYTES);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      // The first piece may be the end of a line cut by where the read began.
      return { text: text.slice(text.indexOf('\n') + 1), cut: true };
    } finally {
      await handle.close();
    }
  }

  /**
   * Every entry, newest first. A damaged line (not a torn last one) is set aside alone, in a file
   * beside its segment, and the segment kept without it: one bad line hides nothing else.
   */
  read(): Promise<HistoryView> {
    return this.serial(async () => {
      const entries: HistoryEntry[] = [];
      const notes: string[] = [];
      for (let n = this.bounds.segments - 1; n >= 0; n -= 1) {
        const read = await this.text(n);
        if (read === null) continue;
        const lines = read.text.split('\n');
        // The last piece is '' after a clean write, or a torn line: either way not an entry.
        const complete = lines.slice(0, -1);
        const parsed = complete.map(parseLine);
        const damaged = complete.filter((_, i) => parsed[i] === null);
        if (read.cut)
          notes.push(`Part of the history is too large to show: its newest ${READ_BYTES >> 20} MB are shown.`);
        if (damaged.length && !read.cut) {
          const aside = `${this.segment(n)}.damaged-${stampOf(this.now())}`;
          await appendFile(aside, `${damaged.join('\n')}\n`, { mode: 0o600 });
          const kept = complete.filter((_, i) => parsed[i] !== null);
          await writeFileAtomic(this.segment(n), kept.map((l) => `${l}\n`).join(''));
          if (n === 0) this.mended = true;
          this.log.warn('history.lines-set-aside', { segment: n, lines: damaged.length });
          notes.push(
            `${damaged.length === 1 ? 'One damaged line' : `${damaged.length} damaged lines`} of the history ` +
              `${damaged.length === 1 ? 'was' : 'were'} set aside in ${aside}; the rest is shown.`,
          );
        }
        entries.push(...parsed.filter((e): e is HistoryEntry => e !== null));
      }
      const notice = [this.writeProblem, this.notice, ...notes].filter(Boolean).join(' ') || null;
      return { entries: entries.reverse(), notice };
    });
  }
}
