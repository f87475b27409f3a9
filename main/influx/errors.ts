/**
 * Turns what the network, TLS and InfluxDB throw into errors a person can act on. Messages name
 * the host and what to do; never the token, never a stack.
 */
import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { TokenDeskError } from '../../contract/errors';

export interface RequestContext {
  url: string;
  timeoutMs: number;
  /** What was being done, for the message: "reading tokens", "checking the connection"… */
  doing: string;
  /** Org IDs → names, to say "in org ops" rather than an ID. */
  orgNames?: ReadonlyMap<string, string>;
}

/** `write:orgs/<id>/authorizations` → "write:authorizations in org ops"; `write:users/<id>` → "write on user <id>". */
export function describePermission(text: string, orgNames: ReadonlyMap<string, string> = new Map()): string {
  const match = /^(read|write):(?:orgs\/([0-9a-f]{16})\/)?([A-Za-z]+)(?:\/([0-9a-f]{16}))?$/.exec(text);
  if (!match) return text;
  const [, action, org, type, id] = match;
  const orgPart = org ? ` in org ${orgNames.get(org) ?? org}` : '';
  return `${action}:${type}${id ? ` (${id})` : ''}${orgPart}`;
}

const untrusted = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** InfluxDB's `{code, message}` body, if the error carries one. */
export function influxMessage(error: HttpError): string | null {
  const json: unknown = error.json;
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  return null;
}

function fromHttp(error: HttpError, context: RequestContext): TokenDeskError {
  const status = error.statusCode;
  const host = hostOf(context.url);
  const message = influxMessage(error);
  const details = { status, ...(message ? { influxMessage: message } : {}) };
  if (status >= 300 && status < 400) {
    const location = error.headers?.['location'];
    const target = typeof location === 'string' ? ` to ${location}` : '';
    return new TokenDeskError(
      'REDIRECT',
      `${host} redirected the request${target} (HTTP ${status}). Token Desk does not follow redirects, so your token is never sent to another address: use the final URL in the connection.`,
      details,
    );
  }
  if (error.contentType?.includes('text/html')) {
    return new TokenDeskError(
      'BAD_RESPONSE',
      `${host} answered with a web page (HTTP ${status}) instead of InfluxDB's API: a proxy or load balancer in front of InfluxDB answered. Check that InfluxDB is running behind it and that the URL is right.`,
      details,
    );
  }
  if (status === 401) {
    const text =
      message === 'token is inactive'
        ? 'This token has been deactivated in InfluxDB. Activate it again, or use another token.'
        : message && message.endsWith(' is unauthorized')
          ? `This connection's token lacks ${describePermission(message.replace(/ is unauthorized$/, ''), context.orgNames)}.`
          : 'InfluxDB refused the token (401 unauthorized). Check that it was copied completely and still exists.';
    return new TokenDeskError('UNAUTHORIZED', text, details);
  }
  if (status === 403) {
    const refused = message ? /^permission (\S+) is not allowed/.exec(message)?.[1] : undefined;
    const text = refused
      ? `InfluxDB refused to grant ${describePermission(refused, context.orgNames)}: this connection's token does not hold it, and a token can only grant what it holds.`
      : message === 'User is inactive'
        ? "The token's user has been deleted or deactivated in InfluxDB, so the token no longer works. Use a token of an active user."
        : `InfluxDB refused this (403 forbidden)${message ? `: ${message}` : ''}.`;
    return new TokenDeskError('FORBIDDEN', text, details);
  }
  if (status === 404) {
    if (message === 'authorization not found') {
      return new TokenDeskError('NOT_FOUND', 'This token no longer exists on the server: it was deleted meanwhile.', details);
    }
    return new TokenDeskError('NOT_FOUND', `Not found on ${host} while ${context.doing}${message ? `: ${message}` : ''}.`, details);
  }
  if (status === 400) {
    return new TokenDeskError('SERVER_ERROR', `InfluxDB did not accept the request while ${context.doing}${message ? `: ${message}` : ''}.`, details);
  }
  if (status >= 500) {
    return new TokenDeskError('SERVER_ERROR', `InfluxDB at ${host} failed while ${context.doing} (HTTP ${status}${message ? `: ${message}` : ''}). Try again; if it persists, check the server's logs.`, details);
  }
  return new TokenDeskError('SERVER_ERROR', `InfluxDB at ${host} refused the request while ${context.doing} (HTTP ${status}${message ? `: ${message}` : ''}).`, details);
}

export function translateError(error: unknown, context: RequestContext): TokenDeskError {
  if (error instanceof TokenDeskError) return error;
  if (error instanceof HttpError) return fromHttp(error, context);
  const host = hostOf(context.url);
  if (error instanceof RequestTimedOutError) {
    return new TokenDeskError('TIMEOUT', `${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s while ${context.doing}. Check that the server is up, or raise the connection's timeout.`);
  }
  if (error instanceof SyntaxError) {
    return new TokenDeskError('BAD_RESPONSE', `${host} sent an answer that is not valid JSON while ${context.doing}. A proxy may be altering responses, or this is not InfluxDB.`);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && untrusted.has(code)) {
    return new TokenDeskError('TLS', `The certificate of ${host} is not signed by an authority this computer trusts. If your organisation uses its own CA, add its certificate (PEM) in the connection's TLS settings.`, { tlsCode: code });
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new TokenDeskError('TLS', `The certificate of ${host} has expired. Renew it on the server.`, { tlsCode: code });
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new TokenDeskError('TLS', `The certificate of ${host} is not valid yet. Check the clocks of this computer and the server.`, { tlsCode: code });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TokenDeskError('TLS', `The certificate of ${host} was issued for another host name. Use the name the certificate is for, or fix the certificate.`, { tlsCode: code });
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new TokenDeskError('TLS', `The TLS handshake with ${host} failed. If the server serves plain HTTP, use an http:// URL.`, { tlsCode: code });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new TokenDeskError('NETWORK', `The host name in ${context.url} could not be found (DNS lookup failed). Check the spelling, or your network and VPN.`, { networkCode: code });
  }
  if (code === 'ECONNREFUSED') {
    return new TokenDeskError('NETWORK', `Nothing accepted the connection at ${host}. Is InfluxDB running, and is the port right?`, { networkCode: code });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new TokenDeskError('NETWORK', `The connection to ${host} was cut off while ${context.doing}. Try again; a proxy or firewall may be closing it.`, { networkCode: code });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new TokenDeskError('NETWORK', `${host} cannot be reached from this computer (${code}). Check your network, VPN or firewall.`, { networkCode: code });
  }
  return new TokenDeskError('NETWORK', `The request to ${host} failed while ${context.doing}${code ? ` (${code})` : ''}.`, code ? { networkCode: code } : undefined);
}
