/**
 * The one way main talks to InfluxDB: the official client (@influxdata/influxdb-client and its
 * typed -apis) configured from a target — timeout, extra CA or no verification, HTTP(S)_PROXY and
 * NO_PROXY, no redirects followed — with every failure translated into a TokenDeskError.
 */
import { InfluxDB, setLogger, type Transport } from '@influxdata/influxdb-client';
import { AuthorizationsAPI, MeAPI, OrgsAPI, type Authorization, type AuthorizationPostRequest, type Organization, type UserResponse } from '@influxdata/influxdb-client-apis';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import { translateError } from './errors';
import type { InfluxTarget } from './target';

// The client logs to the console by default, with request details; Token Desk logs on its own terms.
setLogger({ error: () => undefined, warn: () => undefined });

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

export class InfluxClient {
  private readonly influx: InfluxDB;
  private readonly transport: Transport;
  readonly authorizations: AuthorizationsAPI;
  private readonly orgsApi: OrgsAPI;
  private readonly meApi: MeAPI;

  constructor(readonly target: InfluxTarget) {
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
    this.orgsApi = new OrgsAPI(this.influx);
    this.meApi = new MeAPI(this.influx);
  }

  /** Runs one request and translates its failure; `doing` completes "…failed while <doing>". */
  async run<T>(doing: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translateError(error, { url: this.target.url, timeoutMs: this.target.timeoutMs, doing });
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
      const all: Organization[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = (await this.orgsApi.getOrgs({ limit: 100, offset })).orgs ?? [];
        all.push(...page);
        if (page.length < 100) return all;
      }
    });
  }

  listAuthorizations(query: { orgID?: string; token?: string } = {}): Promise<Authorization[]> {
    return this.run('listing tokens', async () => {
      // The typed API has no `token` filter (Cloud only), so that query goes through the transport.
      if (query.token !== undefined) {
        const params = new URLSearchParams({ ...(query.orgID ? { orgID: query.orgID } : {}), token: query.token });
        const body = (await this.transport.request(`/api/v2/authorizations?${params.toString()}`, '', { method: 'GET' })) as { authorizations?: Authorization[] };
        return body.authorizations ?? [];
      }
      return (await this.authorizations.getAuthorizations(query.orgID ? { orgID: query.orgID } : {})).authorizations ?? [];
    });
  }

  createAuthorization(body: AuthorizationPostRequest): Promise<Authorization> {
    return this.run('creating a token', () => this.authorizations.postAuthorizations({ body }));
  }

  deleteAuthorization(id: string): Promise<void> {
    return this.run('deleting a token', () => this.authorizations.deleteAuthorizationsID({ authID: id }));
  }
}
