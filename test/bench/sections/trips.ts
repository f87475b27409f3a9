/**
 * Round trips with 100 ms of latency on every request, against the API's minimum: each call's elapsed
 * time over the latency (requests waited for one after another), and for the calls of round 3 also
 * the requests counted in the server's log.
 */
import { refreshAll } from '$contract/bounded';
import { startEmulator, type Emulator } from '../../emulator/index';
import { influxd1Lookup, startInfluxd1 } from '../../support/influxd1';
import { startLatencyProxy } from '../latency-proxy';
import { connect, serversOf, type Row } from '../measure';

const LATENCY = 100;

/** Whole latencies waited: what the call did between requests (a vault write, the server's own work) is not a trip. */
async function rounds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.floor((performance.now() - started) / LATENCY);
}

const trip = (name: string, measured: number, minimum: number, goal = `= ${minimum}, the API's minimum`): Row => ({
  figure: `round trips: ${name} (${LATENCY} ms each)`,
  measured,
  floor: minimum,
  unit: 'trips',
  goal,
  limit: 1,
});

async function v2Trips(): Promise<Row[]> {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  try {
    const { call, id } = await connect(influx);
    influx.faults.add({ fault: { kind: 'latency', ms: LATENCY } });
    const token = influx.seed.tokens['sensorsWriter']!.id;
    const doomed = influx.seed.tokens['grafana']!.id;
    const v1 = influx.seed.v1['collectd']!.auth.id;
    const bucket = [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const actions: [string, number, () => Promise<unknown>][] = [
      ['connection check', 3, () => call('checkConnection', { id })],
      ['list', 1, () => call('listTokens', { connectionId: id })],
      ['detail', 1, () => call('getTokenDetail', { connectionId: id, id: token, orgID: influx.seed.orgID })],
      ['status change', 1, () => call('setTokenStatus', { connectionId: id, id: token, status: 'inactive' })],
      ['description', 1, () => call('setTokenDescription', { connectionId: id, id: token, description: 'renamed' })],
      ['delete', 1, () => call('deleteToken', { connectionId: id, id: doomed })],
      [
        'create',
        2,
        () =>
          call('createToken', {
            connectionId: id,
            orgID: influx.seed.orgID,
            description: 'bench',
            status: 'active',
            spec: { kind: 'all-access' },
            saveToVault: true,
          }),
      ],
      // v1 credentials: the list with its DBRP names; a create is the credential, then its password.
      ['v1 list', 1, () => call('listV1Credentials', { connectionId: id })],
      ['v1 status change', 1, () => call('setV1Status', { connectionId: id, id: v1, status: 'inactive' })],
      [
        'v1 create',
        2,
        () =>
          call('createV1Credential', {
            connectionId: id,
            orgID: influx.seed.orgID,
            username: 'bench',
            description: '',
            read: [bucket],
            write: [],
            password: { kind: 'generate' },
          }),
      ],
      ['v1 delete', 1, () => call('deleteV1Credential', { connectionId: id, id: v1 })],
    ];
    const out: Row[] = [];
    for (const [name, minimum, work] of actions)
      out.push(trip(name, await rounds(work), minimum, name === 'connection check' ? '≤ 3' : undefined));
    return out;
  } finally {
    await influx.close();
  }
}

/** A call's trips, and the requests the server's log counted while it ran. */
async function counted(name: string, minimum: number, count: () => number, work: () => Promise<unknown>) {
  const before = count();
  const trips = await rounds(work);
  const requests = count() - before;
  return trip(`${name} (${requests} request${requests === 1 ? '' : 's'} in the log)`, trips, minimum);
}

/** Cloud Dedicated's Management API: a list is one request, a create one. */
async function clusterTrips(): Promise<Row[]> {
  const influx = await startEmulator({ mode: 'dedicated', seed: 'demo' });
  try {
    const { call, id } = await connect(influx);
    influx.faults.add({ fault: { kind: 'latency', ms: LATENCY } });
    const logged = () => influx.requests.length;
    return [
      await counted('Dedicated list', 1, logged, () => call('listClusterTokens', { connectionId: id })),
      await counted('Dedicated create', 1, logged, () =>
        call('createClusterToken', {
          connectionId: id,
          description: 'bench',
          permissions: [{ action: 'read', resource: 'sensors' }],
          expiresAt: null,
          saveToVault: true,
        }),
      ),
    ];
  } finally {
    await influx.close();
  }
}

/** A real InfluxDB 1.x behind a latency proxy: the users, then every user's grants in one request. */
async function influx1Trips(): Promise<Row[]> {
  if (!influxd1Lookup.found) {
    console.warn(`bench: 1.x round trips skipped: ${influxd1Lookup.reason}`);
    return [];
  }
  const server = await startInfluxd1();
  const proxy = await startLatencyProxy(server.url);
  try {
    await server.query('CREATE DATABASE "telemetry"; CREATE DATABASE "sensors"');
    for (let i = 0; i < 5; i += 1)
      await server.query(`CREATE USER "u${i}" WITH PASSWORD 'p-${i}-secret'; GRANT READ ON "sensors" TO "u${i}"`);
    const { call, id } = await connect({
      url: proxy.url,
      operatorToken: `${server.admin.username}:${server.admin.password}`,
    });
    proxy.ms = LATENCY;
    const logged = () => proxy.count;
    return [
      await counted('1.x users and grants', 2, logged, () => call('listInflux1Users', { connectionId: id })),
      await counted('1.x create with grants', 1, logged, () =>
        call('createInflux1User', {
          connectionId: id,
          name: 'bench',
          admin: false,
          grants: [
            { database: 'telemetry', privilege: 'READ' },
            { database: 'sensors', privilege: 'WRITE' },
          ],
          password: { kind: 'generate' },
          reviewBy: null,
        }),
      ),
    ];
  } finally {
    await proxy.close();
    await server.stop();
  }
}

/**
 * The overview's refresh over six connections of three families (2.9 with v1 credentials, InfluxDB 3
 * Enterprise, Cloud Dedicated), run as the page runs it: every connection at once, one list per
 * family per connection; the whole refresh waits as long as one list.
 */
async function overviewTrips(): Promise<Row[]> {
  const servers = await Promise.all(
    (['oss-2.9', 'v3-enterprise', 'dedicated'] as const).map((mode) => startEmulator({ mode, seed: 'demo' })),
  );
  try {
    const [first, ...others] = servers as [Emulator, ...Emulator[]];
    const { call, id, save } = await connect(first);
    const ids = [id, await save('second 2.9')];
    for (const server of others) ids.push(await save(server.mode), await save(`second ${server.mode}`));
    // As at start: every connection checked once, so its product is known before its lists are asked for.
    for (const connectionId of ids) await call('checkConnection', { id: connectionId });
    for (const server of servers) server.faults.add({ fault: { kind: 'latency', ms: LATENCY } });
    const logged = () => servers.reduce((sum, s) => sum + s.requests.length, 0);
    const serverOf = await serversOf(call);
    return [
      await counted(`overview refresh, ${ids.length} connections of 3 families`, 1, logged, () =>
        refreshAll(ids, serverOf, (connectionId) => call('listCredentials', { connectionId })),
      ),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

export async function trips(): Promise<Row[]> {
  return [...(await v2Trips()), ...(await clusterTrips()), ...(await influx1Trips()), ...(await overviewTrips())];
}
