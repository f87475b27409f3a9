/**
 * Where the views across connections send a person: a connection's tab, narrowed to the credentials
 * a count or a search result named, and the one to open. Each list reads it; "Show all" clears it.
 */
import type { TabInfo } from '$contract/families';

export interface ListIntent {
  connectionId: string;
  tab: TabInfo['id'];
  /** What the narrowing is, in words: "Due for review", "Search: can:write". */
  label: string;
  /** The credentials to show; null: all of them. */
  ids: ReadonlySet<string> | null;
  /** The credential whose detail opens (or which is selected, where a list has no detail). */
  openId: string | null;
  /**
   * 2.x tokens: act on the credentials named at once: re-issue them for a service user (a person's,
   * from Users or Attention), rotate one, or retire (deactivate) those kept after a replacement.
   */
  act?: ListAct;
}

export type ListAct = 'reissue' | 'rotate' | 'retire';

class IntentStore {
  current = $state.raw<ListIntent | null>(null);

  /** The intent for this connection's tab, if any. */
  of(connectionId: string, tab: TabInfo['id']): ListIntent | null {
    const intent = this.current;
    return intent && intent.connectionId === connectionId && intent.tab === tab ? intent : null;
  }

  /** Only the rows the intent names (all rows without one). */
  narrow<R>(rows: R[], connectionId: string, tab: TabInfo['id'], idOf: (row: R) => string): R[] {
    const ids = this.of(connectionId, tab)?.ids;
    return ids ? rows.filter((r) => ids.has(idOf(r))) : rows;
  }

  /**
   * The credential whose detail to open. It stays asked for while the list is read again (a re-check
   * remounts the panel) until its detail is closed (`opened`).
   */
  openOf(connectionId: string, tab: TabInfo['id']): string | null {
    return this.of(connectionId, tab)?.openId ?? null;
  }

  /** Its detail was shown and closed: the list no longer opens it. */
  opened(): void {
    if (this.current?.openId) this.current = { ...this.current, openId: null };
  }

  /** The credential to select, once (lists without a detail of their own). */
  takeOpen(connectionId: string, tab: TabInfo['id']): string | null {
    const intent = this.of(connectionId, tab);
    if (!intent?.openId) return null;
    this.current = { ...intent, openId: null };
    return intent.openId;
  }

  /** What to do at once, and to which credentials; asked for, as `openOf`, until its dialog closes (`acted`). */
  actOf(connectionId: string, tab: TabInfo['id']): { act: ListAct; ids: ReadonlySet<string> } | null {
    const intent = this.of(connectionId, tab);
    return intent?.act && intent.ids ? { act: intent.act, ids: intent.ids } : null;
  }

  /** The action's dialog was shown and closed: the intent only narrows the list now. */
  acted(): void {
    if (this.current?.act) this.current = { ...this.current, act: undefined };
  }

  clear(): void {
    this.current = null;
  }
}

export const listIntent = new IntentStore();
