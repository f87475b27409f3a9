/** The IPC argument schemas of user calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { influxId, localId } from './ids';
import { userNameProblem } from './users';
import { v1PasswordSchema } from './v1-schemas';

const connectionId = localId;

/** A service user needs no password (its tokens work without one); one is only for signing in to the UI. */
export const userPasswordSchema = z.union([v1PasswordSchema, z.object({ kind: z.literal('none') }).strict()]);
export type UserPasswordChoice = z.infer<typeof userPasswordSchema>;

export const createServiceUserSchema = z
  .object({
    connectionId,
    /** Chosen by the page so it can follow this creation's progress events. */
    operationId: localId,
    name: z
      .string()
      .max(100)
      .refine((n) => userNameProblem(n) === null, { message: 'That name cannot be used.' }),
    memberships: z
      .array(z.object({ orgID: influxId, role: z.enum(['member', 'owner']) }).strict())
      .min(1, 'Choose at least one organization.')
      .max(100),
    password: userPasswordSchema,
  })
  .strict();
export type CreateServiceUserInput = z.infer<typeof createServiceUserSchema>;
