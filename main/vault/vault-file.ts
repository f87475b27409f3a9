/**
 * The vault's file on disk, kept the way KeePassXC keeps its database: atomic saves (temp, fsync,
 * rename) with mode 0600, the previous good file kept as `.bak`, a file that cannot be read set
 * aside and reported (never overwritten), and no save over a file changed by someone else. Changes
 * to entries go to a journal beside it (vault-journal.ts) and are folded into a new snapshot now and
 * then, so a change costs the same whatever the vault's size.
 */
import { createHash, webcrypto } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TokenDeskError } from '$contract/errors';
import { writeFileAtomic, type OpenFile } from '../fs/atomic-write';
import { migrate } from '../migrate';
import { isStoredEntry } from './entry-check';
import { CURRENT_VAULT_VERSION, emptyVault, vaultEnvelopeSchema, vaultMigrations, type VaultDocument } from './schema';
import { changes, VaultJournal, type JournalOp } from './vault-journal';

export type LoadOutcome =
  | { state: 'ok'; document: VaultDocument; message: string | null }
  | { state: 'needs-recovery'; setAsideAs: string; backupAvailable: boolean; message: string };

/** The snapshot's hash, which its journal names: of its UTF-8 bytes (the bytes read, not re-encoded). */
const digest = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The document in a snapshot's text, and whether it was of an older version (then rewritten whole). */
function parse(text: string): { document: VaultDocument; migrated: boolean; damaged: unknown[] } {
  const raw = JSON.parse(text) as unknown;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new SyntaxError('not a Token Desk vault');
  if (version > CURRENT_VAULT_VERSION) {
    throw new TokenDeskError(
      'VAULT_NEWER',
      'The vault was written by a newer Token Desk. Update Token Desk to open it; it was left untouched.',
    );
  }
  const envelope = vaultEnvelopeSchema.parse(migrate(raw, version, CURRENT_VAULT_VERSION, vaultMigrations, 'vault'));
  // One damaged entry costs only itself: the others stay reachable, and it is set aside (load()).
  const damaged = envelope.entries.filter((e) => !isStoredEntry(e));
  const entries = damaged.length ? envelope.entries.filter(isStoredEntry) : envelope.entries;
  return {
    document: { ...envelope, entries } as VaultDocument,
    migrated: version !== CURRENT_VAULT_VERSION,
    damaged,
  };
}

/** How a person can tell a damaged entry: its description or ID when those are still text. */
function nameOf(entry: unknown, index: number): string {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const name = [e['description'], e['login'], e['authorizationId']].find((v) => typeof v === 'string' && v);
  return typeof name === 'string' ? `“${name.slice(0, 80)}”` : `entry ${index + 1}`;
}

/** The part of a snapshot before its entries (version and protection), as written by save(). */
async function head(path: string): Promise<string | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('"entries"');
    return end === -1 ? null : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

/** Changes kept in the journal before they are folded into a new snapshot. */
export const COMPACT_AT = 500;

export class VaultFile {
  /** A snapshot of ours is on disk (else the next change writes one). */
  private hasSnapshot = false;
  /** The hash of that snapshot's text, which its journal names; computed only when a journal needs it. */
  private base: string | null = null;
  /** Size and time of the snapshot we last read or wrote: a file changed elsewhere shows here. */
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
    return new TokenDeskError(
      'VAULT_CHANGED',
      'The vault file was changed outside Token Desk since it was opened, so Token Desk did not overwrite it. ' +
        'Restart Token Desk to load the current file.',
    );
  }

  /**
   * Makes `next` (which `previous` became) durable: appended to the journal when only entries
   * changed, as a whole new snapshot when the protection changed, the file is new or migrated, or
   * the journal has grown long.
   */
  async commit(previous: VaultDocument, next: VaultDocument, reprotected = false, known?: JournalOp[]): Promise<void> {
    // The caller may say what changed (an add, an update): no diff over 10,000 entries then.
    const ops = known ?? changes(previous.entries, next.entries);
    const whole =
      reprotected ||
      !this.hasSnapshot ||
      this.migrated ||
      previous.protection !== next.protection ||
      this.journal.count + ops.length >= COMPACT_AT;
    if (whole) return this.save(next, reprotected);
    if (ops.length === 0) return;
    const [stamp, journalSize] = await Promise.all([this.stampOf(), this.journal.sizeOnDisk()]);
    if (stamp !== this.stamp || journalSize !== this.journal.expectedSize) throw this.changedElsewhere();
    this.base ??= digest(await readFile(this.path));
    await this.journal.append(ops, this.base);
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
  private async alignBackup(text: string): Promise<void> {
    // Compared by their heads (version and protection come before the entries), not parsed whole.
    const backup = await head(this.backupPath);
    if (backup === null) return; // none, or damaged: it opens with nothing
    if (backup !== text.slice(0, text.indexOf('"entries"')))
      await writeFileAtomic(this.backupPath, text, this.openFile);
  }

  async load(): Promise<LoadOutcome> {
    await this.removeStrayTemps();
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.hasSnapshot = false;
        this.base = null;
        // A journal without its snapshot continues nothing.
        await this.journal.discard();
        return { state: 'ok', document: emptyVault(), message: null };
      }
      throw new TokenDeskError(
        'VAULT_UNREADABLE',
        `The vault file ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check ` +
          `its permissions.`,
      );
    }
    const text = bytes.toString('utf8');
    // Hashed on the thread pool while the text is parsed here; the journal, if any, needs it.
    const hashing = webcrypto.subtle.digest('SHA-256', bytes).then((d) => Buffer.from(d).toString('hex'));
    hashing.catch(() => undefined);
    try {
      const { document: snapshot, migrated, damaged } = parse(text);
      this.hasSnapshot = true;
      this.base = null;
      this.stamp = await this.stampOf();
      // With entries set aside, the next change writes the snapshot whole, without them.
      this.migrated = migrated || damaged.length > 0;
      await this.alignBackup(text);
      const document = await this.journal.replay(snapshot, async () => (this.base ??= await hashing));
      return { state: 'ok', document, message: damaged.length ? await this.setAside(damaged) : null };
    } catch (error) {
      if (error instanceof TokenDeskError) throw error;
      const setAsideAs = `${this.path}.unreadable-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.path, setAsideAs);
      this.hasSnapshot = false;
      this.base = null;
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

  /** Damaged entries kept, as they were, in a file of their own beside the vault; the message names them. */
  private async setAside(damaged: unknown[]): Promise<string> {
    const path = `${this.path}.damaged-entries-${this.now().toISOString().replace(/[:.]/g, '-')}.json`;
    await writeFileAtomic(path, `${JSON.stringify(damaged, null, 1)}\n`, this.openFile);
    const names = damaged.slice(0, 5).map(nameOf).join(', ');
    const more = damaged.length > 5 ? ` and ${damaged.length - 5} more` : '';
    return (
      `${damaged.length === 1 ? 'One vault entry was' : `${damaged.length} vault entries were`} damaged and ` +
      `set aside (${names}${more}); every other entry is here. What was set aside is kept in ${path}.`
    );
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
    const { document: snapshot } = parse(text);
    await writeFileAtomic(this.path, text);
    this.hasSnapshot = true;
    this.base = digest(text);
    this.stamp = await this.stampOf();
    // The journal continues the backup when the backup is the snapshot it was written against.
    return this.journal.replay(snapshot, async () => this.base ?? '');
  }

  /**
   * Saves atomically, keeping the last good file as the backup. `reprotected`: the protection
   * changed, so the backup becomes the new file too (nothing on disk keeps the old protection).
   */
  async save(document: VaultDocument, reprotected = false): Promise<void> {
    const onDisk = await readFile(this.path, 'utf8').catch(() => null);
    if (onDisk !== null && this.hasSnapshot && (await this.stampOf()) !== this.stamp) throw this.changedElsewhere();
    if ((await this.journal.sizeOnDisk()) !== this.journal.expectedSize) throw this.changedElsewhere();
    // The last good file becomes the backup, itself written atomically.
    if (onDisk !== null) await writeFileAtomic(this.backupPath, onDisk, this.openFile);
    const text = `${JSON.stringify(document, null, 1)}\n`;
    await writeFileAtomic(this.path, text, this.openFile);
    // A first file is its own backup: the journal after it can then be replayed onto the backup.
    if (onDisk === null && !reprotected) await writeFileAtomic(this.backupPath, text, this.openFile);
    this.hasSnapshot = true;
    this.base = digest(text);
    this.stamp = await this.stampOf();
    this.migrated = false;
    // The new snapshot holds every change: the journal of the old one goes (left behind, it is ignored).
    await this.journal.discard();
    if (reprotected) await writeFileAtomic(this.backupPath, text, this.openFile);
  }
}
