/** The IPC argument schemas of v1 credential calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { influxId, localId } from './ids';
import { v1PasswordProblem, v1SnippetFormats, loginProblem } from './v1-credentials';

const connectionId = localId;

/** Generated in main, or typed by the person. */
export const v1PasswordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate') }).strict(),
  z
    .object({
      kind: z.literal('typed'),
      value: z
        .string()
        .refine((p) => v1PasswordProblem(p) === null, { message: 'InfluxDB takes passwords of 8 to 72 bytes.' }),
    })
    .strict(),
]);
export type V1PasswordChoice = z.infer<typeof v1PasswordSchema>;

export const v1RefSchema = z.object({ connectionId, id: influxId }).strict();

export const createV1Schema = z
  .object({
    connectionId,
    orgID: influxId,
    username: z
      .string()
      .max(256)
      .refine((u) => loginProblem(u) === null, { message: 'That username cannot be used by 1.x clients.' }),
    description: z.string().max(1000),
    read: z.array(influxId).max(1000),
    write: z.array(influxId).max(1000),
    password: v1PasswordSchema,
  })
  .strict()
  .refine((input) => input.read.length + input.write.length > 0, {
    message: 'Choose at least one bucket to read or write.',
  });
export type CreateV1Input = z.infer<typeof createV1Schema>;

export const createDbrpSchema = z
  .object({
    connectionId,
    orgID: influxId,
    bucketID: influxId,
    database: z.string().min(1).max(256),
    retentionPolicy: z.string().min(1).max(256),
    default: z.boolean(),
  })
  .strict();
export type CreateDbrpInput = z.infer<typeof createDbrpSchema>;

export const v1SnippetSchema = z
  .object({ connectionId, id: influxId, format: z.enum(v1SnippetFormats), database: z.string().min(1).max(256) })
  .strict();
