/**
 * Each action asks the server only what it needs: counted in the emulator's request log after the
 * connection check has filled what is known of the server (org names, product, user, types).
 * `npm run bench` prints the sequential round trips with the emulator's latency fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { bridgeTo, type Bridge } from '../support/invoke';
import { createTestCore } from '../support/test-core';

let influx: Emulator;
let bridge: Bridge;
let connectionId: string;

beforeAll(async () => {
  influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  bridge = bridgeTo(createTestCore({ allowedOrigins: ['app://token-desk'] }));
  connectionId = (
    await bridge.invoke('saveConnection', {
      name: 'ops',
      url: influx.url,
      token: influx.operatorToken,
      rememberToken: true,
      org: null,
      environment: { label: '', colour: 'grey' },
      timeoutMs: 5000,
      tls: { caFile: null, skipVerify: false },
    })
  ).id;
});
afterAll(() => influx.close());

/** The requests one action made, as "METHOD /path", sorted. */
async function asked(action: () => Promise<unknown>): Promise<string[]> {
  const before = influx.requests.length;
  await action();
  return influx.requests
    .slice(before)
    .map((r) => r.line)
    .sort();
}

describe('requests per action, once the connection is checked', () => {
  it('the check itself: server, user, orgs and types at once, then the probes', async () => {
    const lines = await asked(() => bridge.invoke('checkConnection', { id: connectionId }));
    expect(lines.filter((l) => !l.startsWith('POST /api/v2/authorizations'))).toEqual([
      'GET /api/v2/me',
      'GET /api/v2/orgs',
      'GET /api/v2/resources',
      'GET /health',
      'GET /ping',
    ]);
    expect(lines.filter((l) => l === 'POST /api/v2/authorizations')).toHaveLength(4);
  });

  it('the v1 credentials list: the list and each known org’s DBRP mappings, asked together', async () => {
    const lines = await asked(() => bridge.invoke('listV1Credentials', { connectionId }));
    expect(lines).toEqual(['GET /api/v2/dbrps', 'GET /api/v2/dbrps', 'GET /private/legacy/authorizations']);
  });

  it('the list: the tokens, and what uses them (Telegraf configurations, tasks) in each known org, asked together', async () => {
    expect(await asked(() => bridge.invoke('listTokens', { connectionId }))).toEqual([
      'GET /api/v2/authorizations',
      'GET /api/v2/tasks',
      'GET /api/v2/tasks',
      'GET /api/v2/telegrafs',
      'GET /api/v2/telegrafs',
    ]);
  });

  it('status, description and delete: one request each', async () => {
    const id = influx.seed.tokens['grafana']!.id;
    expect(await asked(() => bridge.invoke('setTokenStatus', { connectionId, id, status: 'inactive' }))).toEqual([
      `PATCH /api/v2/authorizations/${id}`,
    ]);
    expect(
      await asked(() => bridge.invoke('setTokenDescription', { connectionId, id, description: 'renamed' })),
    ).toEqual([`PATCH /api/v2/authorizations/${id}`]);
    expect(await asked(() => bridge.invoke('deleteToken', { connectionId, id }))).toEqual([
      `DELETE /api/v2/authorizations/${id}`,
    ]);
  });

  it('the detail: the token and the names of its org, asked together', async () => {
    const id = influx.seed.tokens['sensorsWriter']!.id;
    const lines = await asked(() => bridge.invoke('getTokenDetail', { connectionId, id, orgID: influx.seed.orgID }));
    expect(lines).toContain(`GET /api/v2/authorizations/${id}`);
    expect(lines.filter((l) => l.startsWith('GET /api/v2/authorizations/'))).toHaveLength(1);
    expect(lines.every((l) => l.startsWith('GET '))).toBe(true);
  });

  it('a create: the up-front check and the create, nothing else', async () => {
    const lines = await asked(() =>
      bridge.invoke('createToken', {
        connectionId,
        orgID: influx.seed.orgID,
        description: 'counted',
        status: 'active',
        spec: { kind: 'all-access' },
        saveToVault: true,
      }),
    );
    expect(lines).toEqual(['POST /api/v2/authorizations', 'POST /api/v2/authorizations']);
  });

  it('an org not seen before is looked up (a miss), then known', async () => {
    const other = influx.state.addOrg('later');
    await asked(() => bridge.invoke('listTokens', { connectionId }));
    const lines = await asked(() =>
      bridge.invoke('createToken', {
        connectionId,
        orgID: other.id,
        description: 'in a new org',
        status: 'active',
        spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
        saveToVault: false,
      }),
    );
    expect(lines).toContain('GET /api/v2/orgs');
    expect(
      await asked(() =>
        bridge.invoke('createToken', {
          connectionId,
          orgID: other.id,
          description: 'again',
          status: 'active',
          spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
          saveToVault: false,
        }),
      ),
    ).not.toContain('GET /api/v2/orgs');
  });

  it('a refresh asks again what it knew: the list, with the product and org names alongside', async () => {
    expect(await asked(() => bridge.invoke('listTokens', { connectionId, refresh: true }))).toEqual([
      'GET /api/v2/authorizations',
      'GET /api/v2/orgs',
      'GET /ping',
    ]);
  });
});
