/**
 * The vault file: its own JSON file beside the settings. Values are never stored in clear: each is
 * sealed by the OS key store (SecretBox), by a passphrase-derived key, or by both.
 */
import type { Migrations } from '../migrate';
import { z } from 'zod';
import { localId } from '$contract/ids';
import { secretKinds } from '$contract/vault';

export const CURRENT_VAULT_VERSION = 2;

const permissionSchema = z.object({
  action: z.enum(['read', 'write']),
  resource: z.object({
    type: z.string(),
    id: z.string().optional(),
    orgID: z.string().optional(),
    name: z.string().optional(),
    org: z.string().optional(),
  }),
});

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created') }),
  z.object({ kind: z.literal('cloned'), from: z.string() }),
  z.object({ kind: z.literal('rotated'), from: z.string() }),
  z.object({ kind: z.literal('imported') }),
  z.object({ kind: z.literal('captured') }),
  z.object({ kind: z.literal('password-set') }),
  z.object({ kind: z.literal('reissued'), from: z.string() }),
  z.object({ kind: z.literal('replaced'), from: z.string() }),
]);

const teamCopySchema = z.object({
  destinationId: z.string(),
  destination: z.string(),
  state: z.enum(['sent', 'not-sent', 'retired']),
  where: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

const entryFields = {
  id: localId,
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
  /** Absent in entries written before v1 credentials: an API token. */
  kind: z.enum(secretKinds).optional(),
  login: z.string().nullable().optional(),
  /** SHA-256 of the value (hex): finds the entry of a value already known, without opening any. */
  fingerprint: z.string().optional(),
  /** The first 16 hex characters of the value's SHA-512: InfluxDB 3 lists its tokens by that hash. */
  sha512: z.string().optional(),
  /** Where the value was handed to the team's vaults, and how that went. */
  team: z.array(teamCopySchema).max(100).optional(),
};

/** How one value is sealed: OS key store; passphrase key; or passphrase key inside the OS key store. */
export const secretSchema = z.discriminatedUnion('scheme', [
  z.object({ scheme: z.literal('os'), cipher: z.string().min(1) }),
  z.object({ scheme: z.literal('passphrase'), sealed: z.string().min(1) }),
  z.object({ scheme: z.literal('passphrase+os'), cipher: z.string().min(1) }),
]);
export type SealedSecret = z.infer<typeof secretSchema>;

export const storedEntrySchema = z.object({ ...entryFields, secret: secretSchema });
export type StoredEntry = z.infer<typeof storedEntrySchema>;

/**
 * scrypt parameters as read from files: bounded, so a crafted file cannot make main spend minutes
 * or gigabytes deriving a key (N ≤ 2^20, r ≤ 16, p ≤ 4: at most 2 GiB × p… capped again by maxmem).
 */
export const kdfSchema = z
  .object({
    name: z.literal('scrypt'),
    salt: z.string().min(16).max(128),
    N: z
      .number()
      .int()
      .min(1 << 14)
      .max(1 << 20)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  })
  .strict()
  .refine((k) => 128 * k.N * k.r <= 256 * 1024 * 1024, 'scrypt would need more than 256 MiB');

/** What a portable entry holds (an export's item): the entry without its ID and seal, and the value. */
export const portableEntrySchema = z
  .object({
    // Bounded as the page's own edits are: a crafted export cannot bring a 20 MB description or 10,000 labels.
    entry: z
      .object({ ...entryFields })
      .omit({ id: true })
      .extend({
        id: z.string().optional(),
        description: z.string().max(2000),
        notes: z.string().max(10_000),
        labels: z.array(z.string().max(40)).max(20),
        permissions: z.array(permissionSchema).max(1000),
      }),
    value: z.string().min(1).max(4096),
  })
  .strict();

/** A vault export file, as written by exportTo. */
export const vaultExportSchema = z
  .object({
    format: z.literal('token-desk/vault-export'),
    version: z.literal(1),
    kdf: kdfSchema,
    data: z
      .string()
      .min(28)
      .max(64 * 1024 * 1024),
  })
  .strict();

export const protectionSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('os') }),
  z.object({ mode: z.literal('passphrase'), alsoOsKeyStore: z.boolean(), kdf: kdfSchema, check: z.string() }),
]);
export type Protection = z.infer<typeof protectionSchema>;

export const vaultDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_VAULT_VERSION),
  protection: protectionSchema,
  entries: z.array(storedEntrySchema),
});
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

/** The document without its entries' shape, which entry-check.ts checks faster at open. */
export const vaultEnvelopeSchema = z.object({
  schemaVersion: z.literal(CURRENT_VAULT_VERSION),
  protection: protectionSchema,
  entries: z.array(z.unknown()),
});

export const emptyVault = (): VaultDocument => ({
  schemaVersion: CURRENT_VAULT_VERSION,
  protection: { mode: 'os' },
  entries: [],
});

/** Version 1 (the first release) sealed every value with the OS key store in a `cipher` field. */
const v1Schema = z.object({
  schemaVersion: z.literal(1),
  entries: z.array(z.object({ ...entryFields, cipher: z.string().min(1) })),
});

/** Explicit, numbered migrations: migrations[n] turns version n into n+1. */
export const vaultMigrations: Migrations<unknown> = {
  1: (doc) => {
    const v1 = v1Schema.parse(doc);
    return {
      schemaVersion: 2,
      protection: { mode: 'os' },
      entries: v1.entries.map(({ cipher, ...rest }) => ({ ...rest, secret: { scheme: 'os', cipher } })),
    };
  },
};
