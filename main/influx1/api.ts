/**
 * InfluxDB 1.x's /query as the users family speaks it: statements joined into one request, each
 * answer read per statement (an error there comes with HTTP 200), shape-checked where received.
 * The connection logs in with Basic credentials from its stored `username:password`.
 */
import { redactText } from '../influx/errors';
import { createHmac } from 'node:crypto';
import { TokenDeskError } from '$contract/errors';
import { record, list, type InfluxClient } from '../influx/client';
import { SHARED_SECRET_PREFIX } from '../influx/target';
import { BadAnswerError } from '../influx/transport';

export interface Influx1Login {
  username: string;
  password: string;
}

/**
 * How the connection logs in: a password (Basic), or the server's `[http] shared-secret`, from which
 * Token Desk signs a short-lived JWT for the user on every request (INFLUXDB1-USERS.md).
 */
export type Influx1Credential =
  ({ kind: 'password' } & Influx1Login) | { kind: 'jwt'; username: string; secret: string };

export interface StatementResult {
  /** The statement's own error ("user not found", "not executed" after an earlier failure), or null. */
  error: string | null;
  /** Each series' rows as objects keyed by column. */
  rows: Record<string, unknown>[];
}

/**
 * The connection's credential, kept as `username:password` (1.8's own `Token user:password` form),
 * or `jwt:username:shared-secret` for a server whose shared secret Token Desk holds.
 */
export function loginOf(token: string): Influx1Credential {
  const jwt = token.startsWith(SHARED_SECRET_PREFIX);
  const rest = jwt ? token.slice(SHARED_SECRET_PREFIX.length) : token;
  const at = rest.indexOf(':');
  if (at <= 0 || (jwt && at === rest.length - 1))
    throw new TokenDeskError(
      'VALIDATION',
      'An InfluxDB 1.x connection logs in with a username and password: edit it and enter them as username:password.',
    );
  const username = rest.slice(0, at);
  return jwt
    ? { kind: 'jwt', username, secret: rest.slice(at + 1) }
    : { kind: 'password', username, password: rest.slice(at + 1) };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An HS256 JWT for `username`, valid for a minute: the claims 1.x reads (`username`, `exp` in seconds). */
export function signJwt(username: string, secret: string, now = Date.now()): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify({ username, exp: Math.floor(now / 1000) + 60 }));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

export const authorization = (login: Influx1Credential): string =>
  login.kind === 'jwt'
    ? `Bearer ${signJwt(login.username, login.secret)}`
    : `Basic ${Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64')}`;

export function statementResults(body: unknown, count: number): StatementResult[] {
  // An answer without `results` (a proxy's JSON, a wrong shape) is never read as "nothing".
  const answer = record(body, 'the /query answer');
  if (!('results' in answer)) throw new BadAnswerError('a /query answer without results');
  const results = list(answer['results'], 'results');
  if (results.length > count) throw new BadAnswerError(`${results.length} results for ${count} statements`);
  return results.map((value) => {
    const r = record(value, 'a statement result');
    const error = r['error'];
    if (error !== undefined && typeof error !== 'string')
      throw new BadAnswerError('a statement error that is not text');
    const rows = list(r['series'] ?? [], 'series').flatMap((s) => {
      const series = record(s, 'a series');
      const columns = list(series['columns'] ?? [], 'columns').map(String);
      return list(series['values'] ?? [], 'values').map((v) => {
        const cells = list(v, 'a row');
        return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
      });
    });
    return { error: error ?? null, rows };
  });
}

export interface QueryOptions {
  /** What is being done, for messages: "listing users". */
  doing: string;
  /** Log in as someone else (a user being checked); its refusal does not tell the connection's state. */
  as?: Influx1Login;
  /** Passwords the statements carry: never repeated in a message built from the answer. */
  secrets?: readonly string[];
  /** The database the statements read, and how times come back (epoch=ms), as query parameters. */
  params?: Record<string, string>;
}

/**
 * One request of `statements` joined with `;`; answers one result per statement, in order. Statements
 * after the first failure are not run (their result says "not executed"), and what ran stays done.
 */
export async function influxql(
  client: InfluxClient,
  statements: string[],
  options: QueryOptions,
): Promise<StatementResult[]> {
  // Always by POST: 1.x warns of a change sent by GET, and a query answers the same either way.
  const secrets = [...(options.secrets ?? []), ...(options.as?.password ? [options.as.password] : [])];
  const login: Influx1Credential = options.as ? { kind: 'password', ...options.as } : loginOf(client.target.token);
  const results = await client.sendChecked(
    options.doing,
    'POST /query',
    {
      method: 'POST',
      path: options.params ? `/query?${new URLSearchParams(options.params).toString()}` : '/query',
      body: `q=${encodeURIComponent(statements.join(';\n'))}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: authorization(login),
      },
      secrets,
    },
    (body) => statementResults(body, statements.length),
    options.as === undefined,
  );
  // A statement never reached (the answer stopped early) reads as not executed; a statement's error
  // that repeats a password it carried has it cut out.
  return statements.map((_, i) => {
    const result = results[i] ?? { error: 'not executed', rows: [] };
    return result.error ? { ...result, error: redactText(result.error, secrets) } : result;
  });
}
