/**
 * The renderer's view of every connection's credentials: each one's last list (main keeps them, so
 * the page answers at once, even after a reload), refreshed all together with at most six of one server at a time,
 * each connection's progress and failure its own. A slow connection holds up only its own row.
 */
import { refreshAll, serverOfUrl } from '$contract/bounded';
import type { FleetEntry } from '$contract/credentials';
import { TokenDeskError } from '$contract/errors';
import type { Dismissal } from '$contract/fleet';
import { api } from './api';
import { connections } from './connections.svelte';
import { messageOf } from './errors';

export type Progress = 'waiting' | 'listing' | 'done' | 'failed';

class FleetStore {
  entries = $state.raw<FleetEntry[]>([]);
  progress = $state<Record<string, Progress>>({});
  refreshing = $state(false);
  dismissals = $state.raw<Dismissal[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  /** Main's last lists, without asking any server. */
  async load(): Promise<void> {
    try {
      const [entries, dismissals] = await Promise.all([api.lastCredentials(), api.listDismissals()]);
      this.entries = entries;
      for (const entry of entries) this.tell(entry);
      this.dismissals = dismissals;
      this.loaded = true;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** What the connection is, for the sidebar and the headers (a product known before stays when a list fails). */
  private tell({ connectionId, list, error }: FleetEntry): void {
    const known = list ?? connections.known[connectionId];
    if (known) connections.known[connectionId] = { product: known.product, version: known.version, answered: !error };
  }

  entryOf(connectionId: string): FleetEntry | undefined {
    return this.entries.find((e) => e.connectionId === connectionId);
  }

  /** A connection's entry as it is now (a refresh's, or one a change in place answered). */
  put(entry: FleetEntry): void {
    this.tell(entry);
    const others = this.entries.filter((e) => e.connectionId !== entry.connectionId);
    const order = connections.list.map((c) => c.id);
    this.entries = [...others, entry].sort((a, b) => order.indexOf(a.connectionId) - order.indexOf(b.connectionId));
  }

  /** Lists every connection again (or the given ones), every server at once; each result shows as it arrives. */
  async refresh(ids: readonly string[] = connections.list.map((c) => c.id)): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    for (const id of ids) this.progress[id] = 'waiting';
    try {
      const urls = new Map(connections.list.map((c) => [c.id, c.url]));
      await refreshAll(
        ids,
        (id) => serverOfUrl(urls.get(id) ?? id),
        async (connectionId) => {
          this.progress[connectionId] = 'listing';
          const previous = this.entryOf(connectionId)?.list ?? null;
          try {
            const list = await api.listCredentials({ connectionId });
            this.put({ connectionId, list, error: null });
            this.progress[connectionId] = 'done';
          } catch (error) {
            const shape =
              error instanceof TokenDeskError
                ? { code: error.code, message: error.message }
                : { code: 'INTERNAL' as const, message: messageOf(error) };
            this.put({ connectionId, list: previous, error: { ...shape, at: new Date().toISOString() } });
            this.progress[connectionId] = 'failed';
          }
        },
      );
    } finally {
      this.refreshing = false;
    }
  }

  async dismiss(connectionId: string, key: string, title: string, reason: string): Promise<void> {
    this.dismissals = await api.dismissAttention({ connectionId, key, title, reason });
  }

  async restore(connectionId: string, key: string): Promise<void> {
    this.dismissals = await api.restoreAttention({ connectionId, key });
  }
}

export const fleet = new FleetStore();
