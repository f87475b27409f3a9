/**
 * The Management API of Cloud Dedicated and Clustered (test/fixtures/management-api/*.yml), and the
 * cluster's data endpoint as far as a token's activation shows: paths, request bodies, answers and
 * the spec's `{code, message}` errors. test/emulator/cluster.test.ts validates every answer against
 * the OpenAPI, so this file cannot drift from the contract.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterPermission, ClusterState } from './cluster-state';
import { readBody } from './http';
import type { Mode } from './model';

/** The spec's Error schema and its one wording per status. */
const words: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  500: 'internal server error',
};

class Refusal extends Error {
  constructor(readonly status: number) {
    super(words[status] ?? 'error');
  }
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function bearer(header: string | undefined): string {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (!match?.[1]) throw new Refusal(401);
  return match[1];
}

async function json(request: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const body = JSON.parse(await readBody(request)) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Falls through to the refusal.
  }
  throw new Refusal(400);
}

function permissionsOf(value: unknown): ClusterPermission[] {
  if (!Array.isArray(value)) throw new Refusal(400);
  return value.map((p: unknown) => {
    const r = p as Record<string, unknown> | null;
    const resource = r?.['resource'];
    if ((r?.['action'] !== 'read' && r?.['action'] !== 'write') || typeof resource !== 'string') throw new Refusal(400);
    if (resource.length < 1 || resource.length > 64) throw new Refusal(400);
    return { action: r['action'], resource };
  });
}

/** Where the Management API lives in each mode: under the account and cluster on Dedicated. */
function routeOf(cluster: ClusterState, mode: Mode, path: string): string[] | null {
  const dedicated = /^\/api\/v0\/accounts\/([^/]+)\/clusters\/([^/]+)(\/.*)$/.exec(path);
  if (mode === 'dedicated') {
    if (!dedicated) return null;
    if (dedicated[1] !== cluster.accountId || dedicated[2] !== cluster.clusterId) throw new Refusal(404);
    return (dedicated[3] ?? '').split('/').filter(Boolean);
  }
  return path.startsWith('/api/v0/') ? path.slice('/api/v0/'.length).split('/').filter(Boolean) : null;
}

async function management(
  cluster: ClusterState,
  mode: Mode,
  request: IncomingMessage,
  parts: string[],
): Promise<{ status: number; body?: unknown }> {
  const caller = cluster.management(bearer(request.headers.authorization));
  if (!caller) throw new Refusal(401);
  const dedicated = mode === 'dedicated';
  const method = request.method ?? 'GET';
  const [collection, id, ...rest] = parts;
  if (rest.length) throw new Refusal(404);
  if (collection === 'databases' && !id && method === 'GET')
    return {
      status: 200,
      body: [...cluster.databases].map((name) => ({
        ...(dedicated ? { accountId: cluster.accountId, clusterId: cluster.clusterId } : {}),
        name,
        maxTables: 500,
        maxColumnsPerTable: 200,
        retentionPeriod: 0,
      })),
    };
  if (collection !== 'tokens') throw new Refusal(404);
  if (!caller.canManageTokens) throw new Refusal(403);
  if (!id) {
    if (method === 'GET')
      return { status: 200, body: [...cluster.tokens.values()].map((t) => cluster.view(t, dedicated)) };
    if (method !== 'POST') throw new Refusal(404);
    const body = await json(request);
    if (typeof body['description'] !== 'string') throw new Refusal(400);
    const expiresAt = body['expiresAt'];
    if (expiresAt !== undefined && (typeof expiresAt !== 'string' || !RFC3339.test(expiresAt))) throw new Refusal(400);
    const { token, value } = cluster.add({
      description: body['description'],
      permissions: body['permissions'] === undefined ? [] : permissionsOf(body['permissions']),
      expiresAt: (expiresAt as string | undefined) ?? null,
    });
    return { status: 200, body: { ...cluster.view(token, dedicated), accessToken: value } };
  }
  if (!UUID.test(id)) throw new Refusal(400);
  const token = cluster.tokens.get(id);
  // UNCONFIRMED: whether a revoked token is still found by ID; it is listed (revokedAt), so it is found.
  if (!token) throw new Refusal(404);
  if (method === 'GET') return { status: 200, body: cluster.view(token, dedicated) };
  if (method === 'PATCH') {
    const body = await json(request);
    if (Object.keys(body).length === 0) throw new Refusal(400);
    if (body['description'] !== undefined && typeof body['description'] !== 'string') throw new Refusal(400);
    if (token.revokedAt) throw new Refusal(409);
    if (typeof body['description'] === 'string') token.description = body['description'];
    if (body['permissions'] !== undefined) token.permissions = permissionsOf(body['permissions']);
    return { status: 200, body: cluster.view(token, dedicated) };
  }
  if (method === 'DELETE') {
    // The docs call this revoking: the token stops working and stays listed with revokedAt (UNCONFIRMED:
    // that it stays listed, and that a second DELETE is 404).
    if (token.revokedAt) throw new Refusal(404);
    token.revokedAt = new Date().toISOString();
    return { status: 204 };
  }
  throw new Refusal(404);
}

/** `Authorization: Token|Bearer <database token>` on the data endpoint. */
function dataToken(header: string | undefined): string | null {
  return /^(?:Token|Bearer) (\S+)$/.exec(header ?? '')?.[1] ?? null;
}

const grants = (permissions: ClusterPermission[], action: 'read' | 'write', database: string) =>
  permissions.some((p) => p.action === action && (p.resource === '*' || p.resource === database));

/** A query or a write with a database token: what tells whether a new token works yet. */
async function data(
  cluster: ClusterState,
  request: IncomingMessage,
  url: URL,
): Promise<{ status: number; body?: unknown }> {
  const value = dataToken(request.headers.authorization);
  const token = value ? cluster.working(value) : undefined;
  if (!token) return { status: 401, body: { code: 'unauthorized', message: 'unauthorized access' } };
  const read = url.pathname === '/query';
  const database = (read ? url.searchParams.get('db') : url.searchParams.get('bucket')) ?? '';
  if (!cluster.databases.has(database))
    return { status: 404, body: { code: 'not found', message: `database not found: ${database}` } };
  if (!grants(token.permissions, read ? 'read' : 'write', database))
    return { status: 403, body: { code: 'forbidden', message: 'permission denied' } };
  await readBody(request);
  return read ? { status: 200, body: { results: [{ statement_id: 0 }] } } : { status: 204 };
}

export async function answerCluster(
  cluster: ClusterState,
  mode: Mode,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  try {
    if (
      (url.pathname === '/query' && request.method === 'GET') ||
      (url.pathname === '/api/v2/write' && request.method === 'POST')
    ) {
      const { status, body } = await data(cluster, request, url);
      send(response, status, body);
      return;
    }
    const parts = routeOf(cluster, mode, url.pathname);
    if (!parts) throw new Refusal(404);
    const { status, body } = await management(cluster, mode, request, parts);
    send(response, status, body);
  } catch (error) {
    const status = error instanceof Refusal ? error.status : 500;
    send(response, status, { code: status, message: words[status] ?? 'internal server error' });
  }
}
