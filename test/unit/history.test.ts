/** Every change made to a server is in the history, with its outcome; nothing secret is. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { bridgeTo } from '../support/invoke';
import { createTestCore } from '../support/test-core';

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

describe('the history', () => {
  it('records creates, changes and deletes with their targets and outcomes, exports them, and holds no value', async () => {
    const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
    emulators.push(influx);
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const bridge = bridgeTo(core);
    const { id: connectionId } = await bridge.invoke('saveConnection', {
      name: 'prod',
      url: influx.url,
      token: influx.operatorToken,
      rememberToken: true,
      org: null,
      environment: { label: 'production', colour: 'red' },
      timeoutMs: 5000,
      tls: { caFile: null, skipVerify: false },
    });
    const made = await bridge.invoke('createToken', {
      connectionId,
      orgID: influx.seed.orgID,
      description: 'Edge gateway',
      status: 'active',
      spec: { kind: 'all-access' },
      saveToVault: true,
    });
    // The page sends the description it shows, for the history.
    await bridge.invoke('setTokenStatus', {
      connectionId,
      id: made.token.id,
      status: 'inactive',
      description: 'Edge gateway',
    });
    await bridge.invoke('deleteToken', { connectionId, id: made.token.id, description: 'Edge gateway' });
    await bridge.failure('deleteToken', { connectionId, id: made.token.id, description: 'Edge gateway' });
    const bucket = [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const v1 = await bridge.invoke('createV1Credential', {
      connectionId,
      orgID: influx.seed.orgID,
      username: 'svc-1x',
      description: '',
      read: [bucket],
      write: [],
      password: { kind: 'generate' },
    });

    const { entries } = await bridge.invoke('listHistory');
    expect(entries.map((e) => `${e.action} ${e.outcome} ${e.description}`)).toEqual([
      'v1.create ok svc-1x',
      'token.delete failed Edge gateway',
      'token.delete ok Edge gateway',
      'token.deactivate ok Edge gateway',
      'token.create ok Edge gateway',
    ]);
    expect(entries[1]).toMatchObject({
      connectionName: 'prod',
      url: influx.url,
      target: made.token.id,
      detail: expect.stringMatching(/no longer exists/),
    });
    expect(entries[0]?.target).toBe(v1.credential.id);

    core.dialogs.answers.save['export-history-csv'] = join(core.dataDir, 'history.csv');
    core.dialogs.answers.save['export-history-json'] = join(core.dataDir, 'history.json');
    expect(await bridge.invoke('exportHistory', { format: 'csv' })).toMatchObject({ count: 5 });
    expect(readFileSync(join(core.dataDir, 'history.csv'), 'utf8').split('\r\n')).toHaveLength(7);
    await bridge.invoke('exportHistory', { format: 'json' });
    expect(JSON.parse(readFileSync(join(core.dataDir, 'history.json'), 'utf8'))).toHaveLength(5);

    const journal = readdirSync(join(core.dataDir, 'history'))
      .map((f) => readFileSync(join(core.dataDir, 'history', f), 'utf8'))
      .join('\n');
    for (const secret of [made.value, v1.password, influx.operatorToken]) expect(journal).not.toContain(secret);
  });
});
