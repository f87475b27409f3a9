/**
 * The 2.x token list's dialogs, one at a time: a token's detail, Generate (a new token, or one that
 * replaces another with other permissions), the new value's reveal, Rotate (asked first), re-issue
 * for a service user; and what the overview's Attention or the Users tab asked to do at once.
 */
import type { CreatedToken, TokenRow } from '$contract/tokens';
import { api } from './api';
import { listIntent, type ListAct } from './list-intent.svelte';
import type { TokenChanges } from './token-changes.svelte';

/** The token a new one replaces (rotated, or `replaced` with other permissions). */
export type Rotation = { old: TokenRow; replaced?: boolean } | null;

export class TokenDialogs {
  opened = $state<TokenRow | null>(null);
  generating = $state<{ replacing: TokenRow | null } | null>(null);
  revealed = $state<{ created: CreatedToken; rotation: Rotation } | null>(null);
  rotating = $state<TokenRow | null>(null);
  reissuing = $state<TokenRow[] | null>(null);

  constructor(
    private readonly connectionId: () => string,
    private readonly changes: TokenChanges,
    /** A token was made: the list shows it at once. */
    private readonly onmade: (token: TokenRow) => void,
    /** Making one failed: said, and kept for the clean-up offer. */
    private readonly onfailed: (error: unknown) => void,
  ) {}

  created(result: CreatedToken, rotation: Rotation = null): void {
    this.generating = null;
    this.opened = null;
    this.revealed = { created: result, rotation };
    this.onmade(result.token);
  }

  /** Clone and rotate: a new token revealed at once, or the reason it was not made. */
  async make(work: () => Promise<CreatedToken>, rotation: Rotation = null): Promise<void> {
    try {
      this.created(await work(), rotation);
    } catch (error) {
      this.onfailed(error);
    }
  }

  rotate(): void {
    const old = this.rotating;
    this.rotating = null; // closed before the work starts: a second click cannot rotate twice
    listIntent.acted();
    if (old) void this.make(() => api.rotateToken({ connectionId: this.connectionId(), id: old.id }), { old });
  }

  /** What Attention or the Users tab asked for, done at once (each dialog asks first). */
  actOn(act: ListAct, named: TokenRow[]): void {
    const active = named.filter((r) => r.status === 'active');
    if (act === 'reissue' && active.length) this.reissuing = active;
    else if (act === 'rotate' && active[0]) this.rotating = active[0];
    // Retiring a replaced token: deactivated (it can be activated again), or deleted once it is
    // inactive already; always asked first.
    else if (act === 'retire' && named.length)
      this.changes.confirming = active.length
        ? { action: 'deactivate', targets: active }
        : { action: 'delete', targets: named };
    else listIntent.acted();
  }
}
