/**
 * Valid JSON of the wrong shape, answered by a broken proxy or a server that is not InfluxDB, on
 * the calls of the families added after the 2.x tokens (v1 credentials and DBRP mappings, users,
 * InfluxDB 3): each ends in BAD_RESPONSE naming the endpoint, never INTERNAL, and changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Mode } from '../emulator/index';
import { connectCore } from '../support/connect';

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

async function setup(mode: Mode) {
  const influx = await startEmulator({ mode, seed: 'demo' });
  emulators.push(influx);
  return { influx, ...(await connectCore(influx.url, influx.operatorToken, { name: 'shapes', check: true })) };
}

// Each wrapped, so it.each passes a list as one argument rather than spreading it.
const shapes: [unknown][] = [{}, [], 'text', 7, null, { results: 5 }, { authorizations: [{ id: 3 }] }].map((s) => [s]);
/** An empty list is a real answer of system.tokens (no token): not a wrong shape there. */
const v3Shapes = shapes.filter(([s]) => !(Array.isArray(s) && s.length === 0));

describe('wrong shapes on the newer families’ calls', () => {
  it.each(shapes)('v1 credentials, DBRP mappings and users: %j is BAD_RESPONSE naming the endpoint', async (body) => {
    const t = await setup('oss-2.9');
    const ops = t.influx.state.findOrgByName('ops')!.id;
    const calls = [
      {
        path: '/private/legacy/authorizations',
        run: () => t.bridge.failure('listV1Credentials', { connectionId: t.connectionId }),
      },
      {
        path: '/api/v2/dbrps',
        run: () => t.bridge.failure('getV1Buckets', { connectionId: t.connectionId, orgID: ops }),
      },
    ];
    for (const call of calls) {
      t.influx.faults.add({ path: call.path, fault: { kind: 'answer', body }, times: 1 });
      const failure = await call.run();
      expect(failure.code, `${String(call.path)} with ${JSON.stringify(body)}`).toBe('BAD_RESPONSE');
      expect(failure.message).toMatch(/sent an answer Token Desk cannot use while/);
      t.influx.faults.clear();
    }
  });

  it.each(shapes)('the Users view: a part answered %j is said to be unread, not shown empty', async (body) => {
    const t = await setup('oss-2.9');
    const ops = t.influx.state.findOrgByName('ops')!.id;
    t.influx.faults.add({ path: /^\/api\/v2\/orgs\/[0-9a-f]+\/members/, fault: { kind: 'answer', body }, times: 1 });
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: ops });
    expect(view.unread).toHaveLength(1);
    expect(view.unread[0]).toMatch(
      /^the org’s members: .*sent an answer Token Desk cannot use while listing the org’s members/,
    );
  });

  it.each(v3Shapes)('InfluxDB 3 tokens: %j is BAD_RESPONSE naming the endpoint', async (body) => {
    const t = await setup('v3-enterprise');
    t.influx.faults.add({ path: '/api/v3/query_sql', fault: { kind: 'answer', body }, times: 1 });
    const listed = await t.bridge.failure('listV3Tokens', { connectionId: t.connectionId });
    expect(listed.code).toBe('BAD_RESPONSE');
    expect(listed.message).toMatch(/while listing tokens \(POST \/api\/v3\/query_sql\)/);
  });
});

describe('endless answers and echoed arguments', () => {
  it('a server whose user list never ends is stopped at a bound, and the Users view says so', async () => {
    const t = await setup('oss-2.9');
    const ops = t.influx.state.findOrgByName('ops')!.id;
    // Every page full, for ever: the same 100 users at every offset.
    const page = Array.from({ length: 100 }, (_, i) => ({ id: `${i}`.padStart(16, 'a'), name: `u${i}` }));
    t.influx.faults.add({ path: '/api/v2/users', method: 'GET', fault: { kind: 'answer', body: { users: page } } });
    const view = await t.bridge.invoke('listUsers', { connectionId: t.connectionId, orgID: ops });
    expect(view.unread).toEqual([expect.stringMatching(/^the users: .*keeps sending users past 50,000/)]);
    const asked = t.influx.requests.filter((r) => r.line === 'GET /api/v2/users').length;
    expect(asked).toBe(500);
  });

  it('a refused argument is named by its field, never repeated: not an unknown key, not a record’s key', async () => {
    const t = await setup('oss-2.9');
    const secret = 'apiv3_looks-like-a-secret-value';
    const unknown = await t.bridge.failure('checkConnection', { id: t.connectionId, [secret]: 1 } as never);
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.message).not.toContain(secret);
    expect(unknown.message).toMatch(/fields it does not take/);
    const typed = await t.bridge.failure('setTheme', { theme: secret } as never);
    expect(typed.message).not.toContain(secret);
    expect(typed.message).toMatch(/^Invalid arguments for setTheme: theme: /);
  });
});
