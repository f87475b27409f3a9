/**
 * Builds `window.tokenDesk` from the contract: one explicit function per call, each sending its one
 * argument on its own channel and answering main's envelope as it came. The Electron preload and
 * the browser test harness both use this builder; the renderer's client unwraps the envelopes.
 */
import { callNames, channelOf, type BridgeApi } from '$contract/ipc';
import type { Envelope } from '$contract/errors';

export type Invoke = (channel: string, args: unknown) => Promise<Envelope<unknown>>;

export function buildTokenDeskApi(invoke: Invoke): BridgeApi {
  const api: Record<string, (args?: unknown) => Promise<Envelope<unknown>>> = {};
  for (const name of callNames) {
    const channel = channelOf(name);
    api[name] = (args?: unknown) => invoke(channel, args);
  }
  return Object.freeze(api) as BridgeApi;
}
