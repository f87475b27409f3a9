/** The IPC argument schemas of InfluxDB 1.x user calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { day, localId } from './ids';
import { influx1NameProblem, influx1PasswordProblem, influx1Privileges, influx1SnippetFormats } from './influx1';

const connectionId = localId;
const userName = z.string().refine((n) => influx1NameProblem(n) === null, { message: 'That name cannot be used.' });

export const influx1PasswordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate') }).strict(),
  z
    .object({
      kind: z.literal('typed'),
      value: z
        .string()
        .refine((p) => influx1PasswordProblem(p) === null, { message: 'Use 8 to 72 bytes, no control character.' }),
    })
    .strict(),
]);

const grant = z.object({ database: z.string().min(1).max(200), privilege: z.enum(influx1Privileges) }).strict();
const grants = z.array(grant).max(1000);
const reviewBy = day.nullable();

export const influx1UserRefSchema = z.object({ connectionId, name: userName }).strict();

export const createInflux1UserSchema = z
  .object({
    connectionId,
    name: userName,
    admin: z.boolean(),
    grants,
    password: influx1PasswordSchema,
    reviewBy: reviewBy.optional(),
  })
  .strict();
export type CreateInflux1UserInput = z.infer<typeof createInflux1UserSchema>;

/** `confirm`: the connection's name, typed where a change could lock everyone out (or on production). */
const confirm = z.string().max(200).optional();

export const setInflux1GrantsSchema = influx1UserRefSchema.extend({ grants });
export const setInflux1AdminSchema = influx1UserRefSchema.extend({ admin: z.boolean(), confirm });
export const dropInflux1UserSchema = influx1UserRefSchema.extend({ confirm });
/** `reviewBy`: a new password starts its review afresh (undefined keeps the date). */
export const setInflux1PasswordSchema = influx1UserRefSchema.extend({
  password: influx1PasswordSchema,
  reviewBy: reviewBy.optional(),
});
export const setInflux1ReviewSchema = influx1UserRefSchema.extend({ reviewBy });
export const influx1SnippetSchema = influx1UserRefSchema.extend({
  format: z.enum(influx1SnippetFormats),
  database: z.string().max(200).optional(),
});
export const firstInflux1AdminSchema = z.object({ connectionId, name: userName }).strict();
