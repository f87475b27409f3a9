/**
 * InfluxDB 3 Core and Enterprise tokens: list them (system.tokens) with the vault's values matched by
 * hash, create admin and (Enterprise) database and system tokens with an expiry, regenerate the
 * operator token (replacing the connection's own stored token when it is `_admin`), rotate (a new
 * token with the same permissions and a fresh expiry), delete. Every string goes to the vault first.
 */
import { sameSha512, sha512Hex } from '../secrets/digests';
import { TokenDeskError } from '$contract/errors';
import type { VaultOutcome, VaultSource } from '$contract/vault';
import {
  v3KindOf,
  v3PermissionText,
  v3Summary,
  type CreatedV3Token,
  type V3Permission,
  type V3TokenList,
  type V3TokenRow,
} from '$contract/v3-tokens';
import type { CreateV3TokenInput } from '$contract/v3-schemas';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import {
  createV3Admin,
  createV3FirstAdmin,
  createV3Resource,
  deleteV3Token,
  listV3Databases,
  listV3Tokens,
  parseV3Permissions,
  regenerateV3Admin,
  type CreatedV3,
  type V3TokenRecord,
} from '../influx/v3-api';
import { InfluxRequestError } from '../influx/errors';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { Vault } from '../vault/vault';
import { certainlyRefused, keepSecret } from '../vault/keep-secret';
import { rotatedDescription } from '../influx/token-kinds';

const ADMIN = '*:*:*';

export class V3TokenService {
  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private rows(records: V3TokenRecord[], matches: { entryId: string; sha512: string }[]): V3TokenRow[] {
    const names = new Map(records.map((r) => [r.id, r.name]));
    const at = this.now().getTime();
    return records.map((r) => ({
      id: String(r.id),
      name: r.name,
      kind: v3KindOf(r.name, r.permissions),
      permissions: r.permissions,
      summary: v3Summary(r.permissions),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      expiry: r.expiry,
      expired: r.expiry !== null && Date.parse(r.expiry) <= at,
      createdBy: r.createdBy === null ? null : (names.get(r.createdBy) ?? `#${r.createdBy}`),
      hash: r.hash,
      // The server keeps the start of each string's SHA-512: a stored value whose hash starts so is that token's.
      vaultEntryId: r.hash ? (matches.find((m) => sameSha512(m.sha512, r.hash))?.entryId ?? null) : null,
    }));
  }

  /** One round trip: the tokens and the databases at once. */
  async list(connectionId: string): Promise<V3TokenList> {
    const client = await this.clients.forConnection(connectionId);
    const [records, databases, matches] = await Promise.all([
      listV3Tokens(client),
      listV3Databases(client).catch(() => []),
      this.vault.sha512Of(connectionId),
    ]);
    const own = sha512Hex(client.target.token);
    const self = records.find((r) => r.hash !== '' && own.startsWith(r.hash));
    return { rows: this.rows(records, matches), databases, selfTokenId: self ? String(self.id) : null };
  }

  private async toVault(
    connectionId: string,
    client: InfluxClient,
    made: CreatedV3,
    source: VaultSource,
    save: boolean,
  ): Promise<VaultOutcome> {
    if (!save) return { saved: false, reason: 'You chose not to save this value in the vault.' };
    const connectionName = this.profiles.get(connectionId).name;
    return keepSecret(
      this.vault,
      this.log,
      {
        connectionId,
        connectionName,
        instanceUrl: client.target.url,
        orgID: '',
        orgName: '',
        authorizationId: String(made.id),
        userName: '',
        description: made.name,
        permissions: [],
        source,
      },
      made.token,
    );
  }

  /**
   * The row of a token just made, from the answer that made it (no second round trip): the page
   * lists the tokens again afterwards, with who made it.
   */
  private async made(
    connectionId: string,
    client: InfluxClient,
    made: CreatedV3,
    permissions: string,
    source: VaultSource,
    save: boolean,
    connectionUpdated = false,
  ): Promise<CreatedV3Token> {
    // The string is kept before anyone sees it.
    const vault = await this.toVault(connectionId, client, made, source, save);
    const regenerated = source.kind === 'rotated' && made.name === '_admin';
    const record: V3TokenRecord = {
      id: made.id,
      name: made.name,
      hash: sha512Hex(made.token).slice(0, 9),
      createdAt: made.createdAt,
      updatedAt: regenerated ? this.now().toISOString() : null,
      expiry: made.expiry,
      permissions,
      createdBy: null,
    };
    const [token] = this.rows([record], await this.vault.sha512Of(connectionId));
    this.log.info('v3.token-made', { vault: vault.saved, source: source.kind });
    return { token: token as V3TokenRow, value: made.token, vault, connectionUpdated };
  }

  private taken(name: string) {
    return (error: unknown): never => {
      if (error instanceof InfluxRequestError && error.reason.status === 409)
        throw new TokenDeskError(
          'VALIDATION',
          `A token named “${name}” exists already on this server: names are unique across all tokens. Choose another.`,
        );
      throw error;
    };
  }

  /**
   * A create whose answer was lost or broken may have made the token: names are unique, so it is
   * looked up by name. Found, it is said (its string is lost: delete it and create another).
   */
  private async lostCreate(client: InfluxClient, name: string, error: unknown): Promise<never> {
    if (certainlyRefused(error) || !(error instanceof TokenDeskError)) throw error;
    const found = await listV3Tokens(client).then(
      (rows) => rows.find((r) => r.name === name),
      () => undefined,
    );
    if (!found) throw error;
    throw new TokenDeskError(
      'CREATE_INTERRUPTED',
      `${error.message} The server made “${name}” anyway, but its string was in the lost answer and cannot be read ` +
        'again: delete it and create another.',
      { orphans: name },
    );
  }

  async create(input: CreateV3TokenInput): Promise<CreatedV3Token> {
    const client = await this.clients.forConnection(input.connectionId);
    const made = await (
      input.permissions
        ? createV3Resource(client, input.name, input.expirySecs, input.permissions)
        : createV3Admin(client, input.name, input.expirySecs)
    )
      .catch(this.taken(input.name))
      .catch((error: unknown) => this.lostCreate(client, input.name, error));
    return this.made(
      input.connectionId,
      client,
      made,
      input.permissions ? input.permissions.map(v3PermissionText).join(';') : ADMIN,
      { kind: 'created' },
      input.saveToVault,
    );
  }

  /**
   * A new string for `_admin`; the old one stops working at once. A connection that used it gets the new one in the
   * same step.
   */
  async regenerate(connectionId: string): Promise<CreatedV3Token> {
    const client = await this.clients.forConnection(connectionId);
    const before = await listV3Tokens(client);
    const admin = before.find((r) => r.name === '_admin');
    const usedByConnection = admin !== undefined && sha512Hex(client.target.token).startsWith(admin.hash);
    const made = await regenerateV3Admin(client).catch((error: unknown) =>
      this.lostRegenerate(client, error, usedByConnection),
    );
    // The vault first, then the connection: whatever fails after this, the new string is kept.
    const vault = await this.toVault(connectionId, client, made, { kind: 'rotated', from: String(made.id) }, true);
    if (usedByConnection) await this.adopt(connectionId, made.token);
    // The old string no longer opens anything: what follows asks with the new one.
    const next = usedByConnection ? await this.clients.forConnection(connectionId) : client;
    return {
      ...(await this.made(
        connectionId,
        next,
        made,
        ADMIN,
        { kind: 'rotated', from: String(made.id) },
        false,
        usedByConnection,
      )),
      vault,
    };
  }

  /**
   * A regenerate whose answer did not arrive: if the old string no longer opens the server, the server
   * did regenerate, and the new string (shown only in that answer) is lost. Said plainly, with
   * InfluxDB 3's own ways back; never "failed" as if nothing changed. Always throws.
   */
  private async lostRegenerate(client: InfluxClient, error: unknown, usedByConnection: boolean): Promise<never> {
    if (certainlyRefused(error)) throw error;
    const oldStillWorks = await listV3Tokens(client).then(
      () => true,
      (check: unknown) => !(check instanceof InfluxRequestError && check.reason.status === 401),
    );
    if (oldStillWorks) throw error;
    throw new TokenDeskError(
      'CREATE_INTERRUPTED',
      'InfluxDB regenerated the operator token (_admin), but its answer, the only place the new string appears, ' +
        `was lost: the old string no longer works${usedByConnection ? ', and this connection used it' : ''}. ` +
        'To get a working _admin: if another admin token exists, connect with it and regenerate again; otherwise ' +
        'restart influxdb3 serve with --admin-token-recovery-http-bind (3.3 and later), send POST ' +
        '/api/v3/configure/token/admin/regenerate to that address (127.0.0.1:8182 by default) without a token, and ' +
        'put the string it answers into this connection; or start it with --admin-token-file (3.4 and later).',
    );
  }

  /** The connection keeps working: its stored token becomes the new string, stored where the old one was. */
  private async adopt(connectionId: string, token: string): Promise<void> {
    await this.profiles.replaceToken(connectionId, token);
    this.clients.factsOf(connectionId, true);
  }

  /** The first `_admin` of a server that has none yet; the connection then uses it. */
  async createFirstAdmin(connectionId: string): Promise<CreatedV3Token> {
    const client = await this.clients.forConnection(connectionId);
    const made = await createV3FirstAdmin(client).catch((error: unknown) => {
      if (error instanceof InfluxRequestError && error.reason.status === 409) {
        throw new TokenDeskError(
          'VALIDATION',
          'This server has an operator token (_admin) already: only its holder can make more. Edit the connection ' +
            'and give it that token, or an admin token made with it.',
        );
      }
      throw error;
    });
    // Vault first, then the connection: a failure after this point loses nothing.
    const vault = await this.toVault(connectionId, client, made, { kind: 'created' }, true);
    await this.adopt(connectionId, made.token);
    const fresh = await this.clients.forConnection(connectionId);
    const created = await this.made(connectionId, fresh, made, ADMIN, { kind: 'created' }, false, true);
    return { ...created, vault };
  }

  async remove(connectionId: string, name: string): Promise<void> {
    if (name === '_admin')
      throw new TokenDeskError('VALIDATION', 'The operator token _admin cannot be deleted: regenerate it instead.');
    const client = await this.clients.forConnection(connectionId);
    await deleteV3Token(client, name).catch(async (error: unknown) => {
      if (error instanceof InfluxRequestError && error.reason.status === 404)
        throw new TokenDeskError(
          'NOT_FOUND',
          `The token “${name}” no longer exists on the server: it was deleted meanwhile.`,
        );
      // A lost answer is read back: a token no longer listed was deleted, whatever the answer said.
      if (certainlyRefused(error)) throw error;
      const listed = await listV3Tokens(client).then(
        (tokens) => tokens.some((t) => t.name === name),
        () => true,
      );
      if (listed) throw error;
    });
  }

  /**
   * v3 tokens cannot be edited: a new one with the same permissions and a fresh expiry of the same length; the old one
   * is deleted afterwards.
   */
  async rotate(connectionId: string, id: string): Promise<CreatedV3Token> {
    const client = await this.clients.forConnection(connectionId);
    const old = (await listV3Tokens(client)).find((r) => String(r.id) === id);
    if (!old)
      throw new TokenDeskError('NOT_FOUND', 'That token no longer exists on the server: it was deleted meanwhile.');
    if (old.name === '_admin')
      throw new TokenDeskError(
        'VALIDATION',
        'The operator token is regenerated, not rotated: use “Regenerate operator token”.',
      );
    const name = rotatedDescription(old.name, this.now());
    const lifetime = old.expiry
      ? Math.max(60, Math.round((Date.parse(old.expiry) - Date.parse(old.createdAt)) / 1000))
      : null;
    const permissions: V3Permission[] | null = old.permissions === ADMIN ? null : parseV3Permissions(old.permissions);
    const made = await (
      permissions ? createV3Resource(client, name, lifetime, permissions) : createV3Admin(client, name, lifetime)
    ).catch(this.taken(name));
    return this.made(connectionId, client, made, old.permissions, { kind: 'rotated', from: id }, true);
  }
}
