/**
 * Hostile and broken servers on 127.0.0.1, through the real handler table: each must end in bounded
 * time and memory with a typed error, and leave nothing half-saved (settings and vault untouched).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeTo } from '../support/invoke';
import { createTestCore, type TestCore } from '../support/test-core';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const ORG = { id: '0000000000000001', name: 'ops' };
const TOKEN = 'hostile-test-token';

/** A server that answers like InfluxDB 2 everywhere but on the paths a test makes hostile. */
async function hostile(overrides: Record<string, Handler>): Promise<{ url: string; close: () => Promise<void> }> {
  const json = (response: ServerResponse, body: unknown) =>
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const override = overrides[path];
    if (override) return override(request, response);
    if (path === '/ping')
      return void response.writeHead(204, { 'x-influxdb-build': 'OSS', 'x-influxdb-version': 'v2.9.0' }).end();
    if (path === '/api/v2/orgs') return json(response, { orgs: [ORG] });
    if (path === '/api/v2/me') return json(response, { id: '0000000000000002', name: 'admin' });
    if (path === '/api/v2/authorizations') return json(response, { authorizations: [] });
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"code":"not found","message":"path not found"}');
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `chunk` until the client goes away. */
function endless(chunk: Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): Handler {
  return (_request, response) => {
    response.writeHead(200, headers);
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', pump);
    };
    response.on('close', () => response.destroy());
    pump();
  };
}

let bomb: Buffer;
beforeAll(async () => {
  // 1 GiB of zeros, gzipped to about 1 MiB: built by streaming, never held whole.
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 1024; i += 1) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  bomb = Buffer.concat(parts);
}, 60_000);

interface Outcome {
  code: string;
  message: string;
  ms: number;
  heapGrowthMiB: number;
}

async function run(
  core: TestCore,
  url: string,
  call: 'checkConnection' | 'listTokens',
  timeoutMs = 2000,
): Promise<Outcome> {
  const saved = await core.profiles.save({
    name: 'Hostile',
    url,
    token: TOKEN,
    rememberToken: false,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs,
    tls: { caFile: null, skipVerify: false },
  });
  const settingsBefore = JSON.stringify(core.settings.get());
  const bridge = bridgeTo(core);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = Date.now();
  const error =
    call === 'checkConnection'
      ? await bridge.failure('checkConnection', { id: saved.id })
      : await bridge.failure('listTokens', { connectionId: saved.id });
  const ms = Date.now() - started;
  global.gc?.();
  const heapGrowthMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  // Nothing half-saved: the profile is as it was, and the vault holds nothing.
  expect(JSON.stringify(core.settings.get())).toBe(settingsBefore);
  expect(await core.vault.list()).toEqual([]);
  return { code: error.code, message: error.message, ms, heapGrowthMiB };
}

describe('hostile servers', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  const serve = async (overrides: Record<string, Handler>) => {
    const server = await hostile(overrides);
    servers.push(server);
    return server.url;
  };
  const core = () => createTestCore({ allowedOrigins: ['app://token-desk'] });

  it('a slow drip ends at the deadline, headers and body included', async () => {
    const url = await serve({
      '/api/v2/me': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 100);
        response.on('close', () => clearInterval(timer));
      },
    });
    const outcome = await run(core(), url, 'checkConnection', 1000);
    expect(outcome.code).toBe('TIMEOUT');
    expect(outcome.message).toMatch(
      /did not answer within 1 s while reading the token’s user \(GET \/api\/v2\/me\), headers and body included/,
    );
    expect(outcome.ms).toBeLessThan(5000);
  });

  it('an endless body is cut at the cap', async () => {
    const url = await serve({ '/api/v2/me': endless(Buffer.alloc(64 * 1024, 0x20)) });
    const outcome = await run(core(), url, 'checkConnection');
    expect(outcome).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringMatching(/sent more than 8 MiB while reading the token’s user \(GET \/api\/v2\/me\)/),
    });
    expect(outcome.heapGrowthMiB).toBeLessThan(64);
  });

  it('a 50 MB body where a small answer belongs is refused without reading it all', async () => {
    const body = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const url = await serve({
      '/api/v2/me': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) })
          .end(body),
    });
    const outcome = await run(core(), url, 'checkConnection');
    expect(outcome).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(/more than 8 MiB/) });
    expect(outcome.heapGrowthMiB).toBeLessThan(64);
  });

  it('a gzip bomb (1 GiB of zeros in 1 MiB) is cut after decompression, at the cap', async () => {
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const url = await serve({
      '/api/v2/me': (_request, response) =>
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
    });
    const outcome = await run(core(), url, 'checkConnection');
    expect(outcome).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(/more than 8 MiB/) });
    expect(outcome.heapGrowthMiB).toBeLessThan(64);
  });

  it('a redirect to another port is reported, and nothing (no token) is sent there', async () => {
    const elsewhere: string[] = [];
    const trap = await serve({
      '/ping': (request, response) => (elsewhere.push(String(request.headers.authorization)), response.end()),
    });
    const url = await serve({
      '/ping': (_request, response) => response.writeHead(307, { location: `${trap}/ping` }).end(),
    });
    const outcome = await run(core(), url, 'checkConnection');
    expect(outcome).toMatchObject({
      code: 'REDIRECT',
      message: expect.stringContaining(`redirected the request to ${trap}/ping`),
    });
    expect(elsewhere).toEqual([]);
  });

  it('answers of the wrong shape are bad answers naming the endpoint, not internal errors', async () => {
    const url = await serve({
      '/api/v2/me': (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[]'),
    });
    expect(await run(core(), url, 'checkConnection')).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('(GET /api/v2/me): the token’s user is not an object'),
    });
    const tokens = await serve({
      '/api/v2/authorizations': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"authorizations":[{"description":"no id"}]}'),
    });
    expect(await run(core(), tokens, 'listTokens')).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('(GET /api/v2/authorizations): a token without an id or permissions'),
    });
    const orgs = await serve({
      '/api/v2/orgs': (_request, response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"orgs":"ops"}'),
    });
    expect(await run(core(), orgs, 'listTokens')).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('(GET /api/v2/orgs): a page of orgs is not a list'),
    });
  });

  it('invalid UTF-8 is a bad answer, not garbled names', async () => {
    const body = Buffer.concat([
      Buffer.from('{"id":"0000000000000002","name":"adm'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const url = await serve({
      '/api/v2/me': (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body),
    });
    expect(await run(core(), url, 'checkConnection')).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('the answer is not valid UTF-8'),
    });
  });

  it('200,000 tokens (about 120 MB) end at the token list’s cap with a plain error', async () => {
    const token = (i: number) =>
      JSON.stringify({
        id: i.toString(16).padStart(16, '0'),
        token: '',
        status: 'active',
        description: `token ${i}`,
        orgID: ORG.id,
        org: 'ops',
        userID: '0000000000000002',
        user: 'admin',
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        permissions: [
          {
            action: 'read',
            resource: { type: 'buckets', orgID: ORG.id, id: '00000000000000aa', name: 'sensors', org: 'ops' },
          },
          {
            action: 'write',
            resource: { type: 'buckets', orgID: ORG.id, id: '00000000000000bb', name: 'logs', org: 'ops' },
          },
        ],
        links: { self: `/api/v2/authorizations/${i}`, user: '/api/v2/users/0000000000000002' },
      });
    const url = await serve({
      '/api/v2/authorizations': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        let i = 0;
        const pump = () => {
          while (!response.destroyed && i < 200_000) {
            if (!response.write(`${i === 0 ? '{"authorizations":[' : ','}${token(i)}`)) {
              i += 1;
              return void response.once('drain', pump);
            }
            i += 1;
          }
          if (!response.destroyed) response.end(']}');
        };
        response.on('close', () => response.destroy());
        pump();
      },
    });
    const outcome = await run(core(), url, 'listTokens', 30_000);
    expect(outcome).toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringMatching(/sent more than 96 MiB while listing tokens \(GET \/api\/v2\/authorizations\)/),
    });
    expect(outcome.heapGrowthMiB).toBeLessThan(64);
  }, 60_000);
});

describe('cancellation', () => {
  it('quitting cancels a request in flight at once, in plain words', async () => {
    const server = await hostile({ '/api/v2/me': () => undefined });
    const c = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const saved = await c.profiles.save({
      name: 'Hanging',
      url: server.url,
      token: TOKEN,
      rememberToken: false,
      org: null,
      environment: { label: '', colour: 'grey' },
      timeoutMs: 60_000,
      tls: { caFile: null, skipVerify: false },
    });
    const started = Date.now();
    const pending = bridgeTo(c).failure('checkConnection', { id: saved.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await c.dispose();
    expect(await pending).toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('was cancelled') });
    expect(Date.now() - started).toBeLessThan(2000);
    await server.close();
  });
});
