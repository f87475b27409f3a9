/**
 * One action over many items, one after another, with progress and a result for each: what the
 * token list's bulk bar shows. A failure stops nothing; it is kept beside its item.
 */
import { messageOf } from './errors';

export interface BulkResult<T> {
  item: T;
  error: string | null;
}

export class BulkRun<T> {
  done = $state(0);
  results = $state.raw<BulkResult<T>[]>([]);

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

  async run(items: readonly T[], each: (item: T) => Promise<unknown>): Promise<void> {
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
  }
}
