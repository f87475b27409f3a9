/** The connection check and error translation, against the emulator in each mode and fault. */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenDeskError } from '$contract/errors';
import { InfluxClient } from '../../main/influx/client';
import type { ConnectionCheck, V2Check } from '$contract/connections';
import { checkConnectionWith } from '../../main/families/registry';
import { normaliseUrl, type InfluxTarget } from '../../main/influx/target';
import { startEmulator, type Emulator } from '../emulator/index';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function emulator(...args: Parameters<typeof startEmulator>): Promise<Emulator> {
  const e = await startEmulator(...args);
  running.push(e);
  return e;
}

function target(url: string, token: string, extra: Partial<InfluxTarget> = {}): InfluxTarget {
  return { url, token, timeoutMs: 5000, tls: { ca: null, skipVerify: false }, ...extra };
}

/** The 2.x family's check (any other family fails the test). */
function v2(result: ConnectionCheck): V2Check {
  if (result.family !== 'v2') throw new Error(`expected a 2.x check, got ${result.family}`);
  return result;
}
const check = (t: InfluxTarget) =>
  checkConnectionWith(new InfluxClient(t), null, new Date('2026-11-28T12:00:00Z')).then(v2);

async function failure(promise: Promise<unknown>): Promise<TokenDeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenDeskError);
  return error as TokenDeskError;
}

/** A throw-away local server for cases the emulator is not: redirects, InfluxDB 1.x, not InfluxDB. */
async function localServer(handle: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('connection check', () => {
  it('reads product, version, user, orgs and full rights of an OSS 2.9 operator token', async () => {
    const influx = await emulator({ mode: 'oss-2.9', seed: 'demo' });
    const result = await check(target(influx.url, influx.operatorToken));
    expect(result).toMatchObject({
      product: 'oss',
      version: 'v2.9.0',
      user: { name: 'admin' },
      org: { name: 'ops' },
      capabilities: { list: true, create: true, update: true, allUsers: true, operator: true },
    });
    expect(result.orgs.map((o) => o.name)).toEqual(['ops', 'research']);
    expect(result.summary).toBe(
      "Can list, create and activate, deactivate and delete tokens in org ops (every user's tokens); can create " +
        'operator tokens.',
    );
  });

  it('tells an all-access token it works on its own user’s tokens only, and creates nothing on the server', async () => {
    const influx = await emulator({ mode: 'oss-2.7', seed: 'demo' });
    const before = influx.state.authorizations.size;
    const result = await check(target(influx.url, influx.seed.tokens['aliceAllAccess']!.token));
    expect(result.capabilities).toEqual({ list: true, create: true, update: true, allUsers: false, operator: false });
    expect(result.summary).toBe(
      "Can list, create and activate, deactivate and delete tokens in org ops (only its own user's tokens); cannot " +
        'create operator tokens.',
    );
    expect(influx.state.authorizations.size).toBe(before);
  });

  it('says plainly when a token cannot manage tokens', async () => {
    const influx = await emulator({ mode: 'oss-2.9', seed: 'demo' });
    const result = await check(target(influx.url, influx.seed.tokens['blank']!.token));
    expect(result.capabilities.create).toBe(false);
    expect(result.summary).toMatch(
      /^Cannot create and activate, deactivate and delete tokens in org ops; could not tell whether it can list tokens\.$/,
    );
  });

  it('says so when a token cannot even see an organization', async () => {
    const influx = await emulator({ mode: 'oss-2.9', seed: 'demo' });
    const result = await check(target(influx.url, influx.seed.tokens['sensorsWriter']!.token));
    expect(result.org).toBeNull();
    expect(result.summary).toBe(
      'This token cannot see any organization (it lacks read:orgs), so it cannot manage tokens.',
    );
  });

  it('reads a Cloud token’s own permissions through the token filter', async () => {
    const influx = await emulator({ mode: 'cloud', seed: 'demo' });
    const result = await check(target(influx.url, influx.operatorToken));
    expect(result).toMatchObject({
      product: 'cloud',
      version: null,
      capabilities: { list: true, create: true, update: true, allUsers: false, operator: false },
    });
    expect(result.summary).not.toMatch(/operator/);
  });

  it('uses the profile’s org when the token can see it', async () => {
    const influx = await emulator({ mode: 'oss-2.9', seed: 'demo' });
    const research = influx.state.findOrgByName('research')!;
    const result = v2(
      await checkConnectionWith(
        new InfluxClient(target(influx.url, influx.operatorToken)),
        { id: research.id, name: 'research' },
        new Date(),
      ),
    );
    expect(result.org).toEqual({ id: research.id, name: 'research' });
  });
});

describe('errors a person can act on', () => {
  it.each([
    ['an unknown token', (_e: Emulator) => 'x'.repeat(86) + '==', 'UNAUTHORIZED', /refused the token/],
    ['an inactive token', (e: Emulator) => e.seed.tokens['oldCi']!.token, 'UNAUTHORIZED', /deactivated/],
    [
      'a deleted user’s token',
      (e: Emulator) => e.seed.tokens['carolLaptop']!.token,
      'FORBIDDEN',
      /deleted or deactivated/,
    ],
  ])('%s', async (_label, token, code, message) => {
    const influx = await emulator({ mode: 'oss-2.9', seed: 'demo' });
    const error = await failure(check(target(influx.url, token(influx))));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(token(influx));
  });

  it('a refused connection', async () => {
    const influx = await emulator();
    const url = influx.url;
    await influx.close();
    const error = await failure(check(target(url, 't')));
    expect([error.code, error.message]).toEqual([
      'NETWORK',
      `Nothing accepted the connection at ${new URL(url).host}. Is InfluxDB running, and is the port right?`,
    ]);
  });

  it('a server that does not answer in time', async () => {
    const influx = await emulator({ faults: [{ fault: { kind: 'hang' } }] });
    const error = await failure(check(target(influx.url, influx.operatorToken, { timeoutMs: 1000 })));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/did not answer within 1 s/);
  });

  it.each([
    [{ kind: 'html' as const }, 'BAD_RESPONSE', /web page \(HTTP 502\)/],
    [{ kind: 'status' as const, status: 503 as const }, 'SERVER_ERROR', /HTTP 503/],
    [{ kind: 'reset' as const }, 'NETWORK', /cut off/],
  ])('a fault: %o', async (fault, code, message) => {
    const influx = await emulator({ faults: [{ fault }] });
    const error = await failure(check(target(influx.url, influx.operatorToken)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('malformed JSON', async () => {
    const influx = await emulator({ faults: [{ path: '/api/v2/me', fault: { kind: 'malformed-json' } }] });
    const error = await failure(check(target(influx.url, influx.operatorToken)));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('TLS: untrusted, trusted through the profile’s CA, skipped, expired, wrong host', async () => {
    const secure = await emulator({ tls: true });
    expect((await failure(check(target(secure.url, secure.operatorToken)))).message).toMatch(
      /not signed by an authority this computer trusts/,
    );
    await expect(
      check(target(secure.url, secure.operatorToken, { tls: { ca: secure.tls!.ca, skipVerify: false } })),
    ).resolves.toMatchObject({ product: 'oss' });
    await expect(
      check(target(secure.url, secure.operatorToken, { tls: { ca: null, skipVerify: true } })),
    ).resolves.toMatchObject({ product: 'oss' });
    const expired = await emulator({ tls: { expired: true } });
    expect(
      (
        await failure(
          check(target(expired.url, expired.operatorToken, { tls: { ca: expired.tls!.ca, skipVerify: false } })),
        )
      ).message,
    ).toMatch(/has expired/);
    const wrongHost = await emulator({ tls: { hostname: 'influx.example.com' } });
    expect(
      (
        await failure(
          check(target(wrongHost.url, wrongHost.operatorToken, { tls: { ca: wrongHost.tls!.ca, skipVerify: false } })),
        )
      ).message,
    ).toMatch(/another host name/);
  });

  it('plain HTTP on an https URL', async () => {
    const influx = await emulator();
    const error = await failure(check(target(influx.url.replace('http:', 'https:'), influx.operatorToken)));
    expect([error.code, error.message]).toEqual(['TLS', expect.stringMatching(/use an http:\/\/ URL/)]);
  });

  it('a redirect is reported, never followed with the token', async () => {
    const influx = await emulator();
    let leaked = false;
    const elsewhere = await localServer((req, res) => {
      leaked ||= req.headers.authorization !== undefined;
      res.writeHead(204).end();
    });
    const redirecting = await localServer((req, res) =>
      res.writeHead(307, { Location: `${elsewhere}${req.url}` }).end(),
    );
    const error = await failure(check(target(redirecting, influx.operatorToken)));
    expect(error.code).toBe('REDIRECT');
    expect(error.message).toContain(`redirected the request to ${elsewhere}/ping`);
    expect(leaked).toBe(false);
  });

  it('InfluxDB 1.x with a token for a credential, and a server without the v2 API', async () => {
    const v1 = await localServer((_req, res) =>
      res.writeHead(204, { 'X-Influxdb-Version': '1.8.10', 'X-Influxdb-Build': 'OSS' }).end(),
    );
    // 1.x is its own family (test/unit/influx1.test.ts runs it against a real server); it logs in
    // with a username and password, so a bare token is told to be one.
    const oneX = await failure(checkConnectionWith(new InfluxClient(target(v1, 't')), null, new Date()));
    expect([oneX.code, oneX.message]).toEqual([
      'VALIDATION',
      'An InfluxDB 1.x connection logs in with a username and password: edit it and enter them as username:password.',
    ]);
    const web = await localServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'));
    expect((await failure(check(target(web, 't')))).code).toBe('NOT_INFLUXDB');
  });

  it('an unknown host name', async () => {
    const error = await failure(check(target('http://token-desk-test.invalid:8086', 't', { timeoutMs: 3000 })));
    expect(['NETWORK', 'TIMEOUT']).toContain(error.code);
  });

  it.each([
    ['localhost:8086', 'http://localhost:8086'],
    ['https://influx.example.com/api/v2/', 'https://influx.example.com'],
    ['https://proxy.example.com/influx/', 'https://proxy.example.com/influx'],
  ])('normalises %s', (input, output) => {
    expect(normaliseUrl(input)).toBe(output);
  });

  it.each(['ftp://x', 'http://user:pw@host', 'http://host/?org=1', 'http://exa mple'])(
    'refuses the URL %s with advice',
    (input) => {
      expect(() => normaliseUrl(input)).toThrow(TokenDeskError);
    },
  );
});

describe('proxies', () => {
  it('goes through HTTP_PROXY unless NO_PROXY names the host', async () => {
    const influx = await emulator();
    let proxied = 0;
    const proxy = await localServer((req, res) => {
      proxied += 1;
      const forward = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      req.pipe(forward);
    });
    const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
    try {
      process.env['HTTP_PROXY'] = proxy;
      process.env['NO_PROXY'] = '';
      await check(target(influx.url, influx.operatorToken));
      expect(proxied).toBeGreaterThan(0);
      const viaProxy = proxied;
      process.env['NO_PROXY'] = '127.0.0.1';
      await check(target(influx.url, influx.operatorToken));
      expect(proxied).toBe(viaProxy);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
