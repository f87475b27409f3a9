/** Vault entries as the renderer sees them: everything but the value. */
import type { TokenPermission } from './permissions';
import type { TeamCopy } from './team';

export type VaultSource =
  | { kind: 'created' }
  | { kind: 'cloned'; from: string }
  | { kind: 'rotated'; from: string }
  | { kind: 'imported' }
  | { kind: 'captured' }
  /** A v1 credential's new password, set by Token Desk. */
  | { kind: 'password-set' }
  /** A token made again for another owner (a service user). */
  | { kind: 'reissued'; from: string }
  /** A token made to replace another with other permissions. */
  | { kind: 'replaced'; from: string };

/**
 * What a vault entry's value is: an API token, a 2.x v1-compatibility credential's password, a 2.x user's (UI
 * sign-in) password, or an InfluxDB 1.x user's password.
 */
export const secretKinds = ['token', 'v1-password', 'user-password', 'influx1-password'] as const;
export type SecretKind = (typeof secretKinds)[number];

export interface VaultEntrySummary {
  id: string;
  kind: SecretKind;
  /** The name a password logs in with: a v1 credential's username, a user's name; null for tokens. */
  login: string | null;
  connectionId: string;
  connectionName: string;
  instanceUrl: string;
  orgID: string;
  orgName: string;
  authorizationId: string;
  userName: string;
  description: string;
  permissions: TokenPermission[];
  createdAt: string;
  source: VaultSource;
  /** The authorization that replaced this one in a rotation. */
  replacedBy: string | null;
  notes: string;
  labels: string[];
  /** Where the value was handed to the team's vaults (empty when it was not). */
  team: TeamCopy[];
}

/** Whether a value reached the vault; shown beside every newly created token. */
export type VaultOutcome = { saved: true; entryId: string; team: TeamCopy[] } | { saved: false; reason: string };

export interface VaultHealth {
  state: 'ok' | 'needs-recovery';
  /** Plain words when something happened to the file: set aside, restored, changed elsewhere. */
  message: string | null;
  backupAvailable: boolean;
  entries: number;
}

export interface VaultProtection {
  /** 'os': the OS key store seals each value; 'passphrase': a key derived from a passphrase does. */
  mode: 'os' | 'passphrase';
  /** In passphrase mode: the OS key store seals the passphrase ciphertext as well. */
  alsoOsKeyStore: boolean;
  locked: boolean;
}

/** `revoked`: a Cloud Dedicated / Clustered database token that was revoked (it never works again). */
export type EntryState = 'active' | 'inactive' | 'expired' | 'revoked' | 'deleted' | 'user-deleted' | 'unknown';

export interface ServerTokenRef {
  id: string;
  description: string;
  userName: string;
  status: 'active' | 'inactive';
}

export interface ReconcileReport {
  entries: { entryId: string; state: EntryState }[];
  /** Tokens on the server whose values are not in the vault. */
  notInVault: ServerTokenRef[];
}

export type ImportOutcome =
  { kind: 'saved'; entry: VaultEntrySummary } | { kind: 'choose'; candidates: ServerTokenRef[] };

/** How a damaged vault can be recovered. */
export const vaultRecoveries = ['restore-backup', 'start-empty'] as const;
export type VaultRecovery = (typeof vaultRecoveries)[number];
