/**
 * A history record as one line-protocol point. Tags are what the team filters by (action, connection,
 * desk, outcome, product); the rest are fields. The timestamp is the record's millisecond with a
 * nanosecond offset taken from its ID: the same record always lands on the same series and time, so
 * a batch sent again after a cut overwrites itself instead of adding a copy, and two records of one
 * millisecond never overwrite each other.
 */
import { createHash } from 'node:crypto';
import type { HistoryEntry } from '$contract/history';
import { TEAM_MEASUREMENT } from '$contract/team-history';

/** Line protocol has no newline inside a value; a field longer than this is cut (descriptions are short). */
const MAX_FIELD = 4000;
const flat = (text: string) => text.replace(/[\r\n]+/g, ' ');

/** Tag keys and values: commas, equals signs and spaces escaped; a trailing backslash would escape the separator. */
const tag = (text: string) =>
  flat(text)
    .replace(/\\+$/, '')
    .replace(/[,= ]/g, (c) => `\\${c}`);
const field = (text: string) =>
  `"${flat(text)
    .slice(0, MAX_FIELD)
    .replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The nanoseconds within the record's millisecond, from its ID (stable, spread across the million). */
export function nanosOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % 1_000_000;
}

export function timestampOf(entry: Pick<HistoryEntry, 'id' | 'at'>): string {
  const ms = BigInt(Date.parse(entry.at));
  return (ms * 1_000_000n + BigInt(nanosOf(entry.id))).toString();
}

/**
 * What stands in for a record's desk or product where it has none (written before desks had names,
 * or before its server first answered).
 */
export interface Fallback {
  desk: string;
  product: (connectionId: string) => string;
}

/** One record as one line (no trailing newline). */
export function pointOf(entry: HistoryEntry, fallback: Fallback): string {
  const tags: [string, string][] = [
    ['action', entry.action],
    ['connection', entry.connectionName],
    ['desk', entry.desk || fallback.desk],
    ['outcome', entry.outcome],
    ['product', entry.product || fallback.product(entry.connectionId)],
  ];
  const fields: [string, string][] = [
    ['id', entry.id],
    ['connection_id', entry.connectionId],
    ['url', entry.url],
    ['target', entry.target],
    ['description', entry.description],
    ['detail', entry.detail],
  ];
  // A tag may not be empty: an unknown product or a connection without a name is left out.
  const tagText = tags
    .filter(([, v]) => tag(v) !== '')
    .map(([k, v]) => `,${k}=${tag(v)}`)
    .join('');
  const fieldText = fields.map(([k, v]) => `${k}=${field(v)}`).join(',');
  return `${TEAM_MEASUREMENT}${tagText} ${fieldText} ${timestampOf(entry)}`;
}
