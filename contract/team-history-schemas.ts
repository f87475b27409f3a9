/** The IPC argument schemas of the team history, and its target as the settings keep it. */
import { z } from 'zod';
import { influxId, localId } from './ids';

/** A name every product takes for a bucket or database: letters, digits, `_` and `-`, not starting with `_`. */
export const teamDatabaseSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'Use letters, digits, _ and - (up to 64), starting with a letter or digit.',
  );

export const teamHistoryTargetSchema = z
  .object({
    connectionId: localId,
    database: teamDatabaseSchema,
    orgID: influxId.nullable(),
    credential: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('vault'), entryId: localId, username: z.string().max(200).nullable() }).strict(),
      z.object({ kind: z.literal('connection') }).strict(),
    ]),
    made: z.array(z.string().max(1000)).max(20),
  })
  .strict();

export const setUpTeamHistorySchema = z
  .object({ connectionId: localId, database: teamDatabaseSchema, orgID: influxId.nullable() })
  .strict();
export type SetUpTeamHistoryInput = z.infer<typeof setUpTeamHistorySchema>;

/** null: back to host and OS user. */
export const deskNameSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\r\n\t]+$/, 'One line, please.')
      .nullable(),
  })
  .strict();
