/** Dates as people read them: always with the year, in their locale. */
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date);
}

const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * The date alone for narrow columns, in the same locale as `formatDate` (one format across the app;
 * the full time goes in a tooltip). A calendar day (YYYY-MM-DD: review and retire-by dates) is that
 * day where the person is, not UTC midnight.
 */
export function formatDay(isoOrDay: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoOrDay);
  const date = calendar
    ? new Date(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3]))
    : new Date(isoOrDay);
  return Number.isNaN(date.getTime()) ? '—' : day.format(date);
}

/** How long ago, as a person says it: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function relativeAge(iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / 1440)} d ago`;
}
