/**
 * The vault's file on disk, kept the way KeePassXC keeps its database: atomic saves (temp, fsync,
 * rename) with mode 0600, the previous good file kept as `.bak`, a file that cannot be read set
 * aside and reported (never overwritten), and no save over a file changed by someone else. Changes
 * to entries go to a journal beside it (vault-journal.ts) and are folded into a new snapshot now and
 * then, so a change costs the same whatever the vault's size.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TokenDeskError } from '$contract/errors';
import { writeFileAtomic, type OpenFile } from '../fs/atomic-write';
import { migrate } from '../migrate';
import { CURRENT_VAULT_VERSION, emptyVault, vaultDocumentSchema, vaultMigrations, type VaultDocument } from './schema';
import { changes, VaultJournal } from './vault-journal';

export type LoadOutcome =
  | { state: 'ok'; document: VaultDocument; message: string | null }
  | { state: 'needs-recovery'; setAsideAs: string; backupAvailable: boolean; message: string };

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

function parse(text: string): VaultDocument {
  const raw = JSON.parse(text) as unknown;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new SyntaxError('not a Token Desk vault');
  if (version > CURRENT_VAULT_VERSION) {
    throw new TokenDeskError('VAULT_NEWER', 'The vault was written by a newer Token Desk. Update Token Desk to open it; it was left untouched.');
  }
  return vaultDocumentSchema.parse(migrate(raw, version, CURRENT_VAULT_VERSION, vaultMigrations, 'vault'));
}

/** Changes kept in the journal before they are folded into a new snapshot. */
export const COMPACT_AT = 500;

export class VaultFile {
  /** The hash of the content we last read or wrote; a different file on disk was changed elsewhere. */
  private known: string | null = null;
  /** Size and time of the snapshot we last read or wrote: a cheap "changed elsewhere" check per append. */
  private stamp: string | null = null;
  /** The snapshot on disk is of an older version: the next change rewrites it whole. */
  private migrated = false;
  private readonly journal: VaultJournal;

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
    /** Where writes go; tests inject failures here. */
    private readonly openFile?: OpenFile,
  ) {
    this.journal = new VaultJournal(`${path}.journal`, openFile);
  }

  private async stampOf(): Promise<string | null> {
    const info = await stat(this.path).catch(() => null);
    return info ? `${info.size}:${info.mtimeMs}` : null;
  }

  private changedElsewhere(): TokenDeskError {
    return new TokenDeskError('VAULT_CHANGED', 'The vault file was changed outside Token Desk since it was opened, so Token Desk did not overwrite it. Restart Token Desk to load the current file.');
  }

  /**
   * Makes `next` (which `previous` became) durable: appended to the journal when only entries
   * changed, as a whole new snapshot when the protection changed, the file is new or migrated, or
   * the journal has grown long.
   */
  async commit(previous: VaultDocument, next: VaultDocument, reprotected = false): Promise<void> {
    const ops = changes(previous.entries, next.entries);
    const whole = reprotected || this.known === null || this.migrated || previous.protection !== next.protection || this.journal.count + ops.length >= COMPACT_AT;
    if (whole) return this.save(next, reprotected);
    if (ops.length === 0) return;
    const [stamp, journalSize] = await Promise.all([this.stampOf(), this.journal.sizeOnDisk()]);
    if (stamp !== this.stamp || journalSize !== this.journal.expectedSize) throw this.changedElsewhere();
    await this.journal.append(ops, this.known ?? '');
  }

  get backupPath(): string {
    return `${this.path}.bak`;
  }

  /** Temp files a killed save left behind (`.vault.json.<hex>.tmp`): never a complete file, removed at start. */
  private async removeStrayTemps(): Promise<void> {
    const folder = dirname(this.path);
    const name = basename(this.path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stray = new RegExp(`^\\.${name}(\\.bak)?\\.[0-9a-f]{12}\\.tmp$`);
    const names = await readdir(folder).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => stray.test(n)).map((n) => rm(join(folder, n), { force: true })));
  }

  /**
   * After a protection change the backup must not keep the old protection (a value the old
   * passphrase, or no passphrase, would open). A save interrupted between the two writes is
   * finished here: a backup sealed otherwise than the file becomes a copy of the file.
   */
  private async alignBackup(text: string, document: VaultDocument): Promise<void> {
    const backup = await readFile(this.backupPath, 'utf8').catch(() => null);
    if (backup === null) return;
    let same = false;
    try {
      same = JSON.stringify(parse(backup).protection) === JSON.stringify(document.protection);
    } catch {
      return; // a damaged backup opens with nothing
    }
    if (!same) await writeFileAtomic(this.backupPath, text, this.openFile);
  }

  async load(): Promise<LoadOutcome> {
    await this.removeStrayTemps();
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.known = null;
        // A journal without its snapshot continues nothing.
        await this.journal.discard();
        return { state: 'ok', document: emptyVault(), message: null };
      }
      throw new TokenDeskError('VAULT_UNREADABLE', `The vault file ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions.`);
    }
    try {
      const snapshot = parse(text);
      this.known = digest(text);
      this.stamp = await this.stampOf();
      this.migrated = (JSON.parse(text) as { schemaVersion?: unknown }).schemaVersion !== CURRENT_VAULT_VERSION;
      await this.alignBackup(text, snapshot);
      const document = await this.journal.replay(snapshot, this.known);
      return { state: 'ok', document, message: null };
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      const setAsideAs = `${this.path}.unreadable-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.path, setAsideAs);
      this.known = null;
      const backupAvailable = await this.backupReadable();
      return {
        state: 'needs-recovery',
        setAsideAs,
        backupAvailable,
        message: `The vault file could not be read (it is damaged or incomplete). It was kept as ${setAsideAs}. ${
          backupAvailable ? 'The previous good copy can be restored.' : 'No backup is available.'
        }`,
      };
    }
  }

  private async backupReadable(): Promise<boolean> {
    try {
      parse(await readFile(this.backupPath, 'utf8'));
      return true;
    } catch {
      return false;
    }
  }

  /** Puts the backup back in place and loads it. */
  async restoreBackup(): Promise<VaultDocument> {
    const text = await readFile(this.backupPath, 'utf8');
    const snapshot = parse(text);
    await writeFileAtomic(this.path, text);
    this.known = digest(text);
    this.stamp = await this.stampOf();
    // The journal continues the backup when the backup is the snapshot it was written against.
    return this.journal.replay(snapshot, this.known);
  }

  /**
   * Saves atomically, keeping the last good file as the backup. `reprotected`: the protection
   * changed, so the backup becomes the new file too (nothing on disk keeps the old protection).
   */
  async save(document: VaultDocument, reprotected = false): Promise<void> {
    const onDisk = await readFile(this.path, 'utf8').catch(() => null);
    if (onDisk !== null && this.known !== null && digest(onDisk) !== this.known) throw this.changedElsewhere();
    if ((await this.journal.sizeOnDisk()) !== this.journal.expectedSize) throw this.changedElsewhere();
    // The last good file becomes the backup, itself written atomically.
    if (onDisk !== null) await writeFileAtomic(this.backupPath, onDisk, this.openFile);
    const text = `${JSON.stringify(document, null, 1)}\n`;
    await writeFileAtomic(this.path, text, this.openFile);
    // A first file is its own backup: the journal after it can then be replayed onto the backup.
    if (onDisk === null && !reprotected) await writeFileAtomic(this.backupPath, text, this.openFile);
    this.known = digest(text);
    this.stamp = await this.stampOf();
    this.migrated = false;
    // The new snapshot holds every change: the journal of the old one goes (left behind, it is ignored).
    await this.journal.discard();
    if (reprotected) await writeFileAtomic(this.backupPath, text, this.openFile);
  }
}
