/**
 * Error codes every IPC answer may carry. The renderer branches on the code; the message is for
 * people. Kept apart from the contract so main's core can import it without pulling zod schemas.
 */
export const errorCodes = [
  'VALIDATION',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CALL',
  'SECRET_STORE_UNAVAILABLE',
  'NOT_FOUND',
  'CONNECTION_INVALID',
  /** A saved connection's URL now points elsewhere: its stored token is not sent there unasked. */
  'HOST_CHANGED',
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'TLS',
  'REDIRECT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_INFLUXDB',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'IMPORT_FAILED',
  /** A create whose answer was lost or broken; details.orphans lists tokens it made anyway. */
  'CREATE_INTERRUPTED',
  'VAULT_UNREADABLE',
  'VAULT_NEWER',
  'VAULT_CHANGED',
  'VAULT_NEEDS_RECOVERY',
  'VAULT_LOCKED',
  'WRONG_PASSPHRASE',
  /** InfluxDB 1.x answered a statement with an error of its own (HTTP 200, inside the result). */
  'STATEMENT_FAILED',
  /** A change that could lock everyone out of the server: asked again with the connection's name typed. */
  'CONFIRMATION_REQUIRED',
  /** A team vault's tool (keepassxc-cli, pass, secret-tool, a command) is not installed or cannot start. */
  'TOOL_MISSING',
  /** A team vault's tool ran and refused (wrong master password, no GPG key, a locked keyring, exit code). */
  'TOOL_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

/** What every handler answers: a value, or an error a person can act on. Plain JSON, no stacks. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** A failure with its code: thrown in main, sent as an envelope, rebuilt by the renderer's client (lib/api.ts). */
export class TokenDeskError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorShape['details'];

  constructor(code: ErrorCode, message: string, details?: ErrorShape['details']) {
    super(message);
    this.name = 'TokenDeskError';
    this.code = code;
    this.details = details;
  }

  toShape(): ErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Narrows anything a call threw to a TokenDeskError with one of the given codes. */
export function isCode<C extends ErrorCode>(error: unknown, ...codes: C[]): error is TokenDeskError & { code: C } {
  return error instanceof TokenDeskError && (codes as ErrorCode[]).includes(error.code);
}
