/**
 * Serves the built renderer on 127.0.0.1 the way the app:// protocol does: same file resolution,
 * same production CSP, so a CSP violation in the app shows up here too.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveAppFile } from '../../../main/security/app-files';
import { contentSecurityPolicy } from '../../../main/security/web-policy';

export interface RendererServer {
  url: string;
  close(): Promise<void>;
}

export async function startRendererServer(root: string): Promise<RendererServer> {
  if (!existsSync(`${root}/index.html`)) {
    throw new Error(`The renderer is not built (${root}/index.html is missing). Run \`npm run build\` first.`);
  }
  const server: Server = createServer((request, response) => {
    const file = resolveAppFile(root, request.url ?? '/');
    if (!file || !existsSync(file.path)) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy('production'),
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file.path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
