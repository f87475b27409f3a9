/** The renderer's one client over `window.tokenDesk`, typed by the contract (see api-client.ts). */
import type { BridgeApi, TokenDeskApi } from '$contract/ipc';
import { createClient } from './api-client';

export { isCode } from '$contract/errors';

declare global {
  interface Window {
    tokenDesk?: BridgeApi;
  }
}

function connect(): TokenDeskApi {
  const bridge = window.tokenDesk;
  if (!bridge) throw new Error('Token Desk’s bridge is missing: this page must run inside the Token Desk app.');
  return createClient(bridge);
}

export const api: TokenDeskApi = connect();
