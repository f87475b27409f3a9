/**
 * Every family's credentials in one shape, for what reads across families and connections (the
 * overview, one search, an inventory): each family maps its own rows here (main/families/rows.ts).
 * Plain data, no zod; never a value.
 */
import type { FamilyId } from './families';
import type { ProductKind } from './products';

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
}

export interface CredentialList {
  product: ProductKind;
  rows: CredentialRow[];
  listedAt: string;
}
