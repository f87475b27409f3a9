/**
 * When a passphrase-protected vault locks by itself: after the system has been idle for the chosen
 * minutes (default 15), when the screen locks, or when the machine sleeps. Locking drops the key
 * and reloads the renderer, so no decrypted value stays in the page's memory either.
 */
import type { Vault } from './vault';

export class AutoLock {
  constructor(
    private readonly vault: Vault,
    /** Minutes of system idle time before locking; 0 turns idle locking off. */
    private readonly idleMinutes: () => number,
    private readonly onLocked: () => void,
  ) {}

  /** Locks now if there is anything to lock (Ctrl/Cmd+L, screen lock, suspend). */
  lockNow(): boolean {
    if (!this.vault.lockable) return false;
    this.vault.lock();
    this.onLocked();
    return true;
  }

  /** Fed with the OS's idle time (powerMonitor.getSystemIdleTime) every so often. */
  idleFor(seconds: number): boolean {
    const minutes = this.idleMinutes();
    return minutes > 0 && seconds >= minutes * 60 ? this.lockNow() : false;
  }
}
