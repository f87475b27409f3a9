/**
 * Installed in the page before its scripts: `window.tokenDesk` built by the preload's own builder,
 * its invoke routed to the test process through a Playwright binding, main's notifications delivered
 * by the test process through __tokenDeskEvent.
 */
import type { Envelope } from '$contract/errors';
import type { MainEvent } from '$contract/events';
import { buildTokenDeskApi } from '../../../preload/api';

declare global {
  interface Window {
    /** The test process's dispatch; answers the envelope as JSON text (see fixtures.ts). */
    __tokenDeskInvoke: (channel: string, args: unknown) => Promise<string>;
    /** Called by the test process with each notification main sent (see fixtures.ts). */
    __tokenDeskEvent: (event: MainEvent) => void;
  }
}

const listeners = new Set<(event: MainEvent) => void>();
window.__tokenDeskEvent = (event) => listeners.forEach((listener) => listener(event));

window.tokenDesk = buildTokenDeskApi(
  async (channel, args) => JSON.parse(await window.__tokenDeskInvoke(channel, args)) as Envelope<unknown>,
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);

// A CSP violation the page catches itself (an eval probe, say) logs nothing; report it so the fixture fails.
document.addEventListener('securitypolicyviolation', (event) =>
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
);
