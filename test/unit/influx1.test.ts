/**
 * InfluxDB 1.x users through the real dispatch against a real influxd 1.x (Debian's package): the
 * check (admin, non-admin, authentication off, setup state), the list with every user's grants,
 * create (hostile names round-trip; a failing grant is undone), passwords (the real `influx` CLI logs
 * in), privileges by difference, admin, drop, the lock-out guards, reconcile and the history; a JWT
 * shared secret signing short-lived credentials, the secret itself never sent.
 * Every change is asserted on the server with SHOW USERS / SHOW GRANTS. Skipped, saying why, where
 * influxd is not installed.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../main/influx1/api';
import { connectCore } from '../support/connect';
import type { Bridge } from '../support/invoke';
import type { TestCore } from '../support/test-core';
import {
  influxCli,
  influxCliLookup,
  influxd1Lookup,
  showGrants,
  showUsers,
  startInfluxd1,
  type Influxd1,
} from '../support/influxd1';

if (!influxd1Lookup.found) console.warn(`Skipping the InfluxDB 1.x suite: ${influxd1Lookup.reason}`);
const suite = influxd1Lookup.found ? describe : describe.skip;

const servers: Influxd1[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

const connect = (server: Pick<Influxd1, 'url'>, login: { username: string; password: string }, name = 'legacy') =>
  connectCore(server.url, `${login.username}:${login.password}`, { name });

suite('InfluxDB 1.x users against a real influxd', () => {
  let server: Influxd1;
  let core: TestCore;
  let bridge: Bridge;
  let connectionId: string;
  beforeAll(async () => {
    server = await startInfluxd1();
    servers.push(server);
    await server.query('CREATE DATABASE "telemetry"; CREATE DATABASE "sensors"');
    ({ core, bridge, connectionId } = await connect(server, server.admin));
  }, 60_000);

  it('is recognised from /ping and checked: an admin, the databases, authentication on', async () => {
    const check = await bridge.invoke('checkConnection', { id: connectionId });
    expect(check).toMatchObject({
      family: 'influx1',
      product: 'influxdb1',
      version: '1.6.7~rc0',
      user: 'admin',
      admin: true,
      authEnabled: true,
      setup: false,
      databases: ['telemetry', 'sensors'],
    });
    expect(check.summary).toMatch(/^InfluxDB 1\.6\.7~rc0\. admin is an admin/);
  });

  it('creates a user with privileges: the password in the vault first, the real influx CLI logs in with it', async () => {
    const made = await bridge.invoke('createInflux1User', {
      connectionId,
      name: 'grafana',
      admin: false,
      grants: [
        { database: 'telemetry', privilege: 'READ' },
        { database: 'sensors', privilege: 'WRITE' },
      ],
      password: { kind: 'generate' },
      reviewBy: '2027-03-01',
    });
    expect(made.vault.saved).toBe(true);
    expect(made.password).toHaveLength(24);
    expect(made.user.reviewBy).toBe('2027-03-01');
    expect(await showUsers(server)).toMatchObject({ grafana: false });
    expect(await showGrants(server, 'grafana')).toEqual({ telemetry: 'READ', sensors: 'WRITE' });
    // The answer is what the server now holds, without a second request to read it back.
    expect(made.user.grants).toEqual([
      { database: 'sensors', privilege: 'WRITE' },
      { database: 'telemetry', privilege: 'READ' },
    ]);
    const vault = await bridge.invoke('listVault');
    expect(vault.find((e) => e.kind === 'influx1-password' && e.login === 'grafana')).toBeDefined();
    if (influxCliLookup.found) {
      const login = influxCli(server, { username: 'grafana', password: made.password }, 'SHOW DATABASES');
      expect(login.status).toBe(0);
      expect(login.output).toContain('telemetry');
    }
    // The password crossed to the page in this answer only.
    const others = bridge.crossed.filter((line) => !line.includes('"password":"'));
    expect(others.join('\n')).not.toContain(made.password);
  });

  it('lists every user with its grants in two requests, marking the vault and the connection’s own user', async () => {
    const list = await bridge.invoke('listInflux1Users', { connectionId });
    expect(list.databases).toEqual(['telemetry', 'sensors']);
    const grafana = list.rows.find((r) => r.name === 'grafana');
    expect(grafana).toMatchObject({ admin: false, inVault: true, self: false });
    expect(grafana?.grants).toEqual([
      { database: 'sensors', privilege: 'WRITE' },
      { database: 'telemetry', privilege: 'READ' },
    ]);
    expect(list.rows.find((r) => r.name === 'admin')).toMatchObject({ admin: true, self: true, inVault: false });
    expect(grafana?.reviewBy).toBe('2027-03-01');
  });

  it('keeps review dates of its own: a past date counts as due in the sidebar, and is forgotten with the user', async () => {
    const before = (await bridge.invoke('listConnections'))[0]!.reviewsDue;
    const summary = await bridge.invoke('setInflux1Review', { connectionId, name: 'grafana', reviewBy: '2020-01-01' });
    expect(summary.reviewsDue).toBe(before + 1);
    const listed = await bridge.invoke('listInflux1Users', { connectionId });
    expect(listed.rows.find((r) => r.name === 'grafana')?.reviewBy).toBe('2020-01-01');
    await bridge.invoke('setInflux1Review', { connectionId, name: 'grafana', reviewBy: '2027-03-01' });
    // A user dropped behind Token Desk's back loses its date at the next list.
    await server.query(`CREATE USER "gone-soon" WITH PASSWORD 'gone-soon-1'`);
    await bridge.invoke('setInflux1Review', { connectionId, name: 'gone-soon', reviewBy: '2020-01-01' });
    await server.query('DROP USER "gone-soon"');
    await bridge.invoke('listInflux1Users', { connectionId });
    expect((await bridge.invoke('listConnections'))[0]!.reviewsDue).toBe(before);
  });

  it('makes users of hostile names and passwords exactly, and nothing else', async () => {
    const names = ['x" WITH ALL PRIVILEGES; --', "o'brien\\backslash", 'spaced name; DROP USER "admin"', 'Jürgen 日本'];
    for (const name of names) {
      const password = `p'q\\z";${name.length}`;
      const made = await bridge.invoke('createInflux1User', {
        connectionId,
        name,
        admin: false,
        grants: [{ database: 'telemetry', privilege: 'READ' }],
        password: { kind: 'typed', value: password },
      });
      expect(made.user.name).toBe(name);
      const users = await showUsers(server);
      expect(users[name]).toBe(false);
      expect(users['admin']).toBe(true);
      expect(await showGrants(server, name)).toEqual({ telemetry: 'READ' });
      const checked = await bridge.invoke('checkInflux1User', { connectionId, name });
      expect(checked.ok).toBe(true);
    }
    expect(Object.keys(await showUsers(server)).filter((u) => u !== 'admin' && u !== 'grafana')).toEqual(names);
  });

  it('undoes a user whose grant fails, and says what happened', async () => {
    const failure = await bridge.failure('createInflux1User', {
      connectionId,
      name: 'half-made',
      admin: false,
      grants: [
        { database: 'telemetry', privilege: 'READ' },
        { database: 'no-such-db', privilege: 'WRITE' },
      ],
      password: { kind: 'generate' },
    });
    expect(failure.message).toMatch(/Granting WRITE on no-such-db .* failed.*dropped again: nothing was left behind/);
    expect(await showUsers(server)).not.toHaveProperty('half-made');
    const vault = await bridge.invoke('listVault');
    expect(vault.some((e) => e.login === 'half-made')).toBe(false);
  });

  it('refuses a name that exists, without touching its password', async () => {
    const failure = await bridge.failure('createInflux1User', {
      connectionId,
      name: 'grafana',
      admin: false,
      grants: [],
      password: { kind: 'generate' },
    });
    expect(failure).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/exists already/) });
    const vault = await bridge.invoke('listVault');
    expect(vault.filter((e) => e.login === 'grafana')).toHaveLength(1);
  });

  it('sets a new password: the vault follows, the old one stops working', async () => {
    const before = (await bridge.invoke('listVault')).filter((e) => e.login === 'grafana');
    const set = await bridge.invoke('setInflux1Password', {
      connectionId,
      name: 'grafana',
      password: { kind: 'typed', value: 'a new pass phrase' },
      reviewBy: '2027-06-01',
    });
    expect(set.user.reviewBy).toBe('2027-06-01');
    expect(set.vault.saved).toBe(true);
    const revealed = await bridge.invoke('revealVaultValue', { id: set.vault.saved ? set.vault.entryId : '' });
    expect(revealed.value).toBe('a new pass phrase');
    expect((await bridge.invoke('listVault')).filter((e) => e.login === 'grafana')).toHaveLength(before.length + 1);
    const good = await server.query('SHOW DATABASES', { username: 'grafana', password: 'a new pass phrase' });
    expect(good.status).toBe(200);
    const checked = await bridge.invoke('checkInflux1User', { connectionId, name: 'grafana', password: 'wrong-one!' });
    expect(checked).toMatchObject({ ok: false });
  });

  it('changes privileges by their difference: grants, changes and revokes in one request', async () => {
    const row = await bridge.invoke('setInflux1Grants', {
      connectionId,
      name: 'grafana',
      grants: [{ database: 'telemetry', privilege: 'ALL' }],
    });
    expect(row.grants).toEqual([{ database: 'telemetry', privilege: 'ALL' }]);
    expect(await showGrants(server, 'grafana')).toEqual({ telemetry: 'ALL PRIVILEGES' });
  });

  it('makes and unmakes an admin', async () => {
    expect((await bridge.invoke('setInflux1Admin', { connectionId, name: 'grafana', admin: true })).admin).toBe(true);
    expect((await showUsers(server))['grafana']).toBe(true);
    expect((await bridge.invoke('setInflux1Admin', { connectionId, name: 'grafana', admin: false })).admin).toBe(false);
    expect((await showUsers(server))['grafana']).toBe(false);
  });

  it('refuses to demote or drop the last admin or its own user until the connection’s name is typed', async () => {
    const demote = await bridge.failure('setInflux1Admin', { connectionId, name: 'admin', admin: false });
    expect(demote).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(demote.message).toMatch(/lock this server: it is its last admin.*auth-enabled = false/);
    const drop = await bridge.failure('dropInflux1User', { connectionId, name: 'admin', confirm: 'not the name' });
    expect(drop).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect((await showUsers(server))['admin']).toBe(true);
  });

  it('drops a user; the vault reconciles its password as deleted; the history names every change, never a password', async () => {
    await bridge.invoke('dropInflux1User', { connectionId, name: 'grafana' });
    expect(await showUsers(server)).not.toHaveProperty('grafana');
    const report = await bridge.invoke('reconcileVault', { connectionId });
    const entries = (await bridge.invoke('listVault')).filter((e) => e.login === 'grafana');
    for (const e of entries) expect(report.entries.find((s) => s.entryId === e.id)?.state).toBe('deleted');
    await core.dispose();
    const history = await bridge.invoke('listHistory');
    const actions = history.entries.map((e) => `${e.action} ${e.target} ${e.outcome}`);
    expect(actions).toContain('influx1.create grafana ok');
    expect(actions).toContain('influx1.drop grafana ok');
    expect(actions).toContain('influx1.create half-made failed');
    expect(JSON.stringify(history)).not.toContain('a new pass phrase');
  });
});

suite('InfluxDB 1.x in other states', () => {
  it('as a non-admin: says so, lists the databases it may use, and lists no users', async () => {
    const server = await startInfluxd1();
    servers.push(server);
    await server.query(`CREATE DATABASE "telemetry"; CREATE USER "bob" WITH PASSWORD 'bob-pass-1'`);
    await server.query('GRANT READ ON "telemetry" TO "bob"');
    const { bridge, connectionId } = await connect(server, { username: 'bob', password: 'bob-pass-1' });
    const check = await bridge.invoke('checkConnection', { id: connectionId });
    expect(check).toMatchObject({ admin: false, authEnabled: true, databases: ['telemetry'] });
    expect(check.summary).toMatch(/bob is not an admin/);
    const failure = await bridge.failure('listInflux1Users', { connectionId });
    expect(failure.message).toMatch(/admin/);
  }, 60_000);

  it('with a wrong password: a clear refusal', async () => {
    const server = await startInfluxd1();
    servers.push(server);
    const { bridge, connectionId } = await connect(server, { username: 'admin', password: 'wrong' });
    const failure = await bridge.failure('checkConnection', { id: connectionId });
    expect(failure.code).toBe('UNAUTHORIZED');
  }, 60_000);

  it('with authentication off: says loudly that anyone can do anything', async () => {
    const server = await startInfluxd1({ authDisabled: true });
    servers.push(server);
    const { bridge, connectionId } = await connect(server, { username: 'anyone', password: 'anything' });
    const check = await bridge.invoke('checkConnection', { id: connectionId });
    expect(check).toMatchObject({ authEnabled: false });
    expect(check.summary).toMatch(/authentication OFF: anyone who can reach it/);
  }, 60_000);

  it('in setup state: offers the first admin, saved to the vault, which the connection then uses', async () => {
    const server = await startInfluxd1({ setup: true });
    servers.push(server);
    const { bridge, connectionId } = await connect(server, { username: 'ops', password: 'not-yet-a-user' });
    const check = await bridge.invoke('checkConnection', { id: connectionId });
    expect(check).toMatchObject({ setup: true, admin: false });
    const made = await bridge.invoke('createInflux1FirstAdmin', { connectionId, name: 'ops' });
    expect(made.vault.saved).toBe(true);
    expect(
      await showUsers({ ...server, query: (q) => server.query(q, { username: 'ops', password: made.password }) }),
    ).toEqual({
      ops: true,
    });
    const after = await bridge.invoke('checkConnection', { id: connectionId });
    expect(after).toMatchObject({ admin: true, user: 'ops', setup: false });
  }, 60_000);

  it('when the server stops mid-flow: a clear error, and the vault entry of a user never made is taken back', async () => {
    const server = await startInfluxd1();
    servers.push(server);
    const { bridge, connectionId } = await connect(server, server.admin);
    await bridge.invoke('checkConnection', { id: connectionId });
    await server.stop();
    const failure = await bridge.failure('createInflux1User', {
      connectionId,
      name: 'late',
      admin: false,
      grants: [],
      password: { kind: 'generate' },
    });
    expect(failure.code).toBe('NETWORK');
    expect((await bridge.invoke('listVault')).some((e) => e.login === 'late')).toBe(false);
  }, 60_000);
});

suite('InfluxDB 1.x with a JWT shared secret', () => {
  it('signs a short-lived credential per request from the secret, which itself never crosses the wire', async () => {
    const secret = 'shared-secret-for-tests-7f3a';
    const server = await startInfluxd1({ sharedSecret: secret });
    servers.push(server);
    // A recording proxy in front of the real server: every request's headers and body, as sent.
    const seen: string[] = [];
    const proxy = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push(`${request.method} ${request.url} ${JSON.stringify(request.headers)} ${body.toString()}`);
        const forward = httpRequest(
          `${server.url}${request.url ?? '/'}`,
          { method: request.method, headers: request.headers },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as AddressInfo).port;
    try {
      const { bridge, connectionId } = await connect(
        { ...server, url: `http://127.0.0.1:${port}` },
        {
          username: 'jwt:admin',
          password: secret,
        },
      );
      const check = await bridge.invoke('checkConnection', { id: connectionId });
      expect(check).toMatchObject({ admin: true, user: 'admin', authEnabled: true });
      await bridge.invoke('createInflux1User', {
        connectionId,
        name: 'made-with-jwt',
        admin: false,
        grants: [],
        password: { kind: 'generate' },
      });
      expect(await showUsers(server)).toHaveProperty('made-with-jwt', false);
      expect(seen.some((line) => line.includes('"authorization":"Bearer '))).toBe(true);
      for (const line of seen) expect(line).not.toContain(secret);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);

  it('a credential signed an hour ago is refused by the server as expired', async () => {
    const secret = 'another-shared-secret-91c2';
    const server = await startInfluxd1({ sharedSecret: secret });
    servers.push(server);
    const stale = signJwt('admin', secret, Date.now() - 3_600_000);
    const answer = await fetch(`${server.url}/query?q=SHOW%20USERS`, { headers: { authorization: `Bearer ${stale}` } });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ error: 'Token is expired' });
    const fresh = await fetch(`${server.url}/query?q=SHOW%20USERS`, {
      headers: { authorization: `Bearer ${signJwt('admin', secret)}` },
    });
    expect(fresh.status).toBe(200);
  }, 60_000);
});
