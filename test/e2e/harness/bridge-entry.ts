/**
 * Installed in the page before its scripts: `window.tokenDesk` built by the preload's own builder,
 * its invoke routed to the test process through a Playwright binding.
 */
import type { Envelope } from '../../../contract/errors';
import { buildTokenDeskApi } from '../../../preload/api';

declare global {
  interface Window {
    __tokenDeskInvoke: (channel: string, args: unknown) => Promise<Envelope<unknown>>;
  }
}

window.tokenDesk = buildTokenDeskApi((channel, args) => window.__tokenDeskInvoke(channel, args));
