/** The History screen's search and filters, for this desk's records and the team's. Pure, so it is unit-tested. */
import { historyActions, type HistoryAction } from '$contract/history';
import type { TeamHistoryEntry } from '$contract/team-history';

export interface HistoryQuery {
  text: string;
  /** A server's URL ('' = any): the same server across desks, whatever each desk named it. */
  connection: string;
  /** '' = any; else an action's group: "token", "v3", "v1", "dbrp", "user", "influx1", "cluster"… */
  area: string;
  outcome: '' | 'ok' | 'failed';
  /** '' = any desk (the team view). */
  desk: string;
}

export const emptyHistoryQuery = (): HistoryQuery => ({ text: '', connection: '', area: '', outcome: '', desk: '' });

/** An action in words; a newer desk's action this version does not know is shown as it was written. */
export const actionLabel = (action: string): string =>
  action in historyActions ? historyActions[action as HistoryAction] : action;

export function filterHistory<E extends TeamHistoryEntry>(entries: readonly E[], query: HistoryQuery): E[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const hay =
      `${e.description} ${e.target} ${e.connectionName} ${e.url} ${actionLabel(e.action)} ${e.detail} ${e.desk}`.toLowerCase();
    return (
      words.every((w) => hay.includes(w)) &&
      (!query.connection || e.url === query.connection) &&
      (!query.area || e.action.startsWith(`${query.area}.`)) &&
      (!query.outcome || e.outcome === query.outcome) &&
      (!query.desk || e.desk === query.desk)
    );
  });
}
