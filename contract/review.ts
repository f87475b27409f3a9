/**
 * Review dates: InfluxDB 2.x tokens never expire, so Token Desk keeps an optional "review by" date
 * per token, defaulted from a per-connection policy. Nothing is deactivated automatically. Pure
 * date arithmetic on local calendar days (YYYY-MM-DD), read by main and the renderer.
 */
export interface ReviewPolicy {
  /** Days from creation to review for tokens that write; null: no date by default. */
  writeDays: number | null;
  /** The same for tokens that only read. */
  otherDays: number | null;
}

export const defaultReviewPolicy: ReviewPolicy = { writeDays: 90, otherDays: null };

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date's local calendar day. */
export const dayOf = (at: Date): string => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return dayOf(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
}

/** Whole days from `from` to `to` (calendar days, local). */
export function daysBetween(from: string, to: string): number {
  const parse = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((parse(to) - parse(from)) / 86_400_000);
}

/** The review date a new token gets from the policy, or null. */
export function defaultReviewBy(writes: boolean, policy: ReviewPolicy, today: string): string | null {
  const days = writes ? policy.writeDays : policy.otherDays;
  return days === null ? null : addDays(today, days);
}

/** Without a policy for a kind of credential, a review done today still asks again after this many days. */
const FALLBACK_DAYS = 90;

/** Reviewed today: the next review is the policy's days from now (its write days, or 90, where it sets none). */
export function nextReview(writes: boolean, policy: ReviewPolicy, today: string): string {
  return addDays(today, (writes ? policy.writeDays : policy.otherDays) ?? policy.writeDays ?? FALLBACK_DAYS);
}

export type ReviewState =
  { state: 'none' } | { state: 'due'; overdueDays: number } | { state: 'soon' | 'later'; inDays: number };

/** Due on or after its date; "soon" within 14 days. */
export function reviewState(reviewBy: string | null, today: string): ReviewState {
  if (!reviewBy) return { state: 'none' };
  const inDays = daysBetween(today, reviewBy);
  if (inDays <= 0) return { state: 'due', overdueDays: Math.abs(inDays) };
  return { state: inDays <= 14 ? 'soon' : 'later', inDays };
}

/** "due", "due 3 days ago", "in 12 days", "—". */
export function reviewText(reviewBy: string | null, today: string): string {
  const s = reviewState(reviewBy, today);
  if (s.state === 'none') return '—';
  if (s.state === 'due')
    return s.overdueDays === 0 ? 'due today' : `due ${s.overdueDays} ${s.overdueDays === 1 ? 'day' : 'days'} ago`;
  return `in ${s.inDays} ${s.inDays === 1 ? 'day' : 'days'}`;
}

export const isDay = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
