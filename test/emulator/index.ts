/**
 * An InfluxDB 2.x / Cloud API emulator for tests, benchmarks and the demo. One line starts it:
 *   const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
 * It listens on 127.0.0.1 only.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate, type Caller } from './auth';
import { authorizationRoutes } from './authorizations';
import { dbrpRoutes } from './dbrps';
import { legacyRoutes, v1ApiRoutes } from './legacy';
import { userRoutes } from './users';
import { FaultController, proxyErrorPage, type FaultRule } from './faults';
import { ApiError, notFound, parseJson, readBody, sendError, sendJson } from './http';
import { isCluster, isV3, productOf, type Mode } from './model';
import { answerCluster } from './cluster';
import { answerV3 } from './v3';
import type { Route } from './routes';
import { seedState, type SeedName, type SeedResult } from './seed';
import { EmulatorState } from './state';
import { healthBody, tenantRoutes } from './tenants';
import type { TlsOptions } from './tls';

export type { Mode } from './model';
export type { Fault, FaultRule } from './faults';
export type { SeedName } from './seed';

export interface EmulatorOptions {
  mode?: Mode;
  /** 0 (default) picks a free port. */
  port?: number;
  /** `setup` (default: onboarded with one operator), `none` (not onboarded), `demo`, or `scale:N`. */
  seed?: SeedName;
  faults?: FaultRule[];
  /** Serve HTTPS with a certificate from a throw-away CA (its PEM is in `tls.ca`). */
  tls?: boolean | TlsOptions;
  now?: () => Date;
  /** `influxd --strong-passwords`: v1 passwords need three kinds of character. */
  strongPasswords?: boolean;
  /** Cloud Dedicated / Clustered: how long a new database token takes to work on the data endpoint. */
  activationMs?: number;
}

export interface Emulator {
  url: string;
  mode: Mode;
  /** The setup token (`<user>'s Token`); on Cloud the org owner's all-access token; '' when not onboarded. */
  operatorToken: string;
  state: EmulatorState;
  seed: SeedResult;
  faults: FaultController;
  /** Every request received, in order: "METHOD /path", and whether it carried an Authorization header. */
  requests: { line: string; authorized: boolean; at: number }[];
  tls: { ca: string } | null;
  /** Cloud Dedicated / Clustered: the Management API's base, which is a connection's URL; null in other modes. */
  managementUrl: string | null;
  close(): Promise<void>;
}

const routes: Route[] = [
  ...authorizationRoutes,
  ...tenantRoutes,
  ...userRoutes,
  ...legacyRoutes,
  ...dbrpRoutes,
  ...v1ApiRoutes,
];

function productHeaders(mode: Mode): Record<string, string> {
  if (isCluster(mode)) return {};
  const { build, version } = productOf(mode);
  return version ? { 'X-Influxdb-Build': build, 'X-Influxdb-Version': version } : { 'X-Influxdb-Build': build };
}

async function answer(state: EmulatorState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const method = request.method ?? 'GET';
  if (url.pathname === '/ping' && (method === 'GET' || method === 'HEAD')) {
    response.writeHead(204).end();
    return;
  }
  if (url.pathname === '/health' && method === 'GET') {
    sendJson(response, 200, healthBody(state));
    return;
  }
  let matched = false;
  for (const candidate of routes) {
    const found = candidate.pattern.exec(url.pathname);
    if (!found) continue;
    matched = true;
    if (candidate.method !== method) continue;
    const caller: Caller | null = candidate.public ? null : authenticate(state, request.headers.authorization);
    const reply = await candidate.handle({
      state,
      query: url.searchParams,
      params: { ...found.groups },
      json: async () => parseJson(await readBody(request)),
      text: () => readBody(request),
      headers: {
        ...(request.headers.authorization !== undefined ? { authorization: request.headers.authorization } : {}),
      },
      caller: caller as Caller,
    });
    if (reply.body === undefined) response.writeHead(reply.status).end();
    else sendJson(response, reply.status, reply.body, reply.pretty);
    return;
  }
  if (matched) throw new ApiError('not found', 'method not allowed', 405);
  throw notFound('path not found');
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const mode = options.mode ?? 'oss-2.9';
  const state = new EmulatorState(mode, options.now);
  state.strongPasswords = options.strongPasswords ?? false;
  state.cluster.activationMs = options.activationMs ?? 0;
  const seed = seedState(state, options.seed ?? 'setup');
  const faults = new FaultController();
  for (const rule of options.faults ?? []) faults.add(rule);
  const sockets = new Set<Socket>();

  const requests: Emulator['requests'] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://emulator').pathname;
    requests.push({
      line: `${request.method ?? 'GET'} ${path}`,
      authorized: request.headers.authorization !== undefined,
      at: Date.now(),
    });
    for (const [name, value] of Object.entries(productHeaders(mode))) response.setHeader(name, value);
    void (async () => {
      for (const fault of faults.take(request.method ?? 'GET', path)) {
        switch (fault.kind) {
          case 'latency':
            await new Promise((resolve) => setTimeout(resolve, fault.ms));
            break;
          case 'hang':
            return; // never answers; close() destroys the socket
          case 'reset':
            request.socket.destroy();
            return;
          case 'status':
            sendJson(response, fault.status, {
              code: fault.status === 503 ? 'unavailable' : 'internal error',
              message: `emulated ${fault.status}`,
            });
            return;
          case 'html':
            response
              .writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' })
              .end(proxyErrorPage(fault.status ?? 502));
            return;
          case 'answer':
            sendJson(response, 200, fault.body);
            return;
          case 'echo': {
            const body = await readBody(request);
            const said = `${request.headers.authorization ?? ''} ${body}`;
            sendJson(response, 400, { code: 'invalid', message: `cannot parse request: ${said}` });
            return;
          }
          case 'malformed-json':
            response
              .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
              .end('{"links":{"self":"/api/v2/authorizations"},"authorizations":[{"id":');
            return;
          case 'reset-after':
            // Carried out in full; the answer never leaves.
            response.writeHead = (() => response) as typeof response.writeHead;
            response.end = (() => (request.socket.destroy(), response)) as typeof response.end;
            break;
          case 'drop-field': {
            const { writeHead, end } = response;
            response.writeHead = ((status: number) =>
              writeHead.call(response, status, {
                'Content-Type': 'application/json; charset=utf-8',
              })) as typeof response.writeHead;
            response.end = ((text?: string) => {
              const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
              delete body[fault.field];
              return end.call(response, JSON.stringify(body), 'utf8', () => undefined);
            }) as typeof response.end;
            break;
          }
        }
      }
      try {
        await (isV3(mode)
          ? answerV3(mode, state.v3, request, response)
          : isCluster(mode)
            ? answerCluster(state.cluster, mode, request, response)
            : answer(state, request, response));
      } catch (error) {
        if (error instanceof ApiError) sendError(response, error);
        else sendError(response, new ApiError('internal error', 'internal error'));
      }
    })();
  };

  // Loaded only when asked for: certificate generation pulls in a crypto library most runs never need.
  const material = options.tls
    ? await (await import('./tls')).createTlsMaterial(options.tls === true ? {} : options.tls)
    : null;
  const server: Server = material
    ? createHttpsServer({ key: material.key, cert: material.cert }, handler)
    : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `${material ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: base,
    mode,
    operatorToken: seed.operatorToken,
    state,
    seed,
    faults,
    requests,
    tls: material ? { ca: material.ca } : null,
    managementUrl:
      mode === 'dedicated'
        ? `${base}/api/v0/accounts/${state.cluster.accountId}/clusters/${state.cluster.clusterId}`
        : mode === 'clustered'
          ? `${base}/api/v0`
          : null,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
