/**
 * Reads a file the page named (a CA certificate, an influx CLI config, a vault export) only when it
 * is a regular file of bounded size: a FIFO would hang the read and stall main's thread pool, a
 * device like /dev/zero would never end. Opened non-blocking, checked on the open handle.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { TokenDeskError } from '$contract/errors';

export async function readSmallFile(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TokenDeskError(
      'VALIDATION',
      code === 'ENOENT'
        ? `${path} does not exist.`
        : `${path} cannot be opened (${code ?? 'error'}). Check its permissions.`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new TokenDeskError(
        'VALIDATION',
        `${path} is not a regular file (a folder, device or pipe): choose the file itself.`,
      );
    if (info.size > maxBytes)
      throw new TokenDeskError(
        'VALIDATION',
        `${path} is ${Math.ceil(info.size / 1024)} KiB, more than the ${Math.round(maxBytes / 1024)} KiB such a ` +
          `file can be: is it the right file?`,
      );
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes)
      throw new TokenDeskError('VALIDATION', `${path} grew past ${Math.round(maxBytes / 1024)} KiB while being read.`);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
