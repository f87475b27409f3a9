/**
 * The history: one entry per change Token Desk made to a server. Time, connection, action, what it
 * touched, outcome; never a value. Plain data, read by the renderer.
 */
import { csvOf } from './csv';

export const historyActions = {
  'token.create': 'Token created',
  'token.clone': 'Token cloned',
  'token.rotate': 'Token rotated (new value)',
  'token.reissue': 'Token re-issued for a service user',
  'token.replace': 'Token replaced (permissions changed)',
  'token.retire-deactivate': 'Old token deactivated after a replacement',
  'token.retire-delete': 'Old token deleted after a replacement',
  'token.activate': 'Token activated',
  'token.deactivate': 'Token deactivated',
  'token.describe': 'Token description changed',
  'token.delete': 'Token deleted',
  'v1.create': 'v1 credential created',
  'v1.password': 'v1 credential password set',
  'v1.activate': 'v1 credential activated',
  'v1.deactivate': 'v1 credential deactivated',
  'v1.describe': 'v1 credential description changed',
  'v1.delete': 'v1 credential deleted',
  'dbrp.create': 'DBRP mapping created',
  'user.create-service': 'Service user created',
  'v3.create': 'InfluxDB 3 token created',
  'v3.rotate': 'InfluxDB 3 token rotated (new token)',
  'v3.regenerate': 'InfluxDB 3 operator token regenerated',
  'v3.first-admin': 'InfluxDB 3 operator token created',
  'v3.delete': 'InfluxDB 3 token deleted',
  'influx1.create': 'InfluxDB 1.x user created',
  'influx1.first-admin': 'InfluxDB 1.x first admin created',
  'influx1.password': 'InfluxDB 1.x password set',
  'influx1.grants': 'InfluxDB 1.x privileges changed',
  'influx1.admin': 'InfluxDB 1.x user made admin',
  'influx1.unadmin': 'InfluxDB 1.x user no longer admin',
  'influx1.drop': 'InfluxDB 1.x user dropped',
  'cluster.create': 'Database token created',
  'cluster.update': 'Database token changed',
  'cluster.rotate': 'Database token rotated (new token)',
  'cluster.revoke': 'Database token revoked',
  'credential.keep': 'Replaced credential kept, with a date to retire it by',
  'attention.dismiss': 'Attention item dismissed',
  'attention.restore': 'Dismissed attention item shown again',
  'team.setup': 'Team history set up',
  'team.stop': 'Team history stopped on this desk',
} as const;

export type HistoryAction = keyof typeof historyActions;

export interface HistoryEntry {
  /** Unique per record: the team history's points carry it, so a retry overwrites instead of adding. */
  id: string;
  /** ISO time. */
  at: string;
  /** The desk that made the change (host and OS user, or the name it was given). */
  desk: string;
  /** The connection's product as its chip names it ("OSS 2.7", "1.x"); '' when not known. */
  product: string;
  connectionId: string;
  connectionName: string;
  /** The server, as the connection named it then. */
  url: string;
  action: HistoryAction;
  /** The token's, credential's, user's or mapping's ID on the server ('' when none was made). */
  target: string;
  description: string;
  outcome: 'ok' | 'failed';
  /** The failure, in the words the app showed; '' on success. */
  detail: string;
}

export interface HistoryView {
  /** Newest first. */
  entries: HistoryEntry[];
  /** Plain words when a damaged part of the journal was set aside. */
  notice: string | null;
}

/** Columns of the CSV export, in order. */
export const historyColumns = [
  'at',
  'connectionName',
  'url',
  'action',
  'target',
  'description',
  'outcome',
  'detail',
  'desk',
  'product',
  'id',
] as const;
type HistoryColumn = (typeof historyColumns)[number];

/** The history as CSV (contract/csv.ts: formula cells defused); the team's records too. */
export function historyCsv(entries: readonly (Omit<HistoryEntry, 'action'> & { action: string })[]): string {
  return csvOf(
    historyColumns,
    entries.map(
      (e) => Object.fromEntries(historyColumns.map((c) => [c, String(e[c])])) as Record<HistoryColumn, string>,
    ),
  );
}
