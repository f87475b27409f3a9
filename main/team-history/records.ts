/**
 * The team's points read back as history records. The target is a server like any other: a row
 * that is not one of ours (no ID, no time) is counted and left out, every value is read as text of
 * bounded length, and a record seen twice (a point written twice at two times) is shown once.
 */
import type { TeamHistoryEntry } from '$contract/team-history';

const MAX_TEXT = 4000;
const text = (value: unknown): string =>
  typeof value === 'string' ? value.slice(0, MAX_TEXT) : typeof value === 'number' ? String(value) : '';

/** InfluxQL answers epoch milliseconds (asked with epoch=ms); SQL a UTC time without a zone, to the nanosecond. */
function timeOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value !== 'string') return null;
  const zoned = /[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function recordsOf(rows: readonly Record<string, unknown>[]): { entries: TeamHistoryEntry[]; unread: number } {
  const seen = new Set<string>();
  const entries: TeamHistoryEntry[] = [];
  let unread = 0;
  for (const row of rows) {
    const id = text(row['id']);
    const at = timeOf(row['time']);
    const action = text(row['action']);
    if (!id || !at || !action) {
      unread += 1;
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({
      id,
      at,
      desk: text(row['desk']),
      product: text(row['product']),
      connectionId: text(row['connection_id']),
      connectionName: text(row['connection']),
      url: text(row['url']),
      action,
      target: text(row['target']),
      description: text(row['description']),
      outcome: row['outcome'] === 'failed' ? 'failed' : 'ok',
      detail: text(row['detail']),
    });
  }
  entries.sort((a, b) => b.at.localeCompare(a.at));
  return { entries, unread };
}
