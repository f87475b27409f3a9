/**
 * Turns what the network, TLS and InfluxDB throw into errors a person can act on. Messages name
 * the host and what to do; never the token, never a stack.
 */
import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { TokenDeskError } from '$contract/errors';
import { AnswerTooLargeError, BadAnswerError, RequestCancelledError } from './transport';

export interface RequestContext {
  url: string;
  timeoutMs: number;
  /** What was being done, for the message: "reading tokens", "checking the connection"… */
  doing: string;
  /** The endpoint asked, for messages about bad answers: "GET /api/v2/me". */
  endpoint?: string;
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

/** What InfluxDB said, read once where the answer is received; later code matches these fields. */
export interface InfluxReason {
  status: number;
  /** InfluxDB's error code from its `{code, message}` body ("unauthorized", "not found"…). */
  influxCode: string | null;
  influxMessage: string | null;
  /** 403 "permission <p> is not allowed": the permission the token could not grant. */
  refused: string | null;
  /** 401 "<p> is unauthorized": the permission the token itself lacks. */
  missing: string | null;
}

/** A failed InfluxDB request: a TokenDeskError for people, with the structured reason for code. */
export class InfluxRequestError extends TokenDeskError {
  readonly reason: InfluxReason;

  /** `offer`: what the page may offer instead, as a code it matches (it never reads InfluxDB's words). */
  constructor(
    code: ConstructorParameters<typeof TokenDeskError>[0],
    message: string,
    reason: InfluxReason,
    offer?: 'v3-first-admin',
  ) {
    super(code, message, {
      status: reason.status,
      ...(reason.influxMessage ? { influxMessage: reason.influxMessage } : {}),
      ...(offer ? { offer } : {}),
    });
    this.name = 'InfluxRequestError';
    this.reason = reason;
  }
}

/** Every secret a request carried, cut out of a text built from a server's words. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, secret) => t.split(secret).join('[redacted]'), text);
}

/**
 * A failure whose words came from the server, with every secret the request carried cut out: a
 * server (or proxy) that repeats the Authorization header or the body must not put a token or a new
 * password into a message, the page or the history.
 */
export function redactError(error: TokenDeskError, secrets: readonly string[]): TokenDeskError {
  const said = [error.message, ...Object.values(error.details ?? {})].filter((v) => typeof v === 'string').join('\n');
  if (redactText(said, secrets) === said) return error;
  const message = redactText(error.message, secrets);
  if (error instanceof InfluxRequestError) {
    const influxMessage = error.reason.influxMessage === null ? null : redactText(error.reason.influxMessage, secrets);
    const reason = { ...error.reason, influxMessage };
    const offer = error.details?.['offer'] === 'v3-first-admin' ? 'v3-first-admin' : undefined;
    return new InfluxRequestError(error.code, message, reason, offer);
  }
  const details = error.details
    ? Object.fromEntries(
        Object.entries(error.details).map(([k, v]) => [k, typeof v === 'string' ? redactText(v, secrets) : v]),
      )
    : undefined;
  return new TokenDeskError(error.code, message, details);
}

function field(json: unknown, name: 'code' | 'message' | 'error'): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const value: unknown = (json as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

export function reasonOf(error: HttpError): InfluxReason {
  const json: unknown = error.json;
  // 2.x says `message`; InfluxDB 3 says `error`, or answers in plain text.
  const text =
    typeof error.body === 'string' && error.body.length <= 300 && !error.contentType?.includes('html')
      ? error.body.trim()
      : null;
  const influxMessage = field(json, 'message') ?? field(json, 'error') ?? (json === undefined && text ? text : null);
  return {
    status: error.statusCode,
    influxCode: field(json, 'code'),
    influxMessage,
    refused:
      (error.statusCode === 403 && influxMessage && /^permission (\S+) is not allowed/.exec(influxMessage)?.[1]) ||
      null,
    missing: (error.statusCode === 401 && influxMessage && /^(\S+) is unauthorized$/.exec(influxMessage)?.[1]) || null,
  };
}

function fromHttp(error: HttpError, context: RequestContext): InfluxRequestError {
  const reason = reasonOf(error);
  const { status, influxMessage: message } = reason;
  const host = hostOf(context.url);
  const fail = (code: ConstructorParameters<typeof TokenDeskError>[0], text: string) =>
    new InfluxRequestError(code, text, reason);
  if (status >= 300 && status < 400) {
    const location = error.headers?.['location'];
    const target = typeof location === 'string' ? ` to ${location}` : '';
    return fail(
      'REDIRECT',
      `${host} redirected the request${target} (HTTP ${status}). Token Desk does not follow redirects, so your ` +
        `token is never sent to another address: use the final URL in the connection.`,
    );
  }
  if (error.contentType?.includes('text/html')) {
    return fail(
      'BAD_RESPONSE',
      `${host} answered with a web page (HTTP ${status}) instead of InfluxDB's API: a proxy or load balancer in ` +
        `front of InfluxDB answered. Check that InfluxDB is running behind it and that the URL is right.`,
    );
  }
  if (status === 401) {
    const text =
      message === 'the request was not authenticated'
        ? 'InfluxDB 3 refused the token: it is unknown, expired or mistyped. A new server that has no admin token ' +
          'yet can make its first one here.'
        : message === 'token is inactive'
          ? 'This token has been deactivated in InfluxDB. Activate it again, or use another token.'
          : reason.missing
            ? `This connection's token lacks ${describePermission(reason.missing, context.orgNames)}.`
            : 'InfluxDB refused the token (401 unauthorized). Check that it was copied completely and still exists.';
    const offer = message === 'the request was not authenticated' ? 'v3-first-admin' : undefined;
    return new InfluxRequestError('UNAUTHORIZED', text, reason, offer);
  }
  if (status === 403) {
    const text = reason.refused
      ? `InfluxDB refused to grant ${describePermission(reason.refused, context.orgNames)}: this connection's ` +
        `token does not hold it, and a token can only grant what it holds.`
      : message === 'User is inactive'
        ? "The token's user has been deleted or deactivated in InfluxDB, so the token no longer works. Use a token " +
          'of an active user.'
        : `InfluxDB refused this (403 forbidden)${message ? `: ${message}` : ''}.`;
    return fail('FORBIDDEN', text);
  }
  if (status === 404) {
    if (message === 'authorization not found')
      return fail('NOT_FOUND', 'This token no longer exists on the server: it was deleted meanwhile.');
    return fail('NOT_FOUND', `Not found on ${host} while ${context.doing}${message ? `: ${message}` : ''}.`);
  }
  if (status === 400)
    return fail(
      'SERVER_ERROR',
      `InfluxDB did not accept the request while ${context.doing}${message ? `: ${message}` : ''}.`,
    );
  if (status >= 500) {
    return fail(
      'SERVER_ERROR',
      `InfluxDB at ${host} failed while ${context.doing} (HTTP ${status}${message ? `: ${message}` : ''}). Try ` +
        `again; if it persists, check the server's logs.`,
    );
  }
  return fail(
    'SERVER_ERROR',
    `InfluxDB at ${host} refused the request while ${context.doing} (HTTP ${status}${message ? `: ${message}` : ''}).`,
  );
}

export function translateError(error: unknown, context: RequestContext): TokenDeskError {
  if (error instanceof TokenDeskError) return error;
  if (error instanceof HttpError) return fromHttp(error, context);
  const host = hostOf(context.url);
  const endpoint = context.endpoint ? ` (${context.endpoint})` : '';
  if (error instanceof RequestTimedOutError) {
    return new TokenDeskError(
      'TIMEOUT',
      `${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s while ${context.doing}${endpoint}, ` +
        `headers and body included. Check that the server is up, or raise the connection's timeout.`,
    );
  }
  if (error instanceof RequestCancelledError) {
    return new TokenDeskError('CANCELLED', `The request to ${host} was cancelled while ${context.doing}.`);
  }
  if (error instanceof AnswerTooLargeError) {
    return new TokenDeskError(
      'BAD_RESPONSE',
      `${host} sent more than ${Math.round(error.limit / 1024 / 1024)} MiB while ${context.doing}${endpoint}, more ` +
        `than any answer Token Desk expects there; it stopped reading. A proxy may be misbehaving, or this is not ` +
        `InfluxDB.`,
      { endpoint: context.endpoint ?? null },
    );
  }
  if (error instanceof BadAnswerError) {
    return new TokenDeskError(
      'BAD_RESPONSE',
      `${host} sent an answer Token Desk cannot use while ${context.doing}${endpoint}: ${error.message}. A proxy ` +
        `may be altering responses, or this is not InfluxDB.`,
      { endpoint: context.endpoint ?? null },
    );
  }
  if (error instanceof SyntaxError) {
    return new TokenDeskError(
      'BAD_RESPONSE',
      `${host} sent an answer that is not valid JSON while ${context.doing}${endpoint}. A proxy may be altering ` +
        `responses, or this is not InfluxDB.`,
      { endpoint: context.endpoint ?? null },
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && untrusted.has(code)) {
    return new TokenDeskError(
      'TLS',
      `The certificate of ${host} is not signed by an authority this computer trusts. If your organisation uses ` +
        `its own CA, add its certificate (PEM) in the connection's TLS settings.`,
      { tlsCode: code },
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new TokenDeskError('TLS', `The certificate of ${host} has expired. Renew it on the server.`, {
      tlsCode: code,
    });
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new TokenDeskError(
      'TLS',
      `The certificate of ${host} is not valid yet. Check the clocks of this computer and the server.`,
      { tlsCode: code },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TokenDeskError(
      'TLS',
      `The certificate of ${host} was issued for another host name. Use the name the certificate is for, or fix ` +
        `the certificate.`,
      { tlsCode: code },
    );
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new TokenDeskError(
      'TLS',
      `The TLS handshake with ${host} failed. If the server serves plain HTTP, use an http:// URL.`,
      { tlsCode: code },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new TokenDeskError(
      'NETWORK',
      `The host name in ${context.url} could not be found (DNS lookup failed). Check the spelling, or your network ` +
        `and VPN.`,
      { networkCode: code },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new TokenDeskError(
      'NETWORK',
      `Nothing accepted the connection at ${host}. Is InfluxDB running, and is the port right?`,
      { networkCode: code },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new TokenDeskError(
      'NETWORK',
      `The connection to ${host} was cut off while ${context.doing}. Try again; a proxy or firewall may be closing it.`,
      { networkCode: code },
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new TokenDeskError(
      'NETWORK',
      `${host} cannot be reached from this computer (${code}). Check your network, VPN or firewall.`,
      { networkCode: code },
    );
  }
  return new TokenDeskError(
    'NETWORK',
    `The request to ${host} failed while ${context.doing}${code ? ` (${code})` : ''}.`,
    code ? { networkCode: code } : undefined,
  );
}
