/**
 * What the emulator stores, and the modes it imitates. Wire shapes come from the official client's
 * types (@influxdata/influxdb-client-apis) so a drift from the contract fails to compile.
 */
import type { Resource } from '@influxdata/influxdb-client-apis';

export const modes = ['oss-2.7', 'oss-2.9', 'cloud', 'v3-core', 'v3-enterprise', 'dedicated', 'clustered'] as const;
export type Mode = (typeof modes)[number];

/** The client's resource union lacks Cloud's `subscriptions`, which the Cloud contract lists. */
export type ResourceType = Resource['type'] | 'subscriptions';
export type Action = 'read' | 'write';

export interface StoredPermission {
  action: Action;
  resource: { type: ResourceType; id?: string; orgID?: string };
}

export interface StoredAuthorization {
  id: string;
  token: string;
  status: 'active' | 'inactive';
  description: string;
  orgID: string;
  userID: string;
  permissions: StoredPermission[];
  createdAt: string;
  updatedAt: string;
}

export interface StoredUser {
  id: string;
  name: string;
  status: 'active' | 'inactive';
}

export interface StoredOrg {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** Buckets, telegrafs, dashboards and tasks: what token permissions can name. */
export interface StoredOrgResource {
  id: string;
  orgID: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** A task runs as its owner (OSS), never with a token. */
export interface StoredTask extends StoredOrgResource {
  ownerID: string;
  status: 'active' | 'inactive';
  /** Cloud only: the token the task runs with (OSS tasks run as their owner and carry none). */
  authorizationID?: string;
  lastRunStatus: 'success' | 'failed' | null;
}

export type OrgRole = 'member' | 'owner';

export interface StoredBucket extends StoredOrgResource {
  type: 'user' | 'system';
  retentionSeconds: number;
}

export const isV3 = (mode: Mode): mode is 'v3-core' | 'v3-enterprise' => mode === 'v3-core' || mode === 'v3-enterprise';

/** Cloud Dedicated and Clustered: the Management API (cluster.ts), no /ping, no product headers. */
export const isCluster = (mode: Mode): mode is 'dedicated' | 'clustered' =>
  mode === 'dedicated' || mode === 'clustered';

/** X-Influxdb-Build and -Version: v3 sends its bare Cargo version (no `v`). */
export const productOf = (mode: Mode) =>
  mode === 'cloud'
    ? { build: 'Cloud', version: null }
    : mode === 'v3-core'
      ? { build: 'Core', version: '3.10.0' }
      : mode === 'v3-enterprise'
        ? { build: 'Enterprise', version: '3.10.0' }
        : { build: 'OSS', version: mode === 'oss-2.7' ? 'v2.7.12' : 'v2.9.0' };

/** A DBRP mapping (/api/v2/dbrps): a 1.x database and retention policy → a bucket. */
export interface StoredDbrp {
  id: string;
  database: string;
  retention_policy: string;
  default: boolean;
  orgID: string;
  bucketID: string;
}
