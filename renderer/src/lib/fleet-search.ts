/**
 * One search over every connection's credentials: words over names, owners and IDs, and terms:
 * `can:write bucket:sensors` (who can write bucket sensors, anywhere: a grant on every bucket
 * counts), `owner:alice`, `kind:operator`, `expires:<30d`, `product:v3`, `vault:missing`,
 * `status:inactive`, `review:due`, `connection:prod`. Pure, and fast enough to run per keystroke
 * over 100,000 rows: each row's text is lowered once.
 */
import type { CredentialRow, FleetEntry } from '$contract/credentials';
import { expiresIn, fleetFilters } from '$contract/fleet';
import type { ProductKind } from '$contract/products';

export const searchTerms = [
  'can',
  'bucket',
  'db',
  'owner',
  'kind',
  'expires',
  'product',
  'vault',
  'status',
  'review',
  'connection',
] as const;
type Term = (typeof searchTerms)[number];

interface Context {
  product: ProductKind;
  connection: string;
  today: string;
}

type Test = (row: CredentialRow, context: Context) => boolean;

export interface ParsedSearch {
  words: string[];
  tests: Test[];
  /** Terms that could not be read, in words: the search says so instead of matching nothing silently. */
  problems: string[];
}

const products: Record<string, (p: ProductKind) => boolean> = {
  oss: (p) => p === 'oss',
  cloud: (p) => p === 'cloud',
  v2: (p) => p === 'oss' || p === 'cloud',
  v3: (p) => p === 'v3-core' || p === 'v3-enterprise',
  core: (p) => p === 'v3-core',
  enterprise: (p) => p === 'v3-enterprise',
  '1.x': (p) => p === 'influxdb1',
  v1: (p) => p === 'influxdb1',
  dedicated: (p) => p === 'dedicated',
  clustered: (p) => p === 'clustered',
};

/** `<30d`, `>2w`, `<=7d`, `30`: a day count and its side. */
function daysTest(value: string): Test | null {
  const m = /^(<=?|>=?)?(\d+)([dw]?)$/.exec(value);
  if (!m) return null;
  const days = Number(m[2]) * (m[3] === 'w' ? 7 : 1);
  const over = m[1]?.startsWith('>') ?? false;
  return (row, { today }) => {
    if (row.expiresAt === null) return false;
    const left = expiresIn(row, today) ?? (row.status === 'expired' ? -1 : Infinity);
    return over ? left > days : left <= days;
  };
}

function termTest(term: Term, value: string): Test | null {
  const v = value.toLowerCase();
  switch (term) {
    case 'can':
      if (v !== 'read' && v !== 'write') return null;
      return (row) => row.privileged || row.grants.some((g) => g.action === v);
    case 'bucket':
    case 'db':
      return (row) => row.grants.some((g) => g.resource === '*' || g.resource.toLowerCase() === v);
    case 'owner':
      return (row) => (row.owner ?? '').toLowerCase().includes(v);
    case 'kind':
      return (row) => row.kind.toLowerCase().includes(v);
    case 'expires':
      return daysTest(v);
    case 'product': {
      const test = products[v];
      return test ? (_row, { product }) => test(product) : null;
    }
    case 'vault':
      if (v === 'missing' || v === 'no') return (row) => !row.inVault;
      if (v === 'yes' || v === 'in') return (row) => row.inVault;
      return null;
    case 'status':
      return (row) => row.status === v;
    case 'review':
      if (v === 'due') return (row, { today }) => fleetFilters.due.test(row, today);
      if (v === 'none') return (row) => fleetFilters['no-review'].test(row);
      return null;
    case 'connection':
      return (_row, { connection }) => connection.includes(v);
  }
}

export function parseSearch(text: string): ParsedSearch {
  const parsed: ParsedSearch = { words: [], tests: [], problems: [] };
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    const at = part.indexOf(':');
    const key = at > 0 ? part.slice(0, at).toLowerCase() : '';
    if (!(searchTerms as readonly string[]).includes(key)) {
      parsed.words.push(part.toLowerCase());
      continue;
    }
    const test = termTest(key as Term, part.slice(at + 1));
    if (test) parsed.tests.push(test);
    else parsed.problems.push(`“${part}” is not a term this search knows.`);
  }
  return parsed;
}

/** Each list's rows' text, lowered once per list (one array beside the rows, not a lookup per row). */
const lowered = new WeakMap<readonly CredentialRow[], string[]>();
const textsOf = (rows: readonly CredentialRow[]) => {
  let texts = lowered.get(rows);
  if (texts === undefined) {
    texts = rows.map((row) => `${row.name} ${row.owner ?? ''} ${row.id} ${row.permissions}`.toLowerCase());
    lowered.set(rows, texts);
  }
  return texts;
};

export interface SearchGroup {
  entry: FleetEntry;
  rows: CredentialRow[];
}

/** Each connection's matching rows, in the sidebar's order; `limit` rows at most per group. */
export function searchFleet(
  entries: readonly FleetEntry[],
  names: ReadonlyMap<string, string>,
  search: ParsedSearch,
  today: string,
  limit = 50,
): (SearchGroup & { total: number })[] {
  const empty = search.words.length === 0 && search.tests.length === 0;
  return entries.map((entry) => {
    if (!entry.list || empty) return { entry, rows: [], total: 0 };
    const context = {
      product: entry.list.product,
      connection: (names.get(entry.connectionId) ?? '').toLowerCase(),
      today,
    };
    const rows: CredentialRow[] = [];
    let total = 0;
    const all = entry.list.rows;
    const texts = search.words.length ? textsOf(all) : [];
    const { words, tests } = search;
    for (let i = 0; i < all.length; i += 1) {
      const row = all[i] as CredentialRow;
      if (tests.length && !tests.every((t) => t(row, context))) continue;
      if (words.length) {
        const text = texts[i] as string;
        if (!words.every((w) => text.includes(w))) continue;
      }
      total += 1;
      if (rows.length < limit) rows.push(row);
    }
    return { entry, rows, total };
  });
}
