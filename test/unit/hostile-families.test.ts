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

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

const TIMEOUT_MS = 1000;
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

const secrets = ['hostile-new-password-1', 'Hostile-Typed-Pass-77'];

describe('the newer families against broken answers', () => {
  for (const call of calls)
    for (const [what, fault] of Object.entries(faults))
      it(`${call.name} with ${what}: a typed error in bounded time, no secret said, nothing made unsaid`, async () => {
        const t = await desk(call.mode);
        // Every request the call makes meets the fault.
        t.influx.faults.add({ fault });
        const started = Date.now();
        const outcome = await call.run(t).then(
          () => null,
          (error: Error & { code?: string }) => ({ code: error.code ?? 'none', message: error.message }),
        );
        t.influx.faults.clear();
        expect(Date.now() - started, 'bounded time').toBeLessThan(TIMEOUT_MS * 6 + 2000);
        // Success is said only of what the server did.
        if (outcome === null) return void (call.done && expect(call.done(t), 'said done, but not done').toBe(true));
        expect(errorCodes as readonly string[]).toContain(outcome.code);
        expect(outcome.code, outcome.message).not.toBe('INTERNAL');
        for (const secret of [...secrets, t.influx.operatorToken]) expect(outcome.message).not.toContain(secret);
        if (call.made && outcome.code !== 'CREATE_INTERRUPTED') expect(call.made(t), 'made but not said').toBe(false);
      });
});
