/**
 * One action over many items, one after another, with progress and a result for each: what the
 * token list's bulk bar shows. A failure stops nothing; it is kept beside its item.
 */
import { SvelteMap } from 'svelte/reactivity';
import { messageOf } from './errors';

export interface BulkResult<T> {
  item: T;
  error: string | null;
}

export class BulkRun<T> {
  done = $state(0);
  results = $state.raw<BulkResult<T>[]>([]);
  private each: ((item: T) => Promise<unknown>) | null = null;
  private after: (() => Promise<void>) | undefined;

  constructor(
    readonly action: string,
    readonly total: number,
  ) {}

  get finished(): boolean {
    return this.done === this.total;
  }

  get failures(): BulkResult<T>[] {
    return this.results.filter((r) => r.error !== null);
  }

  /** `after`: what follows the run (the list read again), after a retry too. */
  async run(items: readonly T[], each: (item: T) => Promise<unknown>, after?: () => Promise<void>): Promise<void> {
    this.each = each;
    this.after = after;
    for (const item of items) {
      let error: string | null = null;
      try {
        await each(item);
      } catch (thrown) {
        error = messageOf(thrown);
      }
      this.results = [...this.results, { item, error }];
      this.done += 1;
    }
    await after?.();
  }

  /** The failed items once more, with the same action: their new results replace the old. */
  async retry(): Promise<void> {
    const again = this.failures.map((f) => f.item);
    if (!this.each || again.length === 0) return;
    this.results = this.results.filter((r) => r.error === null);
    this.done = this.results.length;
    await this.run(again, this.each, this.after);
  }
}

/** Every panel's run by its key, outside the panels: a failing answer hides a panel while the connection is checked. */
const kept = new SvelteMap<string, unknown>();

/**
 * A panel's bulk run, kept by its key (connection and tab), so the panel shown again (after a failing
 * answer made the connection's check hide it, or after another tab) still shows the run and its retry.
 * The key is read each time: a panel shown for another connection shows that connection's run.
 */
export class BulkSlot<T> {
  constructor(private readonly key: () => string) {}

  get run(): BulkRun<T> | null {
    return (kept.get(this.key()) as BulkRun<T> | undefined) ?? null;
  }

  set run(next: BulkRun<T> | null) {
    if (next) kept.set(this.key(), next);
    else kept.delete(this.key());
  }
}
