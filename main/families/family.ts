/**
 * What every credential family provides to the rest of main. A family is a folder of its own (its
 * API module, its services, its check) plus one entry in registry.ts; nothing outside a family asks
 * which product a connection is.
 */
import type { ConnectionCheck } from '$contract/connections';
import type { ProductKind } from '$contract/products';
import type { ReconcileReport, VaultEntrySummary } from '$contract/vault';
import type { InfluxClient, ProductHeaders } from '../influx/client';
import type { TeamHistoryStore } from '../team-history/store';

export interface CheckContext {
  client: InfluxClient;
  product: ProductKind;
  /** /ping's answer, already read: the version header, the build. */
  headers: ProductHeaders;
  preferredOrg: { id?: string; name?: string } | null;
  now: Date;
}

export interface ReconcileContext {
  client: InfluxClient;
  /** This connection's vault entries, of every kind. */
  entries: VaultEntrySummary[];
}

export interface Family {
  /** Which product and version answers, whose credential this is and what it may do; changes nothing. */
  check(context: CheckContext): Promise<ConnectionCheck>;
  /** Which vault entries still match a live credential, and which credentials have no value here. */
  reconcile(context: ReconcileContext): Promise<ReconcileReport>;
  /** Where the team history can be kept on this product; null where it cannot. */
  teamHistory: TeamHistoryStore | null;
}
