/**
 * A structured logger port. Fields are primitives chosen by the caller; callers never pass arguments,
 * payloads or errors' messages wholesale, so no secret can reach a log by accident.
 */
export type LogFields = Record<string, string | number | boolean>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON line per event on the given sink (stderr in the app, an array in tests). */
export function createLogger(write: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const emit =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ time: now().toISOString(), level, event, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
