/**
 * A server (or a proxy before it) that answers 400 repeating the request's Authorization header and
 * body: the connection's token and a new password must never reach a message, the history, the logs
 * or any file of Token Desk's. Every message built from a server's words is cut of every secret its
 * request carried (client.run), for every family.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { connectCore, type Connected } from '../support/connect';
import { filesUnder } from '../support/team-tools';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function desk(mode: Mode) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  const t = await connectCore(influx.managementUrl ?? influx.url, influx.operatorToken, { name: String(mode) });
  return { ...t, influx };
}

/** The failure's words, the history's files, the logs and every answer: none holds any of `secrets`. */
async function expectNowhere(t: Connected, message: string, secrets: string[]): Promise<void> {
  await t.core.dispose(); // the history is on disk
  const files = filesUnder(t.core.dataDir);
  for (const secret of secrets) {
    expect(message, 'the message').not.toContain(secret);
    for (const file of files) expect(file.text.includes(secret), file.path).toBe(false);
    expect(t.core.logs.join('\n')).not.toContain(secret);
    for (const a of t.bridge.answers) expect(a.json, a.name).not.toContain(secret);
  }
  expect(message).toContain('[redacted]');
}

describe('a 400 that repeats the request', () => {
  it('on 2.x: a v1 password change says why, without the password or the token', async () => {
    const t = await desk('oss-2.9');
    const id = t.influx.seed.v1['grafana']?.auth.id ?? '';
    t.influx.faults.add({ path: `/private/legacy/authorizations/${id}/password`, fault: { kind: 'echo' } });
    const failed = await t.bridge.failure('setV1Password', {
      connectionId: t.connectionId,
      id,
      password: { kind: 'typed', value: 'a-brand-new-password-42' },
    });
    expect(failed.message).toMatch(/cannot parse request/);
    await expectNowhere(t, failed.message, ['a-brand-new-password-42', t.influx.operatorToken]);
  });

  it('on 2.x: listing tokens says why, without the token', async () => {
    const t = await desk('oss-2.9');
    t.influx.faults.add({ path: '/api/v2/authorizations', method: 'GET', fault: { kind: 'echo' } });
    const failed = await t.bridge.failure('listTokens', { connectionId: t.connectionId });
    await expectNowhere(t, failed.message, [t.influx.operatorToken]);
  });

  it('on 2.x: a service user’s password, refused, is in no message', async () => {
    const t = await desk('oss-2.9');
    t.influx.faults.add({ path: '/api/v2/users/', method: 'POST', fault: { kind: 'echo' } });
    const failed = await t.bridge.failure('createServiceUser', {
      connectionId: t.connectionId,
      operationId: '4b9d8f7e-1c2a-4e3b-8f9a-0b1c2d3e4f52',
      name: 'svc-echo',
      memberships: [{ orgID: t.influx.seed.orgID, role: 'member' }],
      password: { kind: 'typed', value: 'Typed-Password-9876' },
    });
    await expectNowhere(t, failed.message, ['Typed-Password-9876', t.influx.operatorToken]);
  });

  it('on InfluxDB 3 and on a cluster’s Management API: the token is in no message', async () => {
    for (const mode of ['v3-core', 'dedicated'] as const) {
      const t = await desk(mode);
      const path =
        mode === 'dedicated' ? `${new URL(t.influx.managementUrl ?? '').pathname}/tokens` : '/api/v3/query_sql';
      t.influx.faults.add({ path, fault: { kind: 'echo' } });
      const failed = await t.bridge.failure(mode === 'dedicated' ? 'listClusterTokens' : 'listV3Tokens', {
        connectionId: t.connectionId,
      });
      await expectNowhere(t, failed.message, [t.influx.operatorToken]);
    }
  });
});
