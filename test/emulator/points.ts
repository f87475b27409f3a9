/**
 * Enough of InfluxDB's storage for the team history: line protocol parsed as the servers parse it
 * (backslash escapes in tags, quoted string fields), a point with the same measurement, tag set and
 * timestamp overwriting the earlier one (its fields merged, as InfluxDB does), and the one query the
 * team view sends: `SELECT * FROM m WHERE time > '<RFC3339>' ORDER BY time DESC LIMIT n`.
 */
export interface Point {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, string | number | boolean>;
  /** Nanoseconds since the epoch. */
  time: bigint;
}

/** Splits at `sep` outside quotes and escapes. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string);
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === sep && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

function fieldValue(raw: string): string | number | boolean {
  if (raw.startsWith('"')) return raw.slice(1, -1).replace(/\\(["\\])/g, '$1');
  if (/^-?\d+i$/.test(raw)) return Number(raw.slice(0, -1));
  if (/^(t|true|T|True|TRUE)$/.test(raw)) return true;
  if (/^(f|false|F|False|FALSE)$/.test(raw)) return false;
  const n = Number(raw);
  if (Number.isNaN(n)) throw new Error(`unable to parse field value: ${raw}`);
  return n;
}

/** One line; throws the way a server refuses a malformed one. `now` stands in for a missing timestamp. */
export function parseLine(line: string, now: bigint): Point {
  const [head = '', fieldText = '', stamp] = splitOutside(line, ' ').filter((p) => p !== '');
  const [measurement = '', ...tagParts] = splitOutside(head, ',');
  if (!measurement || !fieldText) throw new Error(`unable to parse '${line.slice(0, 80)}': missing fields`);
  const tags = Object.fromEntries(
    tagParts.map((t) => {
      const [k = '', v = ''] = splitOutside(t, '=');
      return [unescape(k), unescape(v)];
    }),
  );
  const fields = Object.fromEntries(
    splitOutside(fieldText, ',').map((f) => {
      const at = f.indexOf('=');
      return [unescape(f.slice(0, at)), fieldValue(f.slice(at + 1))];
    }),
  );
  return { measurement: unescape(measurement), tags, fields, time: stamp ? BigInt(stamp) : now };
}

const seriesKey = (p: Point) =>
  `${p.measurement},${Object.entries(p.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')} ${p.time}`;

export class PointStore {
  private readonly points = new Map<string, Point>();

  /** Every line of a body, or none: a malformed line refuses the batch. */
  write(body: string, now = BigInt(Date.now()) * 1_000_000n): number {
    const parsed = body
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => parseLine(l, now));
    for (const p of parsed) {
      const key = seriesKey(p);
      const earlier = this.points.get(key);
      this.points.set(key, earlier ? { ...p, fields: { ...earlier.fields, ...p.fields } } : p);
    }
    return parsed.length;
  }

  get size(): number {
    return this.points.size;
  }

  /** The team view's SELECT, or null when the statement is not that one. */
  select(statement: string): Point[] | null {
    const match =
      /^\s*select\s+\*\s+from\s+"?([\w-]+)"?\s+where\s+time\s*>\s*'([^']+)'\s+order\s+by\s+time\s+desc\s+limit\s+(\d+)\s*;?\s*$/i.exec(
        statement,
      );
    if (!match) return null;
    const [, measurement, since = '', limit = '0'] = match;
    const after = BigInt(Date.parse(since)) * 1_000_000n;
    return [...this.points.values()]
      .filter((p) => p.measurement === measurement && p.time > after)
      .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
      .slice(0, Number(limit));
  }
}

/** InfluxQL's answer to SELECT *: columns time, then tag and field keys sorted; epoch=ms times as numbers. */
export function influxqlSeries(measurement: string, points: readonly Point[], epoch: string | null) {
  const keys = [...new Set(points.flatMap((p) => [...Object.keys(p.tags), ...Object.keys(p.fields)]))].sort();
  const time = (p: Point) =>
    epoch === 'ms' ? Number(p.time / 1_000_000n) : new Date(Number(p.time / 1_000_000n)).toISOString();
  return {
    name: measurement,
    columns: ['time', ...keys],
    values: points.map((p) => [time(p), ...keys.map((k) => p.tags[k] ?? p.fields[k] ?? null)]),
  };
}

/** SQL's JSON rows: null columns left out, the time in UTC without a zone, to the nanosecond. */
export function sqlRows(points: readonly Point[]) {
  return points.map((p) => {
    const ms = p.time / 1_000_000n;
    const iso = new Date(Number(ms)).toISOString().slice(0, 19);
    const nanos = (p.time % 1_000_000_000n).toString().padStart(9, '0');
    return { ...p.tags, ...p.fields, time: `${iso}.${nanos}` };
  });
}
