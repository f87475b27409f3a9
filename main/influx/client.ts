/**
 * The one way main talks to InfluxDB: the official client (@influxdata/influxdb-client and its
 * typed -apis) configured from a target — timeout, extra CA or no verification, HTTP(S)_PROXY and
 * NO_PROXY, no redirects followed — with every failure translated into a TokenDeskError.
 */
import { InfluxDB, setLogger, type Transport } from '@influxdata/influxdb-client';
import { AuthorizationsAPI, MeAPI, type Authorization, type AuthorizationPostRequest, type Organization, type UserResponse } from '@influxdata/influxdb-client-apis';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import type { TokenPermission } from '$contract/permissions';
import type { TokenDeskError } from '$contract/errors';
import { translateError } from './errors';
import type { InfluxTarget } from './target';

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

function proxyAgent(url: string, tls: InfluxTarget['tls']): Agent | undefined {
  const proxy = getProxyForUrl(url);
  if (!proxy) return undefined;
  if (url.startsWith('https:')) {
    return new HttpsProxyAgent(proxy, { rejectUnauthorized: !tls.skipVerify, ...(tls.ca ? { ca: tls.ca } : {}) });
  }
  return new HttpProxyAgent(proxy);
}

/** Told how each request ended, so the connection's state follows its last real answer. */
export type RequestObserver = (outcome: { ok: true } | { ok: false; error: TokenDeskError }) => void;

export class InfluxClient {
  private readonly influx: InfluxDB;
  private readonly transport: Transport;
  readonly authorizations: AuthorizationsAPI;
  private readonly meApi: MeAPI;

  constructor(
    readonly target: InfluxTarget,
    private readonly observe: RequestObserver = () => undefined,
  ) {
    const agent = proxyAgent(target.url, target.tls);
    this.influx = new InfluxDB({
      url: target.url,
      token: target.token,
      timeout: target.timeoutMs,
      transportOptions: {
        // No follow-redirects: a redirect is reported, never followed with the token.
        rejectUnauthorized: !target.tls.skipVerify,
        ...(target.tls.ca ? { ca: target.tls.ca } : {}),
        ...(agent ? { agent } : {}),
      },
    });
    this.transport = this.influx.transport;
    this.authorizations = new AuthorizationsAPI(this.influx);
    this.meApi = new MeAPI(this.influx);
  }

  /** Org IDs → names, learned from orgs(); messages name orgs the way people know them. */
  readonly orgNames = new Map<string, string>();

  /** Runs one request and translates its failure; `doing` completes "…failed while <doing>". */
  async run<T>(doing: string, request: () => Promise<T>): Promise<T> {
    try {
      const answer = await request();
      this.observe({ ok: true });
      return answer;
    } catch (error) {
      const translated = translateError(error, { url: this.target.url, timeoutMs: this.target.timeoutMs, doing, orgNames: this.orgNames });
      this.observe({ ok: false, error: translated });
      throw translated;
    }
  }

  /** GET /ping: the product headers (X-Influxdb-Build, X-Influxdb-Version). */
  ping(): Promise<ProductHeaders> {
    return this.run('reaching the server', async () => {
      let seen: ProductHeaders = { build: null, version: null, status: 0 };
      await this.transport.request('/ping', '', { method: 'GET' }, (headers, status) => {
        const header = (name: string) => {
          const value = headers[name];
          return typeof value === 'string' ? value : null;
        };
        seen = { build: header('x-influxdb-build'), version: header('x-influxdb-version'), status: status ?? 0 };
      });
      return seen;
    });
  }

  /** GET /health's version, for servers whose /ping does not send one. */
  healthVersion(): Promise<string | null> {
    return this.run('reading /health', async () => {
      const body: unknown = await this.transport.request('/health', '', { method: 'GET' });
      const version = typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined;
      return typeof version === 'string' ? version : null;
    });
  }

  /** GET /api/v2/resources: the resource types this server knows. */
  resourceTypes(): Promise<string[]> {
    return this.run('listing resource types', async () => {
      const body: unknown = await this.transport.request('/api/v2/resources', '', { method: 'GET' });
      return Array.isArray(body) ? body.filter((t): t is string => typeof t === 'string') : [];
    });
  }

  me(): Promise<UserResponse> {
    return this.run('reading the token’s user', () => this.meApi.getMe());
  }

  /** Every org the token can see, following the pages. */
  orgs(): Promise<Organization[]> {
    return this.run('listing organizations', async () => {
      const all = await this.pages<Organization>('/api/v2/orgs', 'orgs', {});
      for (const org of all) if (org.id) this.orgNames.set(org.id, org.name);
      return all;
    });
  }

  /**
   * GET /api/v2/authorizations, which InfluxDB never pages: tens of thousands of tokens come in one
   * answer. Read as a stream of chunks joined once (the transport's `request` re-joins the body on
   * every chunk, which took 1.5 s for 10,000 tokens); `iterate` also carries the `token` filter,
   * which the typed API lacks (Cloud only).
   */
  listAuthorizations(query: { orgID?: string; token?: string } = {}): Promise<Authorization[]> {
    return this.run('listing tokens', async () => {
      const params = new URLSearchParams({ ...(query.orgID ? { orgID: query.orgID } : {}), ...(query.token !== undefined ? { token: query.token } : {}) });
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.transport.iterate(`/api/v2/authorizations${params.size ? `?${params.toString()}` : ''}`, '', { method: 'GET' })) chunks.push(chunk);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { authorizations?: unknown };
      if (!Array.isArray(body.authorizations)) throw new SyntaxError('no authorizations array in the answer');
      return body.authorizations as Authorization[];
    });
  }

  createAuthorization(body: Omit<AuthorizationPostRequest, 'permissions'> & { permissions: TokenPermission[] }): Promise<Authorization> {
    // The client's resource-type union lags the servers (no `subscriptions`); the server validates types.
    return this.run('creating a token', () => this.authorizations.postAuthorizations({ body: body as AuthorizationPostRequest }));
  }

  deleteAuthorization(id: string): Promise<void> {
    return this.run('deleting a token', () => this.authorizations.deleteAuthorizationsID({ authID: id }));
  }

  getAuthorization(id: string): Promise<Authorization> {
    return this.run('reading a token', () => this.authorizations.getAuthorizationsID({ authID: id }));
  }

  patchAuthorization(id: string, change: { status?: 'active' | 'inactive'; description?: string }): Promise<Authorization> {
    return this.run('updating a token', () => this.authorizations.patchAuthorizationsID({ authID: id, body: change }));
  }

  /** Reads every page of a paged list (limit 100). */
  private async pages<T>(path: string, key: string, query: Record<string, string>): Promise<T[]> {
    const all: T[] = [];
    for (let offset = 0; ; offset += 100) {
      const params = new URLSearchParams({ ...query, limit: '100', offset: String(offset) });
      const body = (await this.transport.request(`${path}?${params.toString()}`, '', { method: 'GET' })) as Record<string, unknown>;
      const page = Array.isArray(body[key]) ? (body[key] as T[]) : [];
      all.push(...page);
      if (page.length < 100) return all;
    }
  }

  /** The names a token's permissions can point at in one org, and the users. */
  resourcesOf(orgID: string): Promise<{ buckets: Named[]; telegrafs: Named[]; dashboards: Named[]; tasks: Named[]; users: Named[] }> {
    return this.run('listing buckets and other resources', async () => {
      const named = (items: { id?: string; name?: string }[]) => items.flatMap((i) => (i.id ? [{ id: i.id, name: i.name ?? '' }] : []));
      const [buckets, telegrafs, dashboards, tasks, users] = await Promise.all([
        this.pages<Named>('/api/v2/buckets', 'buckets', { orgID }),
        this.transport.request(`/api/v2/telegrafs?orgID=${orgID}`, '', { method: 'GET' }).then((b: { configurations?: Named[] }) => b.configurations ?? []),
        this.pages<Named>('/api/v2/dashboards', 'dashboards', { orgID }),
        this.transport.request(`/api/v2/tasks?orgID=${orgID}&limit=500`, '', { method: 'GET' }).then((b: { tasks?: Named[] }) => b.tasks ?? []),
        this.pages<Named>('/api/v2/users', 'users', {}),
      ]);
      return { buckets: named(buckets), telegrafs: named(telegrafs), dashboards: named(dashboards), tasks: named(tasks), users: named(users) };
    });
  }
}
