/**
 * Ships this desk's history records to the team target, in order, in batches of one request each.
 * The journal stays the source: what waits is what follows the cursor there, read at start and
 * added to as records are written. A failed batch waits and goes again later (5 s, 15 s, 1 min,
 * then every 5 min, or at once on "Ship now"); the cursor moves only past what the server took.
 */
import type { HistoryEntry } from '$contract/history';
import type { TeamHistoryTarget } from '$contract/team-history';
import type { Logger } from '../log/logger';
import type { Timers } from '../vault/clipboard';
import type { CursorFile, Cursor } from './cursor';
import { pointOf, type Fallback } from './line-protocol';

/** InfluxDB's own advice for a write: about 5,000 lines. */
export const BATCH = 5000;
const RETRY_SECONDS = [5, 15, 60, 300];

export interface ShipperPorts {
  /** The journal's records, newest first. */
  journal(): Promise<HistoryEntry[]>;
  cursor: CursorFile;
  target(): TeamHistoryTarget | null;
  /** Where the target is, as a cursor's key: a new target gets every record. */
  keyOf(target: TeamHistoryTarget): string;
  write(target: TeamHistoryTarget, lines: string): Promise<void>;
  /** The desk's name and its connections' products as they are now. */
  fallback(): Fallback;
  timers: Timers;
  now(): Date;
  log: Logger;
  /** The status changed (counts, a problem): the History screen is told. */
  changed(): void;
}

export class Shipper {
  private waiting: HistoryEntry[] = [];
  /** Records told while the journal was being read: merged in by ID once it is. */
  private early: HistoryEntry[] | null = null;
  private cursor: Cursor | null = null;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  /** Moves on each load: a batch in flight for an earlier target does not touch the new one's queue. */
  private generation = 0;
  problem: string | null = null;
  retryAt: Date | null = null;

  constructor(private readonly ports: ShipperPorts) {}

  get state() {
    return {
      waiting: this.waiting.length,
      shipped: this.cursor?.shipped ?? 0,
      lastShippedAt: this.cursor?.shippedAt ?? null,
      problem: this.problem,
      retryAt: this.retryAt?.toISOString() ?? null,
    };
  }

  /** The journal's read in progress: a ship waits for it, so nothing read late is missed. */
  private loading: Promise<void> = Promise.resolve();

  /** Reads what waits for the current target (at start, and when the target changes), then ships it. */
  load(): Promise<void> {
    this.loading = this.read();
    return this.loading;
  }

  private async read(): Promise<void> {
    this.generation += 1;
    const target = this.ports.target();
    this.waiting = [];
    this.cursor = null;
    this.problem = null;
    this.failures = 0;
    if (!target) return this.ports.changed();
    this.early = [];
    const key = this.ports.keyOf(target);
    const [entries, cursor] = await Promise.all([
      this.ports.journal().then((e) => [...e].reverse()),
      this.ports.cursor.read(key),
    ]);
    this.cursor = cursor ?? { target: key, lastId: '', lastAt: '', shipped: 0, shippedAt: null };
    const at = cursor ? entries.findIndex((e) => e.id === cursor.lastId) : -1;
    // A cursor whose record rotated out of the journal: everything since its time (a repeat overwrites itself).
    const after = at >= 0 ? entries.slice(at + 1) : cursor ? entries.filter((e) => e.at >= cursor.lastAt) : entries;
    const known = new Set(after.map((e) => e.id));
    this.waiting = [...after, ...this.early.filter((e) => !known.has(e.id))];
    this.early = null;
    this.ports.changed();
    this.soon(0);
  }

  /** A record just written to the journal. */
  queued(entry: HistoryEntry): void {
    if (!this.ports.target()) return;
    if (this.early) {
      this.early.push(entry);
      return;
    }
    this.waiting.push(entry);
    this.ports.changed();
    // A few changes in a row go in one request; after a failure the retry's time holds.
    if (!this.retryAt) this.soon(500);
  }

  private soon(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.ports.timers.clearTimeout(this.timer);
    this.timer = this.ports.timers.setTimeout(() => {
      this.timer = null;
      void this.ship();
    }, ms);
  }

  /** Ships everything waiting; one run at a time (a second call waits for the first). */
  ship(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    await this.loading.catch(() => undefined);
    const target = this.ports.target();
    const generation = this.generation;
    while (target && this.waiting.length > 0 && !this.stopped) {
      const batch = this.waiting.slice(0, BATCH);
      try {
        const fallback = this.ports.fallback();
        await this.ports.write(target, batch.map((e) => pointOf(e, fallback)).join('\n'));
      } catch (error) {
        if (generation === this.generation) this.failed(error);
        return;
      }
      if (generation !== this.generation) return;
      const last = batch[batch.length - 1] as HistoryEntry;
      this.waiting.splice(0, batch.length);
      this.cursor = {
        target: this.ports.keyOf(target),
        lastId: last.id,
        lastAt: last.at,
        shipped: (this.cursor?.shipped ?? 0) + batch.length,
        shippedAt: this.ports.now().toISOString(),
      };
      // A cursor that is not written only means those records go again: the points overwrite themselves.
      await this.ports.cursor
        .write(this.cursor)
        .catch((e: unknown) =>
          this.ports.log.warn('team-history.cursor-failed', { code: (e as NodeJS.ErrnoException).code ?? 'error' }),
        );
      this.problem = null;
      this.retryAt = null;
      this.failures = 0;
      this.ports.changed();
    }
  }

  private failed(error: unknown): void {
    const seconds = RETRY_SECONDS[Math.min(this.failures, RETRY_SECONDS.length - 1)] as number;
    this.failures += 1;
    this.problem = error instanceof Error ? error.message : 'The write failed.';
    this.retryAt = new Date(this.ports.now().getTime() + seconds * 1000);
    this.ports.log.warn('team-history.ship-failed', { waiting: this.waiting.length, retryInSeconds: seconds });
    this.ports.changed();
    this.soon(seconds * 1000);
  }

  /** "Ship now": the retry's wait is skipped. */
  now(): Promise<void> {
    this.retryAt = null;
    return this.ship();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.ports.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
