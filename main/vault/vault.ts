/**
 * The token vault: every value Token Desk creates, sealed (OS key store, passphrase, or both) and
 * saved before anyone sees it. Values leave only through reveal and copy; summaries never carry
 * them. In passphrase mode the vault locks: the derived key is dropped from memory.
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex, sha512Hex, type Digests } from '../secrets/digests';
import { TokenDeskError } from '$contract/errors';
import type {
  SecretKind,
  VaultEntrySummary,
  VaultHealth,
  VaultProtection,
  VaultRecovery,
  VaultSource,
} from '$contract/vault';
import type { TeamCopy } from '$contract/team';
import type { Logger } from '../log/logger';
import { requireProtection, type SecretBox } from '../secrets/secret-box';
import { deriveKey, makeCheck, newKdf, open, seal, verifyCheck } from './crypto';
import type { Protection, SealedSecret, StoredEntry, VaultDocument } from './schema';
import { emptyVault } from './schema';
import type { VaultFile } from './vault-file';
import type { JournalOp } from './vault-journal';

export type NewEntry = Omit<
  VaultEntrySummary,
  'id' | 'createdAt' | 'replacedBy' | 'notes' | 'labels' | 'kind' | 'login' | 'team'
> & { source: VaultSource; kind?: SecretKind; login?: string | null };

/** A value with its metadata, as it travels in an encrypted export. */
export interface PortableEntry {
  entry: VaultEntrySummary;
  value: string;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fingerprintOf = sha256Hex;
/** The start of the value's SHA-512, as InfluxDB 3 lists its tokens by it. */
const sha512Of = (value: string) => sha512Hex(value).slice(0, 16);

export class Vault {
  private document: VaultDocument | null = null;
  private health: VaultHealth = { state: 'ok', message: null, backupAvailable: false, entries: 0 };
  /** The passphrase-derived key while unlocked; null when locked or in OS mode. */
  private key: Buffer | null = null;
  /** Saves run one after another; a second never overlaps the first. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: VaultFile,
    private readonly box: SecretBox,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doc(): Promise<VaultDocument> {
    if (this.document) return this.document;
    // Until the user chooses (restore the backup, or start empty), nothing writes a new file.
    if (this.health.state === 'needs-recovery')
      throw new TokenDeskError('VAULT_NEEDS_RECOVERY', this.health.message ?? 'The vault needs recovery first.');
    const loaded = await this.file.load();
    if (loaded.state === 'ok') {
      this.document = loaded.document;
      this.health = {
        state: 'ok',
        message: loaded.message,
        backupAvailable: false,
        entries: loaded.document.entries.length,
      };
      return loaded.document;
    }
    this.log.warn('vault.set-aside', { backupAvailable: loaded.backupAvailable });
    this.health = {
      state: 'needs-recovery',
      message: loaded.message,
      backupAvailable: loaded.backupAvailable,
      entries: 0,
    };
    throw new TokenDeskError('VAULT_NEEDS_RECOVERY', loaded.message);
  }

  async status(): Promise<VaultHealth> {
    try {
      const doc = await this.doc();
      return { ...this.health, entries: doc.entries.length };
    } catch (error) {
      if (error instanceof TokenDeskError && error.code === 'VAULT_NEEDS_RECOVERY') return this.health;
      throw error;
    }
  }

  async protection(): Promise<VaultProtection> {
    const doc = await this.doc().catch(() => null);
    const p = doc?.protection ?? { mode: 'os' as const };
    return p.mode === 'os'
      ? { mode: 'os', alsoOsKeyStore: true, locked: false }
      : { mode: 'passphrase', alsoOsKeyStore: p.alsoOsKeyStore, locked: this.key === null };
  }

  /** An entry without its sealed value. Fields named one by one: a rest copy cost ms at 10,000 entries. */
  private summary(e: StoredEntry): VaultEntrySummary {
    return {
      id: e.id,
      kind: e.kind ?? 'token',
      login: e.login ?? null,
      connectionId: e.connectionId,
      connectionName: e.connectionName,
      instanceUrl: e.instanceUrl,
      orgID: e.orgID,
      orgName: e.orgName,
      authorizationId: e.authorizationId,
      userName: e.userName,
      description: e.description,
      permissions: e.permissions,
      createdAt: e.createdAt,
      source: e.source,
      replacedBy: e.replacedBy,
      notes: e.notes,
      labels: e.labels,
      team: e.team ?? [],
    };
  }

  async list(): Promise<VaultEntrySummary[]> {
    return (await this.doc()).entries.map((e) => this.summary(e));
  }

  /**
   * `${connectionId}:${authorizationId}` → entry ID of every stored value of a kind, for the lists'
   * vault columns (the newest entry wins when a credential has several).
   */
  async keys(kind: SecretKind = 'token'): Promise<Map<string, string>> {
    try {
      return new Map(
        (await this.doc()).entries
          .filter((e) => (e.kind ?? 'token') === kind)
          .map((e) => [`${e.connectionId}:${e.authorizationId}`, e.id]),
      );
    } catch {
      return new Map();
    }
  }

  /** Applies and saves a change; `ops`, when given, says which entries it put or deleted. */
  private async persist(
    change: (doc: VaultDocument) => VaultDocument | Promise<VaultDocument>,
    reprotected = false,
    ops?: () => JournalOp[],
  ): Promise<VaultDocument> {
    const current = await this.doc();
    const next = await change(current);
    await this.file.commit(current, next, reprotected, ops?.());
    this.document = next;
    return next;
  }

  private unlockedKey(): Buffer {
    if (!this.key)
      throw new TokenDeskError('VAULT_LOCKED', 'The vault is locked. Unlock it with its passphrase first.');
    return this.key;
  }

  private async sealValue(protection: Protection, entryId: string, value: string): Promise<SealedSecret> {
    if (protection.mode === 'os') {
      requireProtection(await this.box.status());
      return { scheme: 'os', cipher: b64(await this.box.encrypt(value)) };
    }
    const sealed = seal(this.unlockedKey(), value, entryId);
    if (!protection.alsoOsKeyStore) return { scheme: 'passphrase', sealed };
    requireProtection(await this.box.status());
    return { scheme: 'passphrase+os', cipher: b64(await this.box.encrypt(sealed)) };
  }

  private async openValue(entry: StoredEntry): Promise<string> {
    const { secret } = entry;
    try {
      if (secret.scheme === 'os') return (await this.box.decrypt(Buffer.from(secret.cipher, 'base64'))).value;
      const key = this.unlockedKey();
      const sealed =
        secret.scheme === 'passphrase'
          ? secret.sealed
          : (await this.box.decrypt(Buffer.from(secret.cipher, 'base64'))).value;
      return open(key, sealed, entry.id);
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      throw new TokenDeskError(
        'SECRET_STORE_UNAVAILABLE',
        `The value of “${entry.description || entry.authorizationId}” cannot be decrypted: the key that protected ` +
          `it is not the one in use now.`,
      );
    }
  }

  async add(entry: NewEntry, value: string): Promise<VaultEntrySummary> {
    const [saved] = await this.addMany([{ entry, value }]);
    return saved as VaultEntrySummary;
  }

  /** Adds many values in one save (capture, import): one journal write, whatever their number. */
  addMany(items: readonly { entry: NewEntry; value: string }[]): Promise<VaultEntrySummary[]> {
    return this.serial(async () => {
      let stored: StoredEntry[] = [];
      await this.persist(
        async (doc) => {
          const createdAt = this.now().toISOString();
          stored = await Promise.all(
            items.map(async ({ entry, value }) => {
              const id = randomUUID();
              return {
                ...entry,
                id,
                createdAt,
                replacedBy: null,
                notes: '',
                labels: [],
                fingerprint: fingerprintOf(value),
                sha512: sha512Of(value),
                secret: await this.sealValue(doc.protection, id, value),
              };
            }),
          );
          return { ...doc, entries: [...doc.entries, ...stored] };
        },
        false,
        () => stored.map((put) => ({ put })),
      );
      for (const saved of stored) this.log.info('vault.added', { entry: saved.id, source: saved.source.kind });
      return stored.map((s) => this.summary(s));
    });
  }

  private find(doc: VaultDocument, id: string): StoredEntry {
    const entry = doc.entries.find((e) => e.id === id);
    if (!entry) throw new TokenDeskError('NOT_FOUND', 'That vault entry no longer exists.');
    return entry;
  }

  async reveal(id: string): Promise<string> {
    return this.openValue(this.find(await this.doc(), id));
  }

  /** The authorization whose value this is, among a connection's tokens, by fingerprint; null when none. */
  async authorizationOf(connectionId: string, value: string): Promise<string | null> {
    const wanted = fingerprintOf(value);
    const doc = await this.doc().catch(() => null);
    return (
      doc?.entries.find(
        (e) => e.connectionId === connectionId && (e.kind ?? 'token') === 'token' && e.fingerprint === wanted,
      )?.authorizationId ?? null
    );
  }

  /** Every entry, of any connection, whose value has these digests (a value pasted to be identified). */
  async holding(digests: Digests): Promise<VaultEntrySummary[]> {
    const doc = await this.doc().catch(() => null);
    return (doc?.entries ?? [])
      .filter((e) => e.fingerprint === digests.sha256 || (e.sha512 && e.sha512 === digests.sha512.slice(0, 16)))
      .map((e) => this.summary(e));
  }

  /** A connection's token entries with the start of their values' SHA-512, to match InfluxDB 3's hashes. */
  async sha512Of(connectionId: string): Promise<{ entryId: string; sha512: string }[]> {
    const doc = await this.doc().catch(() => null);
    return (doc?.entries ?? [])
      .filter((e) => e.connectionId === connectionId && (e.kind ?? 'token') === 'token' && e.sha512)
      .map((e) => ({ entryId: e.id, sha512: e.sha512 ?? '' }));
  }

  /** Has the vault a value for this authorization already (import and capture skip duplicates)? */
  async has(connectionId: string, authorizationId: string): Promise<boolean> {
    return (await this.keys()).has(`${connectionId}:${authorizationId}`);
  }

  linkRotation(connectionId: string, oldAuthorization: string, newAuthorization: string): Promise<void> {
    return this.serial(async () => {
      await this.persist((doc) => ({
        ...doc,
        entries: doc.entries.map((e) =>
          e.connectionId === connectionId && e.authorizationId === oldAuthorization
            ? { ...e, replacedBy: newAuthorization }
            : e,
        ),
      }));
    });
  }

  update(id: string, change: { notes?: string; labels?: string[]; team?: TeamCopy[] }): Promise<VaultEntrySummary> {
    return this.serial(async () => {
      let updated: StoredEntry | null = null;
      const doc = await this.persist(
        (d) => {
          updated = { ...this.find(d, id), ...change };
          return { ...d, entries: d.entries.map((e) => (e.id === id ? (updated as StoredEntry) : e)) };
        },
        false,
        () => [{ put: updated as unknown as StoredEntry }],
      );
      return this.summary(this.find(doc, id));
    });
  }

  remove(id: string): Promise<void> {
    return this.serial(async () => {
      await this.persist(
        (d) => {
          this.find(d, id);
          return { ...d, entries: d.entries.filter((e) => e.id !== id) };
        },
        false,
        () => [{ delete: id }],
      );
    });
  }

  /** After a damaged file: bring back the backup, or start an empty vault. */
  recover(choice: VaultRecovery): Promise<VaultHealth> {
    return this.serial(async () => {
      // Only a vault that needs it: on a healthy one either choice would drop values.
      await this.status();
      if (this.health.state !== 'needs-recovery')
        throw new TokenDeskError(
          'VALIDATION',
          'The vault is healthy: there is nothing to recover, and nothing was changed.',
        );
      const doc = choice === 'restore-backup' ? await this.file.restoreBackup() : emptyVault();
      if (choice === 'start-empty') await this.file.save(doc);
      this.document = doc;
      this.key = null;
      this.health = { state: 'ok', message: null, backupAvailable: false, entries: doc.entries.length };
      return this.health;
    });
  }

  /**
   * Turns passphrase protection on (or changes the passphrase), re-sealing every value: with the
   * passphrase alone where no OS key store protects anything, or inside the OS key store too.
   */
  setPassphrase(passphrase: string, alsoOsKeyStore: boolean): Promise<VaultProtection> {
    return this.serial(async () => {
      if (passphrase.length < 8)
        throw new TokenDeskError('VALIDATION', 'Choose a passphrase of at least 8 characters.');
      const doc = await this.doc();
      const values = await Promise.all(doc.entries.map(async (e) => [e.id, await this.openValue(e)] as const));
      const kdf = newKdf();
      const key = await deriveKey(passphrase, kdf);
      const protection: Protection = { mode: 'passphrase', alsoOsKeyStore, kdf, check: makeCheck(key) };
      const previous = this.key;
      this.key = key;
      try {
        const entries = await Promise.all(
          doc.entries.map(async (e) => ({
            ...e,
            secret: await this.sealValue(protection, e.id, values.find(([id]) => id === e.id)?.[1] ?? ''),
          })),
        );
        // Secrets sealed with the old passphrase (connection tokens) move to the new one first.
        if (previous && this.onRekey)
          await this.onRekey((sealed, label) => seal(key, open(previous, sealed, label), label));
        await this.persist(() => ({ ...doc, protection, entries }), true);
      } catch (error) {
        this.key = previous;
        throw error;
      }
      this.log.info('vault.passphrase-set', { alsoOsKeyStore });
      return this.protection();
    });
  }

  async unlock(passphrase: string): Promise<VaultProtection> {
    const doc = await this.doc();
    if (doc.protection.mode !== 'passphrase') return this.protection();
    const key = await deriveKey(passphrase, doc.protection.kdf);
    if (!verifyCheck(key, doc.protection.check))
      throw new TokenDeskError('WRONG_PASSPHRASE', 'That passphrase does not open this vault.');
    this.key = key;
    return this.protection();
  }

  /**
   * Other secrets sealed with the passphrase (connection tokens, where no OS key store protects
   * anything): sealed and opened with the unlocked key; told to reseal when the passphrase changes.
   */
  onRekey: ((reseal: (sealed: string, label: string) => string) => Promise<void>) | null = null;

  /** Seals text with the passphrase key, or answers null when no passphrase protects the vault. */
  async sealWithPassphrase(text: string, label: string): Promise<string | null> {
    if ((await this.doc()).protection.mode !== 'passphrase') return null;
    return seal(this.unlockedKey(), text, label);
  }

  async openWithPassphrase(sealed: string, label: string): Promise<string> {
    return open(this.unlockedKey(), sealed, label);
  }

  /**
   * Told of every value Token Desk made, once it is saved (keepSecret): hands it to the team's
   * vaults and answers what happened there. Null until the team vaults are wired in (core.ts).
   */
  onMade: ((entry: VaultEntrySummary, value: string) => Promise<TeamCopy[]>) | null = null;

  /** Drops the derived key; values cannot be revealed, copied or added until unlocked. */
  lock(): void {
    this.key?.fill(0);
    this.key = null;
  }

  get lockable(): boolean {
    return this.document?.protection.mode === 'passphrase';
  }

  /** Every entry with its value, for an encrypted export. */
  async portable(): Promise<PortableEntry[]> {
    const doc = await this.doc();
    return Promise.all(doc.entries.map(async (e) => ({ entry: this.summary(e), value: await this.openValue(e) })));
  }

  /** Adds imported entries not already present (same connection and authorization, or same value). */
  merge(items: PortableEntry[]): Promise<{ added: number; skipped: number }> {
    return this.serial(async () => {
      const doc = await this.doc();
      const present = new Set(doc.entries.map((e) => `${e.instanceUrl}|${e.authorizationId}`));
      const fresh = items.filter((i) => !present.has(`${i.entry.instanceUrl}|${i.entry.authorizationId}`));
      const unique = fresh.filter((item, index) => fresh.findIndex((other) => other.value === item.value) === index);
      await this.persist(async (d) => ({
        ...d,
        entries: [
          ...d.entries,
          ...(await Promise.all(
            unique.map(async ({ entry, value }) => {
              const id = randomUUID();
              // Hashes come from the value, never from the file: a forged one would claim another
              // token's value (or `_admin`'s). Team copies are the other desk's, not this one's.
              const { fingerprint: _f, sha512: _s, ...rest } = entry as VaultEntrySummary & Record<string, unknown>;
              return {
                ...rest,
                id,
                team: [],
                fingerprint: fingerprintOf(value),
                sha512: sha512Of(value),
                secret: await this.sealValue(d.protection, id, value),
              };
            }),
          )),
        ],
      }));
      return { added: unique.length, skipped: items.length - unique.length };
    });
  }
}
