/**
 * InfluxDB 2.x v1-compatibility credentials (username/password for 1.x clients) as the renderer
 * sees them: never a password except in the answers that set one. Plain data; schemas in v1-schemas.ts.
 */
import type { VaultOutcome } from './vault';

/** A DBRP mapping: the database and retention policy a 1.x client names, for a bucket. */
export interface DbrpMapping {
  id: string;
  database: string;
  retentionPolicy: string;
  default: boolean;
  /** Made by InfluxDB for every bucket (its name, `autogen`), not stored. */
  virtual: boolean;
  bucketID: string;
}

/** A bucket a credential reads or writes, with the names 1.x clients reach it by. */
export interface V1BucketAccess {
  /** null: every bucket of the org. */
  id: string | null;
  name: string;
  /** The bucket no longer exists. */
  deleted: boolean;
  mappings: DbrpMapping[];
}

export interface V1CredentialRow {
  id: string;
  username: string;
  description: string;
  status: 'active' | 'inactive';
  orgID: string;
  orgName: string;
  userID: string;
  userName: string;
  read: V1BucketAccess[];
  write: V1BucketAccess[];
  /** Permissions other than buckets, in words (the server accepts them; 1.x clients do not use them). */
  other: string[];
  createdAt: string;
  updatedAt: string;
  /** The vault entry holding its password; null when Token Desk does not know it. */
  passwordEntryId: string | null;
  /** Its review-by date (YYYY-MM-DD) in Token Desk; null when none was set. A v1 password never expires. */
  reviewBy: string | null;
}

export interface V1CredentialList {
  rows: V1CredentialRow[];
  /** What could not be read (an org's DBRP mappings), in words: the list says so rather than show none. */
  unread: string[];
}

/** An org's buckets with their mappings: the create dialog's picker. */
export interface V1BucketChoice {
  id: string;
  name: string;
  mappings: DbrpMapping[];
}

/** The answers that carry a password: right after Token Desk set it (it was saved to the vault first). */
export interface V1PasswordSet {
  credential: V1CredentialRow;
  password: string;
  vault: VaultOutcome;
}

export interface V1CheckResult {
  works: boolean;
  /** Plain words: why it works or not. */
  message: string;
  /** What SHOW DATABASES listed for it. */
  databases: string[];
}

export const v1SnippetFormats = ['query-params', 'basic-auth', 'grafana'] as const;
export type V1SnippetFormat = (typeof v1SnippetFormats)[number];

/** The shown text stands in for a password the vault holds; copies fill it in (in main). */
export const PASSWORD_PLACEHOLDER = '<password>';

/**
 * A credential as a 1.x client uses it. The page shows these with the placeholder; main copies
 * them with the vault's password in its place, so the password never reaches the page.
 */
export function v1Snippet(
  format: V1SnippetFormat,
  input: { url: string; username: string; database: string; password: string },
): string {
  const base = input.url.replace(/\/+$/, '');
  const q = encodeURIComponent;
  if (format === 'query-params') {
    const password = input.password === PASSWORD_PLACEHOLDER ? input.password : q(input.password);
    return `${base}/query?u=${q(input.username)}&p=${password}&db=${q(input.database)}&q=${q('SHOW MEASUREMENTS')}`;
  }
  if (format === 'basic-auth') {
    const quoted = `${input.username}:${input.password}`.replaceAll("'", `'\\''`);
    return (
      `curl -u '${quoted}' -G '${base}/query' --data-urlencode ` +
      `'db=${input.database.replaceAll("'", `'\\''`)}' --data-urlencode 'q=SHOW MEASUREMENTS'`
    );
  }
  const yaml = (text: string) => JSON.stringify(text);
  return [
    'apiVersion: 1',
    'datasources:',
    `  - name: ${yaml(`InfluxDB (${input.database})`)}`,
    '    type: influxdb',
    '    access: proxy',
    `    url: ${yaml(base)}`,
    `    user: ${yaml(input.username)}`,
    '    jsonData:',
    `      dbName: ${yaml(input.database)}`,
    '      httpMode: GET',
    '    secureJsonData:',
    `      password: ${yaml(input.password)}`,
  ].join('\n');
}

/**
 * Why a username cannot be used, or null. InfluxDB only requires one; Token Desk also refuses what
 * 1.x clients could never send back (a colon splits Basic credentials; spaces at the ends get lost).
 */
export function loginProblem(username: string): string | null {
  if (username === '') return 'Enter a username.';
  if (username.trim() !== username)
    return 'A username cannot start or end with a space: 1.x clients would not send it back the same way.';
  if (username.includes(':'))
    return (
      'A username cannot contain “:”: Basic authentication splits at the first colon, so no 1.x client could ' +
      'log in with it.'
    );
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(username)) return 'A username cannot contain control characters.';
  if (username.length > 256) return 'Keep the username under 256 characters.';
  return null;
}

/** InfluxDB's rule (2.7.6+): 8 to 72 bytes, UTF-8. A server started with --strong-passwords asks more, and says so. */
export function v1PasswordProblem(password: string): string | null {
  let bytes = 0;
  for (const ch of password) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes < 8 || bytes > 72 ? `InfluxDB takes passwords of 8 to 72 bytes; this one has ${bytes}.` : null;
}
