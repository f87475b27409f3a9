/** The routing table's shape: method, path pattern, handler; public routes skip authentication. */
import type { Caller } from './auth';
import type { EmulatorState } from './state';

export interface Reply {
  status: number;
  body?: unknown;
  /** Indented with tabs, as the server pretty-prints some answers (the v1 credential's: INFLUXDB-V1-AUTH.md). */
  pretty?: boolean;
}

export interface RequestContext {
  state: EmulatorState;
  query: URLSearchParams;
  params: Record<string, string>;
  /** The parsed JSON body (400 `invalid json structure` when it is not JSON). */
  json(): Promise<unknown>;
  /** The raw body, for routes that decode it their own way. */
  text(): Promise<string>;
  headers: { authorization?: string };
  /** The authenticated caller (always set on non-public routes). */
  caller: Caller;
}

export interface Route {
  method: string;
  pattern: RegExp;
  public?: boolean;
  handle(context: RequestContext): Reply | Promise<Reply>;
}

export const route = (
  method: string,
  path: string,
  handle: Route['handle'],
  options: { public?: boolean } = {},
): Route => ({
  method,
  // "/api/v2/authorizations/:id" → ^/api/v2/authorizations/(?<id>[^/]+)$
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
  handle,
  ...options,
});
