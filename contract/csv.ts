/**
 * RFC 4180 CSV for the exports (history, inventory): cells a spreadsheet would run as formulas
 * (=, +, -, @, tab, CR first) are prefixed with a quote, so an opened export runs nothing.
 */
export function csvOf<C extends string>(columns: readonly C[], records: readonly Record<C, string>[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
