/** The History screen's search and filters. Pure, so it is unit-tested. */
import { historyActions, type HistoryEntry } from '$contract/history';

export interface HistoryQuery {
  text: string;
  /** '' = any */
  connectionId: string;
  /** '' = any; else an action's group: "token", "v3", "v1", "dbrp", "user". */
  area: string;
  outcome: '' | 'ok' | 'failed';
}

export const emptyHistoryQuery = (): HistoryQuery => ({ text: '', connectionId: '', area: '', outcome: '' });

export function filterHistory(entries: readonly HistoryEntry[], query: HistoryQuery): HistoryEntry[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const hay =
      `${e.description} ${e.target} ${e.connectionName} ${e.url} ${historyActions[e.action]} ${e.detail}`.toLowerCase();
    return (
      words.every((w) => hay.includes(w)) &&
      (!query.connectionId || e.connectionId === query.connectionId) &&
      (!query.area || e.action.startsWith(`${query.area}.`)) &&
      (!query.outcome || e.outcome === query.outcome)
    );
  });
}
