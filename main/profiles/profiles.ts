/**
 * Connection profiles: kept in the settings file, each management token only as SecretBox
 * ciphertext (or in memory for this session when the user says so). Summaries for the renderer
 * carry where a token is, never the token.
 */
import { randomUUID } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { readSmallFile } from '../fs/read-small-file';
import {
  labelSaysProduction,
  type ConnectionDraft,
  type ConnectionSummary,
  type TokenStorage,
} from '$contract/connections';
import type { Retirement } from '$contract/credentials';
import { dayOf, type ReviewPolicy } from '$contract/review';
import { TokenDeskError } from '$contract/errors';
import type { InfluxTarget } from '../influx/target';
import { normaliseUrl } from '../influx/target';
import type { Logger } from '../log/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { StoredConnection } from '../settings/schema';
import type { SettingsService } from '../settings/settings-service';

/** What the profiles need of the vault: sealing with its passphrase key while it is unlocked. */
export interface PassphraseSealer {
  sealWithPassphrase(text: string, label: string): Promise<string | null>;
  openWithPassphrase(sealed: string, label: string): Promise<string>;
}

const VAULT_PREFIX = 'vault:';
const TOKEN_LABEL = 'token-desk/connection-token';
const V1_REVIEW = 'v1:';
/** A v1 credential's key among its connection's review dates (its ID is an authorization's, as tokens'). */
export const v1ReviewKey = (id: string): string => `${V1_REVIEW}${id}`;

export class ConnectionProfiles {
  /** Tokens the user chose not to remember: gone when Token Desk quits. */
  private readonly sessionTokens = new Map<string, string>();

  constructor(
    private readonly settings: SettingsService,
    private readonly box: SecretBox,
    private readonly log: Logger,
    private readonly newId: () => string = randomUUID,
    /** The vault, for tokens sealed with its passphrase where no OS key store protects anything. */
    private readonly passphrase: PassphraseSealer | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stored(): readonly StoredConnection[] {
    return this.settings.peek().connections;
  }

  private find(id: string): StoredConnection {
    const found = this.stored().find((c) => c.id === id);
    if (!found)
      throw new TokenDeskError(
        'NOT_FOUND',
        'That connection no longer exists. It may have been removed in another window.',
      );
    return found;
  }

  private tokenStorage(c: StoredConnection): TokenStorage {
    if (this.sessionTokens.has(c.id)) return 'session';
    return c.tokenCipher ? (c.tokenCipher.startsWith(VAULT_PREFIX) ? 'vault' : 'keystore') : 'none';
  }

  private summary(c: StoredConnection, selectedId: string | null): ConnectionSummary {
    const { tokenCipher: _cipher, orgHint: _hint, reviews, ...visible } = c;
    const today = dayOf(this.now());
    const reviewsDue = Object.values(reviews).filter((day) => day <= today).length;
    return { ...visible, reviewsDue, token: this.tokenStorage(c), selected: c.id === selectedId };
  }

  list(): ConnectionSummary[] {
    const { connections, lastConnectionId } = this.settings.peek();
    return connections.map((c) => this.summary(c, lastConnectionId));
  }

  /** One connection as the page sees it; NOT_FOUND when it was removed meanwhile. */
  get(id: string): ConnectionSummary {
    return this.summary(this.find(id), this.settings.peek().lastConnectionId);
  }

  /** The connection logs in with a new credential from now on (kept as its token was: sealed, or for the session). */
  async replaceToken(id: string, token: string): Promise<ConnectionSummary> {
    const c = this.get(id);
    const { name, url, org, environment, timeoutMs, tls } = c;
    return this.save({ id, name, url, org, environment, timeoutMs, tls, token, rememberToken: c.token !== 'session' });
  }

  private write(connections: StoredConnection[], lastConnectionId?: string | null): ConnectionSummary[] {
    this.settings.update({ connections, ...(lastConnectionId !== undefined ? { lastConnectionId } : {}) });
    return this.list();
  }

  /** A CA file must hold at least one PEM certificate; checked on save so a typo fails early. */
  private async readCa(path: string | null): Promise<string | null> {
    if (!path) return null;
    let pem: string;
    try {
      pem = await readSmallFile(path, 1024 * 1024);
    } catch (error) {
      const reason = error instanceof TokenDeskError ? ` ${error.message}` : '';
      throw new TokenDeskError(
        'CONNECTION_INVALID',
        `The CA certificate file ${path} cannot be read.${reason} Choose the file again.`,
      );
    }
    try {
      new X509Certificate(pem);
    } catch {
      throw new TokenDeskError(
        'CONNECTION_INVALID',
        `${path} does not hold a PEM certificate (-----BEGIN CERTIFICATE-----). Choose your CA's certificate in ` +
          `PEM format.`,
      );
    }
    return pem;
  }

  /**
   * Encrypts a token with the OS key store; where none protects anything, with the vault's
   * passphrase (the token then works while the vault is unlocked); else refuses in plain words.
   */
  async seal(token: string): Promise<string> {
    const status = await this.box.status();
    if (status.available) return Buffer.from(await this.box.encrypt(token)).toString('base64');
    const sealed = await this.passphrase?.sealWithPassphrase(token, TOKEN_LABEL);
    if (sealed) return `${VAULT_PREFIX}${sealed}`;
    throw new TokenDeskError(
      'SECRET_STORE_UNAVAILABLE',
      `${status.summary} Protect the vault with a passphrase to remember tokens with it, or untick “Remember the ` +
        `token” and Token Desk keeps it only until it quits.`,
      { backend: status.backend },
    );
  }

  private async openVaultSealed(what: string, sealed: string, again: string): Promise<string> {
    if (!this.passphrase)
      throw new TokenDeskError(
        'SECRET_STORE_UNAVAILABLE',
        `${what} is sealed with the vault's passphrase, which is not available.`,
      );
    try {
      return await this.passphrase.openWithPassphrase(sealed, TOKEN_LABEL);
    } catch (error) {
      if (error instanceof TokenDeskError && error.code === 'VAULT_LOCKED') {
        throw new TokenDeskError(
          'VAULT_LOCKED',
          `${what} is sealed with the vault's passphrase: unlock the vault (Vault screen) to use it.`,
        );
      }
      throw new TokenDeskError(
        'SECRET_STORE_UNAVAILABLE',
        `${what} cannot be opened with the vault's passphrase. ${again}`,
      );
    }
  }

  /** The vault's passphrase changed: tokens sealed with the old one are sealed with the new one. */
  async resealVaultTokens(reseal: (sealed: string, label: string) => string): Promise<void> {
    const connections = this.stored().map((c) =>
      c.tokenCipher?.startsWith(VAULT_PREFIX)
        ? { ...c, tokenCipher: `${VAULT_PREFIX}${reseal(c.tokenCipher.slice(VAULT_PREFIX.length), TOKEN_LABEL)}` }
        : c,
    );
    this.write(connections);
  }

  /**
   * A saved connection whose URL now points at another address keeps its stored token only when the
   * person says so: otherwise an edited URL would send the token to a host it was never meant for.
   */
  private guardStoredToken(draft: ConnectionDraft, existing: StoredConnection | null, url: string): void {
    if (!existing || draft.token !== undefined) return;
    const from = new URL(existing.url).origin;
    const to = new URL(url).origin;
    if (from === to || draft.sendStoredTokenTo === to) return;
    throw new TokenDeskError(
      'HOST_CHANGED',
      `The URL now points at ${to} instead of ${from}. Token Desk does not send the stored token of ` +
        `“${existing.name}” to another address without asking: enter the token again, or confirm that ${to} may ` +
        `have it.`,
      { from, to },
    );
  }

  async save(draft: ConnectionDraft): Promise<ConnectionSummary> {
    const url = normaliseUrl(draft.url);
    await this.readCa(draft.tls.caFile);
    const existing = draft.id ? this.find(draft.id) : null;
    this.guardStoredToken(draft, existing, url);
    const id = existing?.id ?? this.newId();
    let tokenCipher = existing?.tokenCipher ?? null;
    if (draft.token !== undefined) {
      if (draft.rememberToken) {
        tokenCipher = await this.seal(draft.token);
        this.sessionTokens.delete(id);
      } else {
        tokenCipher = null;
        this.sessionTokens.set(id, draft.token);
      }
    }
    const next: StoredConnection = {
      id,
      name: draft.name,
      url,
      org: draft.org,
      environment: {
        ...draft.environment,
        production: draft.environment.production ?? labelSaysProduction(draft.environment.label),
      },
      timeoutMs: draft.timeoutMs,
      tls: draft.tls,
      tokenCipher,
      orgHint: draft.org ? null : (existing?.orgHint ?? null),
      serviceUsers: existing?.serviceUsers ?? [],
      // A new token is another token: which one it is must be found again.
      selfTokenId: draft.token !== undefined ? null : (existing?.selfTokenId ?? null),
      reviews: existing?.reviews ?? {},
      retirements: existing?.retirements ?? {},
      reviewPolicy: existing?.reviewPolicy ?? this.newReviewPolicy(),
      dataUrl:
        draft.dataUrl === undefined ? (existing?.dataUrl ?? null) : draft.dataUrl ? normaliseUrl(draft.dataUrl) : null,
    };
    const all = this.stored();
    const connections = existing ? all.map((c) => (c.id === id ? next : c)) : [...all, next];
    const lastConnectionId = this.settings.peek().lastConnectionId ?? id;
    this.write(connections, lastConnectionId);
    this.log.info('connection.saved', { id, token: this.tokenStorage(next) });
    return this.summary(next, lastConnectionId);
  }

  private async token(c: StoredConnection): Promise<string> {
    const session = this.sessionTokens.get(c.id);
    if (session) return session;
    if (!c.tokenCipher) {
      throw new TokenDeskError(
        'CONNECTION_INVALID',
        `No token is stored for “${c.name}”. Edit the connection and enter its API token.`,
      );
    }
    const { value, resealed } = await this.unseal(
      c.tokenCipher,
      `The stored token of “${c.name}”`,
      'Edit the connection and enter the token again.',
    );
    if (resealed) this.write(this.stored().map((s) => (s.id === c.id ? { ...s, tokenCipher: resealed } : s)));
    return value;
  }

  /**
   * Opens what seal() made; `resealed` is a fresh seal when the key store asks for one (store it).
   * `what` names it in errors ("The stored token of “prod”"), `again` says how to enter it again.
   */
  async unseal(cipher: string, what: string, again: string): Promise<{ value: string; resealed: string | null }> {
    if (cipher.startsWith(VAULT_PREFIX))
      return { value: await this.openVaultSealed(what, cipher.slice(VAULT_PREFIX.length), again), resealed: null };
    try {
      const { value, shouldReEncrypt } = await this.box.decrypt(Buffer.from(cipher, 'base64'));
      return { value, resealed: shouldReEncrypt ? await this.seal(value) : null };
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      this.log.warn('secret.undecryptable', {});
      throw new TokenDeskError(
        'SECRET_STORE_UNAVAILABLE',
        `${what} cannot be decrypted: the OS key store may have changed. ${again}`,
      );
    }
  }

  /** The target for a saved connection, or for a draft being tested (its token, else the saved one). */
  async target(source: { id: string } | ConnectionDraft): Promise<InfluxTarget> {
    if ('name' in source) {
      const saved = source.id ? this.find(source.id) : null;
      const url = normaliseUrl(source.url);
      this.guardStoredToken(source, saved, url);
      const token = source.token ?? (saved ? await this.token(saved) : null);
      if (!token) throw new TokenDeskError('CONNECTION_INVALID', 'Enter the API token this connection should use.');
      return {
        url,
        token,
        timeoutMs: source.timeoutMs,
        tls: { ca: await this.readCa(source.tls.caFile), skipVerify: source.tls.skipVerify },
      };
    }
    const c = this.find(source.id);
    return {
      url: c.url,
      token: await this.token(c),
      timeoutMs: c.timeoutMs,
      tls: { ca: await this.readCa(c.tls.caFile), skipVerify: c.tls.skipVerify },
    };
  }

  /** The org a check should look at: the profile's, else the org named by an imported CLI config. */
  preferredOrg(id: string): { id?: string; name?: string } | null {
    const c = this.find(id);
    return c.org ?? (c.orgHint ? { name: c.orgHint } : null);
  }

  /** After a check, a profile without an org takes the one the check used. */
  adoptOrg(id: string, org: ConnectionSummary['org']): void {
    const c = this.find(id);
    if (org && !c.org) this.write(this.stored().map((s) => (s.id === id ? { ...s, org, orgHint: null } : s)));
  }

  /** Adds profiles whose tokens are already sealed (import): all or nothing. */
  addAll(connections: StoredConnection[]): ConnectionSummary[] {
    const last = this.settings.peek().lastConnectionId ?? connections[0]?.id ?? null;
    return this.write([...this.stored(), ...connections], last);
  }

  /** Remembers, or forgets, that a user of this connection's server is a service user. */
  markServiceUser(id: string, userID: string, service: boolean): ConnectionSummary {
    const c = this.find(id);
    const serviceUsers = service
      ? [...new Set([...c.serviceUsers, userID])]
      : c.serviceUsers.filter((u) => u !== userID);
    const next = { ...c, serviceUsers };
    this.write(this.stored().map((s) => (s.id === id ? next : s)));
    return this.summary(next, this.settings.peek().lastConnectionId);
  }

  private change(id: string, edit: (c: StoredConnection) => StoredConnection): ConnectionSummary {
    const next = edit(this.find(id));
    this.write(this.stored().map((s) => (s.id === id ? next : s)));
    return this.summary(next, this.settings.peek().lastConnectionId);
  }

  /** One credential's note (its review date, its retire-by mark) set, or cleared with null. */
  /** Sets (or, with null, forgets) notes of many credentials in one write. */
  private setNotes<K extends 'reviews' | 'retirements'>(
    id: string,
    field: K,
    notes: Readonly<Record<string, StoredConnection[K][string] | null>>,
  ): ConnectionSummary {
    return this.change(id, (c) => {
      // A Map, not assignment into an object: a credential named "__proto__" stays a plain key.
      const next = new Map(Object.entries(c[field]));
      for (const [credentialId, note] of Object.entries(notes)) {
        if (note) next.set(credentialId, note);
        else next.delete(credentialId);
      }
      return { ...c, [field]: Object.fromEntries(next) };
    });
  }

  /** Forgets the notes of credentials the server no longer has; keys outside `within` are another list's. */
  private pruneNotes(
    id: string,
    field: 'reviews' | 'retirements',
    present: ReadonlySet<string>,
    within: (key: string) => boolean = () => true,
  ): void {
    const kept = (key: string) => present.has(key) || !within(key);
    const notes = this.stored().find((c) => c.id === id)?.[field] ?? {};
    if (Object.keys(notes).every(kept)) return;
    this.change(id, (c) => ({
      ...c,
      [field]: Object.fromEntries(Object.entries(c[field]).filter(([key]) => kept(key))),
    }));
  }

  reviewsOf(id: string): Readonly<Record<string, string>> {
    return this.stored().find((c) => c.id === id)?.reviews ?? {};
  }

  /** Sets (or clears, with null) a token's review date. */
  setReview(id: string, tokenId: string, day: string | null): ConnectionSummary {
    return this.setNotes(id, 'reviews', { [tokenId]: day });
  }

  /** Review dates of many credentials (null clears one), saved at once. */
  setReviews(id: string, reviews: Readonly<Record<string, string | null>>): ConnectionSummary {
    return this.setNotes(id, 'reviews', reviews);
  }

  /**
   * Forgets the review dates of credentials the server no longer has. A connection's v1 credentials
   * keep theirs beside its tokens' under `v1ReviewKey`: each list prunes only its own.
   */
  pruneReviews(id: string, present: ReadonlySet<string>, list: 'credentials' | 'v1' = 'credentials'): void {
    this.pruneNotes(id, 'reviews', present, (key) => key.startsWith(V1_REVIEW) === (list === 'v1'));
  }

  retirementsOf(id: string): Readonly<Record<string, Retirement>> {
    return this.stored().find((c) => c.id === id)?.retirements ?? {};
  }

  /** Marks a credential kept after its replacement with the day to retire it by; null: no longer waiting. */
  setRetirement(id: string, credentialId: string, retirement: Retirement | null): ConnectionSummary {
    return this.setNotes(id, 'retirements', { [credentialId]: retirement });
  }

  /** Forgets the marks of credentials the server no longer has (retired elsewhere, or by Token Desk). */
  pruneRetirements(id: string, present: ReadonlySet<string>): void {
    this.pruneNotes(id, 'retirements', present);
  }

  /** The policy a new connection starts with, chosen in Settings. */
  newReviewPolicy(): ReviewPolicy {
    return this.settings.peek().newReviewPolicy;
  }

  setReviewPolicy(id: string, reviewPolicy: ReviewPolicy): ConnectionSummary {
    return this.change(id, (c) => ({ ...c, reviewPolicy }));
  }

  /** Remembers which of the server's tokens this connection uses (null: not known). */
  setSelfToken(id: string, tokenId: string | null): ConnectionSummary {
    const c = this.find(id);
    const next = { ...c, selfTokenId: tokenId };
    if (c.selfTokenId !== tokenId) this.write(this.stored().map((s) => (s.id === id ? next : s)));
    return this.summary(next, this.settings.peek().lastConnectionId);
  }

  newConnectionId(): string {
    return this.newId();
  }

  select(id: string): ConnectionSummary[] {
    this.find(id);
    return this.write([...this.stored()], id);
  }

  duplicate(id: string): ConnectionSummary {
    const source = this.find(id);
    const copy: StoredConnection = { ...source, id: this.newId(), name: `${source.name} (copy)`.slice(0, 100) };
    const session = this.sessionTokens.get(id);
    if (session) this.sessionTokens.set(copy.id, session);
    const all = this.stored();
    const at = all.findIndex((c) => c.id === id);
    this.write([...all.slice(0, at + 1), copy, ...all.slice(at + 1)]);
    return this.summary(copy, this.settings.peek().lastConnectionId);
  }

  remove(id: string): ConnectionSummary[] {
    this.find(id);
    this.sessionTokens.delete(id);
    const remaining = this.stored().filter((c) => c.id !== id);
    const last = this.settings.peek().lastConnectionId;
    return this.write(remaining, last === id ? (remaining[0]?.id ?? null) : last);
  }

  move(id: string, direction: 'up' | 'down'): ConnectionSummary[] {
    const all = [...this.stored()];
    const at = all.findIndex((c) => c.id === id);
    if (at === -1) this.find(id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= all.length) return this.list();
    [all[at], all[to]] = [all[to] as StoredConnection, all[at] as StoredConnection];
    return this.write(all);
  }
}
