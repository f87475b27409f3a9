/**
 * Copying secrets: the clipboard is cleared after a delay (30 s by default) only if it still holds
 * what Token Desk put there, and again when Token Desk quits. Copies are marked concealed so
 * clipboard managers skip them where the platform allows.
 */
export interface Clipboard {
  readText(): Promise<string>;
  /** `concealed`: ask clipboard managers not to record it (macOS, Windows, KDE). */
  writeText(text: string, concealed: boolean): Promise<void>;
  clear(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SecretClipboard {
  private pending: { value: string; timer: unknown } | null = null;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly timers: Timers,
    /** Seconds before clearing; 0 turns clearing off. Read at each copy so a settings change applies. */
    private readonly clearAfter: () => number,
  ) {}

  /** Copies; returns how many seconds until the clipboard is cleared (null: never). */
  async copy(text: string, secret: boolean): Promise<number | null> {
    this.cancel();
    await this.clipboard.writeText(text, secret);
    const seconds = this.clearAfter();
    if (!secret || seconds <= 0) return null;
    this.pending = { value: text, timer: this.timers.setTimeout(() => void this.clearIfUnchanged(), seconds * 1000) };
    return seconds;
  }

  private cancel(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer);
    this.pending = null;
  }

  /** Clears only what we copied: something the user copied since is theirs. */
  async clearIfUnchanged(): Promise<void> {
    const pending = this.pending;
    this.cancel();
    if (pending && (await this.clipboard.readText()) === pending.value) this.clipboard.clear();
  }
}
