/**
 * One piece of work a component runs against main: busy while it runs, its failure in plain words
 * afterwards. Replaces the try/catch/busy blocks each component used to write for itself.
 */
import { messageOf } from './errors';

export class Task {
  busy = $state(false);
  /** The failure's message, for the page; null while running and after a success. */
  error = $state<string | null>(null);
  /** The failure itself, for `isCode(task.failure, 'NOT_FOUND')`. */
  failure = $state.raw<unknown>(null);

  /** Runs `work`; answers its value, or undefined when it failed (then `error` says why). */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.clear();
    try {
      return await work();
    } catch (thrown) {
      this.failure = thrown;
      this.error = messageOf(thrown);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  clear(): void {
    this.error = null;
    this.failure = null;
  }
}
