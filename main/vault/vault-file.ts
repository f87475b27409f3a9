/**
 * The vault's file on disk, kept the way KeePassXC keeps its database: atomic saves (temp, fsync,
 * rename) with mode 0600, the previous good file kept as `.bak`, a file that cannot be read set
 * aside and reported (never overwritten), and no save over a file changed by someone else.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TokenDeskError } from '$contract/errors';
import { writeFileAtomic, type OpenFile } from '../fs/atomic-write';
import { migrate } from '../migrate';
import { CURRENT_VAULT_VERSION, emptyVault, vaultDocumentSchema, vaultMigrations, type VaultDocument } from './schema';

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

export class VaultFile {
  /** The hash of the content we last read or wrote; a different file on disk was changed elsewhere. */
  private known: string | null = null;

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
    /** Where writes go; tests inject failures here. */
    private readonly openFile?: OpenFile,
  ) {}

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
        return { state: 'ok', document: emptyVault(), message: null };
      }
      throw new TokenDeskError('VAULT_UNREADABLE', `The vault file ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions.`);
    }
    try {
      const document = parse(text);
      this.known = digest(text);
      await this.alignBackup(text, document);
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
    const document = parse(text);
    await writeFileAtomic(this.path, text);
    this.known = digest(text);
    return document;
  }

  /**
   * Saves atomically, keeping the last good file as the backup. `reprotected`: the protection
   * changed, so the backup becomes the new file too (nothing on disk keeps the old protection).
   */
  async save(document: VaultDocument, reprotected = false): Promise<void> {
    const onDisk = await readFile(this.path, 'utf8').catch(() => null);
    if (onDisk !== null && this.known !== null && digest(onDisk) !== this.known) {
      throw new TokenDeskError('VAULT_CHANGED', 'The vault file was changed outside Token Desk since it was opened, so Token Desk did not overwrite it. Restart Token Desk to load the current file.');
    }
    // The last good file becomes the backup, itself written atomically.
    if (onDisk !== null) await writeFileAtomic(this.backupPath, onDisk, this.openFile);
    const text = `${JSON.stringify(document, null, 1)}\n`;
    await writeFileAtomic(this.path, text, this.openFile);
    this.known = digest(text);
    if (reprotected) await writeFileAtomic(this.backupPath, text, this.openFile);
  }
}
