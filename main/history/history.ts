/**
 * What Token Desk changed on servers, kept in the history journal: each change recorded with its
 * outcome as it finishes (a journal that cannot be written is logged, never in the way), listed for
 * the History screen and exported as CSV or JSON.
 */
import { randomUUID } from 'node:crypto';
import { historyCsv, type HistoryAction, type HistoryEntry, type HistoryView } from '$contract/history';
import { TokenDeskError } from '$contract/errors';
import type { TeamHistoryEntry } from '$contract/team-history';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../log/logger';
import type { Dialogs } from '../ports/dialogs';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { HistoryLog } from './history-log';

/** What a change touched: known before it runs, or learnt from its answer. */
export interface Touched {
  target?: string;
  description?: string;
}

/** Who writes a record and about what product: the desk's name and the connection's chip, as they are now. */
export interface RecordOrigin {
  desk(): string;
  product(connectionId: string): string;
}

export class History {
  /** Told of each record once it is on disk (the team history ships it). */
  onRecorded: (entry: HistoryEntry) => void = () => undefined;

  constructor(
    private readonly journal: HistoryLog,
    private readonly profiles: ConnectionProfiles,
    private readonly dialogs: Dialogs,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly origin: RecordOrigin = { desk: () => '', product: () => '' },
  ) {}

  /**
   * Queued, not awaited: the change is already made, and the journal's own queue keeps the order (a
   * read waits for it), so the answer does not wait for the disk.
   */
  private record(
    connectionId: string,
    action: HistoryAction,
    touched: Touched,
    outcome: 'ok' | 'failed',
    detail: string,
  ): void {
    const connection = this.profiles.list().find((c) => c.id === connectionId);
    const entry: HistoryEntry = {
      id: randomUUID(),
      at: this.now().toISOString(),
      desk: this.origin.desk(),
      product: this.origin.product(connectionId),
      connectionId,
      connectionName: connection?.name ?? '',
      url: connection?.url ?? '',
      action,
      target: touched.target ?? '',
      description: touched.description ?? '',
      outcome,
      detail,
    };
    void this.journal
      .append(entry)
      .then(() => this.onRecorded(entry))
      .catch((error: unknown) =>
        this.log.warn('history.append-failed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' }),
      );
  }

  /** Runs one change and records it, with what its answer says it touched. */
  async track<T>(
    connectionId: string,
    action: HistoryAction,
    before: Touched,
    work: () => Promise<T>,
    after: (result: T) => Touched = () => ({}),
  ): Promise<T> {
    try {
      const result = await work();
      this.record(connectionId, action, { ...before, ...after(result) }, 'ok', '');
      return result;
    } catch (error) {
      this.record(connectionId, action, before, 'failed', error instanceof Error ? error.message : 'failed');
      throw error;
    }
  }

  /** Every change recorded so far is on disk (on quit). */
  flush(): Promise<void> {
    return this.journal.flush();
  }

  list(): Promise<HistoryView> {
    return this.journal.read();
  }

  /** This desk's journal, or the team's records when given (`team`). */
  async export(
    format: 'csv' | 'json',
    team?: readonly TeamHistoryEntry[],
  ): Promise<{ path: string; count: number } | null> {
    const entries = team ?? (await this.journal.read()).entries;
    if (entries.length === 0)
      throw new TokenDeskError('VALIDATION', 'The history is empty: there is nothing to export yet.');
    const path = await this.dialogs.saveFile(
      format === 'csv' ? 'export-history-csv' : 'export-history-json',
      `token-desk-${team ? 'team-' : ''}history.${format}`,
    );
    if (!path) return null;
    await writeFileAtomic(path, format === 'csv' ? historyCsv(entries) : `${JSON.stringify(entries, null, 2)}\n`);
    return { path, count: entries.length };
  }
}
