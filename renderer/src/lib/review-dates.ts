/**
 * Review dates for credentials made before Token Desk knew them: the connection's policy applied from
 * each one's creation. Pure, for the lists, the overview and their tests.
 */
import { addDays, dayOf, type ReviewPolicy } from '$contract/review';
import type { TokenRow } from '$contract/tokens';

/** Does the token write anything? The policy gives writers and readers different days. */
export const tokenWrites = (row: Pick<TokenRow, 'permissions'>) => row.permissions.some((p) => p.action === 'write');

/**
 * The date the policy gives a credential: its creation plus the policy's days, and no earlier than
 * today (one older than the policy is due now, not "due 241 days ago"); from today where its creation
 * is not known (1.x users). Null where the policy sets none.
 */
export function policyDay(
  writes: boolean,
  createdAt: string | null,
  policy: ReviewPolicy,
  today: string,
): string | null {
  const days = writes ? policy.writeDays : policy.otherDays;
  if (days === null) return null;
  const due = addDays(createdAt ? dayOf(new Date(createdAt)) : today, days);
  return due < today ? today : due;
}

const policyReviewBy = (row: Pick<TokenRow, 'permissions' | 'createdAt'>, policy: ReviewPolicy, today: string) =>
  policyDay(tokenWrites(row), row.createdAt, policy, today);

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
