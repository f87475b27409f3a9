/** Timers driven by the test: nothing fires until `advance` moves the clock past it. */
import type { Timers } from '../../main/vault/clipboard';

export class FakeTimers implements Timers {
  private now = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  private next = 1;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time forward, firing what falls due in order, and lets their promises settle. */
  async advance(ms: number): Promise<void> {
    this.now += ms;
    const due = [...this.pending.entries()].filter(([, t]) => t.at <= this.now).sort((a, b) => a[1].at - b[1].at);
    for (const [id, timer] of due) {
      this.pending.delete(id);
      timer.fn();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
