/**
 * A part of a list that could not be read is said, never shown as "none": the v1 list's DBRP
 * mappings, InfluxDB 3's databases in the check, what uses a token (its detail and list).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { connectCore } from '../support/connect';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function desk(mode: 'oss-2.9' | 'v3-core') {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  return { ...(await connectCore(influx.url, influx.operatorToken)), influx };
}

describe('a part that could not be read', () => {
  it('on the v1 list: the credentials are listed, and the missing 1.x names are said', async () => {
    const t = await desk('oss-2.9');
    t.influx.faults.add({ path: '/api/v2/dbrps', fault: { kind: 'status', status: 500 } });
    const list = await t.bridge.invoke('listV1Credentials', { connectionId: t.connectionId });
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.unread.join()).toMatch(/the 1\.x names \(DBRP mappings\) of ops: .*500/);
    t.influx.faults.clear();
    expect((await t.bridge.invoke('listV1Credentials', { connectionId: t.connectionId })).unread).toEqual([]);
  });

  it('in the InfluxDB 3 check: the databases that could not be listed are not "no database"', async () => {
    const t = await desk('v3-core');
    t.influx.faults.add({ path: '/api/v3/configure/database', fault: { kind: 'status', status: 503 } });
    const check = await t.bridge.invoke('checkConnection', { id: t.connectionId });
    expect(check.summary).toMatch(/The databases could not be listed/);
    expect(check.summary).not.toMatch(/No database yet/);
  });

  it('what uses a token: the list and the detail say what could not be checked', async () => {
    const t = await desk('oss-2.9');
    t.influx.faults.add({ path: '/api/v2/tasks', fault: { kind: 'status', status: 500 } });
    // The list asks in the orgs it already knows: the first listing learns them.
    await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    const list = await t.bridge.invoke('listTokens', { connectionId: t.connectionId });
    expect(list.dependentsUnread.join()).toMatch(/tasks of ops/);
    const row = list.rows[0]!;
    const detail = await t.bridge.invoke('getTokenDetail', {
      connectionId: t.connectionId,
      id: row.id,
      orgID: row.orgID,
    });
    expect(detail.dependentsUnread.join()).toMatch(/tasks of /);
  });
});
