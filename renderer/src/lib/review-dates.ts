/**
 * Review dates for tokens made before Token Desk knew them: the connection's policy applied from each
 * token's creation. Pure, for the list and its tests.
 */
import { addDays, dayOf, type ReviewPolicy } from '$contract/review';
import type { TokenRow } from '$contract/tokens';

/** Does the token write anything? The policy gives writers and readers different days. */
export const tokenWrites = (row: Pick<TokenRow, 'permissions'>) => row.permissions.some((p) => p.action === 'write');

const policyDays = (row: Pick<TokenRow, 'permissions'>, policy: ReviewPolicy) =>
  tokenWrites(row) ? policy.writeDays : policy.otherDays;

/**
 * The date the policy gives a token: its creation plus the policy's days, and no earlier than today
 * (a token older than the policy is due now, not "due 241 days ago"). Null where the policy sets none.
 */
export function policyReviewBy(
  row: Pick<TokenRow, 'permissions' | 'createdAt'>,
  policy: ReviewPolicy,
  today: string,
): string | null {
  const days = policyDays(row, policy);
  if (days === null) return null;
  const due = addDays(dayOf(new Date(row.createdAt)), days);
  return due < today ? today : due;
}

/** The tokens without a review date that the policy would give one, each with its date. */
export function undatedByPolicy(
  rows: readonly TokenRow[],
  policy: ReviewPolicy,
  today: string,
): { id: string; reviewBy: string }[] {
  const found: { id: string; reviewBy: string }[] = [];
  for (const row of rows) {
    if (row.reviewBy !== null) continue;
    const reviewBy = policyReviewBy(row, policy, today);
    if (reviewBy) found.push({ id: row.id, reviewBy });
  }
  return found;
}
