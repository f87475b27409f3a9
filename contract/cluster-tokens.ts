/**
 * InfluxDB Cloud Dedicated and Clustered database tokens, as the Management API describes them
 * (test/fixtures/management-api/*.yml): read and/or write per database or on all (`*`), a
 * description, an optional expiry, revoked once deleted. Unlike every other product, their
 * permissions and description can be changed in place (PATCH); the expiry cannot. Plain data; the
 * argument schemas are in cluster-schemas.ts.
 */
import type { VaultOutcome } from './vault';

/** `resource` is a database name, or `*` for all databases. */
export interface ClusterPermission {
  action: 'read' | 'write';
  resource: string;
}

export const ALL_DATABASES = '*';

export type ClusterTokenStatus = 'active' | 'expired' | 'revoked';

export interface ClusterTokenRow {
  id: string;
  description: string;
  permissions: ClusterPermission[];
  /** In words: "Read sensors · Write sensors, logs", "Read and write all databases", "No access". */
  summary: string;
  createdAt: string;
  /** null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  status: ClusterTokenStatus;
  vaultEntryId: string | null;
  /** Token Desk's review-by date, for tokens without an expiry. */
  reviewBy: string | null;
}

export interface ClusterTokenList {
  rows: ClusterTokenRow[];
  databases: string[];
}

export interface CreatedClusterToken {
  token: ClusterTokenRow;
  value: string;
  vault: VaultOutcome;
  /**
   * Where its activation can be checked (the cluster's data URL), or null when it is not known. A
   * new token can take from seconds to minutes to work.
   */
  dataUrl: string | null;
}

/** What probing a new token on the cluster found: it works, or not yet (401), or the probe could not tell. */
export type ActivationProbe = { state: 'active' } | { state: 'pending' } | { state: 'unknown'; reason: string };

const verbOf = (actions: ReadonlySet<string>) =>
  actions.has('read') && actions.has('write') ? 'Read and write' : actions.has('write') ? 'Write' : 'Read';

/** "Read sensors · Read and write logs", "Read and write all databases", "No access". */
export function clusterSummary(permissions: readonly ClusterPermission[]): string {
  if (permissions.length === 0) return 'No access';
  const byDatabase = new Map<string, Set<string>>();
  for (const p of permissions) byDatabase.set(p.resource, (byDatabase.get(p.resource) ?? new Set()).add(p.action));
  const byVerb = new Map<string, string[]>();
  for (const [database, actions] of byDatabase) {
    const verb = verbOf(actions);
    byVerb.set(verb, [...(byVerb.get(verb) ?? []), database === ALL_DATABASES ? 'all databases' : database]);
  }
  return [...byVerb].map(([verb, names]) => `${verb} ${names.join(', ')}`).join(' · ');
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The `influxctl token create` that makes the same token. */
export function influxctlCreate(
  description: string,
  permissions: readonly ClusterPermission[],
  expiresAt: string | null,
): string {
  const flags = permissions.map((p) => `--${p.action}-database ${quote(p.resource)}`);
  return [
    'influxctl token create',
    ...flags,
    ...(expiresAt ? [`--expires-at ${expiresAt}`] : []),
    quote(description),
  ].join(' \\\n  ');
}

/** The Management API request that makes it (the token in $MANAGEMENT_TOKEN, never written out). */
export function managementCurl(
  tokensUrl: string,
  description: string,
  permissions: readonly ClusterPermission[],
  expiresAt: string | null,
): string {
  const body = JSON.stringify({ description, permissions, ...(expiresAt ? { expiresAt } : {}) });
  return [
    `curl --request POST ${quote(tokensUrl)}`,
    `--header 'Accept: application/json'`,
    `--header 'Content-Type: application/json'`,
    `--header "Authorization: Bearer $MANAGEMENT_TOKEN"`,
    `--data ${quote(body)}`,
  ].join(' \\\n  ');
}
