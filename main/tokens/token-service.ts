/**
 * Everything done to tokens: list, inspect, generate, clone, rotate, activate/deactivate, describe,
 * delete. Every value InfluxDB returns at creation goes to the vault before it is handed back.
 */
import type { Authorization } from '@influxdata/influxdb-client-apis';
import { TokenDeskError } from '$contract/errors';
import type { TokenPermission } from '$contract/permissions';
import { productProfile, type ProductKind } from '$contract/products';
import { dayOf, defaultReviewBy, defaultReviewPolicy } from '$contract/review';
import { kindsOf, tokenKinds } from '$contract/token-kinds';
import type {
  CreatedToken,
  CreateTokenInput,
  OrgResources,
  ReplacementPreview,
  TokenDetail,
  TokenList,
  TokenRow,
} from '$contract/tokens';
import { diffPermissions, permissionWords } from '$contract/permission-diff';
import type { VaultOutcome, VaultSource } from '$contract/vault';
import { authorizationFacts } from '../influx/authorization-facts';
import type { InfluxClient } from '../influx/client';
import type { InfluxClients } from '../influx/clients';
import { describePermission } from '../influx/errors';
import { cliEquivalent, curlEquivalent, postable } from '../influx/equivalents';
import { holdsAll } from '../influx/permissions';
import { probe } from '../influx/probe';
import { dependencySources, dependentsByToken, dependentsOf } from './dependents';
import { selfCandidates } from './self-token';
import { findLostCreate, lostCreateError, mayHaveCreated, type CreateRequest } from './lost-create';
import {
  buildPermissions,
  classify,
  cloneDescription,
  generatedDescription,
  needsResourceTypes,
  rotatedDescription,
} from '../influx/token-kinds';
import type { Logger } from '../log/logger';
import type { ConnectionProfiles } from '../profiles/profiles';
import { entryFromAuthorization } from '../vault/entry-from-authorization';
import { keepSecret } from '../vault/keep-secret';
import type { Vault } from '../vault/vault';
import { sha256Hex } from '../secrets/digests';

export class TokenService {
  /** By connection: the SHA-256 of each value the last list returned (OSS ≤ 2.7) → its token's ID. */
  private readonly readable = new Map<string, Map<string, string>>();

  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly clients: InfluxClients,
    private readonly vault: Vault,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private client(connectionId: string, fresh = false): Promise<InfluxClient> {
    return this.clients.forConnection(connectionId, { fresh });
  }

  private row(
    a: Authorization,
    vaultKeys: ReadonlyMap<string, string>,
    connectionId: string,
    client: InfluxClient,
    reviews = this.profiles.reviewsOf(connectionId),
  ): TokenRow {
    const key = `${connectionId}:${a.id ?? ''}`;
    const permissions = (a.permissions ?? []) as TokenPermission[];
    const { kind, summary } = classify(permissions);
    const entry = vaultKeys.get(key);
    // Added to the facts object in place, in one fixed order: a spread or a second object cost tens of ms at 10,000
    // rows.
    const row = authorizationFacts(a, client) as TokenRow;
    row.permissions = permissions;
    row.kind = kind;
    row.summary = summary;
    row.inVault = entry !== undefined;
    row.vaultEntryId = entry ?? null;
    row.reviewBy = reviews[row.id] ?? null;
    return row;
  }

  /** The token whose value (as OSS ≤ 2.7 returned it in the last list) has this SHA-256; null when none. */
  readableTokenOf(connectionId: string, sha256: string): string | null {
    return this.readable.get(connectionId)?.get(sha256) ?? null;
  }

  /** Every token the connection's token can see, in every org it can see (all orgs for an operator). */
  async list(connectionId: string, refresh = false): Promise<TokenList> {
    const client = await this.client(connectionId, refresh);
    // One round trip: the list, with the product and org names asked alongside only when not known.
    // What uses the tokens (Telegraf configurations, Cloud tasks) is asked alongside, in the orgs already known.
    const [authorizations, product, keys, , sources] = await Promise.all([
      client.listAuthorizations(),
      client.product(),
      this.vault.keys(),
      client.knowOrgs(),
      dependencySources(client, client.orgNames.keys()),
    ]);
    const reviews = this.profiles.reviewsOf(connectionId);
    const rows = authorizations.map((a) => this.row(a, keys, connectionId, client, reviews));
    if (Object.keys(reviews).length) this.profiles.pruneReviews(connectionId, new Set(rows.map((r) => r.id)));
    const valuesReadable =
      productProfile(product).valuesMayBeReadable &&
      authorizations.some((a) => typeof a.token === 'string' && a.token.length > 0);
    const dependents = dependentsByToken(authorizations, sources);
    // Digests only, never the values: what "which token is this?" matches a pasted value against.
    this.readable.set(
      connectionId,
      new Map(
        valuesReadable
          ? authorizations.flatMap((a) => (a.token && a.id ? [[sha256Hex(a.token), a.id] as const] : []))
          : [],
      ),
    );
    return {
      rows,
      product,
      valuesReadable,
      ...(await this.selfOf(connectionId, client, authorizations, product)),
      dependents,
      dependentsUnread: sources.unread,
    };
  }

  /**
   * The token this connection uses: its value read back (OSS ≤ 2.7), Cloud's token filter, the
   * vault's fingerprint of the value, what the user said, or the one token that can be it; remembered
   * once found. While it is not known, the tokens that may be it.
   */
  private async selfOf(
    connectionId: string,
    client: InfluxClient,
    authorizations: Authorization[],
    product: ProductKind,
  ): Promise<Pick<TokenList, 'selfTokenId' | 'selfCandidates'>> {
    const stored = this.profiles.list().find((c) => c.id === connectionId)?.selfTokenId ?? null;
    const found =
      authorizations.find((a) => a.token === client.target.token)?.id ??
      client.facts.selfId ??
      (await this.vault.authorizationOf(connectionId, client.target.token));
    const selfTokenId = found ?? stored;
    if (selfTokenId) {
      if (found && found !== stored) this.profiles.setSelfToken(connectionId, found);
      return { selfTokenId, selfCandidates: [] };
    }
    // Cloud's check finds it by the token filter; inferring there would cost every list a round trip.
    if (productProfile(product).selfPermissionsByTokenFilter) return { selfTokenId: null, selfCandidates: [] };
    const me = await client.whoami().catch(() => null);
    const candidates = selfCandidates(authorizations, me?.id || null);
    const [only] = candidates;
    if (candidates.length !== 1 || !only) return { selfTokenId: null, selfCandidates: candidates };
    this.profiles.setSelfToken(connectionId, only);
    return { selfTokenId: only, selfCandidates: [] };
  }

  /** Sets or clears a token's review date; answers its connection, whose count of due reviews changed. */
  /** The user says which token this connection uses (when the server cannot tell). */
  markSelf(connectionId: string, id: string | null) {
    return this.profiles.setSelfToken(connectionId, id);
  }

  async resources(connectionId: string, orgID: string): Promise<OrgResources> {
    const client = await this.client(connectionId);
    const [found, types, me] = await Promise.all([client.resourcesOf(orgID), client.types(), client.whoami()]);
    return { orgID, ...found, types, me };
  }

  /** One round trip: the token and the names in its org (the org the list showed it in) at once. */
  async detail(connectionId: string, id: string, orgHint?: string): Promise<TokenDetail> {
    const client = await this.client(connectionId);
    const names = (orgID: string) => client.resourcesOf(orgID).catch(() => null);
    const [auth, keys, hinted, , product, sources] = await Promise.all([
      client.getAuthorization(id),
      this.vault.keys(),
      orgHint ? names(orgHint) : null,
      client.knowOrgs(orgHint),
      client.product(),
      orgHint ? dependencySources(client, [orgHint]) : null,
    ]);
    const token = this.row(auth, keys, connectionId, client);
    const deps = sources && orgHint === token.orgID ? sources : await dependencySources(client, [token.orgID]);
    const selfId = this.profiles.list().find((c) => c.id === connectionId)?.selfTokenId ?? client.facts.selfId;
    const known = orgHint === token.orgID ? hinted : await names(token.orgID);
    const lookup: Record<string, { id: string; name: string }[]> = known ?? {};
    const groups = new Map<string, TokenDetail['groups'][number]['entries']>();
    for (const p of token.permissions) {
      const { type, id: itemId, orgID } = p.resource;
      let scope: string;
      let deleted = false;
      if (itemId === undefined)
        scope = orgID !== undefined ? `all in org ${client.orgNames.get(orgID) ?? orgID}` : 'all, in every org';
      else {
        const list = lookup[type];
        const name = p.resource.name ?? list?.find((item) => item.id === itemId)?.name;
        // Buckets, orgs and users get names from the server; others are looked up. No name: gone.
        deleted = name === undefined && (list !== undefined || ['buckets', 'orgs', 'users'].includes(type));
        scope = name ?? (deleted ? `deleted resource (${itemId})` : itemId);
      }
      groups.set(type, [...(groups.get(type) ?? []), { action: p.action, scope, deleted }]);
    }
    const { token: _hidden, ...visible } = auth;
    return {
      token,
      dependents: dependentsOf(auth, deps),
      dependentsUnread: deps.unread,
      // OSS tasks never use a token: they run as their owner, so they hang on the owner instead.
      ownerTasks:
        product === 'oss'
          ? deps.tasks.filter((t) => t.ownerID === token.userID).map((t) => ({ name: t.name, active: t.active }))
          : null,
      self: selfId === token.id,
      groups: [...groups.entries()].map(([type, entries]) => ({ type, entries })),
      json: JSON.stringify(visible, null, 2),
      cli: cliEquivalent(token),
      curl: curlEquivalent(client.target.url, token),
    };
  }

  /**
   * What InfluxDB would refuse, found up front (the server's answer still wins). Answers the refusal
   * to raise, as a function: its words name orgs, known only once the names asked alongside arrive.
   */
  private async precheck(
    client: InfluxClient,
    orgID: string,
    permissions: TokenPermission[],
    product: ProductKind,
  ): Promise<(() => TokenDeskError) | null> {
    if (productProfile(product).selfPermissionsByTokenFilter) {
      const own = (await client.listAuthorizations({ token: client.target.token }))[0];
      const missing = own?.permissions
        ? permissions.find((p) => !holdsAll(own.permissions as TokenPermission[], [p]))
        : undefined;
      return missing ? () => this.cannotGrant(`${missing.action}:${missing.resource.type}`, client) : null;
    }
    const result = await probe(client, orgID, permissions);
    if (result.kind === 'cannot-create') {
      return () =>
        new TokenDeskError(
          'UNAUTHORIZED',
          `This connection's token cannot create tokens here: it lacks ` +
            `${describePermission(result.missing, client.orgNames)}.`,
        );
    }
    return result.kind === 'missing' ? () => this.cannotGrant(result.permission, client) : null;
  }

  private cannotGrant(permission: string, client: InfluxClient): TokenDeskError {
    return new TokenDeskError(
      'FORBIDDEN',
      `This connection's token does not hold ${describePermission(permission, client.orgNames)}, so it cannot ` +
        `grant it: a token can only grant what it holds. Use a connection with more rights, or leave that ` +
        `permission out.`,
    );
  }

  private async toVault(
    connectionId: string,
    client: InfluxClient,
    created: Authorization,
    source: VaultSource,
    save: boolean,
  ): Promise<VaultOutcome> {
    if (!save) return { saved: false, reason: 'You chose not to save this value in the vault.' };
    const { name } = this.profiles.get(connectionId);
    return keepSecret(
      this.vault,
      this.log,
      entryFromAuthorization({ id: connectionId, name }, client, created, source),
      created.token ?? '',
    );
  }

  private async lostCreate(
    client: InfluxClient,
    body: CreateRequest,
    started: Date,
    cause: TokenDeskError,
  ): Promise<TokenDeskError> {
    const found = await findLostCreate(client, body, started).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    this.log.warn('token.create-interrupted', { cause: cause.code, found: found instanceof Error ? -1 : found.length });
    return lostCreateError(cause, found);
  }

  private async post(
    client: InfluxClient,
    connectionId: string,
    body: {
      orgID: string;
      userID?: string;
      description: string;
      status: 'active' | 'inactive';
      permissions: TokenPermission[];
    },
    source: VaultSource,
    saveToVault: boolean,
    reviewBy?: string | null,
  ): Promise<CreatedToken> {
    const started = this.now();
    const created = await client.createAuthorization(body).catch(async (error: unknown) => {
      throw mayHaveCreated(error) ? await this.lostCreate(client, body, started, error as TokenDeskError) : error;
    });
    // An answer without a value is a broken create, not a success: nothing "" is saved or shown.
    if (typeof created.token !== 'string' || created.token.length === 0 || created.token === 'redacted') {
      throw await this.lostCreate(
        client,
        body,
        started,
        new TokenDeskError('BAD_RESPONSE', 'InfluxDB answered without the new token’s value.'),
      );
    }
    const value = created.token;
    // A review date as asked, or from the connection's policy (InfluxDB 2.x tokens never expire).
    const policy = this.profiles.list().find((c) => c.id === connectionId)?.reviewPolicy ?? defaultReviewPolicy;
    const review =
      reviewBy !== undefined
        ? reviewBy
        : defaultReviewBy(
            body.permissions.some((p) => p.action === 'write'),
            policy,
            dayOf(this.now()),
          );
    if (review) this.profiles.setReview(connectionId, created.id ?? '', review);
    // The value is kept before anyone sees it: no creation can lose it.
    const vault = await this.toVault(connectionId, client, created, source, saveToVault);
    const keys = new Map(vault.saved ? [[`${connectionId}:${created.id ?? ''}`, vault.entryId]] : []);
    this.log.info('token.created', { source: source.kind, vault: vault.saved });
    return { token: this.row(created, keys, connectionId, client), value, vault };
  }

  async create(input: CreateTokenInput): Promise<CreatedToken> {
    const client = await this.client(input.connectionId);
    // Known after the connection check; asked together on a miss.
    const [me, product, types] = await Promise.all([
      client.whoami(),
      client.product(),
      needsResourceTypes(input.spec.kind) ? client.types() : [],
    ]);
    if (!kindsOf(product).includes(input.spec.kind)) {
      const offered = kindsOf(product)
        .map((k) => tokenKinds[k].label)
        .join(', ');
      throw new TokenDeskError(
        'FORBIDDEN',
        `${productProfile(product).label} has no ${tokenKinds[input.spec.kind].label.toLowerCase()} tokens. Choose ` +
          `one of: ${offered}.`,
      );
    }
    const userID = input.userID ?? me.id;
    const permissions = buildPermissions(input.spec, { types, orgID: input.orgID, userID });
    if (permissions.length === 0) throw new TokenDeskError('VALIDATION', 'Choose at least one permission.');
    let description = input.description.trim();
    // The up-front check and, for a blank description, the names it is made of: one round trip.
    const [refusal, known] = await Promise.all([
      this.precheck(client, input.orgID, permissions, product),
      description ? null : client.resourcesOf(input.orgID).catch(() => null),
      client.knowOrgs(input.orgID),
    ]);
    if (refusal) throw refusal();
    if (!description) {
      const names = new Map<string, string>([
        ...(known ? Object.values(known).flat() : []).map((i): [string, string] => [i.id, i.name]),
      ]);
      description = generatedDescription(permissions, (p) => (p.resource.id ? names.get(p.resource.id) : undefined));
    }
    if (input.replaces && !description.includes(input.replaces))
      description = `${description} (replaces ${input.replaces})`;
    const source: VaultSource = input.replaces ? { kind: 'replaced', from: input.replaces } : { kind: 'created' };
    const made = await this.post(
      client,
      input.connectionId,
      {
        orgID: input.orgID,
        ...(input.userID ? { userID: input.userID } : {}),
        description,
        status: input.status,
        permissions,
      },
      source,
      input.saveToVault,
      input.reviewBy,
    );
    // The vault links the replaced token to its replacement at once, whatever is done with the old one.
    if (input.replaces)
      await this.vault.linkRotation(input.connectionId, input.replaces, made.token.id).catch(() => undefined);
    return made;
  }

  /**
   * What replacing a token with these choices changes, in words, and whether InfluxDB would refuse
   * it (checked up front as generation does); nothing is created.
   */
  async previewReplacement(input: CreateTokenInput & { replaces: string }): Promise<ReplacementPreview> {
    const client = await this.client(input.connectionId);
    const [old, me, product, types, names] = await Promise.all([
      client.getAuthorization(input.replaces),
      client.whoami(),
      client.product(),
      needsResourceTypes(input.spec.kind) ? client.types() : [],
      client.resourcesOf(input.orgID).catch(() => null),
      client.knowOrgs(input.orgID),
    ]);
    const next = buildPermissions(input.spec, { types, orgID: input.orgID, userID: input.userID ?? me.id });
    if (next.length === 0) throw new TokenDeskError('VALIDATION', 'Choose at least one permission.');
    const refusal = await this.precheck(client, input.orgID, next, product);
    if (refusal) throw refusal();
    const byId = new Map((names ? Object.values(names).flat() : []).map((i) => [i.id, i.name]));
    const words = (p: TokenPermission) =>
      permissionWords(
        p,
        (id) => byId.get(id),
        (id) => client.orgNames.get(id),
      );
    const diff = diffPermissions(((old.permissions ?? []) as TokenPermission[]).map(postable), next);
    return { added: diff.added.map(words), removed: diff.removed.map(words), kept: diff.kept };
  }

  /** Same permissions and user, the UI's "(cloned at …)" description. */
  async clone(connectionId: string, id: string, saveToVault: boolean, source?: VaultSource): Promise<CreatedToken> {
    const client = await this.client(connectionId);
    const original = await client.getAuthorization(id);
    // A rotation's twin is told apart from the token it replaces: "(rotated 2026-11-29)".
    const description =
      source?.kind === 'rotated'
        ? rotatedDescription(original.description ?? '', this.now())
        : cloneDescription(original.description ?? '', this.now());
    return this.post(
      client,
      connectionId,
      {
        orgID: original.orgID ?? '',
        ...(original.userID ? { userID: original.userID } : {}),
        description,
        status: 'active',
        permissions: ((original.permissions ?? []) as TokenPermission[]).map(postable),
      },
      source ?? { kind: 'cloned', from: id },
      saveToVault,
    );
  }

  /**
   * The same permissions owned by another user (a service user), saved to the vault; the old token
   * stays until retired like a rotation's. A permission on the old owner itself follows the owner.
   */
  async reissue(connectionId: string, id: string, userID: string): Promise<CreatedToken> {
    const client = await this.client(connectionId);
    const [original, owner] = await Promise.all([client.getAuthorization(id), client.user(userID)]);
    const permissions = ((original.permissions ?? []) as TokenPermission[]).map((p) =>
      p.resource.type === 'users' && p.resource.id === original.userID
        ? { ...p, resource: { ...p.resource, id: userID } }
        : p,
    );
    const description =
      `${(original.description ?? '').replace(/ \(re-issued for [^)]*\)$/, '')} (re-issued for ` + `${owner.name})`;
    return this.post(
      client,
      connectionId,
      { orgID: original.orgID ?? '', userID, description, status: 'active', permissions: permissions.map(postable) },
      { kind: 'reissued', from: id },
      true,
    );
  }

  /** Rotation, step one: a twin with a new value, saved to the vault. The old one stays until confirmed. */
  rotate(connectionId: string, id: string): Promise<CreatedToken> {
    return this.clone(connectionId, id, true, { kind: 'rotated', from: id });
  }

  /** Rotation, step two: retire the old token and link old → new in the vault. */
  async finishRotation(
    connectionId: string,
    oldId: string,
    newId: string,
    retire: 'deactivate' | 'delete',
  ): Promise<void> {
    const client = await this.client(connectionId);
    if (retire === 'delete') await client.deleteAuthorization(oldId);
    else await client.patchAuthorization(oldId, { status: 'inactive' });
    if (retire === 'delete') this.profiles.setReview(connectionId, oldId, null);
    await this.vault.linkRotation(connectionId, oldId, newId).catch(() => undefined);
  }

  async update(
    connectionId: string,
    id: string,
    change: { status?: 'active' | 'inactive'; description?: string },
  ): Promise<TokenRow> {
    const client = await this.client(connectionId);
    const [updated, keys] = await Promise.all([client.patchAuthorization(id, change), this.vault.keys()]);
    return this.row(updated, keys, connectionId, client);
  }

  async remove(connectionId: string, id: string): Promise<void> {
    const client = await this.client(connectionId);
    await client.deleteAuthorization(id);
    this.profiles.setReview(connectionId, id, null);
  }
}
