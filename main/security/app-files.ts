/**
 * Maps a request path of the app's page to a file of the built renderer, refusing anything outside
 * it. Used by the app:// protocol handler and by the test harness's server, so both serve alike.
 */
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface AppFile {
  path: string;
  contentType: string;
}

export function resolveAppFile(root: string, requestPath: string): AppFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const path = resolve(base, relative);
  if (path !== base && !path.startsWith(base + sep)) return null;
  const contentType = contentTypes[extname(path).toLowerCase()];
  return contentType ? { path, contentType } : null;
}
