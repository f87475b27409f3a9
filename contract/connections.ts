/**
 * Connection profiles as the renderer sees them: never a management token, only whether one is
 * stored and where. Plain data, no zod: the renderer reads it; the argument schemas are in
 * connection-schemas.ts.
 */
import type { Retirement } from './credentials';
import type { ConnectionDraft, ConnectionTls, OrgRef } from './connection-schemas';
import type { ProductKind } from './products';
import type { ReviewPolicy } from './review';

export const environmentColours = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;
export type EnvironmentColour = (typeof environmentColours)[number];

export type { ConnectionDraft, ConnectionTls, OrgRef } from './connection-schemas';

/** What a new connection starts with, wherever it comes from (the form, a CLI import, the demo). */
export const connectionDefaults = {
  org: null,
  environment: { label: '', colour: 'blue', production: false },
  timeoutMs: 10_000,
  tls: { caFile: null, skipVerify: false },
} as const satisfies Pick<ConnectionDraft, 'org' | 'environment' | 'timeoutMs' | 'tls'>;

/**
 * Whether a connection saved (or imported) without the Production setting is one: its label says so,
 * the rule from before there was a setting, so no guarded connection loses its guard on upgrade.
 */
export const labelSaysProduction = (label: string): boolean => /\b(prod\w*|prd\w*|live)\b/i.test(label);

/** keystore: sealed by the OS key store; vault: by the vault's passphrase (usable while it is unlocked). */
export type TokenStorage = 'keystore' | 'vault' | 'session' | 'none';

export interface ConnectionSummary {
  id: string;
  name: string;
  url: string;
  org: OrgRef | null;
  /** production: changes ask for the connection's name to be typed, and its screens carry a band. */
  environment: { label: string; colour: EnvironmentColour; production: boolean };
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
  /** Cloud Dedicated: the cluster's data URL, where new database tokens are tried; null when not known. */
  dataUrl: string | null;
  /** Tokens whose review date has come, for the sidebar. */
  reviewsDue: number;
  /** Credentials kept after a replacement, by ID: the day to retire each by and what replaced it. */
  retirements: Record<string, Retirement>;
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

interface CheckBase {
  product: ProductKind;
  version: string | null;
  /** Plain words, e.g. "Can list and create tokens in org ops; cannot create operator tokens." */
  summary: string;
  checkedAt: string;
}

/** InfluxDB 2.x and Cloud: the token's user, its orgs, what it can do with tokens. */
export interface V2Check extends CheckBase {
  family: 'v2';
  user: { id: string; name: string };
  orgs: OrgRef[];
  /** The org checked (the profile's, else the first visible), or null when the token sees none. */
  org: OrgRef | null;
  capabilities: Capabilities;
}

/** InfluxDB 3: which token this is (it has no users or organizations) and its databases. */
export interface V3Check extends CheckBase {
  family: 'v3';
  /** The connection's own token, found in system.tokens by its hash; `name` 'this token' when not found. */
  user: { id: string; name: string };
  capabilities: Capabilities;
  databases: string[];
}

/** InfluxDB 1.x: a user with a password, admin or not; authentication may be off altogether. */
export interface Influx1Check extends CheckBase {
  family: 'influx1';
  /** The connection's username, or null when it has none (authentication off). */
  user: string | null;
  admin: boolean;
  /** False: the server lets anyone do anything. */
  authEnabled: boolean;
  /** Authentication is on and no user exists yet: the first admin can be made. */
  setup: boolean;
  /** What this user may see (a non-admin sees only the databases it holds a privilege on). */
  databases: string[];
}

/** Cloud Dedicated and Clustered: what the management token may do, through the Management API. */
export interface ClusterCheck extends CheckBase {
  family: 'cluster';
  /** The account and cluster (Dedicated), from the connection's address; null on Clustered. */
  accountId: string | null;
  clusterId: string | null;
  databases: string[];
  /** Listing database tokens worked (the token may manage them); null: not asked. */
  canListTokens: boolean;
  /** The management token's expiry when it says (a JWT's `exp`); null when unknown. */
  managementExpiresAt: string | null;
}

export type ConnectionCheck = V2Check | V3Check | Influx1Check | ClusterCheck;
export type CheckOf<F extends ConnectionCheck['family']> = Extract<ConnectionCheck, { family: F }>;

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

/** The credential cannot make changes (a 2.x token that cannot create, a 1.x user who is not an admin). */
export function checkIsLimited(check: ConnectionCheck): boolean {
  if (check.family === 'cluster') return !check.canListTokens;
  return check.family === 'influx1' ? !check.admin : check.capabilities.create === false;
}
