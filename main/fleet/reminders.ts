/**
 * Reminders while the app runs: the count of what is due (reviews, expiries within 30 days, expired,
 * retire-by dates reached) beside the app's icon, and at most one OS notification a day, off in
 * settings. Read from each connection's last list; a list older than a day is read again.
 */
import { refreshAll } from '$contract/bounded';
import type { CredentialList, CredentialRow } from '$contract/credentials';
import { fleetFilters } from '$contract/fleet';
import { dayOf } from '$contract/review';
import type { CredentialRows } from '../families/rows';
import type { Logger } from '../log/logger';
import type { Notifier } from '../ports/notifier';
import type { SettingsService } from '../settings/settings-service';
import type { Timers } from '../vault/clipboard';

/** The first check's delay after start. */
const FIRST_CHECK = 60 * 1000;
const HOUR = 3_600_000;
const STALE_AFTER = 24 * HOUR;

type Due = 'review' | 'expiry' | 'retire';

function dueOf(row: CredentialRow, today: string): Due | null {
  if (fleetFilters.expired.test(row) || fleetFilters.expiring.test(row, today)) return 'expiry';
  if (row.retirement && row.retirement.by <= today) return 'retire';
  if (fleetFilters.due.test(row, today)) return 'review';
  return null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export class Reminders {
  private timer: unknown = null;
  /**
   * Each list's counts, by the list itself (a new list is a new object) and the day: Refresh all
   * updates the count once per connection, and each update then reads only the lists that changed.
   */
  private readonly counted = new WeakMap<CredentialList, { day: string; counts: Record<Due, number> }>();

  constructor(
    private readonly settings: SettingsService,
    private readonly rows: CredentialRows,
    private readonly notifier: Notifier,
    private readonly timers: Timers,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  /**
   * Checks a minute after start, then every hour until stopped. Not at once: reading every stale
   * list would compete with the window's first answers (bench: cold start), and nothing is due sooner.
   */
  start(): void {
    const tick = () => {
      void this.refreshStale().finally(() => {
        this.timer = this.timers.setTimeout(tick, HOUR);
      });
    };
    this.timer = this.timers.setTimeout(tick, FIRST_CHECK);
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Reads again the lists older than a day (never-read ones too), then updates the count. */
  async refreshStale(): Promise<void> {
    const now = this.now().getTime();
    const stale = this.rows
      .lastLists()
      .filter((e) => !e.list || now - Date.parse(e.list.listedAt) > STALE_AFTER)
      .map((e) => e.connectionId);
    // A failure is the connection's to show (the overview says it); the count uses what was read.
    await refreshAll(
      stale,
      (id) => this.rows.serverOf(id),
      (id) => this.rows.list(id).catch(() => undefined),
    );
    this.update();
  }

  private countsOf(list: CredentialList, today: string): Record<Due, number> {
    const known = this.counted.get(list);
    if (known?.day === today) return known.counts;
    const counts: Record<Due, number> = { review: 0, expiry: 0, retire: 0 };
    for (const row of list.rows) {
      const due = dueOf(row, today);
      if (due) counts[due] += 1;
    }
    this.counted.set(list, { day: today, counts });
    return counts;
  }

  /** The badge from the last lists, and the day's notification when something is due and none was shown. */
  update(): void {
    const today = dayOf(this.now());
    const counts: Record<Due, number> = { review: 0, expiry: 0, retire: 0 };
    for (const entry of this.rows.lastLists()) {
      if (!entry.list) continue;
      const own = this.countsOf(entry.list, today);
      for (const due of ['review', 'expiry', 'retire'] as const) counts[due] += own[due];
    }
    const total = counts.review + counts.expiry + counts.retire;
    const { reminders, lastReminderDay } = this.settings.get();
    this.notifier.badge(reminders ? total : 0);
    if (!reminders || total === 0 || lastReminderDay === today) return;
    const parts = [
      counts.review ? plural(counts.review, 'due for review', 'due for review') : '',
      counts.expiry ? plural(counts.expiry, 'expires soon or has expired', 'expire soon or have expired') : '',
      counts.retire ? plural(counts.retire, 'is to be retired', 'are to be retired') : '',
    ].filter(Boolean);
    this.notifier.notify(`${plural(total, 'credential needs', 'credentials need')} attention`, `${parts.join('; ')}.`);
    try {
      this.settings.update({ lastReminderDay: today });
    } catch {
      this.log.warn('reminders.day-not-saved', {});
    }
  }
}
