/**
 * The renderer's one client over `window.tokenDesk`: same functions, typed by the contract, with
 * every failure rebuilt as a TokenDeskError (code + plain message) whatever the bridge did to it.
 */
import type { TokenDeskApi } from '../../../contract/ipc';
import { fromBridgeError } from '../../../contract/errors';

declare global {
  interface Window {
    tokenDesk?: TokenDeskApi;
  }
}

function connect(): TokenDeskApi {
  const bridge = window.tokenDesk;
  if (!bridge) throw new Error('Token Desk’s bridge is missing: this page must run inside the Token Desk app.');
  const client: Record<string, (args?: unknown) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(bridge as Record<string, (args?: unknown) => Promise<unknown>>)) {
    client[name] = (args?: unknown) => fn(args).catch((thrown: unknown) => Promise.reject(fromBridgeError(thrown)));
  }
  return client as TokenDeskApi;
}

export const api: TokenDeskApi = connect();
