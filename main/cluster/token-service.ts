/**
 * Cloud Dedicated and Clustered database tokens: list (with the vault's values and review dates),
 * create (the value to the vault before anyone sees it), change description and permissions in place
 * (PATCH), rotate (a new token with the same permissions and a lifetime of the same length), revoke;
 * and the activation probe of a new token on the cluster's data endpoint.
 */
import {
  ALL_DATABASES,
  clusterSummary,
  type ActivationProbe,
  type ClusterPermission,
  type ClusterTokenList,
  type ClusterTokenRow,
  type CreatedClusterToken,
} from '$contract/cluster-tokens';
import { TokenDeskError } from '$contract/errors';
import { dayOf, defaultReviewBy } from '$contract/review';
import type { VaultSource } from '$contract/vault';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { InfluxRequestError } from '../influx/errors';
import { rotatedDescription } from '../influx/token-kinds';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { Vault } from '../vault/vault';
import { keepSecret } from '../vault/keep-secret';
import { clusterAddressOf } from '$contract/cluster-address';
import {
  createToken,
  deleteToken,
  getToken,
  listDatabases,
  listTokens,
  updateToken,
  type ManagementToken,
} from './api';
import { statusOf } from './status';

export interface CreateClusterToken {
  connectionId: string;
  description: string;
  permissions: ClusterPermission[];
  expiresAt: string | null;
  saveToVault: boolean;
}

/** Each permission once, databases in the order given. */
const unique = (permissions: readonly ClusterPermission[]) =>
  permissions.filter((p, i) => permissions.findIndex((q) => q.action === p.action && q.resource === p.resource) === i);

export class ClusterTokenService {
  /** Each connection's databases as its last list or check of them read them. */
  private readonly databases = new Map<string, Set<string>>();

  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private client(connectionId: string): Promise<InfluxClient> {
    return this.clients.forConnection(connectionId);
  }

  private row(connectionId: string, t: ManagementToken, keys: Map<string, string>): ClusterTokenRow {
    return {
      id: t.id,
      description: t.description,
      permissions: t.permissions,
      summary: clusterSummary(t.permissions),
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      status: statusOf(t, this.now().getTime()),
      vaultEntryId: keys.get(`${connectionId}:${t.id}`) ?? null,
      // Set by the policy where no expiry is set, or as the day to retire a rotated token by.
      reviewBy: this.profiles.reviewsOf(connectionId)[t.id] ?? null,
    };
  }

  /** One round trip: the tokens and the databases at once. */
  async list(connectionId: string): Promise<ClusterTokenList> {
    const client = await this.client(connectionId);
    const [tokens, databases, keys] = await Promise.all([
      listTokens(client),
      listDatabases(client).catch(() => null),
      this.vault.keys(),
    ]);
    if (databases) this.databases.set(connectionId, new Set(databases));
    return { rows: tokens.map((t) => this.row(connectionId, t, keys)), databases: databases ?? [] };
  }

  /**
   * Names every permission's database the cluster has. The databases of the last list answer when
   * they hold them all (a create stays one request); a name they lack is asked of the server again,
   * since it may have been made since, before the create is refused.
   */
  private async checkPermissions(
    connectionId: string,
    client: InfluxClient,
    permissions: ClusterPermission[],
  ): Promise<void> {
    const named = permissions.filter((p) => p.resource !== ALL_DATABASES).map((p) => p.resource);
    if (named.length === 0) return;
    if (named.every((n) => this.databases.get(connectionId)?.has(n))) return;
    const known = new Set(await listDatabases(client));
    this.databases.set(connectionId, known);
    const missing = [...new Set(named)].filter((n) => !known.has(n));
    if (missing.length)
      throw new TokenDeskError(
        'VALIDATION',
        `The cluster has no database ${missing.map((m) => `“${m}”`).join(', ')}: create it first, or pick another.`,
      );
  }

  private async keep(
    connectionId: string,
    client: InfluxClient,
    made: ManagementToken & { accessToken: string },
    source: VaultSource,
  ) {
    const { name } = this.profiles.get(connectionId);
    return keepSecret(
      this.vault,
      this.log,
      {
        connectionId,
        connectionName: name,
        instanceUrl: client.target.url,
        orgID: '',
        orgName: '',
        authorizationId: made.id,
        userName: '',
        description: made.description,
        permissions: made.permissions.map((p) => ({
          action: p.action,
          resource: { type: 'databases', name: p.resource },
        })),
        source,
      },
      made.accessToken,
    );
  }

  private async make(
    input: CreateClusterToken,
    source: VaultSource,
    reviewBy: string | null | undefined,
  ): Promise<CreatedClusterToken> {
    if (input.expiresAt && Date.parse(input.expiresAt) <= this.now().getTime())
      throw new TokenDeskError('VALIDATION', 'Choose an expiry in the future, or none.');
    const client = await this.client(input.connectionId);
    const permissions = unique(input.permissions);
    await this.checkPermissions(input.connectionId, client, permissions);
    const started = this.now();
    const made = await createToken(client, { ...input, permissions }).catch(async (error: unknown) => {
      throw await this.lostCreate(client, input.description, started, error);
    });
    const vault = input.saveToVault
      ? await this.keep(input.connectionId, client, made, source)
      : { saved: false as const, reason: 'You chose not to save this value in the vault.' };
    // A token without an expiry gets a review date, as asked or from the connection's policy.
    const review =
      made.expiresAt !== null
        ? null
        : reviewBy !== undefined
          ? reviewBy
          : defaultReviewBy(
              permissions.some((p) => p.action === 'write'),
              this.profiles.get(input.connectionId).reviewPolicy,
              dayOf(this.now()),
            );
    if (review) this.profiles.setReview(input.connectionId, made.id, review);
    this.log.info('cluster.token-created', { saved: vault.saved });
    const keys = vault.saved
      ? new Map([[`${input.connectionId}:${made.id}`, vault.entryId]])
      : new Map<string, string>();
    return {
      token: this.row(input.connectionId, made, keys),
      value: made.accessToken,
      vault,
      dataUrl: this.dataUrlOf(input.connectionId, client),
    };
  }

  /**
   * A create whose answer was lost may have made the token: look for one made since with the same
   * description, and say so (its value is lost; revoke it and create another).
   */
  private async lostCreate(client: InfluxClient, description: string, started: Date, error: unknown): Promise<unknown> {
    if (!(error instanceof TokenDeskError) || (error instanceof InfluxRequestError && error.reason.status < 500))
      return error;
    const found = await listTokens(client).catch(() => null);
    const orphans = (found ?? []).filter(
      (t) => t.description === description && Date.parse(t.createdAt) >= started.getTime() - 60_000 && !t.revokedAt,
    );
    if (!orphans.length) return error;
    return new TokenDeskError(
      'CREATE_INTERRUPTED',
      `${error.message} The cluster made “${description}” anyway, but its value never arrived and cannot be read ` +
        'again: revoke it and create another.',
      { orphans: orphans.map((o) => o.id).join(',') },
    );
  }

  create(input: CreateClusterToken, reviewBy?: string | null): Promise<CreatedClusterToken> {
    return this.make(input, { kind: 'created' }, reviewBy);
  }

  /** Description and permissions change in place; the expiry cannot (rotate for another). */
  async update(
    connectionId: string,
    id: string,
    change: { description?: string; permissions?: ClusterPermission[] },
  ): Promise<ClusterTokenRow> {
    const client = await this.client(connectionId);
    const permissions = change.permissions ? unique(change.permissions) : undefined;
    if (permissions) await this.checkPermissions(connectionId, client, permissions);
    const updated = await updateToken(client, id, {
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(permissions ? { permissions } : {}),
    });
    return this.row(connectionId, updated, await this.vault.keys());
  }

  /** A new token with the same permissions and a lifetime of the same length; the old one is left to the person. */
  async rotate(connectionId: string, id: string): Promise<CreatedClusterToken> {
    const client = await this.client(connectionId);
    const old = await getToken(client, id);
    if (old.revokedAt)
      throw new TokenDeskError('VALIDATION', `“${old.description}” is revoked: create a new token instead.`);
    const lifetime = old.expiresAt ? Date.parse(old.expiresAt) - Date.parse(old.createdAt) : null;
    const at = this.now();
    return this.make(
      {
        connectionId,
        description: rotatedDescription(old.description, at),
        permissions: old.permissions,
        expiresAt: lifetime && lifetime > 0 ? new Date(at.getTime() + lifetime).toISOString() : null,
        saveToVault: true,
      },
      { kind: 'rotated', from: old.id },
      this.profiles.reviewsOf(connectionId)[old.id] ? undefined : null,
    );
  }

  /** Revoked on the cluster (the API's DELETE); an answer lost on the way is read back before failing. */
  async revoke(connectionId: string, id: string): Promise<void> {
    const client = await this.client(connectionId);
    try {
      await deleteToken(client, id);
    } catch (error) {
      if (error instanceof InfluxRequestError && error.reason.status < 500 && error.reason.status !== 404) throw error;
      const now = await getToken(client, id).catch((read: unknown) =>
        read instanceof InfluxRequestError && read.reason.status === 404 ? null : undefined,
      );
      // Gone, or listed as revoked: what was asked is done, whatever the answer said.
      if (now === null || now?.revokedAt) return;
      throw error;
    }
  }

  /** Where new tokens are tried: Clustered's own host, or the data URL saved with a Dedicated connection. */
  private dataUrlOf(connectionId: string, client: InfluxClient): string | null {
    return this.profiles.get(connectionId).dataUrl ?? clusterAddressOf(client.target.url)?.dataUrl ?? null;
  }

  /**
   * One try of a vault entry's token on the cluster, changing nothing: a query (SHOW MEASUREMENTS)
   * for a token that reads, an empty write for one that only writes. 401/403: not active yet.
   */
  async probe(connectionId: string, entryId: string): Promise<ActivationProbe> {
    const client = await this.client(connectionId);
    const dataUrl = this.dataUrlOf(connectionId, client);
    if (!dataUrl) return { state: 'unknown', reason: 'The cluster’s URL is not known: add it to the connection.' };
    const entry = (await this.vault.list()).find((e) => e.id === entryId && e.connectionId === connectionId);
    if (!entry) throw new TokenDeskError('NOT_FOUND', 'That vault entry no longer exists.');
    const value = await this.vault.reveal(entryId);
    const { databases } = await this.list(connectionId).catch(() => ({ databases: [] as string[] }));
    const read = entry.permissions.find((p) => p.action === 'read');
    const any = read ?? entry.permissions[0];
    const database = any?.resource.name === ALL_DATABASES ? databases[0] : any?.resource.name;
    if (!database) return { state: 'unknown', reason: 'It grants no database, so there is nothing to try it on.' };
    const data = this.clients.forTarget({ ...client.target, url: dataUrl, token: value });
    const q = new URLSearchParams(read ? { db: database, q: 'SHOW MEASUREMENTS' } : { bucket: database });
    try {
      await data.send('trying the new token', read ? 'GET /query' : 'POST /api/v2/write', {
        method: read ? 'GET' : 'POST',
        path: read ? `/query?${q}` : `/api/v2/write?${q}`,
        ...(read ? {} : { body: '' }),
      });
      return { state: 'active' };
    } catch (error) {
      if (error instanceof InfluxRequestError && (error.reason.status === 401 || error.reason.status === 403))
        return { state: 'pending' };
      return { state: 'unknown', reason: error instanceof TokenDeskError ? error.message : 'The cluster did not say.' };
    }
  }
}
