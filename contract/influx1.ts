/**
 * InfluxDB 1.x users as the renderer sees them: each user with its admin flag and privileges per
 * database, and the answers that carry a password (made in main, saved to the vault first). Plain
 * data, no zod: the argument schemas are in influx1-schemas.ts.
 */
import type { VaultOutcome } from './vault';
import { v1PasswordProblem, v1Snippet } from './v1-credentials';

export const influx1Privileges = ['READ', 'WRITE', 'ALL'] as const;
export type Influx1Privilege = (typeof influx1Privileges)[number];

export interface Influx1Grant {
  database: string;
  privilege: Influx1Privilege;
}

export interface Influx1UserRow {
  name: string;
  admin: boolean;
  /** Empty for an admin (an admin may do everything) and for a user with no privilege yet. */
  grants: Influx1Grant[];
  /** The vault holds a password made or set here for this user. */
  inVault: boolean;
  /** The connection logs in as this user. */
  self: boolean;
  /** When its password should be reviewed (1.x passwords never expire); kept by Token Desk, not the server. */
  reviewBy: string | null;
}

export interface Influx1UserList {
  rows: Influx1UserRow[];
  databases: string[];
  listedAt: string;
}

/** The answer that carries a new password: shown once, already in the vault (or why not). */
export interface Influx1PasswordSet {
  user: Influx1UserRow;
  password: string;
  vault: VaultOutcome;
}

export const influx1SnippetFormats = ['cli', 'curl', 'grafana'] as const;
export type Influx1SnippetFormat = (typeof influx1SnippetFormats)[number];

/** Why a name cannot be a 1.x user's, or null: the server's parser refuses control characters in a name. */
export function influx1NameProblem(name: string): string | null {
  if (name === '') return 'Enter a name.';
  if (name.trim() !== name) return 'A name cannot start or end with a space.';
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A name cannot contain control characters or line breaks.';
  if (name.length > 200) return 'Keep the name under 200 characters.';
  return null;
}

/**
 * 1.x takes any password, even an empty one, and keeps a bcrypt hash, which reads only the first 72
 * bytes: Token Desk asks for 8 to 72 bytes (as for v1 credentials) and no control character.
 */
export function influx1PasswordProblem(password: string): string | null {
  // eslint-disable-next-line no-control-regex -- a line break cannot be typed at the CLI's prompt
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'A password cannot contain control characters.';
  return v1PasswordProblem(password);
}

/** What changes between two sets of grants: reviewed before anything is sent. */
export function grantDiff(
  before: readonly Influx1Grant[],
  after: readonly Influx1Grant[],
): { added: Influx1Grant[]; removed: Influx1Grant[] } {
  const key = (g: Influx1Grant) => `${g.database}\u0000${g.privilege}`;
  const had = new Set(before.map(key));
  const will = new Set(after.map(key));
  return { added: after.filter((g) => !had.has(key(g))), removed: before.filter((g) => !will.has(key(g))) };
}

/** Whether a user may write anywhere, which decides its default review date (contract/review.ts). */
export const influx1Writes = (row: { admin: boolean; grants: readonly Influx1Grant[] }): boolean =>
  row.admin || row.grants.some((g) => g.privilege !== 'READ');

/** "READ on telemetry, WRITE on sensors"; "admin: every database and statement". */
export function grantsText(row: Pick<Influx1UserRow, 'admin' | 'grants'>): string {
  if (row.admin) return 'Admin: every database and every statement';
  if (row.grants.length === 0) return 'No privileges';
  return row.grants.map((g) => `${g.privilege} on ${g.database}`).join(', ');
}

/**
 * A 1.x user as a client uses it: the `influx` CLI, curl, a Grafana InfluxQL data source. The page
 * shows these with the placeholder; main copies them with the vault's password in its place.
 */
export function influx1Snippet(
  format: Influx1SnippetFormat,
  input: { url: string; username: string; database: string; password: string },
): string {
  if (format === 'curl') return v1Snippet('basic-auth', input);
  if (format === 'grafana') return v1Snippet('grafana', input);
  // The contract has no URL class (no DOM or Node types): scheme, host and port are all the CLI takes.
  const [, scheme = 'http', host = 'localhost', given] =
    /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?/.exec(input.url) ?? [];
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const port = given ?? (scheme === 'https' ? '443' : '80');
  return [
    `influx -host ${q(host)} -port ${port}${scheme === 'https' ? ' -ssl' : ''}`,
    `-username ${q(input.username)} -password ${q(input.password)}`,
    ...(input.database ? [`-database ${q(input.database)}`] : []),
  ].join(' ');
}
