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
  'NETWORK',
  'TIMEOUT',
  'TLS',
  'REDIRECT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_INFLUXDB',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'IMPORT_FAILED',
  'VAULT_UNREADABLE',
  'VAULT_NEWER',
  'VAULT_CHANGED',
  'VAULT_NEEDS_RECOVERY',
  'VAULT_LOCKED',
  'WRONG_PASSPHRASE',
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

/** An error that carries its code across the bridge (the renderer rebuilds it from the envelope). */
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
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/*
 * Electron's contextBridge copies an Error's message but drops its own properties, so the preload
 * also writes the code into the message; the renderer reads it back from there when `code` is gone.
 */
const bridgePattern = /\[td:([A-Z_]+)\] ([\s\S]*)$/;

export function toBridgeError(shape: ErrorShape): TokenDeskError {
  const error = new TokenDeskError(shape.code, shape.message, shape.details);
  error.message = `[td:${shape.code}] ${shape.message}`;
  return error;
}

export function fromBridgeError(thrown: unknown): TokenDeskError {
  if (thrown instanceof Error) {
    const match = bridgePattern.exec(thrown.message);
    if (match && isErrorCode(match[1])) {
      const details = thrown instanceof TokenDeskError ? thrown.details : undefined;
      return new TokenDeskError(match[1], match[2] ?? '', details);
    }
    return new TokenDeskError('INTERNAL', thrown.message);
  }
  return new TokenDeskError('INTERNAL', String(thrown));
}
