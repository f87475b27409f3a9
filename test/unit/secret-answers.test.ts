/**
 * Secrets as a rule the code is held to: a value crosses to the page only in the answers
 * contract/ipc.ts lists in `secretAnswers`. Every family's flows run here (2.x tokens and v1
 * credentials, InfluxDB 3 tokens and `_admin`, a real 1.x server's users); every secret those answers
 * carried, and every connection's own credential, must appear in no other answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CallName } from '$contract/channels';
import { secretAnswers } from '$contract/ipc';
import { startEmulator, type Emulator } from '../emulator/index';
import { influxd1Lookup, startInfluxd1, type Influxd1 } from '../support/influxd1';
import { connectCore } from '../support/connect';
import type { Bridge } from '../support/invoke';

const running: { close?: () => Promise<void>; stop?: () => Promise<void> }[] = [];
const bridges: Bridge[] = [];
const credentials: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => (r.close ?? r.stop)?.()));
});

async function connect(url: string, token: string) {
  const connected = await connectCore(url, token, { name: 'secrets', check: true });
  bridges.push(connected.bridge);
  credentials.push(token);
  return connected;
}

/** Every string under a key named `value` or `password` in an answer. */
function secretsIn(json: string): string[] {
  const found: string[] = [];
  JSON.parse(json, (key, value: unknown) => {
    if ((key === 'value' || key === 'password') && typeof value === 'string' && value.length >= 8) found.push(value);
    return value;
  });
  return found;
}

const isSecretAnswer = (name: CallName) => name in secretAnswers;

describe('answers that carry a secret', () => {
  it('2.x: tokens made, cloned, rotated; v1 credentials made and given new passwords', async () => {
    const influx: Emulator = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    running.push(influx);
    const { bridge, connectionId } = await connect(influx.url, influx.operatorToken);
    const orgID = influx.state.findOrgByName('ops')!.id;
    const made = await bridge.invoke('createToken', {
      connectionId,
      orgID,
      description: 'leak check',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    });
    await bridge.invoke('cloneToken', { connectionId, id: made.token.id, saveToVault: true });
    await bridge.invoke('rotateToken', { connectionId, id: made.token.id });
    const v1 = await bridge.invoke('createV1Credential', {
      connectionId,
      orgID,
      username: 'leak-check',
      description: '',
      read: [[...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id],
      write: [],
      password: { kind: 'generate' },
    });
    await bridge.invoke('setV1Password', { connectionId, id: v1.credential.id, password: { kind: 'generate' } });
    for (const name of ['listTokens', 'listV1Credentials', 'listCredentials', 'reconcileVault'] as const)
      await bridge.invoke(name, { connectionId });
    await bridge.invoke('getTokenDetail', { connectionId, id: made.token.id });
    await bridge.invoke('listVault');
    await bridge.invoke('listHistory');
  });

  it('InfluxDB 3: a token made and rotated, _admin regenerated', async () => {
    const influx: Emulator = await startEmulator({ mode: 'v3-enterprise', seed: 'demo' });
    running.push(influx);
    const { bridge, connectionId } = await connect(influx.url, influx.operatorToken);
    const made = await bridge.invoke('createV3Token', {
      connectionId,
      name: 'leak-check',
      expirySecs: 86_400,
      permissions: null,
      saveToVault: true,
    });
    await bridge.invoke('rotateV3Token', { connectionId, id: made.token.id });
    await bridge.invoke('regenerateV3Admin', { connectionId });
    await bridge.invoke('listV3Tokens', { connectionId });
    await bridge.invoke('listCredentials', { connectionId });
    await bridge.invoke('checkConnection', { id: connectionId });
    const entry = (await bridge.invoke('listVault'))[0]!;
    await bridge.invoke('revealVaultValue', { id: entry.id });
  });

  it.skipIf(!influxd1Lookup.found)(
    'InfluxDB 1.x: a user made and given a new password',
    async () => {
      const server: Influxd1 = await startInfluxd1();
      running.push(server);
      const { bridge, connectionId } = await connect(server.url, `${server.admin.username}:${server.admin.password}`);
      await bridge.invoke('createInflux1User', {
        connectionId,
        name: 'leak-check',
        admin: false,
        grants: [],
        password: { kind: 'generate' },
      });
      await bridge.invoke('setInflux1Password', { connectionId, name: 'leak-check', password: { kind: 'generate' } });
      await bridge.invoke('listInflux1Users', { connectionId });
      await bridge.invoke('listCredentials', { connectionId });
      await bridge.invoke('checkInflux1User', { connectionId, name: 'leak-check' });
    },
    60_000,
  );

  it('no other answer carries any of those secrets or a connection’s own credential', () => {
    const answers = bridges.flatMap((b) => b.answers);
    const secrets = answers.filter((a) => isSecretAnswer(a.name)).flatMap((a) => secretsIn(a.json));
    // Each secret-bearing flow above answered its secret: the scan below has something to find.
    expect(secrets).toHaveLength(influxd1Lookup.found ? 11 : 9);
    for (const answer of answers) {
      if (isSecretAnswer(answer.name)) continue;
      for (const secret of [...secrets, ...credentials])
        expect(answer.json, `${answer.name} carried a secret`).not.toContain(secret);
    }
  });
});
