/**
 * Builds `window.tokenDesk` from the contract: one explicit function per call, each sending its one
 * argument on its own channel and turning an error envelope back into a thrown TokenDeskError. The
 * Electron preload and the browser test harness both use this builder.
 */
import { callNames, channelOf, type TokenDeskApi } from '../contract/ipc';
import { toBridgeError, type Envelope } from '../contract/errors';

export type Invoke = (channel: string, args: unknown) => Promise<Envelope<unknown>>;

export function buildTokenDeskApi(invoke: Invoke): TokenDeskApi {
  const api: Record<string, (args?: unknown) => Promise<unknown>> = {};
  for (const name of callNames) {
    const channel = channelOf(name);
    api[name] = async (args?: unknown) => {
      const answer = await invoke(channel, args);
      if (answer.ok) return answer.value;
      throw toBridgeError(answer.error);
    };
  }
  return Object.freeze(api) as TokenDeskApi;
}
