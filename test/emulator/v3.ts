/**
 * The InfluxDB 3 Core and Enterprise HTTP API around tokens (INFLUXDB3-TOKENS.md), answered the way
 * the server does: authentication before routing (exact schemes), plain-text error bodies, the
 * token endpoints, `system.tokens` through /api/v3/query_sql, and the database list.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http';
import { sqlRows } from './points';
import type { Mode } from './model';
import { productOf } from './model';
import { sha512, type V3State, type V3Token } from './v3-state';

const CLUSTER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const UNAUTHENTICATED = { error: 'the request was not authenticated' };
const MALFORMED = {
  error:
    "Authorization header was malformed, the request was not in the form of 'Authorization: <auth-scheme> " +
    "<token>', supported auth-schemes are Bearer, Token and Basic",
};

class Answer extends Error {
  constructor(
    readonly status: number,
    readonly body: string | object,
    readonly type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

function send(response: ServerResponse, status: number, body: string | object | null, type?: string): void {
  const text = body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'cluster-uuid': CLUSTER,
    ...(text
      ? { 'Content-Type': type ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json') }
      : {}),
  });
  response.end(text);
}

/** `<scheme> <token>` with the scheme exactly Bearer, Token or Basic; Basic carries user:token (user ignored). */
function presented(header: string | undefined): string | null {
  if (header === undefined) return null;
  const parts = header.split(' ');
  if (parts.length !== 2 || !['Bearer', 'Token', 'Basic'].includes(parts[0] ?? '') || !parts[1])
    throw new Answer(400, MALFORMED);
  if (parts[0] !== 'Basic') return parts[1];
  const decoded = Buffer.from(parts[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new Answer(400, MALFORMED);
  return decoded.slice(colon + 1);
}

/** v1 `/query` and `/write` take `p=<token>` too, checked before the header (a malformed header is then ignored). */
/** A UUIDv7: 48 bits of milliseconds, then random bits with the version and variant set. */
function requestId(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${(8 + (parseInt(hex[16] ?? '0', 16) % 4)).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The Accept header is parsed even beside `format`: what holds `*\/*` or `text/html` counts as JSON
 * (browsers); another unknown type is refused.
 */
function acceptable(accept: string | undefined): void {
  if (!accept) return;
  const known = ['application/json', 'application/jsonl', 'text/csv', 'text/plain', 'application/vnd.apache.parquet'];
  if (accept.includes('*/*') || accept.includes('text/html')) return;
  if (!accept.split(',').some((part) => known.includes(part.split(';')[0]?.trim() ?? '')))
    throw new Answer(400, `invalid mime type (${accept})`);
}

/** An admin token writes anywhere; a database token where its permissions say (`db:<names>:write`). */
function mayDo(action: 'read' | 'write', token: V3Token | null, db: string): boolean {
  if (!token) return false;
  if (token.permissions === '*:*:*') return true;
  return token.permissions.split(';').some((part) => {
    const [type, names = '', actions = ''] = part.split(':');
    return type === 'db' && (names === '*' || names.split(',').includes(db)) && actions.split(',').includes(action);
  });
}
const mayWrite = (token: V3Token | null, db: string) => mayDo('write', token, db);
const mayRead = (token: V3Token | null, db: string) => mayDo('read', token, db);

function caller(v3: V3State, header: string | undefined, p: string | null = null): V3Token {
  const value = p ?? presented(header);
  const token = value ? v3.byString(value) : undefined;
  if (!token || !v3.isLive(token)) throw new Answer(401, UNAUTHENTICATED);
  return token;
}

/**
 * Enterprise checks admin rights on token management and `_internal`; Core authorizes every valid
 * token. UNCONFIRMED (§UNCONFIRMED 2): the status and body Enterprise sends a resource token here; 403 with an error
 * body is assumed.
 */
function needAdmin(mode: Mode, token: V3Token): void {
  if (mode === 'v3-enterprise' && token.permissions !== '*:*:*')
    throw new Answer(403, { error: 'the request was not authorized' });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** system.tokens in JSON: timestamps UTC without a zone, null columns left out, the hash cut to 9 characters. */
function tokenRow(v3: V3State, t: V3Token): Record<string, unknown> {
  const plain = (ms: number) => iso(ms).replace(/Z$/, '');
  return {
    token_id: t.id,
    name: t.name,
    hash: t.hash.slice(0, 9),
    created_at: plain(t.createdAt),
    ...(t.createdBy !== null ? { created_by_token_id: t.createdBy } : {}),
    ...(t.updatedAt !== null ? { updated_at: plain(t.updatedAt) } : {}),
    ...(t.updatedBy !== null ? { updated_by_token_id: t.updatedBy } : {}),
    ...(t.expiry !== null ? { expiry: plain(t.expiry) } : {}),
    permissions: t.permissions,
  };
}

/** The token object create and regenerate answer with; Content-Type is literally `json`. */
function created(t: V3Token, value: string): Answer {
  return new Answer(
    201,
    {
      id: t.id,
      name: t.name,
      token: value,
      hash: t.hash,
      created_at: iso(t.createdAt),
      expiry: t.expiry === null ? null : iso(t.expiry),
    },
    'json',
  );
}

function jsonBody(text: string, field: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Answer(400, `serde json error: expected value at line 1 column 1`);
  }
  if (typeof body !== 'object' || body === null || !(field in body))
    throw new Answer(400, `serde json error: missing field \`${field}\` at line 1 column ${text.length}`);
  return body as Record<string, unknown>;
}

const expiryOf = (body: Record<string, unknown>) =>
  typeof body['expiry_secs'] === 'number' ? body['expiry_secs'] : null;

/** `db:sensors:read,write` for each permission of a resource token; unknown databases refused. */
function permissionString(v3: V3State, raw: unknown): string {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new Answer(400, 'serde json error: missing field `permissions` at line 1 column 1');
  return raw
    .map((p: unknown) => {
      const perm = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
      const type = perm['resource_type'];
      if (!Array.isArray(perm['resource_names']))
        throw new Answer(400, 'serde json error: missing field `resource_names` at line 1 column 1');
      const names = perm['resource_names'] as string[];
      const actions = Array.isArray(perm['actions']) ? (perm['actions'] as string[]) : [];
      const fail = (why: string) => new Answer(400, `cannot parse token permission, ${why}`);
      if (type === '*') throw fail('* resource type can only be set for admin token');
      if (type !== 'db' && type !== 'system') throw fail(`resource type not supported ${String(type)}`);
      if (names.includes('*') && names.length > 1) throw fail('mixed wildcard (*) and resource name');
      const systems = ['health', 'metrics', 'ping', 'ready'];
      for (const n of names)
        if (n !== '*' && (type === 'db' ? !v3.databases.has(n) : !systems.includes(n.toLowerCase())))
          throw fail(`invalid resource name ${n}`);
      for (const a of actions)
        if (type === 'db' ? !['read', 'write'].includes(a) : a !== 'read')
          throw fail(`action not supported, ${type === 'db' ? 'database' : 'system'} action ${a}`);
      return `${type}:${names.join(',')}:${actions.join(',')}`;
    })
    .join(';');
}

function queryTokens(v3: V3State, params: URLSearchParams, body: Record<string, unknown>): Answer {
  const db = params.get('db') ?? (typeof body['db'] === 'string' ? body['db'] : null);
  const q = params.get('q') ?? (typeof body['q'] === 'string' ? body['q'] : '');
  const format = params.get('format') ?? (typeof body['format'] === 'string' ? body['format'] : 'json');
  if (db !== '_internal' || !/system\.tokens/i.test(q)) return new Answer(200, [], 'application/json');
  const rows = [...v3.tokens.values()].sort((a, b) => a.id - b.id).map((t) => tokenRow(v3, t));
  if (format === 'jsonl' || format === 'json_lines')
    return new Answer(
      200,
      rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''),
      'application/jsonl',
    );
  if (format === 'pretty') {
    const columns = ['token_id', 'name', 'hash', 'created_at', 'expiry', 'permissions'];
    const cells = [columns, ...rows.map((r) => columns.map((c) => String(r[c] ?? '')))];
    const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
    const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
    return new Answer(
      200,
      [rule, line(columns), rule, ...cells.slice(1).map(line), rule].join('\n') + '\n',
      'text/plain; charset=utf-8',
    );
  }
  // Parquet is not emulated: Token Desk asks for JSON. UNCONFIRMED what a server says to a format it lacks.
  if (format === 'parquet') return new Answer(400, `invalid format (${format})`);
  if (format === 'csv') {
    const columns = [
      'token_id',
      'name',
      'hash',
      'created_at',
      'description',
      'created_by_token_id',
      'updated_at',
      'updated_by_token_id',
      'expiry',
      'permissions',
    ];
    return new Answer(
      200,
      [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(','))].join('\n') + '\n',
      'text/csv',
    );
  }
  return new Answer(200, rows, 'application/json');
}

export async function answerV3(
  mode: Mode,
  v3: V3State,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const method = request.method ?? 'GET';
  const path = url.pathname;
  try {
    // The first operator token is made without a token, and only while there is none.
    if (method === 'POST' && path === '/api/v3/configure/token/admin') {
      if (v3.byName('_admin')) throw new Answer(409, 'token name already exists, _admin');
      const { token, value } = v3.add({ name: '_admin' });
      throw created(token, value);
    }
    const health = path === '/health' || path === '/api/v1/health';
    const open = v3.pingWithoutAuth && (path === '/ping' || health);
    const v1 = path === '/query' || path === '/write';
    const who = open ? null : caller(v3, request.headers.authorization, v1 ? url.searchParams.get('p') : null);
    if (path === '/ping' && (method === 'GET' || method === 'POST')) {
      const { build, version } = productOf(mode);
      // One ID per request, under both names (a UUIDv7: its first 48 bits are the time in ms).
      const id = requestId();
      response.setHeader('Request-Id', id);
      response.setHeader('X-Request-Id', id);
      throw new Answer(200, {
        product_name: `InfluxDB 3 ${build}`,
        version,
        revision: 'e1d2c3b',
        process_id: '0193a1b2-0000-7000-8000-000000000001',
      });
    }
    if (health && method === 'GET') throw new Answer(200, 'OK');
    if (!who) throw new Answer(404, 'Not found');
    if (method === 'POST' && path === '/api/v3/configure/token/named_admin') {
      needAdmin(mode, who);
      if (!String(request.headers['content-type'] ?? '').includes('application/json'))
        throw new Answer(415, 'unacceptable content-type, expected: application/json');
      const body = jsonBody(await readBody(request), 'token_name');
      const name = String(body['token_name']);
      if (v3.byName(name)) throw new Answer(409, `token name already exists, ${name}`);
      const { token, value } = v3.add({ name, expirySecs: expiryOf(body), createdBy: null });
      throw created(token, value);
    }
    if (method === 'POST' && path === '/api/v3/configure/token/admin/regenerate') {
      needAdmin(mode, who);
      const admin = v3.byName('_admin');
      if (!admin) throw new Answer(500, 'missing admin token, cannot update');
      throw created(admin, v3.regenerate(admin));
    }
    if (method === 'POST' && path === '/api/v3/enterprise/configure/token' && mode === 'v3-enterprise') {
      needAdmin(mode, who);
      const body = jsonBody(await readBody(request), 'token_name');
      const name = String(body['token_name']);
      const permissions = permissionString(v3, body['permissions']);
      if (v3.byName(name)) throw new Answer(409, `token name already exists, ${name}`);
      // UNCONFIRMED (§4): the answer is assumed to have the admin token object's shape.
      const { token, value } = v3.add({ name, permissions, expirySecs: expiryOf(body), createdBy: who.id });
      throw created(token, value);
    }
    if (method === 'DELETE' && path === '/api/v3/configure/token') {
      needAdmin(mode, who);
      const name = url.searchParams.get('token_name');
      if (name === null) throw new Answer(400, 'serde error: missing field `token_name`');
      if (name === '_admin') throw new Answer(405, 'cannot delete operator token');
      const token = v3.byName(name);
      if (!token) throw new Answer(404, `the requested resource was not found: ${name}`);
      v3.tokens.delete(token.id);
      throw new Answer(200, '');
    }
    // UNCONFIRMED: the 409 body for a database that exists.
    if (method === 'POST' && path === '/api/v3/configure/database') {
      needAdmin(mode, who);
      const { db } = JSON.parse((await readBody(request)) || '{}') as { db?: unknown };
      if (typeof db !== 'string' || !db) throw new Answer(400, 'serde error: missing field `db`');
      if (v3.databases.has(db)) throw new Answer(409, { error: 'attempted to create a resource that already exists' });
      v3.databases.add(db);
      throw new Answer(200, '');
    }
    if (method === 'GET' && path === '/api/v3/configure/database') {
      if (!url.searchParams.get('format')) throw new Answer(400, 'serde error: missing field `format`');
      throw new Answer(
        200,
        [...v3.databases].sort((a, b) => a.localeCompare(b)).map((name) => ({ 'iox::database': name })),
      );
    }
    if (path === '/query' && (method === 'GET' || method === 'POST')) {
      // Enough of InfluxQL to prove a token reads: SHOW DATABASES.
      const names = [...v3.databases].filter((d) => d !== '_internal');
      throw new Answer(200, {
        results: [
          { statement_id: 0, series: [{ name: 'databases', columns: ['name'], values: names.map((n) => [n]) }] },
        ],
      });
    }
    if (method === 'POST' && (path === '/api/v3/write_lp' || path === '/api/v2/write' || path === '/write')) {
      const db = url.searchParams.get('db') ?? url.searchParams.get('bucket') ?? '';
      if (!db) throw new Answer(400, 'missing database');
      if (!mayWrite(who, db)) throw new Answer(403, { error: 'the request was not authorized' });
      const body = await readBody(request);
      const lines = body.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      try {
        v3.pointsOf(db).write(body);
      } catch (error) {
        throw new Answer(400, { error: 'parsing failed for write_lp endpoint', data: (error as Error).message });
      }
      v3.databases.add(db);
      v3.written.push(...lines.map((line) => ({ db, line })));
      throw new Answer(204, '');
    }
    if ((method === 'GET' || method === 'POST') && path === '/api/v3/query_sql') {
      acceptable(request.headers.accept);
      const text = method === 'POST' ? await readBody(request) : '';
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const db = url.searchParams.get('db') ?? body['db'];
      if (db === '_internal') needAdmin(mode, who);
      const q = url.searchParams.get('q') ?? (typeof body['q'] === 'string' ? body['q'] : '');
      if (typeof db === 'string' && db !== '_internal' && /^\s*select/i.test(q)) {
        if (!mayRead(who, db)) throw new Answer(403, { error: 'the request was not authorized' });
        const selected = v3.points.get(db)?.select(q);
        // UNCONFIRMED: v3's words for a table that was never written.
        if (!selected) throw new Answer(400, { error: `table '${q.split(/\s+/)[3] ?? ''}' not found` });
        throw new Answer(200, sqlRows(selected), 'application/json');
      }
      throw queryTokens(v3, url.searchParams, body);
    }
    throw new Answer(404, 'Not found');
  } catch (thrown) {
    if (!(thrown instanceof Answer)) throw thrown;
    send(response, thrown.status, thrown.status === 200 && thrown.body === '' ? null : thrown.body, thrown.type);
  }
}

export { sha512 };
