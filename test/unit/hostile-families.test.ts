/**
 * Every call of the newer families (v1 credentials, service users, InfluxDB 3, Cloud Dedicated and
 * Clustered) against every kind of broken answer, through the real handler table and the emulator:
 * each ends in bounded time with a typed error (never INTERNAL), says no secret, and leaves nothing
 * made that it does not say exists.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { errorCodes } from '$contract/errors';
import { startEmulator, type Emulator, type Fault, type Mode } from '../emulator/index';
import { connectCore, type Connected } from '../support/connect';
import { filesUnder } from '../support/team-tools';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

const TIMEOUT_MS = 1000;
const INFLUX1_PASSWORD = 'Admin-1x-Secret-42';
const faults: Record<string, Fault> = {
  '500': { kind: 'status', status: 500 },
  'a proxy page': { kind: 'html', status: 502 },
  'malformed JSON': { kind: 'malformed-json' },
  'a reset': { kind: 'reset' },
  'a wrong shape': { kind: 'answer', body: { unexpected: [1, 2, 3] } },
  'an echo of the request': { kind: 'echo' },
  'a hang': { kind: 'hang' },
};

type Desk = Connected & { influx: Emulator };
interface Call {
  name: string;
  mode: Mode;
  run: (t: Desk) => Promise<unknown>;
  /** Something made on the server by this call, if any: a failure that does not say so must leave none. */
  made?: (t: Desk) => boolean;
  /** The change on the server: a call that answers success must have made it. */
  done?: (t: Desk) => boolean;
}

const bucket = (t: Desk, name: string) => [...t.influx.state.buckets.values()].find((b) => b.name === name)?.id ?? '';

const calls: Call[] = [
  {
    name: 'listV1Credentials',
    mode: 'oss-2.9',
    run: (t) => t.bridge.invoke('listV1Credentials', { connectionId: t.connectionId }),
  },
  {
    name: 'createV1Credential',
    mode: 'oss-2.9',
    run: (t) =>
      t.bridge.invoke('createV1Credential', {
        connectionId: t.connectionId,
        orgID: t.influx.seed.orgID,
        username: 'svc-hostile',
        description: '',
        read: [bucket(t, 'sensors')],
        write: [],
        password: { kind: 'generate' },
      }),
    made: (t) => t.influx.state.findLegacyByUsername('svc-hostile') !== undefined,
  },
  {
    name: 'setV1Password',
    mode: 'oss-2.9',
    run: (t) =>
      t.bridge.invoke('setV1Password', {
        connectionId: t.connectionId,
        id: t.influx.seed.v1['grafana']?.auth.id ?? '',
        password: { kind: 'typed', value: 'hostile-new-password-1' },
      }),
  },
  {
    name: 'setV1Status',
    mode: 'oss-2.9',
    run: (t) =>
      t.bridge.invoke('setV1Status', {
        connectionId: t.connectionId,
        id: t.influx.seed.v1['grafana']?.auth.id ?? '',
        status: 'inactive',
      }),
    done: (t) => t.influx.state.findLegacyByUsername('grafana')?.status === 'inactive',
  },
  {
    name: 'deleteV1Credential',
    mode: 'oss-2.9',
    run: (t) =>
      t.bridge.invoke('deleteV1Credential', {
        connectionId: t.connectionId,
        id: t.influx.seed.v1['grafana']?.auth.id ?? '',
      }),
    done: (t) => t.influx.state.findLegacyByUsername('grafana') === undefined,
  },
  {
    name: 'listUsers',
    mode: 'oss-2.9',
    run: (t) => t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: t.influx.seed.orgID }),
  },
  {
    name: 'createServiceUser',
    mode: 'oss-2.9',
    run: (t) =>
      t.bridge.invoke('createServiceUser', {
        connectionId: t.connectionId,
        operationId: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f55',
        name: 'svc-hostile-user',
        memberships: [{ orgID: t.influx.seed.orgID, role: 'member' }],
        password: { kind: 'typed', value: 'Hostile-Typed-Pass-77' },
      }),
    made: (t) => t.influx.state.findUserByName('svc-hostile-user') !== undefined,
  },
  {
    name: 'listV3Tokens',
    mode: 'v3-enterprise',
    run: (t) => t.bridge.invoke('listV3Tokens', { connectionId: t.connectionId }),
  },
  {
    name: 'createV3Token',
    mode: 'v3-enterprise',
    run: (t) =>
      t.bridge.invoke('createV3Token', {
        connectionId: t.connectionId,
        name: 'hostile',
        expirySecs: null,
        permissions: null,
        saveToVault: true,
      }),
    made: (t) => t.influx.state.v3.byName('hostile') !== undefined,
  },
  {
    name: 'rotateV3Token',
    mode: 'v3-enterprise',
    run: (t) =>
      t.bridge.invoke('rotateV3Token', { connectionId: t.connectionId, id: String(t.influx.seed.v3['ci']?.token.id) }),
  },
  {
    name: 'deleteV3Token',
    mode: 'v3-enterprise',
    run: (t) => t.bridge.invoke('deleteV3Token', { connectionId: t.connectionId, name: 'old-ci' }),
    done: (t) => t.influx.state.v3.byName('old-ci') === undefined,
  },
  {
    name: 'listClusterTokens',
    mode: 'dedicated',
    run: (t) => t.bridge.invoke('listClusterTokens', { connectionId: t.connectionId }),
  },
  {
    name: 'createClusterToken',
    mode: 'dedicated',
    run: (t) =>
      t.bridge.invoke('createClusterToken', {
        connectionId: t.connectionId,
        description: 'hostile',
        permissions: [{ action: 'read', resource: 'sensors' }],
        expiresAt: null,
        saveToVault: true,
      }),
    made: (t) => [...t.influx.state.cluster.tokens.values()].some((x) => x.description === 'hostile'),
  },
  {
    name: 'updateClusterToken',
    mode: 'clustered',
    run: (t) =>
      t.bridge.invoke('updateClusterToken', {
        connectionId: t.connectionId,
        id: t.influx.seed.cluster?.['grafana']?.token.id ?? '',
        description: 'renamed',
      }),
    done: (t) => t.influx.seed.cluster?.['grafana']?.token.description === 'renamed',
  },
  {
    name: 'rotateClusterToken',
    mode: 'clustered',
    run: (t) =>
      t.bridge.invoke('rotateClusterToken', {
        connectionId: t.connectionId,
        id: t.influx.seed.cluster?.['telegraf']?.token.id ?? '',
      }),
  },
  {
    name: 'revokeClusterToken',
    mode: 'dedicated',
    run: (t) =>
      t.bridge.invoke('revokeClusterToken', {
        connectionId: t.connectionId,
        id: t.influx.seed.cluster?.['grafana']?.token.id ?? '',
      }),
    done: (t) => Boolean(t.influx.seed.cluster?.['grafana']?.token.revokedAt),
  },
];

async function desk(mode: Mode): Promise<Desk> {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const t = await connectCore(influx.managementUrl ?? influx.url, influx.operatorToken, { timeoutMs: TIMEOUT_MS });
  return { ...t, influx };
}

const secrets = ['hostile-new-password-1', 'Hostile-Typed-Pass-77', 'Hostile-1x-Pass-99', INFLUX1_PASSWORD];

/** No secret in the logs, the history or any other file of Token Desk's (the vault's values are sealed). */
async function expectNoSecretKept(t: Connected & { influx?: Emulator }): Promise<void> {
  await t.core.dispose(); // the history is on disk
  const kept = [...filesUnder(t.core.dataDir).map((f) => f.text), t.core.logs.join('\n')].join('\n');
  for (const secret of [...secrets, t.influx?.operatorToken ?? '']) if (secret) expect(kept).not.toContain(secret);
}

describe('the newer families against broken answers', () => {
  for (const call of calls)
    for (const [what, fault] of Object.entries(faults))
      it(`${call.name} with ${what}: a typed error in bounded time, no secret said, nothing made unsaid`, async () => {
        const t = await desk(call.mode);
        // Every request the call makes meets the fault.
        t.influx.faults.add({ fault });
        const started = Date.now();
        const before = process.memoryUsage().rss;
        const outcome = await call.run(t).then(
          () => null,
          (error: Error & { code?: string }) => ({ code: error.code ?? 'none', message: error.message }),
        );
        t.influx.faults.clear();
        expect(Date.now() - started, 'bounded time').toBeLessThan(TIMEOUT_MS * 6 + 2000);
        expect(process.memoryUsage().rss - before, 'bounded memory').toBeLessThan(256 * 1024 * 1024);
        await expectNoSecretKept(t);
        // Success is said only of what the server did.
        if (outcome === null) return void (call.done && expect(call.done(t), 'said done, but not done').toBe(true));
        expect(errorCodes as readonly string[]).toContain(outcome.code);
        expect(outcome.code, outcome.message).not.toBe('INTERNAL');
        for (const secret of [...secrets, t.influx.operatorToken]) expect(outcome.message).not.toContain(secret);
        if (call.made && outcome.code !== 'CREATE_INTERRUPTED') expect(call.made(t), 'made but not said').toBe(false);
      });
});

/** An InfluxDB 1.x that answers /ping as 1.6.7 and every /query with the fault of the moment. */
async function fake1x(): Promise<{ url: string; fault: { now: Fault | null }; close: () => Promise<void> }> {
  const fault: { now: Fault | null } = { now: null };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/ping')
      return void response.writeHead(204, { 'X-Influxdb-Version': '1.6.7', 'X-Influxdb-Build': 'OSS' }).end();
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const f = fault.now;
      const json = (status: number, value: unknown) =>
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
      if (!f || f.kind === 'latency') return json(200, { results: [{ statement_id: 0 }] });
      if (f.kind === 'hang') return;
      if (f.kind === 'reset') return void request.socket.destroy();
      if (f.kind === 'status') return json(f.status, { error: 'emulated failure' });
      if (f.kind === 'html')
        return void response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>');
      if (f.kind === 'malformed-json')
        return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results":[{"statement_id":');
      if (f.kind === 'echo')
        return json(400, { error: `bad request: ${request.headers.authorization ?? ''} ${decodeURIComponent(body)}` });
      return json(200, { unexpected: [1, 2, 3] });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fault,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const influx1Calls: { name: string; run: (t: Connected) => Promise<unknown> }[] = [
  { name: 'listInflux1Users', run: (t) => t.bridge.invoke('listInflux1Users', { connectionId: t.connectionId }) },
  {
    name: 'createInflux1User',
    run: (t) =>
      t.bridge.invoke('createInflux1User', {
        connectionId: t.connectionId,
        name: 'grafana',
        admin: false,
        grants: [{ database: 'telemetry', privilege: 'READ' }],
        password: { kind: 'typed', value: 'Hostile-1x-Pass-99' },
      }),
  },
  {
    name: 'setInflux1Password',
    run: (t) =>
      t.bridge.invoke('setInflux1Password', {
        connectionId: t.connectionId,
        name: 'grafana',
        password: { kind: 'typed', value: 'Hostile-1x-Pass-99' },
      }),
  },
  {
    name: 'setInflux1Grants',
    run: (t) =>
      t.bridge.invoke('setInflux1Grants', {
        connectionId: t.connectionId,
        name: 'grafana',
        grants: [{ database: 'telemetry', privilege: 'WRITE' }],
      }),
  },
  {
    name: 'checkInflux1User',
    run: (t) =>
      t.bridge.invoke('checkInflux1User', {
        connectionId: t.connectionId,
        name: 'grafana',
        password: 'Hostile-1x-Pass-99',
      }),
  },
];

describe('the InfluxDB 1.x family against broken answers', () => {
  for (const call of influx1Calls)
    for (const [what, fault] of Object.entries(faults))
      it(`${call.name} with ${what}: a typed error in bounded time, no secret said or kept`, async () => {
        const server = await fake1x();
        try {
          const t = await connectCore(server.url, `admin:${INFLUX1_PASSWORD}`, { timeoutMs: TIMEOUT_MS });
          server.fault.now = fault;
          const started = Date.now();
          const outcome = await call.run(t).then(
            () => null,
            (error: Error & { code?: string }) => ({ code: error.code ?? 'none', message: error.message }),
          );
          expect(Date.now() - started, 'bounded time').toBeLessThan(TIMEOUT_MS * 6 + 2000);
          expect(outcome, 'a broken answer is never taken for success').not.toBeNull();
          expect(errorCodes as readonly string[]).toContain(outcome?.code);
          expect(outcome?.code, outcome?.message).not.toBe('INTERNAL');
          for (const secret of secrets) expect(outcome?.message).not.toContain(secret);
          await expectNoSecretKept(t);
        } finally {
          await server.close();
        }
      });
});
