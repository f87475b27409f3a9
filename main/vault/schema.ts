/** The vault file: its own JSON file beside the settings, values only as SecretBox ciphertext. */
import { z } from 'zod';

export const CURRENT_VAULT_VERSION = 1;

const permissionSchema = z.object({
  action: z.enum(['read', 'write']),
  resource: z.object({ type: z.string(), id: z.string().optional(), orgID: z.string().optional(), name: z.string().optional(), org: z.string().optional() }),
});

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created') }),
  z.object({ kind: z.literal('cloned'), from: z.string() }),
  z.object({ kind: z.literal('rotated'), from: z.string() }),
  z.object({ kind: z.literal('imported') }),
  z.object({ kind: z.literal('captured') }),
]);

export const storedEntrySchema = z.object({
  id: z.string().uuid(),
  connectionId: z.string(),
  connectionName: z.string(),
  instanceUrl: z.string(),
  orgID: z.string(),
  orgName: z.string(),
  authorizationId: z.string(),
  userName: z.string(),
  description: z.string(),
  permissions: z.array(permissionSchema),
  createdAt: z.string(),
  source: sourceSchema,
  replacedBy: z.string().nullable(),
  notes: z.string(),
  labels: z.array(z.string()),
  /** The token value, encrypted by the SecretBox, base64. */
  cipher: z.string().min(1),
});
export type StoredEntry = z.infer<typeof storedEntrySchema>;

export const vaultDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_VAULT_VERSION),
  entries: z.array(storedEntrySchema),
});
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

export const emptyVault = (): VaultDocument => ({ schemaVersion: CURRENT_VAULT_VERSION, entries: [] });
