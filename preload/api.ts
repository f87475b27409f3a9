/**
 * Builds `window.tokenDesk` from the contract: one explicit function per call, each sending its one
 * argument on its own channel and answering main's envelope as it came, plus `onEvent` for main's
 * notifications. The Electron preload and the browser test harness both use this builder; the
 * renderer's client unwraps the envelopes.
 */
import { callNames, channelOf } from '$contract/channels';
import type { BridgeApi } from '$contract/ipc';
import type { Envelope } from '$contract/errors';
import type { MainEvent } from '$contract/events';

export type Invoke = (channel: string, args: unknown) => Promise<Envelope<unknown>>;
/** Delivers each notification's payload to the listener; answers the function that stops it. */
export type Subscribe = (listener: (event: MainEvent) => void) => () => void;

export function buildTokenDeskApi(invoke: Invoke, subscribe: Subscribe): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    const channel = channelOf(name);
    api[name] = (args?: unknown) => invoke(channel, args);
  }
  api['onEvent'] = (listener: (event: MainEvent) => void) => subscribe(listener);
  return Object.freeze(api) as BridgeApi;
}
