/**
 * Connection profiles as the renderer sees them: never a management token, only whether one is
 * stored and where. Schemas here are the IPC argument schemas for connection calls.
 */
import { z } from 'zod';
import { influxId, localId } from './ids';
import type { ProductKind } from './products';

export const environmentColours = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;
export type EnvironmentColour = (typeof environmentColours)[number];

const trimmed = (max: number) => z.string().trim().max(max);

export const orgRefSchema = z.object({ id: influxId, name: trimmed(200).min(1) }).strict();
export type OrgRef = z.infer<typeof orgRefSchema>;

export const connectionTlsSchema = z
  .object({
    /** A PEM file of extra CA certificates to trust, chosen by the user. */
    caFile: z.string().min(1).max(4096).nullable(),
    /** Skip certificate verification entirely: allowed, but shown as a loud warning. */
    skipVerify: z.boolean(),
  })
  .strict();
export type ConnectionTls = z.infer<typeof connectionTlsSchema>;

/** What the form sends. `token` is a new management token; omitted means keep the stored one. */
export const connectionDraftSchema = z
  .object({
    id: localId.optional(),
    name: trimmed(100).min(1, 'a name is required'),
    url: trimmed(2048).min(1, 'a URL is required'),
    token: z.string().trim().min(1).max(4096).optional(),
    /** False keeps a new token in memory for this session only. */
    rememberToken: z.boolean(),
    org: orgRefSchema.nullable(),
    environment: z.object({ label: trimmed(40), colour: z.enum(environmentColours) }).strict(),
    timeoutMs: z.number().int().min(1000).max(300_000),
    tls: connectionTlsSchema,
  })
  .strict();
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

/** What a new connection starts with, wherever it comes from (the form, a CLI import, the demo). */
export const connectionDefaults = {
  org: null,
  environment: { label: '', colour: 'blue' },
  timeoutMs: 10_000,
  tls: { caFile: null, skipVerify: false },
} as const satisfies Pick<ConnectionDraft, 'org' | 'environment' | 'timeoutMs' | 'tls'>;

export type TokenStorage = 'keystore' | 'session' | 'none';

export interface ConnectionSummary {
  id: string;
  name: string;
  url: string;
  org: OrgRef | null;
  environment: { label: string; colour: EnvironmentColour };
  timeoutMs: number;
  tls: ConnectionTls;
  /** Where the management token is: encrypted with the OS key store, in memory until quit, or nowhere. */
  token: TokenStorage;
  selected: boolean;
}


export interface Capabilities {
  // null: the server did not let Token Desk tell.
  list: boolean | null;
  create: boolean | null;
  /** Activate, deactivate, rename and delete. */
  update: boolean | null;
  /** Tokens of every user, not only the token's own user. */
  allUsers: boolean | null;
  /** OSS only: can grant the operator permission set. */
  operator: boolean | null;
}

export interface ConnectionCheck {
  product: ProductKind;
  version: string | null;
  user: { id: string; name: string };
  orgs: OrgRef[];
  /** The org checked (the profile's, else the first visible), or null when the token sees none. */
  org: OrgRef | null;
  capabilities: Capabilities;
  /** Plain words, e.g. "Can list and create tokens in org ops; cannot create operator tokens." */
  summary: string;
  checkedAt: string;
}

export interface CliConfigPreview {
  path: string;
  configs: { name: string; url: string; org: string | null; active: boolean; hasToken: boolean; alreadyImported: boolean }[];
  /** Tables in the file that are not usable configs (no url). */
  skipped: string[];
}
