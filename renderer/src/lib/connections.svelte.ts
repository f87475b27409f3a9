/**
 * The renderer's state for connections: the list from main, and the latest check of each one.
 * Every change goes through main; this only mirrors what main answered.
 */
import type { ConnectionCheck, ConnectionDraft, ConnectionSummary } from '$contract/connections';
import { TokenDeskError } from '$contract/errors';
import type { MainEvent } from '$contract/events';
import type { ProductKind } from '$contract/products';
import { api } from './api';
import { messageOf } from './errors';

export type CheckState =
  | { state: 'checking' }
  | { state: 'ok'; result: ConnectionCheck }
  /** `unauthenticated3`: an InfluxDB 3 server refused the token (maybe it has no admin token yet). */
  | { state: 'error'; message: string; code: string; unauthenticated3?: boolean };

/** What a connection was last seen to be, by a check or by the overview's list, and whether it answered. */
export interface Known {
  product: ProductKind;
  version: string | null;
  answered: boolean;
}

/** A deactivation or delete of the connection's own token (or maybe it), named if the next check is refused. */
export interface OwnTokenChange {
  action: 'deactivate' | 'delete';
  /** Null when it was one of several that may be it. */
  tokenId: string | null;
  description: string | null;
}

class ConnectionsStore {
  list = $state<ConnectionSummary[]>([]);
  checks = $state<Record<string, CheckState>>({});
  /** Told by the overview too, so the sidebar and the headers name the product of a connection not yet opened. */
  known = $state<Record<string, Known>>({});
  /** By connection: the change that most likely cut it off, until a check passes. */
  ownChanges = $state<Record<string, OwnTokenChange>>({});
  loaded = $state(false);
  loadError = $state<string | null>(null);

  get selected(): ConnectionSummary | null {
    return this.list.find((c) => c.selected) ?? null;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.list = await api.listConnections();
      this.loaded = true;
      const selected = this.selected;
      if (selected) void this.check(selected.id);
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  /** The profiles again, without checking anything (after a change main made to one, e.g. its service users). */
  async refreshList(): Promise<void> {
    this.list = await api.listConnections();
  }

  async check(id: string): Promise<void> {
    this.checks[id] = { state: 'checking' };
    try {
      const result = await api.checkConnection({ id });
      this.checks[id] = { state: 'ok', result };
      delete this.ownChanges[id];
      this.known[id] = { product: result.product, version: result.version, answered: true };
      // A check may have adopted an org for the profile.
      this.list = await api.listConnections();
    } catch (error) {
      const unauthenticated3 = error instanceof TokenDeskError && error.details?.['offer'] === 'v3-first-admin';
      this.checks[id] = { state: 'error', message: messageOf(error), code: codeOf(error), unauthenticated3 };
    }
  }

  /** The connection's own token may have just been changed: check at once, so every screen says what followed. */
  async afterOwnTokenChange(id: string, change: OwnTokenChange): Promise<void> {
    this.ownChanges[id] = change;
    await this.check(id);
  }

  async select(id: string): Promise<void> {
    this.list = await api.selectConnection({ id });
    void this.check(id);
  }

  async save(draft: ConnectionDraft): Promise<ConnectionSummary> {
    const saved = await api.saveConnection(draft);
    this.list = await api.selectConnection({ id: saved.id });
    void this.check(saved.id);
    return saved;
  }

  async duplicate(id: string): Promise<void> {
    const copy = await api.duplicateConnection({ id });
    await this.select(copy.id);
  }

  async remove(id: string): Promise<void> {
    this.list = await api.removeConnection({ id });
    delete this.checks[id];
    const next = this.selected;
    if (next && !this.checks[next.id]) void this.check(next.id);
  }

  async move(id: string, direction: 'up' | 'down'): Promise<void> {
    this.list = await api.moveConnection({ id, direction });
  }

  async imported(list: ConnectionSummary[]): Promise<void> {
    this.list = list;
    const selected = this.selected;
    if (selected) void this.check(selected.id);
  }

  /** Main saw a connection's state change in a real answer: follow it everywhere at once. */
  followed(event: Extract<MainEvent, { kind: 'connection-state' }>): void {
    const current = this.checks[event.connectionId];
    const { state } = event;
    if (!state.ok)
      this.checks[event.connectionId] = {
        state: 'error',
        message: state.error.message,
        code: state.error.code,
        unauthenticated3: state.error.details?.['offer'] === 'v3-first-admin',
      };
    else if (current?.state === 'error') void this.check(event.connectionId);
  }
}

function codeOf(error: unknown): string {
  return error instanceof TokenDeskError ? error.code : 'INTERNAL';
}

export const connections = new ConnectionsStore();
