/**
 * The one way main talks to InfluxDB: the official client (@influxdata/influxdb-client and its
 * typed -apis) on a bounded transport (one deadline per exchange, a cap on answer size, strict
 * UTF-8, redirects never followed), with extra CA or no verification and HTTP(S)_PROXY/NO_PROXY.
 * Every answer's shape is checked where it is received, and every failure translated into a
 * TokenDeskError that names the endpoint.
 */
import { InfluxDB, setLogger } from '@influxdata/influxdb-client';
import {
  AuthorizationsAPI,
  MeAPI,
  type Authorization,
  type AuthorizationPostRequest,
  type Organization,
  type UserResponse,
} from '@influxdata/influxdb-client-apis';
import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import type { TokenPermission } from '$contract/permissions';
import { clusterAddressOf } from '$contract/cluster-address';
import { productOfBuild, type ProductKind } from '$contract/products';
import type { TokenDeskError } from '$contract/errors';
import { InfluxRequestError, redactError, translateError } from './errors';
import { BadAnswerError, BoundedTransport, DEFAULT_MAX_BYTES, TOKEN_LIST_MAX_BYTES } from './transport';
import { wireToken, type InfluxTarget } from './target';

// The client logs to the console by default, with request details; Token Desk logs on its own terms.
setLogger({ error: () => undefined, warn: () => undefined });

export interface Named {
  id: string;
  name: string;
}

export interface ProductHeaders {
  build: string | null;
  version: string | null;
  status: number;
}

/** The agent for HTTP(S)_PROXY, loaded only behind a proxy (most desks have none; it cost a start 20 ms). */
function proxyAgent(url: string, tls: InfluxTarget['tls']): Promise<Agent> | undefined {
  const proxy = getProxyForUrl(url);
  if (!proxy) return undefined;
  if (url.startsWith('https:')) {
    return import('https-proxy-agent').then(
      ({ HttpsProxyAgent }) =>
        new HttpsProxyAgent(proxy, { rejectUnauthorized: !tls.skipVerify, ...(tls.ca ? { ca: tls.ca } : {}) }),
    );
  }
  return import('http-proxy-agent').then(({ HttpProxyAgent }) => new HttpProxyAgent(proxy));
}

/** Told how each request ended, so the connection's state follows its last real answer. */
export type RequestObserver = (
  outcome: ({ ok: true } | { ok: false; error: TokenDeskError }) & { startedAt: number },
) => void;

/** Answers that are not the shape an endpoint has are bad answers, named as such (not INTERNAL). */
/**
 * The read of an answer that has no body (a DELETE's 204, InfluxDB 3's empty 200): a body there is a
 * wrong shape, never taken for done (a proxy's 200 page must not read as "deleted").
 */
export function noBody(what: string): (body: unknown) => void {
  return (body) => {
    if (body === undefined || body === null || body === '') return;
    throw new BadAnswerError(`${what} answered with a body where none was expected`);
  };
}

export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadAnswerError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

export function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new BadAnswerError(`${what} is not a list`);
  return value;
}

function named(value: unknown, what: string): { id?: string; name?: string } {
  const item = record(value, what);
  if (typeof item['id'] !== 'string') throw new BadAnswerError(`${what} has no id`);
  if (item['name'] !== undefined && typeof item['name'] !== 'string')
    throw new BadAnswerError(`${what} has a name that is not text`);
  return item as { id?: string; name?: string };
}

/** The fields Token Desk reads of an authorization, checked cheaply (10,000 at a time). */
export function authorization(value: unknown): Authorization {
  const a = record(value, 'a token');
  if (typeof a['id'] !== 'string' || !Array.isArray(a['permissions']))
    throw new BadAnswerError('a token without an id or permissions');
  for (const p of a['permissions'] as unknown[]) {
    const resource = typeof p === 'object' && p !== null ? (p as { resource?: unknown }).resource : undefined;
    if (typeof resource !== 'object' || resource === null || typeof (resource as { type?: unknown }).type !== 'string')
      throw new BadAnswerError('a permission without a resource type');
  }
  return a as Authorization;
}

/**
 * What a connection's server is and names, kept between calls so an action costs only the round
 * trips it needs (InfluxClients keeps one per saved connection): refreshed by the connection check
 * and by a refresh of the list, and fetched again on a miss.
 */
/** The most items read from one paged list: far beyond any real org's users or buckets. */
export const MAX_PAGED_ITEMS = 50_000;

export interface ConnectionFacts {
  orgNames: Map<string, string>;
  product: ProductKind | null;
  me: { id: string; name: string } | null;
  resourceTypes: string[] | null;
  /** The connection's own token, when the server said which it is (Cloud's token filter). */
  selfId: string | null;
  /** As the server's last /ping said; null before one, or where it says none (Cloud). */
  version: string | null;
}

export const newFacts = (): ConnectionFacts => ({
  orgNames: new Map(),
  product: null,
  me: null,
  resourceTypes: null,
  selfId: null,
  version: null,
});

/** A request outside the typed client; `secrets`: values it carries that no message may repeat. */
export interface OutgoingRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  secrets?: readonly string[];
}

export class InfluxClient {
  private readonly transport: BoundedTransport;
  readonly authorizations: AuthorizationsAPI;
  private readonly meApi: MeAPI;

  constructor(
    readonly target: InfluxTarget,
    private readonly observe: RequestObserver = () => undefined,
    signal?: AbortSignal,
    readonly facts: ConnectionFacts = newFacts(),
  ) {
    const agent = proxyAgent(target.url, target.tls);
    // A shared secret never leaves main as such: the 1.x family signs a JWT from it per request.
    const token = wireToken(target.token);
    this.transport = new BoundedTransport({
      url: target.url,
      token,
      timeoutMs: target.timeoutMs,
      ca: target.tls.ca,
      skipVerify: target.tls.skipVerify,
      ...(agent ? { agent } : {}),
      ...(signal ? { signal } : {}),
      limitFor: (path) => (/^\/api\/v2\/authorizations(\?|$)/.test(path) ? TOKEN_LIST_MAX_BYTES : DEFAULT_MAX_BYTES),
    });
    const influx = new InfluxDB({
      url: target.url,
      ...(token !== null ? { token } : {}),
      timeout: target.timeoutMs,
      transport: this.transport,
    });
    this.authorizations = new AuthorizationsAPI(influx);
    this.meApi = new MeAPI(influx);
  }

  /** Org IDs → names, learned from orgs(); messages name orgs the way people know them. */
  get orgNames(): Map<string, string> {
    return this.facts.orgNames;
  }

  /** The product, from the facts or one ping. */
  async product(): Promise<ProductKind> {
    // A Management API's address names its product; those hosts answer no /ping.
    this.facts.product ??= clusterAddressOf(this.target.url)?.product ?? null;
    if (!this.facts.product) {
      const { build, version } = await this.ping();
      this.facts.product = productOfBuild(build, version);
    }
    return this.facts.product;
  }

  /** The token's own user, from the facts or one request. */
  async whoami(): Promise<{ id: string; name: string }> {
    if (!this.facts.me) {
      const me = await this.me();
      this.facts.me = { id: me.id ?? '', name: me.name };
    }
    return this.facts.me;
  }

  /** The server's resource types (instance excluded), from the facts or one request. */
  async types(): Promise<string[]> {
    this.facts.resourceTypes ??= (await this.resourceTypes()).filter((t) => t !== 'instance');
    return this.facts.resourceTypes;
  }

  /** Org names for messages: fetched once, then again only when `orgID` is one not seen yet. */
  async knowOrgs(orgID?: string): Promise<void> {
    if (this.orgNames.size === 0 || (orgID !== undefined && !this.orgNames.has(orgID))) await this.orgs();
  }

  /**
   * Runs one request and translates its failure; `doing` completes "…failed while <doing>".
   * `authenticated: false` (ping, health): its success says nothing of the token, so it does not
   * tell the connection's state (a refused token must not look fine because /ping answered).
   */
  /** What the connection's own credential sends: the token, or a 1.x password or shared secret. */
  private get ownSecrets(): string[] {
    const token = this.target.token;
    return [
      token,
      ...token
        .split(':')
        .slice(1)
        .filter((part) => part.length >= 8),
    ];
  }

  /** `secrets`: what else the request carries (a new password): cut out of any message built from the answer. */
  async run<T>(
    doing: string,
    endpoint: string,
    request: () => Promise<T>,
    authenticated = true,
    secrets: readonly string[] = [],
  ): Promise<T> {
    const startedAt = performance.now();
    try {
      const answer = await request();
      if (authenticated) this.observe({ ok: true, startedAt });
      return answer;
    } catch (error) {
      const translated = redactError(
        translateError(error, {
          url: this.target.url,
          timeoutMs: this.target.timeoutMs,
          doing,
          endpoint,
          orgNames: this.orgNames,
        }),
        [...this.ownSecrets, ...secrets],
      );
      // Without the connection's token, InfluxDB's refusal says nothing of it; an unreachable server still does.
      if (authenticated || !(translated instanceof InfluxRequestError) || translated.reason.status >= 500)
        this.observe({ ok: false, error: translated, startedAt });
      throw translated;
    }
  }

  /**
   * One JSON request outside the typed client (the v1 credentials' private API, a 1.x /query).
   * `headers` replace the connection's own (a 1.x login sends its Basic credentials instead).
   */
  send(doing: string, endpoint: string, request: OutgoingRequest, authenticated = true): Promise<unknown> {
    return this.sendChecked(doing, endpoint, request, (body) => body, authenticated);
  }

  /** `send`, with the answer read inside the request: a wrong shape is BAD_RESPONSE naming the endpoint. */
  sendChecked<T>(
    doing: string,
    endpoint: string,
    request: OutgoingRequest,
    read: (body: unknown) => T,
    authenticated = true,
  ): Promise<T> {
    const { method, path, body, headers, secrets } = request;
    return this.run(
      doing,
      endpoint,
      async () => read(await this.transport.request(path, body ?? '', { method, ...(headers ? { headers } : {}) })),
      authenticated,
      secrets,
    );
  }

  private get(path: string): Promise<unknown> {
    return this.transport.request(path, '', { method: 'GET' });
  }

  /** GET /ping: the product headers (X-Influxdb-Build, X-Influxdb-Version). */
  ping(): Promise<ProductHeaders> {
    return this.run(
      'reaching the server',
      'GET /ping',
      async () => {
        let seen: ProductHeaders = { build: null, version: null, status: 0 };
        await this.transport.request('/ping', '', { method: 'GET' }, (headers, status) => {
          seen = {
            build: headers['x-influxdb-build'] ?? null,
            version: headers['x-influxdb-version'] ?? null,
            status: status ?? 0,
          };
        });
        this.facts.version = seen.version ?? this.facts.version;
        return seen;
      },
      false,
    );
  }

  /** GET /health's version, for servers whose /ping does not send one. */
  healthVersion(): Promise<string | null> {
    return this.run(
      'reading /health',
      'GET /health',
      async () => {
        const body: unknown = await this.get('/health');
        const version = typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined;
        return typeof version === 'string' ? version : null;
      },
      false,
    );
  }

  /** GET /api/v2/resources: the resource types this server knows. */
  resourceTypes(): Promise<string[]> {
    return this.run('listing resource types', 'GET /api/v2/resources', async () =>
      list(await this.get('/api/v2/resources'), 'the list of resource types').filter(
        (t): t is string => typeof t === 'string',
      ),
    );
  }

  me(): Promise<UserResponse> {
    return this.run(
      'reading the token’s user',
      'GET /api/v2/me',
      async () => named(await this.meApi.getMe(), 'the token’s user') as UserResponse,
    );
  }

  /** One user, by ID. */
  user(id: string): Promise<{ id: string; name: string }> {
    return this.run('reading a user', 'GET /api/v2/users/{id}', async () => {
      const found = named(await this.get(`/api/v2/users/${id}`), 'a user');
      return { id: found.id ?? id, name: found.name ?? '' };
    });
  }

  /** Every org the token can see, following the pages. */
  orgs(): Promise<Organization[]> {
    return this.run('listing organizations', 'GET /api/v2/orgs', async () => {
      const all = (await this.pages('/api/v2/orgs', 'orgs', {})).map(
        (o) => named(o, 'an organization') as Organization,
      );
      this.orgNames.clear();
      for (const org of all) if (org.id) this.orgNames.set(org.id, org.name);
      return all;
    });
  }

  /**
   * GET /api/v2/authorizations, which InfluxDB never pages: tens of thousands of tokens come in one
   * answer (bounded by TOKEN_LIST_MAX_BYTES). The `token` filter, which the typed API lacks, is Cloud's.
   */
  listAuthorizations(query: { orgID?: string; token?: string } = {}): Promise<Authorization[]> {
    return this.run('listing tokens', 'GET /api/v2/authorizations', async () => {
      const params = new URLSearchParams({
        ...(query.orgID ? { orgID: query.orgID } : {}),
        ...(query.token !== undefined ? { token: query.token } : {}),
      });
      const body = record(
        await this.get(`/api/v2/authorizations${params.size ? `?${params.toString()}` : ''}`),
        'the list of tokens',
      );
      return list(body['authorizations'], 'the list of tokens').map(authorization);
    });
  }

  createAuthorization(
    body: Omit<AuthorizationPostRequest, 'permissions'> & { permissions: TokenPermission[] },
  ): Promise<Authorization> {
    // The client's resource-type union lags the servers (no `subscriptions`); the server validates types.
    return this.run('creating a token', 'POST /api/v2/authorizations', async () =>
      authorization(await this.authorizations.postAuthorizations({ body: body as AuthorizationPostRequest })),
    );
  }

  deleteAuthorization(id: string): Promise<void> {
    return this.run('deleting a token', 'DELETE /api/v2/authorizations/{id}', () =>
      this.authorizations.deleteAuthorizationsID({ authID: id }),
    );
  }

  getAuthorization(id: string): Promise<Authorization> {
    return this.run('reading a token', 'GET /api/v2/authorizations/{id}', async () =>
      authorization(await this.authorizations.getAuthorizationsID({ authID: id })),
    );
  }

  patchAuthorization(
    id: string,
    change: { status?: 'active' | 'inactive'; description?: string },
  ): Promise<Authorization> {
    return this.run('updating a token', 'PATCH /api/v2/authorizations/{id}', async () =>
      authorization(await this.authorizations.patchAuthorizationsID({ authID: id, body: change })),
    );
  }

  /**
   * Reads every page of a paged list (limit 100): the one paging loop. Bounded: a server that keeps
   * answering full pages (broken paging, or a hostile one) is stopped at MAX_PAGED_ITEMS, with a
   * clear error, rather than read for ever.
   */
  async pages(path: string, key: string, query: Record<string, string>): Promise<unknown[]> {
    const all: unknown[] = [];
    for (let offset = 0; ; offset += 100) {
      if (offset >= MAX_PAGED_ITEMS)
        throw new BadAnswerError(
          `it keeps sending ${key} past ${MAX_PAGED_ITEMS.toLocaleString('en')} (its paging may be broken)`,
        );
      const params = new URLSearchParams({ ...query, limit: '100', offset: String(offset) });
      const page = list(
        record(await this.get(`${path}?${params.toString()}`), `a page of ${key}`)[key] ?? [],
        `a page of ${key}`,
      );
      all.push(...page);
      if (page.length < 100) return all;
    }
  }

  /** The names a token's permissions can point at in one org, and the users. */
  resourcesOf(
    orgID: string,
  ): Promise<{ buckets: Named[]; telegrafs: Named[]; dashboards: Named[]; tasks: Named[]; users: Named[] }> {
    return this.run(
      'listing buckets and other resources',
      'GET /api/v2/buckets, telegrafs, dashboards, tasks, users',
      async () => {
        const names = (items: unknown[], what: string) =>
          items.map((i) => named(i, what)).map((i) => ({ id: i.id ?? '', name: i.name ?? '' }));
        const field = async (path: string, key: string) => list(record(await this.get(path), key)[key] ?? [], key);
        const [buckets, telegrafs, dashboards, tasks, users] = await Promise.all([
          this.pages('/api/v2/buckets', 'buckets', { orgID }),
          field(`/api/v2/telegrafs?orgID=${orgID}`, 'configurations'),
          this.pages('/api/v2/dashboards', 'dashboards', { orgID }),
          field(`/api/v2/tasks?orgID=${orgID}&limit=500`, 'tasks'),
          this.pages('/api/v2/users', 'users', {}),
        ]);
        return {
          buckets: names(buckets, 'a bucket'),
          telegrafs: names(telegrafs, 'a Telegraf configuration'),
          dashboards: names(dashboards, 'a dashboard'),
          tasks: names(tasks, 'a task'),
          users: names(users, 'a user'),
        };
      },
    );
  }
}
