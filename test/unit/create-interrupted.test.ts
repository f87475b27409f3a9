/**
 * A create whose answer is lost or broken: refused as a success, the orphan found and named, its
 * value said to be lost, nothing saved in the vault.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { bridgeTo, type Bridge } from '../support/invoke';
import { createTestCore, type TestCore } from '../support/test-core';

let influx: Emulator;
let core: TestCore;
let bridge: Bridge;
let connectionId: string;

beforeEach(async () => {
  influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  core = createTestCore({ allowedOrigins: ['app://token-desk'] });
  bridge = bridgeTo(core);
  connectionId = (
    await bridge.invoke('saveConnection', {
      name: 'ops',
      url: influx.url,
      token: influx.operatorToken,
      rememberToken: true,
      org: null,
      environment: { label: '', colour: 'grey' },
      timeoutMs: 3000,
      tls: { caFile: null, skipVerify: false },
    })
  ).id;
});
afterAll(async () => influx.close());

const sensors = () => [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
const create = (description: string) =>
  bridge.failure('createToken', {
    connectionId,
    orgID: influx.seed.orgID,
    description,
    status: 'active',
    spec: { kind: 'read-write', read: { all: false, ids: [sensors()] }, write: { all: false, ids: [] } },
    saveToVault: true,
  });
const made = (description: string) =>
  [...influx.state.authorizations.values()].filter((a) => a.description === description);

describe('an interrupted or broken create', () => {
  it('refuses an answer without the token’s value, names the token the server made, and saves nothing', async () => {
    influx.faults.add({
      path: '/api/v2/authorizations',
      method: 'POST',
      skip: 1,
      fault: { kind: 'drop-field', field: 'token' },
      times: 1,
    });
    const error = await create('Edge without value');
    const [orphan] = made('Edge without value');
    expect(orphan).toBeDefined();
    expect(error).toMatchObject({ code: 'CREATE_INTERRUPTED', details: { orphans: orphan!.id } });
    expect(error.message).toContain('InfluxDB answered without the new token’s value');
    expect(error.message).toContain(
      `InfluxDB did make it (ID ${orphan!.id}), but its value never reached Token Desk and is lost for good`,
    );
    expect(await core.vault.list()).toEqual([]);
    // The offered clean-up works: the orphan is deleted by ID.
    await bridge.invoke('deleteToken', { connectionId, id: orphan!.id });
    expect(made('Edge without value')).toEqual([]);
  });

  it('after a connection cut once the server made the token, finds that orphan instead of inviting a duplicate', async () => {
    influx.faults.add({
      path: '/api/v2/authorizations',
      method: 'POST',
      skip: 1,
      fault: { kind: 'reset-after' },
      times: 1,
    });
    const error = await create('Cut after create');
    const [orphan] = made('Cut after create');
    expect(error).toMatchObject({ code: 'CREATE_INTERRUPTED', details: { orphans: orphan!.id } });
    expect(error.message).not.toMatch(/try again/i);
    expect(await core.vault.list()).toEqual([]);
  });

  it('after a cut before the server acted, says nothing was made', async () => {
    influx.faults.add({ path: '/api/v2/authorizations', method: 'POST', skip: 1, fault: { kind: 'reset' }, times: 1 });
    const error = await create('Cut before create');
    expect(made('Cut before create')).toEqual([]);
    expect(error).toMatchObject({ code: 'CREATE_INTERRUPTED', details: { orphans: '' } });
    expect(error.message).toContain('No such token was made on the server');
  });

  it('after a timeout, still looks, and does not mistake an older token of the same description', async () => {
    await bridge.invoke('createToken', {
      connectionId,
      orgID: influx.seed.orgID,
      description: 'Twice',
      status: 'active',
      spec: { kind: 'read-write', read: { all: true, ids: [] }, write: { all: false, ids: [] } },
      saveToVault: false,
    });
    influx.faults.add({ path: '/api/v2/authorizations', method: 'POST', skip: 1, fault: { kind: 'hang' }, times: 1 });
    const error = await create('Twice');
    expect(error.code).toBe('CREATE_INTERRUPTED');
    expect(error.message).toContain('did not answer within 3 s');
    expect(error.message).toContain('No such token was made on the server');
  });
});
