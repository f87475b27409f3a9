/** The IPC argument schemas of token calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { day, influxId, localId } from './ids';
import type { TokenKind } from './token-kinds';

const connectionId = localId;

const bucketChoice = z.object({ all: z.boolean(), ids: z.array(influxId).max(10_000) }).strict();

/** Each kind's arguments (the kinds themselves are described in token-kinds.ts). */
const specSchemas = {
  'read-write': z.object({ kind: z.literal('read-write'), read: bucketChoice, write: bucketChoice }).strict(),
  'all-access': z.object({ kind: z.literal('all-access') }).strict(),
  operator: z.object({ kind: z.literal('operator') }).strict(),
  custom: z
    .object({
      kind: z.literal('custom'),
      permissions: z
        .array(
          z
            .object({ action: z.enum(['read', 'write']), type: z.string().min(1).max(64), id: influxId.optional() })
            .strict(),
        )
        .min(1, 'choose at least one permission')
        .max(10_000),
    })
    .strict(),
} satisfies { [K in TokenKind]: z.ZodObject<{ kind: z.ZodLiteral<K> }> };

export const tokenSpecSchema = z.discriminatedUnion('kind', [
  specSchemas['read-write'],
  specSchemas['all-access'],
  specSchemas.operator,
  specSchemas.custom,
]);
export type TokenSpec = z.infer<typeof tokenSpecSchema>;

export const createTokenSchema = z
  .object({
    connectionId,
    orgID: influxId,
    /** The owner; omitted means the connection's own user. */
    userID: influxId.optional(),
    description: z.string().max(1000),
    status: z.enum(['active', 'inactive']),
    spec: tokenSpecSchema,
    saveToVault: z.boolean(),
    /** Review-by date (YYYY-MM-DD); null: none; omitted: the connection's policy decides. */
    reviewBy: day.nullable().optional(),
    /** The token this one replaces (a permission change): it is named in the description and linked in the vault. */
    replaces: influxId.optional(),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenRefSchema = z.object({ connectionId, id: influxId }).strict();
