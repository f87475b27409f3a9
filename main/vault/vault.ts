/**
 * The token vault: every value Token Desk creates, encrypted through the SecretBox and saved before
 * anyone sees it. Values leave only through reveal and copy; summaries never carry them.
 */
import { randomUUID } from 'node:crypto';
import { TokenDeskError } from '../../contract/errors';
import type { VaultEntrySummary, VaultHealth, VaultSource } from '../../contract/vault';
import type { Logger } from '../log/logger';
import { requireProtection, type SecretBox } from '../secrets/secret-box';
import type { StoredEntry, VaultDocument } from './schema';
import { emptyVault } from './schema';
import type { VaultFile } from './vault-file';

export type NewEntry = Omit<VaultEntrySummary, 'id' | 'createdAt' | 'replacedBy' | 'notes' | 'labels'> & { source: VaultSource };

export class Vault {
  private document: VaultDocument | null = null;
  private health: VaultHealth = { state: 'ok', message: null, backupAvailable: false, entries: 0 };
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
    const loaded = await this.file.load();
    if (loaded.state === 'ok') {
      this.document = loaded.document;
      this.health = { state: 'ok', message: loaded.message, backupAvailable: false, entries: loaded.document.entries.length };
      return loaded.document;
    }
    this.log.warn('vault.set-aside', { backupAvailable: loaded.backupAvailable });
    this.health = { state: 'needs-recovery', message: loaded.message, backupAvailable: loaded.backupAvailable, entries: 0 };
    throw new TokenDeskError('VAULT_NEEDS_RECOVERY', loaded.message);
  }

  private requireUsable(): void {
    if (this.health.state === 'needs-recovery') throw new TokenDeskError('VAULT_NEEDS_RECOVERY', this.health.message ?? 'The vault needs recovery first.');
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

  private summary(entry: StoredEntry): VaultEntrySummary {
    const { cipher: _cipher, ...visible } = entry;
    return visible;
  }

  async list(): Promise<VaultEntrySummary[]> {
    return (await this.doc()).entries.map((e) => this.summary(e));
  }

  /** `${connectionId}:${authorizationId}` of every stored value, for the tokens list's vault column. */
  async keys(): Promise<Set<string>> {
    try {
      return new Set((await this.doc()).entries.map((e) => `${e.connectionId}:${e.authorizationId}`));
    } catch {
      return new Set();
    }
  }

  private async persist(change: (doc: VaultDocument) => VaultDocument): Promise<VaultDocument> {
    const current = await this.doc();
    this.requireUsable();
    const next = change(current);
    await this.file.save(next);
    this.document = next;
    return next;
  }

  add(entry: NewEntry, value: string): Promise<VaultEntrySummary> {
    return this.serial(async () => {
      requireProtection(await this.box.status());
      const cipher = Buffer.from(await this.box.encrypt(value)).toString('base64');
      const stored: StoredEntry = { ...entry, id: randomUUID(), createdAt: this.now().toISOString(), replacedBy: null, notes: '', labels: [], cipher };
      await this.persist((doc) => ({ ...doc, entries: [...doc.entries, stored] }));
      this.log.info('vault.added', { entry: stored.id, source: stored.source.kind });
      return this.summary(stored);
    });
  }

  private find(doc: VaultDocument, id: string): StoredEntry {
    const entry = doc.entries.find((e) => e.id === id);
    if (!entry) throw new TokenDeskError('NOT_FOUND', 'That vault entry no longer exists.');
    return entry;
  }

  async reveal(id: string): Promise<string> {
    const entry = this.find(await this.doc(), id);
    try {
      const { value, shouldReEncrypt } = await this.box.decrypt(Buffer.from(entry.cipher, 'base64'));
      if (shouldReEncrypt) {
        const cipher = Buffer.from(await this.box.encrypt(value)).toString('base64');
        await this.serial(() => this.persist((doc) => ({ ...doc, entries: doc.entries.map((e) => (e.id === id ? { ...e, cipher } : e)) })));
      }
      return value;
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      throw new TokenDeskError('SECRET_STORE_UNAVAILABLE', 'This value cannot be decrypted: the OS key store that protected it is not the one in use now.');
    }
  }

  /** Marks the old authorization's entry as replaced by the new one (rotation). */
  linkRotation(connectionId: string, oldAuthorization: string, newAuthorization: string): Promise<void> {
    return this.serial(async () => {
      await this.persist((doc) => ({
        ...doc,
        entries: doc.entries.map((e) => (e.connectionId === connectionId && e.authorizationId === oldAuthorization ? { ...e, replacedBy: newAuthorization } : e)),
      }));
    });
  }

  update(id: string, change: { notes?: string; labels?: string[] }): Promise<VaultEntrySummary> {
    return this.serial(async () => {
      const doc = await this.persist((d) => {
        this.find(d, id);
        return { ...d, entries: d.entries.map((e) => (e.id === id ? { ...e, ...change } : e)) };
      });
      return this.summary(this.find(doc, id));
    });
  }

  remove(id: string): Promise<void> {
    return this.serial(async () => {
      await this.persist((d) => {
        this.find(d, id);
        return { ...d, entries: d.entries.filter((e) => e.id !== id) };
      });
    });
  }

  /** After a damaged file: bring back the backup, or start an empty vault. */
  recover(choice: 'restore-backup' | 'start-empty'): Promise<VaultHealth> {
    return this.serial(async () => {
      const doc = choice === 'restore-backup' ? await this.file.restoreBackup() : emptyVault();
      if (choice === 'start-empty') await this.file.save(doc);
      this.document = doc;
      this.health = { state: 'ok', message: null, backupAvailable: false, entries: doc.entries.length };
      return this.health;
    });
  }
}
