/**
 * How far this desk's history has reached its team target, kept beside the journal so it survives
 * restarts: the last record shipped, its time, how many went. A cursor that cannot be read (a crash
 * mid-write, a hand edit) counts as none: everything is sent again, and each point overwrites
 * itself, so nothing is lost and nothing doubled.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

const cursorSchema = z
  .object({
    /** The target it is for: a new target starts from the first record. */
    target: z.string().max(3000),
    lastId: z.string().max(64),
    lastAt: z.string().max(40),
    shipped: z.number().int().min(0),
    shippedAt: z.string().max(40).nullable(),
  })
  .strict();
export type Cursor = z.infer<typeof cursorSchema>;

export class CursorFile {
  constructor(private readonly path: string) {}

  async read(target: string): Promise<Cursor | null> {
    const text = await readFile(this.path, 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const parsed = cursorSchema.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.target === target ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async write(cursor: Cursor): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify(cursor)}\n`);
  }
}
