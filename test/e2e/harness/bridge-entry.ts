/**
 * Installed in the page before its scripts: `window.tokenDesk` built by the preload's own builder,
 * its invoke routed to the test process through a Playwright binding.
 */
import type { Envelope } from '$contract/errors';
import { buildTokenDeskApi } from '../../../preload/api';

declare global {
  interface Window {
    /** The test process's dispatch; answers the envelope as JSON text (see fixtures.ts). */
    __tokenDeskInvoke: (channel: string, args: unknown) => Promise<string>;
  }
}

window.tokenDesk = buildTokenDeskApi(async (channel, args) => JSON.parse(await window.__tokenDeskInvoke(channel, args)) as Envelope<unknown>);
