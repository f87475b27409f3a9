/** Serves the built renderer from app://token-desk with the production CSP (checklist #18, #7). */
import { net, protocol } from 'electron';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolveAppFile } from '../security/app-files';
import { APP_HOST, APP_SCHEME, contentSecurityPolicy } from '../security/web-policy';

/** Must run before app ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveAppFile(root, url.pathname) : null;
    // A missing file is a plain 404, not a failed fetch the page would see as a network error.
    const found = file
      ? await stat(file.path).then(
          (s) => s.isFile(),
          () => false,
        )
      : false;
    if (!file || !found) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(response.body, {
      status: response.status,
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy('production'),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
