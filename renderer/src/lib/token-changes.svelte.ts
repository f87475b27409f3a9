/**
 * The token list's destructive changes: a deactivation or delete asks first when it would break
 * something (the guards), one token is said plainly, several run one after another with progress and
 * a result for each. The list itself (reload, selection, notices) stays the panel's.
 */
import type { ConnectionSummary } from '$contract/connections';
import type { TokenList, TokenRow } from '$contract/tokens';
import { api } from './api';
import { BulkRun, BulkSlot } from './bulk.svelte';
import { connections } from './connections.svelte';
import { messageOf } from './errors';
import { guardsFor } from './token-guards';

export type TokenChange = 'activate' | 'deactivate' | 'delete';

export class TokenChanges {
  private readonly slot: BulkSlot<TokenRow>;
  /** A change waiting for its confirmation. */
  confirming = $state<{ action: 'delete' | 'deactivate'; targets: TokenRow[] } | null>(null);

  constructor(
    private readonly connection: () => ConnectionSummary,
    private readonly list: () => TokenList | null,
    /** Told when a change is done: a plain-words notice for one token, and the list to read again. */
    private readonly done: (notice: string | null) => Promise<void>,
  ) {
    this.slot = new BulkSlot(() => `${connection().id}:tokens`);
  }

  get bulk(): BulkRun<TokenRow> | null {
    return this.slot.run;
  }

  set bulk(run: BulkRun<TokenRow> | null) {
    this.slot.run = run;
  }

  guardsOf(targets: TokenRow[]) {
    const connection = this.connection();
    const list = this.list();
    return guardsFor(targets, {
      connectionName: connection.name,
      production: connection.environment.production,
      selfTokenId: connection.selfTokenId ?? list?.selfTokenId ?? null,
      selfCandidates: list?.selfCandidates ?? [],
      rows: list?.rows ?? [],
      dependents: list?.dependents ?? {},
      dependentsUnread: list?.dependentsUnread ?? [],
    });
  }

  /** A destructive change says what it breaks first; a plain deactivation runs at once. */
  ask(action: 'delete' | 'deactivate', targets: TokenRow[]): void {
    if (action === 'deactivate' && !this.guardsOf(targets).needsConfirm) void this.run(action, targets);
    else this.confirming = { action, targets };
  }

  /** `instead`: another action than the one asked (a deactivation in place of a delete). */
  confirmed(chosen: TokenRow[], instead?: 'deactivate'): void {
    const action = instead ?? this.confirming?.action ?? 'delete';
    this.confirming = null;
    void this.run(action, chosen);
  }

  /** One action per token, one after another, with progress and a result for each; one token is said plainly. */
  async run(action: TokenChange, targets: TokenRow[]): Promise<void> {
    const guards = this.guardsOf(targets);
    const own = guards.self ?? (guards.maybeSelf.length === 1 ? guards.maybeSelf[0] : undefined);
    const [one] = targets;
    if (targets.length === 1 && one) await this.one(action, one);
    else {
      const run = new BulkRun<TokenRow>(action, targets.length);
      this.bulk = run;
      await run.run(
        targets,
        (row) => this.send(action, row),
        () => this.done(null),
      );
    }
    // The connection's own token (or maybe it) changed: its state follows at once, and a refusal is explained.
    if (action !== 'activate' && (guards.self || guards.maybeSelf.length))
      await connections.afterOwnTokenChange(this.connection().id, {
        action,
        tokenId: own?.id ?? null,
        description: own ? own.description || own.id : null,
      });
  }

  private send(action: TokenChange, row: TokenRow): Promise<unknown> {
    const connectionId = this.connection().id;
    return action === 'delete'
      ? api.deleteToken({ connectionId, id: row.id, description: row.description })
      : api.setTokenStatus({
          connectionId,
          id: row.id,
          status: action === 'activate' ? 'active' : 'inactive',
          description: row.description,
        });
  }

  /** One token: said plainly, no progress panel. */
  private async one(action: TokenChange, row: TokenRow): Promise<void> {
    const done = { activate: 'activated', deactivate: 'deactivated', delete: 'deleted' }[action];
    const notice = await this.send(action, row).then(() => `Token “${row.description || row.id}” ${done}.`, messageOf);
    await this.done(notice);
  }
}
