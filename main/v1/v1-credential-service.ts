/**
 * InfluxDB 2.x v1-compatibility credentials: list them with the DBRP names 1.x clients use, create
 * one (username, buckets, a password saved to the vault before it is shown), set a new password,
 * activate, deactivate, describe, delete, check one as a 1.x client would, copy it as one uses it.
 */
import { TokenDeskError } from '$contract/errors';
import { productProfile } from '$contract/products';
import type { TokenPermission } from '$contract/permissions';
import {
  v1Snippet,
  loginProblem,
  type DbrpMapping,
  type V1BucketAccess,
  type V1CheckResult,
  type V1CredentialList,
  type V1CredentialRow,
  type V1PasswordSet,
  type V1SnippetFormat,
  type V1BucketChoice,
} from '$contract/v1-credentials';
import type { CreateDbrpInput, CreateV1Input, V1PasswordChoice } from '$contract/v1-schemas';
import type { VaultOutcome, VaultSource } from '$contract/vault';
import { authorizationFacts } from '../influx/authorization-facts';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { describePermission, InfluxRequestError } from '../influx/errors';
import {
  createDbrp,
  createV1,
  deleteV1,
  getV1,
  listDbrps,
  listV1,
  patchV1,
  setV1Password,
  showDatabasesAs,
  type V1Authorization,
} from '../influx/v1-auth-api';
import type { Logger } from '../log/logger';
import { v1ReviewKey, type ConnectionProfiles } from '../profiles/profiles';
import { dayOf, defaultReviewBy } from '$contract/review';
import type { SecretClipboard } from '../vault/clipboard';
import { entryFromAuthorization } from '../vault/entry-from-authorization';
import type { Vault } from '../vault/vault';
import { certainlyRefused, handToTeam, keepSecret, settleUnsent } from '../vault/keep-secret';
import { generatePassword } from '../secrets/generate-password';

/** A 404 on a credential means it was deleted meanwhile; said as such, not as a token. */
function credentialGone(error: unknown): never {
  if (error instanceof InfluxRequestError && error.reason.influxMessage === 'authorization not found') {
    throw new TokenDeskError(
      'NOT_FOUND',
      'This v1 credential no longer exists on the server: it was deleted meanwhile.',
    );
  }
  throw error;
}

export class V1CredentialService {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly clipboard: SecretClipboard,
    private readonly log: Logger,
  ) {}

  /** The connection's client, once its product is known to have v1 credentials. */
  private async client(connectionId: string): Promise<InfluxClient> {
    const client = await this.clients.forConnection(connectionId);
    if (!productProfile(await client.product()).v1Credentials) {
      throw new TokenDeskError(
        'VALIDATION',
        'InfluxDB Cloud has no v1-compatibility credentials. 1.x clients log in to Cloud with your account’s email ' +
          'as the username and an API token as the password: generate a token on the Tokens tab instead.',
      );
    }
    return client;
  }

  /**
   * Each org's DBRP mappings. One that cannot be read (a token that may not read an org's buckets, a
   * failing server) leaves the credentials listed, and is named in `unread`: never shown as "no mapping".
   */
  private async mappings(
    client: InfluxClient,
    orgIDs: Iterable<string>,
    unread: string[],
  ): Promise<Map<string, DbrpMapping[]>> {
    const found = await Promise.all(
      [...new Set(orgIDs)].map(async (orgID) => {
        const mappings = await listDbrps(client, orgID).catch((error: unknown) => {
          const why = error instanceof Error ? error.message : 'it failed';
          unread.push(`the 1.x names (DBRP mappings) of ${client.orgNames.get(orgID) ?? orgID}: ${why}`);
          return [];
        });
        return [orgID, mappings] as const;
      }),
    );
    return new Map(found);
  }

  private row(
    client: InfluxClient,
    a: V1Authorization,
    keys: ReadonlyMap<string, string>,
    connectionId: string,
    mappings: ReadonlyMap<string, DbrpMapping[]>,
    reviews: Readonly<Record<string, string>>,
  ): V1CredentialRow {
    const read: V1BucketAccess[] = [];
    const write: V1BucketAccess[] = [];
    const other: string[] = [];
    const inOrg = mappings.get(a.orgID ?? '') ?? [];
    for (const p of (a.permissions ?? []) as TokenPermission[]) {
      const { type, id, orgID } = p.resource;
      if (type !== 'buckets') {
        other.push(
          describePermission(
            `${p.action}:${orgID ? `orgs/${orgID}/` : ''}${type}${id ? `/${id}` : ''}`,
            client.orgNames,
          ),
        );
        continue;
      }
      // InfluxDB names buckets in permissions; a bucket without a name is gone.
      const access: V1BucketAccess = id
        ? {
            id,
            name: p.resource.name ?? `deleted bucket (${id})`,
            deleted: p.resource.name === undefined,
            mappings: inOrg.filter((m) => m.bucketID === id),
          }
        : { id: null, name: 'All buckets', deleted: false, mappings: [] };
      (p.action === 'read' ? read : write).push(access);
    }
    return {
      ...authorizationFacts(a, client),
      username: a.token,
      read,
      write,
      other,
      passwordEntryId: keys.get(`${connectionId}:${a.id ?? ''}`) ?? null,
      reviewBy: reviews[v1ReviewKey(a.id ?? '')] ?? null,
    };
  }

  /**
   * Rows for what `work` answers, with the mappings of every known org asked alongside: one round
   * trip once the connection check has named the orgs; an org not known yet costs one more.
   */
  private async rows(
    connectionId: string,
    client: InfluxClient,
    work: Promise<V1Authorization[]>,
    unread: string[] = [],
  ): Promise<V1CredentialRow[]> {
    const [credentials, early] = await Promise.all([
      work,
      this.mappings(client, client.orgNames.keys(), unread),
      client.knowOrgs(),
    ]);
    // Read after the work: a password it saved is in the vault by now.
    const keys = await this.vault.keys('v1-password');
    const missing = credentials.map((a) => a.orgID ?? '').filter((org) => !early.has(org));
    const mappings = missing.length ? new Map([...early, ...(await this.mappings(client, missing, unread))]) : early;
    const reviews = this.profiles.reviewsOf(connectionId);
    return credentials.map((a) => this.row(client, a, keys, connectionId, mappings, reviews));
  }

  private async rowOf(
    connectionId: string,
    client: InfluxClient,
    work: Promise<V1Authorization>,
  ): Promise<V1CredentialRow> {
    const [row] = await this.rows(
      connectionId,
      client,
      work.then((a) => [a]),
    );
    return row as V1CredentialRow;
  }

  async list(connectionId: string): Promise<V1CredentialList> {
    const client = await this.client(connectionId);
    const unread: string[] = [];
    const rows = await this.rows(connectionId, client, listV1(client), unread);
    this.profiles.pruneReviews(connectionId, new Set(rows.map((r) => v1ReviewKey(r.id))), 'v1');
    return { rows, unread };
  }

  /** An org's buckets with the names 1.x clients reach them by: the create dialog's picker. */
  async buckets(connectionId: string, orgID: string): Promise<V1BucketChoice[]> {
    const client = await this.client(connectionId);
    const [{ buckets }, mappings] = await Promise.all([client.resourcesOf(orgID), listDbrps(client, orgID)]);
    return buckets.map((b) => ({ ...b, mappings: mappings.filter((m) => m.bucketID === b.id) }));
  }

  createMapping(input: CreateDbrpInput): Promise<DbrpMapping> {
    return this.client(input.connectionId).then((client) => createDbrp(client, input));
  }

  private async savePassword(
    connectionId: string,
    client: InfluxClient,
    a: V1Authorization,
    password: string,
    source: VaultSource,
  ): Promise<VaultOutcome> {
    const { name } = this.profiles.get(connectionId);
    const entry = entryFromAuthorization({ id: connectionId, name }, client, a, source);
    const login = { kind: 'v1-password' as const, login: a.token };
    return keepSecret(this.vault, this.log, { ...entry, ...login }, password, 'before-sending');
  }

  /** The password set on the server, with the vault kept in step: saved first, taken back if the server refuses. */
  private async applyPassword(
    connectionId: string,
    client: InfluxClient,
    a: V1Authorization,
    choice: V1PasswordChoice,
    source: VaultSource,
    /** A new credential is deleted again when its password fails, so its password need not be kept. */
    keepIfUnsure = true,
  ): Promise<VaultOutcome & { password: string }> {
    const password = choice.kind === 'generate' ? generatePassword() : choice.value;
    const vault = await this.savePassword(connectionId, client, a, password, source);
    await setV1Password(client, a.id ?? '', password).catch(async (error: unknown) => {
      if (keepIfUnsure) return settleUnsent(this.vault, vault, error, 'the new password');
      if (vault.saved) await this.vault.remove(vault.entryId).catch(() => undefined);
      throw error;
    });
    return { ...(await handToTeam(this.vault, vault, password)), password };
  }

  /**
   * A create whose answer was lost may have made the credential, without a password: found by its
   * username (unique), it is deleted again as a failed password would have it, and the person told.
   */
  private async lostCreate(client: InfluxClient, username: string, error: unknown): Promise<never> {
    if (certainlyRefused(error) || !(error instanceof TokenDeskError)) throw error;
    const made = await listV1(client).then(
      (all) => all.find((a) => a.token === username),
      () => undefined,
    );
    if (!made) throw error;
    const undone = await deleteV1(client, made.id ?? '').then(
      () => true,
      () => false,
    );
    throw new TokenDeskError(
      'CREATE_INTERRUPTED',
      undone
        ? `${error.message} The server made “${username}” anyway, without a password; it was deleted again. ` +
            'Create it again.'
        : `${error.message} The server made “${username}” anyway, without a password, and deleting it failed: ` +
            'delete it from the list, then create it again.',
      { orphans: made.id ?? '' },
    );
  }

  async create(input: CreateV1Input): Promise<V1PasswordSet> {
    const problem = loginProblem(input.username);
    if (problem) throw new TokenDeskError('VALIDATION', problem);
    const client = await this.client(input.connectionId);
    const bucket =
      (action: 'read' | 'write') =>
      (id: string): TokenPermission => ({ action, resource: { type: 'buckets', id, orgID: input.orgID } });
    const permissions = [...input.read.map(bucket('read')), ...input.write.map(bucket('write'))];
    // The influx CLI asks whether the username is taken first; the server refuses a taken one (422)
    // before creating anything, so its answer alone says the same, one round trip sooner.
    const [created] = await Promise.all([
      createV1(client, {
        token: input.username,
        orgID: input.orgID,
        description: input.description.trim(),
        permissions,
      }).catch((error: unknown) => {
        if (error instanceof InfluxRequestError && error.reason.influxMessage === 'token already exists') {
          throw new TokenDeskError(
            'VALIDATION',
            `The username “${input.username}” is taken on this server: v1 usernames are unique across all ` +
              `organizations. Choose another.`,
          );
        }
        return this.lostCreate(client, input.username, error);
      }),
      client.knowOrgs(input.orgID),
    ]);
    // Before its row is built: the row shows the policy's date. A create undone below takes it back.
    const review = defaultReviewBy(
      input.write.length > 0,
      this.profiles.get(input.connectionId).reviewPolicy,
      dayOf(new Date()),
    );
    if (review) this.profiles.setReview(input.connectionId, v1ReviewKey(created.id ?? ''), review);
    const applied = this.applyPassword(input.connectionId, client, created, input.password, { kind: 'created' }, false);
    // The row's names are asked while the password is set; a failure there is the password's, handled below.
    const row = this.rowOf(
      input.connectionId,
      client,
      applied.then(() => created),
    );
    row.catch(() => undefined);
    let set: VaultOutcome & { password: string };
    try {
      set = await applied;
    } catch (error) {
      // As the CLI does: a credential whose password could not be set is deleted again, not left half-made.
      const undone = await deleteV1(client, created.id ?? '').then(
        () => true,
        () => false,
      );
      if (undone) this.profiles.setReview(input.connectionId, v1ReviewKey(created.id ?? ''), null);
      const why = error instanceof TokenDeskError ? error.message : 'the password could not be set';
      this.log.warn('v1.create-undone', { undone });
      throw new TokenDeskError(
        error instanceof TokenDeskError ? error.code : 'INTERNAL',
        undone
          ? `The password was refused, so the new credential “${input.username}” was deleted again; nothing was ` +
              `left behind. ${why}`
          : `The password was refused, and the new credential “${input.username}” (${created.id ?? ''}) ` +
              `could not be deleted again: delete it from the list. ${why}`,
      );
    }
    this.log.info('v1.created', { vault: set.saved });
    const { password, ...vault } = set;
    return { credential: await row, password, vault };
  }

  async setPassword(connectionId: string, id: string, choice: V1PasswordChoice): Promise<V1PasswordSet> {
    const client = await this.client(connectionId);
    const current = await getV1(client, id).catch(credentialGone);
    const before = (await this.vault.list()).filter(
      (e) => e.kind === 'v1-password' && e.connectionId === connectionId && e.authorizationId === id,
    );
    const applied = this.applyPassword(connectionId, client, current, choice, { kind: 'password-set' });
    // The old passwords no longer open anything: their entries go before the row reads the vault.
    const done = applied.then(async () => {
      for (const old of before) await this.vault.remove(old.id).catch(() => undefined);
      return current;
    });
    const [{ password, ...vault }, credential] = await Promise.all([applied, this.rowOf(connectionId, client, done)]);
    this.log.info('v1.password-set', { vault: vault.saved });
    return { credential, password, vault };
  }

  async update(
    connectionId: string,
    id: string,
    change: { status?: 'active' | 'inactive'; description?: string },
  ): Promise<V1CredentialRow> {
    const client = await this.client(connectionId);
    return this.rowOf(
      connectionId,
      client,
      patchV1(client, id, change).catch(async (error: unknown) => {
        if (certainlyRefused(error)) return credentialGone(error);
        // The answer was lost or broken: read the credential back; if it holds the change, it was made.
        const now = await getV1(client, id).catch(() => null);
        const held =
          now !== null &&
          (change.status === undefined || now.status === change.status) &&
          (change.description === undefined || now.description === change.description);
        if (held) return now;
        throw error;
      }),
    );
  }

  /** A delete whose answer was lost is read back: gone means done, whatever the answer said. */
  async remove(connectionId: string, id: string): Promise<void> {
    const client = await this.client(connectionId);
    await deleteV1(client, id).catch(async (error: unknown) => {
      if (certainlyRefused(error)) return credentialGone(error);
      const stillThere = await getV1(client, id).then(
        () => true,
        (check: unknown) => !(check instanceof InfluxRequestError && check.reason.status === 404),
      );
      if (stillThere) throw error;
    });
  }

  private async knownPassword(connectionId: string, id: string): Promise<string> {
    const entryId = (await this.vault.keys('v1-password')).get(`${connectionId}:${id}`);
    if (!entryId)
      throw new TokenDeskError(
        'VALIDATION',
        'Token Desk does not know this credential’s password: type it to check it, or set a new one.',
      );
    return this.vault.reveal(entryId);
  }

  /** Logs in as a 1.x client would and runs SHOW DATABASES; changes nothing. */
  async check(connectionId: string, id: string, typed?: string): Promise<V1CheckResult> {
    const client = await this.client(connectionId);
    const credential = await getV1(client, id).catch(credentialGone);
    const password = typed ?? (await this.knownPassword(connectionId, id));
    try {
      const databases = await showDatabasesAs(client, credential.token, password);
      const listed = databases.length ? `: ${databases.join(', ')}` : ', so it can read no bucket yet';
      return {
        works: true,
        message:
          `Works: InfluxDB let “${credential.token}” in, and SHOW DATABASES listed ${databases.length} ` +
          `${databases.length === 1 ? 'database' : 'databases'}${listed}.`,
        databases,
      };
    } catch (error) {
      if (!(error instanceof InfluxRequestError) || error.reason.status !== 401) throw error;
      const message =
        credential.status === 'inactive'
          ? `Refused: “${credential.token}” is inactive. Activate it for 1.x clients to log in again.`
          : `Refused: InfluxDB did not let “${credential.token}” in with ` +
            `${typed === undefined ? 'the password in the vault' : 'that password'}. The password is wrong or was ` +
            `never set, or the credential's user is inactive; set a new password to fix it.`;
      return { works: false, message, databases: [] };
    }
  }

  /** Copies the credential as a 1.x client uses it, with the vault's password filled in; the page never sees it. */
  async copySnippet(
    connectionId: string,
    id: string,
    format: V1SnippetFormat,
    database: string,
  ): Promise<number | null> {
    const client = await this.client(connectionId);
    const credential = await getV1(client, id).catch(credentialGone);
    const password = await this.knownPassword(connectionId, id);
    return this.clipboard.copy(
      v1Snippet(format, { url: client.target.url, username: credential.token, database, password }),
      true,
    );
  }
}
