/**
 * The renderer's web policy, shared by the Electron shell and the test harness so both serve the
 * app under the same rules.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'token-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Production: nothing but our own files; no network at all (every InfluxDB request goes via main). */
export function contentSecurityPolicy(mode: 'production' | 'development', devServer?: string): string {
  const connect =
    mode === 'production' ? "'none'" : `'self' ${devServer ?? ''} ${devServer?.replace(/^http/, 'ws') ?? ''}`.trim();
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Links the app may open in the system browser: https only, on hosts we chose. */
const externalHosts = new Set(['docs.influxdata.com', 'github.com', 'www.influxdata.com', 'cloud2.influxdata.com']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && externalHosts.has(parsed.hostname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
