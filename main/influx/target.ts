/** Where and how to reach one InfluxDB: the resolved form of a connection profile. */
import { TokenDeskError } from '$contract/errors';

export interface InfluxTarget {
  /** Normalised base URL: http(s), no credentials, no query, no trailing slash, no /api/v2. */
  url: string;
  token: string;
  timeoutMs: number;
  tls: { ca: string | null; skipVerify: boolean };
}

/** A credential that is a shared secret (`jwt:user:secret`): signed into a JWT per request, never sent itself. */
export const SHARED_SECRET_PREFIX = 'jwt:';

/** What goes in the default `Authorization: Token …` header: nothing for a shared secret. */
export const wireToken = (token: string): string | null => (token.startsWith(SHARED_SECRET_PREFIX) ? null : token);

/** Checks and normalises a URL as typed by a person, with an error that says what to fix. */
export function normaliseUrl(input: string): string {
  const raw = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new TokenDeskError(
      'CONNECTION_INVALID',
      `"${raw}" is not a URL. Use the address of your InfluxDB, for example http://localhost:8086.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TokenDeskError(
      'CONNECTION_INVALID',
      `The URL must start with http:// or https://, not ${parsed.protocol}//.`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new TokenDeskError(
      'CONNECTION_INVALID',
      'Remove the user name and password from the URL: Token Desk authenticates with the API token.',
    );
  }
  if (parsed.search || parsed.hash) {
    throw new TokenDeskError('CONNECTION_INVALID', 'Remove the query (?…) or fragment (#…) from the URL.');
  }
  // People paste the API root; the client adds /api/v2 itself.
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  return `${parsed.protocol}//${parsed.host}${path}`;
}
