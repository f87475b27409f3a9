/** Request and response plumbing with InfluxDB's error format: `{code, message}` + X-Platform-Error-Code. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not found'
  | 'conflict'
  | 'unprocessable entity'
  | 'internal error'
  | 'empty value';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  'empty value': 400,
  unauthorized: 401,
  forbidden: 403,
  'not found': 404,
  conflict: 422,
  'unprocessable entity': 422,
  'internal error': 500,
};

/** Thrown by route code; the server turns it into InfluxDB's error answer. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = statusOf[code],
  ) {
    super(message);
  }
}

export const unauthorized = (message: string) => new ApiError('unauthorized', message);
export const invalid = (message: string) => new ApiError('invalid', message);
export const notFound = (message: string) => new ApiError('not found', message);

export function sendJson(response: ServerResponse, status: number, body: unknown, pretty = false): void {
  // UNCONFIRMED: the indentation (the reference says only "pretty-printed"); a tab, as Go's SetIndent("", "\t").
  const text = pretty ? `${JSON.stringify(body, null, '\t')}\n` : JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: ApiError): void {
  response.setHeader('X-Platform-Error-Code', error.code);
  sendJson(response, error.status, { code: error.code, message: error.message });
}

/** The most one request may carry: 1.x's default `max-body-size`, 25 MB (5,000 lines of history are ~2 MB). */
const MAX_BODY = 25_000_000;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError('invalid', 'request too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body the way InfluxDB reports decoder failures: `invalid json structure: <error>`. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw invalid('invalid json structure: EOF');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(`invalid json structure: ${error instanceof Error ? error.message : 'malformed JSON'}`);
  }
}

/** An InfluxDB ID in a path or filter: 16 hex characters. */
export function parseId(raw: string): string {
  if (raw.length !== 16) throw invalid('id must have a length of 16 bytes');
  if (!/^[0-9a-f]{16}$/.test(raw)) throw invalid('invalid ID');
  return raw;
}
