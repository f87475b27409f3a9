/**
 * The vault's journal: changes appended to `vault.json.journal` (one checksummed line each, fsynced
 * before the change is acknowledged) so that adding one entry costs the same at 10 entries as at
 * 10,000, instead of rewriting the whole file. The journal names the snapshot it continues (its
 * hash); a journal of another snapshot was already folded in and is ignored. A line cut short by a
 * crash was never acknowledged: replay stops there and the tail is cut off.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rm, truncate } from 'node:fs/promises';
import type { OpenFile } from '../fs/atomic-write';
import { storedEntrySchema, type StoredEntry, type VaultDocument } from './schema';

export type JournalOp = { put: StoredEntry } | { delete: string };

const check = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 16);
const header = (base: string) => `${JSON.stringify({ journal: 1, base })}\n`;

/**
 * Applies changes in order: a put replaces the entry of the same ID where it stands or adds it at the
 * end; a delete removes it. One pass over a Map (which keeps that order), not a copy per change.
 */
export function applyAll(entries: StoredEntry[], ops: readonly JournalOp[]): StoredEntry[] {
  if (ops.length === 0) return entries;
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const op of ops) {
    if ('delete' in op) byId.delete(op.delete);
    else byId.set(op.put.id, op.put);
  }
  return [...byId.values()];
}

/** The changes that turn `before` into `after`, found by identity (unchanged entries are the same objects). */
export function changes(before: readonly StoredEntry[], after: readonly StoredEntry[]): JournalOp[] {
  const previous = new Map(before.map((e) => [e.id, e]));
  const ops: JournalOp[] = after.filter((e) => previous.get(e.id) !== e).map((e) => ({ put: e }));
  const kept = new Set(after.map((e) => e.id));
  for (const e of before) if (!kept.has(e.id)) ops.push({ delete: e.id });
  return ops;
}

/** One line, if whole and intact: "<check> <json>". */
function parseLine(line: string): JournalOp | null {
  const space = line.indexOf(' ');
  const json = line.slice(space + 1);
  if (space !== 16 || check(json) !== line.slice(0, 16)) return null;
  try {
    const raw = JSON.parse(json) as { put?: unknown; delete?: unknown };
    if (typeof raw.delete === 'string') return { delete: raw.delete };
    const put = storedEntrySchema.safeParse(raw.put);
    return put.success ? { put: put.data } : null;
  } catch {
    return null;
  }
}

export class VaultJournal {
  /** Bytes of the journal on disk that belong to the current snapshot; null: no journal yet. */
  private size: number | null = null;
  /** Changes in it, to know when to fold them into a new snapshot. */
  count = 0;

  constructor(
    readonly path: string,
    private readonly openFile?: OpenFile,
  ) {}

  /**
   * Replays the journal of the snapshot whose hash `base()` gives onto `document`; a journal of any
   * other snapshot is dropped. `base` is asked only when there is a journal (hashing costs).
   */
  async replay(document: VaultDocument, base: () => Promise<string>): Promise<VaultDocument> {
    this.size = null;
    this.count = 0;
    const text = await readFile(this.path, 'utf8').catch(() => null);
    if (text === null) return document;
    const firstBreak = text.indexOf('\n');
    if (firstBreak === -1 || text.slice(0, firstBreak + 1) !== header(await base())) {
      // Another snapshot's journal, already folded in (or a header cut short): not ours.
      await this.discard();
      return document;
    }
    const ops: JournalOp[] = [];
    const total = Buffer.byteLength(text);
    let valid = Buffer.byteLength(text.slice(0, firstBreak + 1));
    for (const line of text.slice(firstBreak + 1).split('\n')) {
      const bytes = Buffer.byteLength(line) + 1;
      const op = valid + bytes <= total ? parseLine(line) : null;
      if (!op) break;
      ops.push(op);
      valid += bytes;
      this.count += 1;
    }
    // Bytes past the last whole line were never acknowledged: cut them off before appending again.
    if (valid < total) await truncate(this.path, valid);
    this.size = valid;
    return { ...document, entries: applyAll(document.entries, ops) };
  }

  /** Bytes on disk now, to tell a journal changed by someone else. */
  async sizeOnDisk(): Promise<number | null> {
    const handle = await open(this.path, 'r').catch(() => null);
    if (!handle) return null;
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  }

  get expectedSize(): number | null {
    return this.size;
  }

  /** Appends changes to the snapshot `base`, fsynced; on a failed write the journal is cut back. */
  async append(ops: readonly JournalOp[], base: string): Promise<void> {
    const lines = ops.map((op) => {
      const json = JSON.stringify(op);
      return `${check(json)} ${json}\n`;
    });
    const text = (this.size === null ? header(base) : '') + lines.join('');
    const before = this.size ?? 0;
    const handle = await (this.openFile ?? open)(this.path, this.size === null ? 'w' : 'a', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await (before === 0 ? rm(this.path, { force: true }) : truncate(this.path, before)).catch(() => undefined);
      throw error;
    }
    await handle.close();
    this.size = before + Buffer.byteLength(text);
    this.count += ops.length;
  }

  /** After a new snapshot holds every change: the journal goes. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true });
    this.size = null;
    this.count = 0;
  }
}
