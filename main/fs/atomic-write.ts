/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix: a temp file
 * beside it (mode 0600), fsync, rename over the target, fsync the folder where the OS allows.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How the temp file is opened; tests pass one whose writes fail part-way. */
export type OpenFile = typeof open;

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  openFile: OpenFile = open,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await openFile(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Persist the rename itself; folders cannot be opened for sync on Windows.
  if (process.platform !== 'win32') {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
