/**
 * Every family's credentials in one shape, for what reads across families and connections (the
 * overview, one search, an inventory): each family maps its own rows here (main/families/rows.ts).
 * Plain data, no zod; never a value.
 */
import type { ErrorShape } from './errors';
import type { FamilyId, TabInfo } from './families';
import type { ProductKind } from './products';

/** What a credential may do with data: read or write a bucket or database by name; `*`: every one. */
export interface CredentialGrant {
  action: 'read' | 'write';
  resource: string;
}

export interface CredentialRow {
  family: FamilyId;
  /** The server's ID: a token's ID, a v1 credential's ID, an InfluxDB 3 token's ID, a 1.x user's name. */
  id: string;
  /** What it is, by family: "token:all-access", "v1-credential", "v3:admin", "influx1:user", "cluster:database". */
  kind: string;
  /** Its description or name, as its list shows it. */
  name: string;
  /** The user it belongs to, where the product has users; null where it has none (InfluxDB 3). */
  owner: string | null;
  /** Its permissions in words. */
  permissions: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** When the server stops accepting it; null: never. */
  expiresAt: string | null;
  /** Token Desk's review-by date, for credentials that never expire. */
  reviewBy: string | null;
  status: 'active' | 'inactive' | 'expired' | 'revoked';
  /** Its value (or password) is in the vault. */
  inVault: boolean;
  /** The connection's tab that lists it. */
  tab: TabInfo['id'];
  /** An operator or admin: everything on the server (2.x operator, v3 admin, 1.x admin). */
  privileged: boolean;
  /** Its data access, bucket or database by name (other 2.x resource types are not data). */
  grants: CredentialGrant[];
  /** It may write anything (tasks and dashboards too): what the review policy calls a writer. */
  writesAny: boolean;
  /** Whose it is, where the product has users: a user marked as a service user, or a person. */
  ownerKind: 'service' | 'person' | null;
  /** Kept after a replacement: the day to retire it by, and what replaced it (its name). */
  retirement: Retirement | null;
}

export interface Retirement {
  by: string;
  replacedBy: string;
}

/** A vault entry of this connection whose credential the server no longer has. */
export interface VaultOrphan {
  entryId: string;
  name: string;
}

export interface CredentialList {
  product: ProductKind;
  /** As the server reports it; null where it reports none. */
  version: string | null;
  rows: CredentialRow[];
  vaultOrphans: VaultOrphan[];
  listedAt: string;
}

/** A connection's last list across the fleet, or why it could not be read; null before the first. */
export interface FleetEntry {
  connectionId: string;
  list: CredentialList | null;
  error: (ErrorShape & { at: string }) | null;
}

/** A review date for one row of a connection's last list (null clears it). */
export interface CredentialReview {
  id: string;
  kind: string;
  reviewBy: string | null;
}

/** Whether a credential can write any data. */
export const writes = (row: CredentialRow): boolean => row.grants.some((g) => g.action === 'write');
