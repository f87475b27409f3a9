/**
 * Connection profiles as the renderer sees them: never a management token, only whether one is
 * stored and where. Plain data, no zod: the renderer reads it; the argument schemas are in
 * connection-schemas.ts.
 */
import type { ConnectionDraft, ConnectionTls, OrgRef } from './connection-schemas';
import type { ProductKind } from './products';
import type { ReviewPolicy } from './review';

export const environmentColours = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;
export type EnvironmentColour = (typeof environmentColours)[number];

export type { ConnectionDraft, ConnectionTls, OrgRef } from './connection-schemas';

/** What a new connection starts with, wherever it comes from (the form, a CLI import, the demo). */
export const connectionDefaults = {
  org: null,
  environment: { label: '', colour: 'blue' },
  timeoutMs: 10_000,
  tls: { caFile: null, skipVerify: false },
} as const satisfies Pick<ConnectionDraft, 'org' | 'environment' | 'timeoutMs' | 'tls'>;

/** keystore: sealed by the OS key store; vault: by the vault's passphrase (usable while it is unlocked). */
export type TokenStorage = 'keystore' | 'vault' | 'session' | 'none';

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
  /** IDs of the server's users marked as service users here (the server has no such flag). */
  serviceUsers: string[];
  /** The server's ID of the token this connection uses, once known. */
  selfTokenId: string | null;
  reviewPolicy: ReviewPolicy;
  /** Tokens whose review date has come, for the sidebar. */
  reviewsDue: number;
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
  /** InfluxDB 3: its databases (it has no organizations). */
  databases?: string[];
}

export interface CliConfigPreview {
  path: string;
  configs: {
    name: string;
    url: string;
    org: string | null;
    active: boolean;
    hasToken: boolean;
    alreadyImported: boolean;
  }[];
  /** Tables in the file that are not usable configs (no url). */
  skipped: string[];
}
