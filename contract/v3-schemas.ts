/** The IPC argument schemas of InfluxDB 3 token calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { localId } from './ids';
import { v3NameProblem } from './v3-tokens';

const connectionId = localId;
const tokenId = z.string().regex(/^\d{1,20}$/);

export const v3PermissionSchema = z
  .object({
    resourceType: z.enum(['db', 'system']),
    names: z.array(z.string().min(1).max(256)).min(1).max(1000),
    actions: z
      .array(z.enum(['read', 'write']))
      .min(1)
      .max(2),
  })
  .strict();

export const createV3TokenSchema = z
  .object({
    connectionId,
    name: z
      .string()
      .max(200)
      .refine((n) => v3NameProblem(n) === null, { message: 'That name cannot be used.' }),
    /** Never 0: an expiry of 0 makes a token expired at birth. null: never expires. */
    expirySecs: z
      .number()
      .int()
      .min(60)
      .max(100 * 365 * 86_400)
      .nullable(),
    /** null: an admin token; else an Enterprise resource token. */
    permissions: z.array(v3PermissionSchema).min(1).max(100).nullable(),
    saveToVault: z.boolean(),
  })
  .strict();
export type CreateV3TokenInput = z.infer<typeof createV3TokenSchema>;

export const v3RefSchema = z.object({ connectionId, id: tokenId }).strict();
