/**
 * The HTTP transport under the official client, bounded against hostile or broken servers: one
 * deadline for the whole exchange (headers and body), cancellation, a cap on the bytes read after
 * decompression, strict UTF-8, and redirects reported, never followed (the token never travels to
 * another address). It speaks the client's Transport interface, so the typed APIs run on it.
 */
import {
  HttpError,
  RequestTimedOutError,
  createTextDecoderCombiner,
  type CommunicationObserver,
  type SendOptions,
  type Transport,
} from '@influxdata/influxdb-client';
import { request as httpRequest, type Agent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/** The most any answer may hold, decompressed; lists of tokens get more (see limitFor). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
/** GET /api/v2/authorizations is never paged: about 600 bytes a token, so ~160,000 tokens. */
export const TOKEN_LIST_MAX_BYTES = 96 * 1024 * 1024;

export interface TransportOptions {
  url: string;
  /** Sent as `Authorization: Token …` unless a request brings its own; null sends none. */
  token: string | null;
  /** The deadline for a whole exchange, headers and body. */
  timeoutMs: number;
  ca: string | null;
  skipVerify: boolean;
  /** A proxy's agent; a promise while its module loads (client.ts loads it only behind a proxy). */
  agent?: Agent | Promise<Agent>;
  /** Bytes allowed for an answer to `path`, after decompression. */
  limitFor?: (path: string) => number;
  /** Aborts every exchange in flight and refuses new ones (the app is quitting). */
  signal?: AbortSignal;
}

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Raised when an answer exceeds its cap; translated to BAD_RESPONSE with the endpoint named. */
export class AnswerTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`answer larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    this.name = 'AnswerTooLargeError';
  }
}

/** An answer that arrived whole but cannot be used: invalid UTF-8, or not the shape the endpoint has. */
export class BadAnswerError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BadAnswerError';
  }
}

/** Raised when an exchange is cancelled on purpose. */
export class RequestCancelledError extends Error {
  constructor() {
    super('request cancelled');
    this.name = 'RequestCancelledError';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; invalid UTF-8 is a bad answer, not silently replaced characters. */
export function utf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new BadAnswerError('the answer is not valid UTF-8');
  }
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function headerText(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])),
  );
}

export class BoundedTransport implements Transport {
  readonly chunkCombiner = createTextDecoderCombiner();

  constructor(private readonly options: TransportOptions) {}

  /** One exchange, whole: status, headers and the decompressed body, within the deadline and cap. */
  exchange(path: string, body: string, send: SendOptions): Promise<Exchange> {
    const { agent } = this.options;
    return agent instanceof Promise
      ? agent.then((loaded) => this.exchangeVia(loaded, path, body, send))
      : this.exchangeVia(agent, path, body, send);
  }

  private exchangeVia(agent: Agent | undefined, path: string, body: string, send: SendOptions): Promise<Exchange> {
    const { options } = this;
    const url = new URL(options.url + path);
    const limit = options.limitFor?.(path) ?? DEFAULT_MAX_BYTES;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Exchange>((resolve, reject) => {
      let settled = false;
      const controller = new AbortController();
      const finish = (error: Error | null, value?: Exchange) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        options.signal?.removeEventListener('abort', cancel);
        send.signal?.removeEventListener('abort', cancel);
        if (error) {
          controller.abort();
          reject(error);
        } else if (value) resolve(value);
      };
      const cancel = () => finish(new RequestCancelledError());
      const deadline = setTimeout(() => finish(new RequestTimedOutError()), options.timeoutMs);
      if (options.signal?.aborted || send.signal?.aborted) return cancel();
      options.signal?.addEventListener('abort', cancel);
      send.signal?.addEventListener('abort', cancel);

      const payload = Buffer.from(body, 'utf8');
      const outgoing = request(
        url,
        {
          method: send.method,
          signal: controller.signal,
          agent,
          rejectUnauthorized: !options.skipVerify,
          ...(options.ca ? { ca: options.ca } : {}),
          headers: {
            ...(options.token !== null ? { authorization: `Token ${options.token}` } : {}),
            'accept-encoding': 'gzip, deflate, br',
            ...(payload.length
              ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length) }
              : {}),
            ...send.headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const stream = decoded(response);
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) finish(new AnswerTooLargeError(path, limit));
            else chunks.push(chunk);
          });
          stream.on('error', (error: Error) => finish(error));
          response.on('error', (error: Error) => finish(error));
          stream.on('end', () =>
            finish(null, {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks, size),
            }),
          );
        },
      );
      outgoing.on('error', (error: Error) => finish(error));
      outgoing.end(payload);
    });
  }

  /** The client's `request`: JSON or text by content type; a non-2xx answer is an HttpError. */
  async request(
    path: string,
    body: unknown,
    send: SendOptions,
    responseStarted?: (headers: Record<string, string>, status?: number) => void,
  ): Promise<unknown> {
    const text =
      body === undefined || body === null || body === '' ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const answer = await this.exchange(path, text, send);
    responseStarted?.(headerText(answer.headers), answer.status);
    this.failOnStatus(answer);
    if (answer.status === 204 || answer.body.length === 0) return undefined;
    const type = String(answer.headers['content-type'] ?? '');
    const content = utf8(answer.body);
    return type.includes('json') ? (JSON.parse(content) as unknown) : content;
  }

  /** The client's `iterate`: the whole, bounded body as one chunk. */
  async *iterate(path: string, body: string, send: SendOptions): AsyncIterableIterator<Uint8Array> {
    const answer = await this.exchange(path, body, send);
    this.failOnStatus(answer);
    yield answer.body;
  }

  /** The client's callback style, for APIs that use it. */
  send(path: string, body: string, send: SendOptions, callbacks?: Partial<CommunicationObserver<Uint8Array>>): void {
    this.exchange(path, body, send)
      .then(
        (answer) => {
          callbacks?.responseStarted?.(headerText(answer.headers), answer.status);
          this.failOnStatus(answer);
          if (answer.body.length) callbacks?.next?.(answer.body);
          callbacks?.complete?.();
        },
        (error: Error) => callbacks?.error?.(error),
      )
      .catch((error: Error) => callbacks?.error?.(error));
  }

  private failOnStatus(answer: Exchange): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const type = answer.headers['content-type'] ?? null;
    let text: string | undefined;
    try {
      text = utf8(answer.body);
    } catch {
      text = undefined;
    }
    const retryAfter = answer.headers['retry-after'];
    throw new HttpError(
      answer.status,
      undefined,
      text,
      typeof retryAfter === 'string' ? retryAfter : null,
      type,
      undefined,
      headerText(answer.headers),
    );
  }
}
