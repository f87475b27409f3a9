/**
 * Cloud Dedicated and Clustered, as the emulator keeps them: one account and cluster (Dedicated),
 * its databases, its management tokens, and its database tokens as the Management API describes
 * them (test/fixtures/management-api/). A new token works on the data endpoint only after an
 * activation delay ("a few seconds to a few minutes"), and never once revoked or expired.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface ClusterPermission {
  action: 'read' | 'write';
  resource: string;
}

export interface ClusterToken {
  id: string;
  description: string;
  permissions: ClusterPermission[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** SHA-256 of the access token (the server keeps no value). */
  hash: string;
  /** When it starts to work on the data endpoint (ms). */
  activeFrom: number;
}

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export class ClusterState {
  readonly accountId = '11111111-1111-4111-8111-111111111111';
  readonly clusterId = '33333333-3333-4333-8333-333333333333';
  readonly databases = new Set<string>();
  readonly tokens = new Map<string, ClusterToken>();
  /** Management tokens: hash → whether it may manage database tokens (false: databases only). */
  readonly managementTokens = new Map<string, { canManageTokens: boolean }>();
  /** How long a new token takes to work on the data endpoint. */
  activationMs = 0;

  constructor(private readonly now: () => Date) {}

  addManagementToken(canManageTokens = true): string {
    const value = `mgmt_${randomBytes(32).toString('hex')}`;
    this.managementTokens.set(hash(value), { canManageTokens });
    return value;
  }

  management(value: string): { canManageTokens: boolean } | undefined {
    return this.managementTokens.get(hash(value));
  }

  /** `apiv1_` + 64 hex characters, as the spec's examples show (minLength 64). */
  add(input: { description: string; permissions: ClusterPermission[]; expiresAt?: string | null; at?: number }): {
    token: ClusterToken;
    value: string;
  } {
    const value = `apiv1_${randomBytes(32).toString('hex')}`;
    const at = input.at ?? this.now().getTime();
    const token: ClusterToken = {
      id: randomUUID(),
      description: input.description,
      permissions: input.permissions,
      createdAt: new Date(at).toISOString(),
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      hash: hash(value),
      activeFrom: input.at === undefined ? at + this.activationMs : at,
    };
    this.tokens.set(token.id, token);
    return { token, value };
  }

  /** The token a data request presents, if it works now: active, not revoked, not expired. */
  working(value: string): ClusterToken | undefined {
    const wanted = hash(value);
    const now = this.now().getTime();
    return [...this.tokens.values()].find(
      (t) =>
        t.hash === wanted &&
        !t.revokedAt &&
        now >= t.activeFrom &&
        (t.expiresAt === null || Date.parse(t.expiresAt) > now),
    );
  }

  /** What the Management API answers for a token (never its hash or activation). */
  view(t: ClusterToken, dedicated: boolean): Record<string, unknown> {
    return {
      ...(dedicated ? { accountId: this.accountId, clusterId: this.clusterId } : {}),
      id: t.id,
      description: t.description,
      permissions: t.permissions,
      createdAt: t.createdAt,
      ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}),
      ...(t.revokedAt ? { revokedAt: t.revokedAt } : {}),
    };
  }
}
