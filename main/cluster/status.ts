/** A database token's state as a person reads it: revoked before expired, since a revoked one never returns. */
import type { ClusterTokenStatus } from '$contract/cluster-tokens';
import type { ManagementToken } from './api';

export function statusOf(token: Pick<ManagementToken, 'expiresAt' | 'revokedAt'>, now: number): ClusterTokenStatus {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt && Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}
