/** Tokens (InfluxDB authorizations) as the renderer sees them, and the calls' argument schemas. */
import { z } from 'zod';
import { influxId, localId } from './ids';
import type { TokenPermission } from './permissions';
import type { ProductKind } from './products';
import type { TokenKind } from './token-kinds';

export type { TokenKind } from './token-kinds';
import type { VaultOutcome } from './vault';


export interface TokenRow {
  id: string;
  description: string;
  status: 'active' | 'inactive';
  userID: string;
  userName: string;
  orgID: string;
  orgName: string;
  createdAt: string;
  updatedAt: string;
  permissions: TokenPermission[];
  kind: TokenKind;
  /** "Operator", "All access", "Read 2 buckets · Write 1 bucket", "Custom: 7 permissions". */
  summary: string;
  /** Its value is in Token Desk's vault. */
  inVault: boolean;
}

export interface TokenList {
  rows: TokenRow[];
  product: ProductKind;
  /** OSS ≤ 2.7 returns values on every read: the last chance to capture them before 2.9 hashes them. */
  valuesReadable: boolean;
}

export interface NamedItem {
  id: string;
  name: string;
}

export interface OrgResources {
  orgID: string;
  buckets: NamedItem[];
  telegrafs: NamedItem[];
  dashboards: NamedItem[];
  tasks: NamedItem[];
  users: NamedItem[];
  /** Every resource type the server knows (GET /api/v2/resources), instance excluded. */
  types: string[];
  /** The connection's own user, the default owner of new tokens. */
  me: NamedItem;
}

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
        .array(z.object({ action: z.enum(['read', 'write']), type: z.string().min(1).max(64), id: influxId.optional() }).strict())
        .min(1, 'choose at least one permission')
        .max(10_000),
    })
    .strict(),
} satisfies { [K in TokenKind]: z.ZodObject<{ kind: z.ZodLiteral<K> }> };

export const tokenSpecSchema = z.discriminatedUnion('kind', [specSchemas['read-write'], specSchemas['all-access'], specSchemas.operator, specSchemas.custom]);
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
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenRefSchema = z.object({ connectionId, id: influxId }).strict();

/** The one answer that carries a token's value: right after it was created. */
export interface CreatedToken {
  token: TokenRow;
  value: string;
  vault: VaultOutcome;
}

export interface TokenDetail {
  token: TokenRow;
  /** Permissions grouped by resource type with resolved names ("deleted resource" when gone). */
  groups: { type: string; entries: { action: 'read' | 'write'; scope: string; deleted: boolean }[] }[];
  json: string;
  cli: { command: string; note: string | null };
  curl: string;
}
