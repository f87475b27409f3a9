/**
 * A real InfluxDB 1.x server for tests (Debian's `influxdb` package): `influxd run -config <temp>`
 * on free loopback ports with authentication on, ready once /ping answers, stopped by its process
 * ID. Where `influxd` is missing, `influxd1Lookup` says why and the suites that need it are skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const influxd = process.env['INFLUXD_PATH'] ?? which('influxd');
const influx = process.env['INFLUX_CLI_PATH'] ?? which('influx');

/** Whether a real 1.x server can run here; `reason` is printed by the suites that skip. */
export const influxd1Lookup = influxd
  ? { found: true as const, reason: '' }
  : {
      found: false as const,
      reason: 'influxd (InfluxDB 1.x) is not installed: apt-get install influxdb influxdb-client to run these tests',
    };
export const influxCliLookup = influx
  ? { found: true as const, reason: '' }
  : { found: false as const, reason: 'the influx 1.x CLI is not installed: apt-get install influxdb-client' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Influxd1 {
  url: string;
  port: number;
  /** The first admin's login, made at start unless `setup` asked for a server with no user. */
  admin: { username: string; password: string };
  /** Runs InfluxQL as `as` (the admin by default); answers the parsed JSON. */
  query(q: string, as?: { username: string; password: string } | null): Promise<QueryAnswer>;
  /** Stops the server by its process ID and removes its folder. */
  stop(): Promise<void>;
}

export interface QueryAnswer {
  status: number;
  body: { error?: string; results?: { error?: string; series?: { columns: string[]; values?: unknown[][] }[] }[] };
}

export interface Influxd1Options {
  /** Authentication on and no user yet: the server waits for its first admin. */
  setup?: boolean;
  /** Authentication off: anyone may do anything. */
  authDisabled?: boolean;
  /** `[http] shared-secret`, enabling JWT bearer credentials. */
  sharedSecret?: string;
}

export async function startInfluxd1(options: Influxd1Options = {}): Promise<Influxd1> {
  if (!influxd) throw new Error(influxd1Lookup.reason);
  const dir = mkdtempSync(join(tmpdir(), 'token-desk-influxd1-'));
  const [http, rpc] = [await freePort(), await freePort()];
  const config = [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpc}"`,
    '[meta]',
    `  dir = "${join(dir, 'meta')}"`,
    '[data]',
    `  dir = "${join(dir, 'data')}"`,
    `  wal-dir = "${join(dir, 'wal')}"`,
    '  query-log-enabled = false',
    '[http]',
    '  enabled = true',
    `  bind-address = "127.0.0.1:${http}"`,
    `  auth-enabled = ${options.authDisabled ? 'false' : 'true'}`,
    '  log-enabled = false',
    ...(options.sharedSecret ? [`  shared-secret = "${options.sharedSecret}"`] : []),
    '[monitor]',
    '  store-enabled = false',
    '[continuous_queries]',
    '  enabled = false',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'influxdb.conf'), config);
  const child: ChildProcess = spawn(influxd, ['run', '-config', join(dir, 'influxdb.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${http}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/ping`).then(
      (r) => r.status === 204,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`influxd did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = { username: 'admin', password: 'admin-pass-1' };
  const query = async (q: string, as: { username: string; password: string } | null = admin) => {
    const response = await fetch(`${url}/query`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(as ? { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } : {}),
      },
      body: `q=${encodeURIComponent(q)}`,
    });
    return { status: response.status, body: (await response.json()) as QueryAnswer['body'] };
  };
  if (!options.setup && !options.authDisabled)
    await query(`CREATE USER "admin" WITH PASSWORD '${admin.password}' WITH ALL PRIVILEGES`, null);
  return {
    url,
    port: http,
    admin,
    query,
    stop: async () => {
      const pid = child.pid;
      if (pid !== undefined && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) process.kill(pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in with the real `influx` 1.x CLI and runs one statement; answers its output and exit code. */
export function influxCli(
  server: Pick<Influxd1, 'port'>,
  login: { username: string; password: string },
  statement: string,
): { status: number | null; output: string } {
  if (!influx) throw new Error(influxCliLookup.reason);
  const run = spawnSync(
    influx,
    [
      '-host',
      '127.0.0.1',
      '-port',
      String(server.port),
      '-username',
      login.username,
      '-password',
      login.password,
      '-execute',
      statement,
      '-format',
      'json',
    ],
    { encoding: 'utf8', timeout: 15_000 },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The users as the server lists them: name → admin. */
export async function showUsers(server: Influxd1): Promise<Record<string, boolean>> {
  const answer = await server.query('SHOW USERS');
  const values = answer.body.results?.[0]?.series?.[0]?.values ?? [];
  return Object.fromEntries(values.map(([name, admin]) => [String(name), admin === true]));
}

/** A user's grants as the server lists them (NO PRIVILEGES left out): database → privilege. */
export async function showGrants(server: Influxd1, user: string): Promise<Record<string, string>> {
  const quoted = `"${user.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const answer = await server.query(`SHOW GRANTS FOR ${quoted}`);
  const values = answer.body.results?.[0]?.series?.[0]?.values ?? [];
  return Object.fromEntries(values.filter(([, p]) => p !== 'NO PRIVILEGES').map(([db, p]) => [String(db), String(p)]));
}
