/**
 * The team history: every desk's history records written to one InfluxDB the team already runs (a
 * 2.x bucket, a 1.x database or an InfluxDB 3 database) and read back as one history. Plain data.
 */
import type { HistoryEntry } from './history';

/** The measurement every desk writes its records to. */
export const TEAM_MEASUREMENT = 'token_desk_history';
/** What setup proposes for the bucket or database. */
export const DEFAULT_TEAM_DATABASE = 'token_desk_history';

/** Where this desk ships its history, as set up (kept in the settings). */
export interface TeamHistoryTarget {
  connectionId: string;
  /** The 2.x bucket, or the 1.x or InfluxDB 3 database. */
  database: string;
  /** 2.x: the bucket's org. */
  orgID: string | null;
  /**
   * What writes and reads: a credential setup made and kept in the vault (a 1.x user's password
   * with its username), or the connection's own token (InfluxDB 3 Core has only admin tokens).
   */
  credential: { kind: 'vault'; entryId: string; username: string | null } | { kind: 'connection' };
  /** What setup made or found there, in words ("Bucket token_desk_history (made)"). */
  made: string[];
}

export interface TeamHistoryStatus {
  target: (TeamHistoryTarget & { connectionName: string; product: string }) | null;
  /** This desk's name in every record it writes: host and OS user unless changed. */
  desk: string;
  deskDefault: string;
  /** Records not yet on the target, oldest first. */
  waiting: number;
  /** Records this desk has shipped to this target. */
  shipped: number;
  lastShippedAt: string | null;
  /** Why records wait, in plain words (the server's answer, a locked vault); null while all goes. */
  problem: string | null;
  /** When the next try is due, while records wait after a failure. */
  retryAt: string | null;
}

/** A record read back from the team's target: a desk's entry (its action may be one this version does not know). */
export type TeamHistoryEntry = Omit<HistoryEntry, 'action'> & { action: string };

export interface TeamHistoryView {
  /** Newest first. */
  entries: TeamHistoryEntry[];
  /** When the target answered. */
  readAt: string;
  /** The oldest time asked for. */
  since: string;
  /** Plain words when the answer was cut at its limit or rows could not be read. */
  notice: string | null;
}
