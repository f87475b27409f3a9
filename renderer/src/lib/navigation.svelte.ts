/**
 * Which screen the window shows, for every part of the page that sends a person somewhere: the
 * sidebar, the overview's counts, the search's results, "which token is this?".
 */
import type { TabInfo } from '$contract/families';
import { connections } from './connections.svelte';
import { listIntent, type ListAct } from './list-intent.svelte';

export type View =
  | { kind: 'connection' }
  | { kind: 'overview' }
  | { kind: 'which' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'import' }
  | { kind: 'vault' }
  | { kind: 'team' }
  | { kind: 'history' }
  | { kind: 'settings' }
  | { kind: 'about' };

class Navigation {
  view = $state<View>({ kind: 'connection' });
  /** The search across every connection (Ctrl/Cmd+K) is open. */
  searching = $state(false);

  /** A connection's list, narrowed to `ids` (null: all) with `openId`'s detail open. */
  async openList(
    connectionId: string,
    tab: TabInfo['id'],
    label: string,
    ids: readonly string[] | null,
    openId: string | null = null,
    act?: ListAct,
  ): Promise<void> {
    listIntent.current = { connectionId, tab, label, ids: ids ? new Set(ids) : null, openId, act };
    this.searching = false;
    // Selected first, then shown: the screen never lists the connection that was selected before.
    await connections.select(connectionId);
    this.view = { kind: 'connection' };
  }
}

export const navigation = new Navigation();
