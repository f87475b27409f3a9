import { describe, expect, it } from 'vitest';
import {
  dayOf,
  daysBetween,
  defaultReviewBy,
  defaultReviewPolicy,
  isDay,
  reviewState,
  reviewText,
} from '$contract/review';

describe('review dates', () => {
  it('default from the policy: write tokens in 90 days, read-only ones none', () => {
    expect(defaultReviewBy(true, defaultReviewPolicy, '2026-11-29')).toBe('2027-02-27');
    expect(defaultReviewBy(false, defaultReviewPolicy, '2026-11-29')).toBeNull();
    expect(defaultReviewBy(false, { writeDays: null, otherDays: 30 }, '2026-12-15')).toBe('2027-01-14');
  });

  it('are due on their day and after, soon within two weeks', () => {
    expect(reviewState('2026-11-29', '2026-11-29')).toEqual({ state: 'due', overdueDays: 0 });
    expect(reviewState('2026-11-20', '2026-11-29')).toEqual({ state: 'due', overdueDays: 9 });
    expect(reviewState('2026-12-10', '2026-11-29')).toEqual({ state: 'soon', inDays: 11 });
    expect(reviewState('2027-03-01', '2026-11-29').state).toBe('later');
    expect(reviewState(null, '2026-11-29')).toEqual({ state: 'none' });
    expect([
      reviewText('2026-11-28', '2026-11-29'),
      reviewText('2026-11-30', '2026-11-29'),
      reviewText(null, '2026-11-29'),
    ]).toEqual(['due 1 day ago', 'in 1 day', '—']);
  });

  it('count calendar days across a daylight-saving change, and check their shape', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect([isDay('2026-02-28'), isDay('2026-2-28'), isDay('nonsense')]).toEqual([true, false, false]);
  });
});
