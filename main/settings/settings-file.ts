/**
 * The settings file as a file: only a regular file is read (a FIFO would hang the start, a symlink
 * would lead outside the data folder), and a copy of the document as it was is kept before a repair
 * rewrites it. Synchronous, as the settings backends are.
 */
import { lstatSync, renameSync, writeFileSync } from 'node:fs';
import type { Logger } from '../log/logger';

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/** Moves aside whatever stands at `path` if it is not a regular file; answers where it went, or null. */
export function setAsideIfNotRegular(path: string, log: Logger, now = new Date()): string | null {
  const info = (() => {
    try {
      return lstatSync(path);
    } catch {
      return null;
    }
  })();
  if (!info || info.isFile()) return null;
  const aside = `${path}.not-a-file-${stamp(now)}`;
  renameSync(path, aside);
  log.warn('settings.not-a-file', { kind: info.isFIFO() ? 'fifo' : info.isSymbolicLink() ? 'symlink' : 'other' });
  return aside;
}

/** The document as it was read, kept beside the settings (0600) before a repair rewrites it. */
export function keepSettingsCopy(path: string, doc: unknown, now = new Date()): string {
  const copy = `${path}.before-repair-${stamp(now)}.json`;
  writeFileSync(copy, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return copy;
}
