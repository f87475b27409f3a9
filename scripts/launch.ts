/**
 * `npm start`: launch the built app in Electron. The electron package fetches its binary on first
 * launch; where that fetch is impossible we stop with what to do instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { locateElectron, type ElectronLookup } from './electron-binary';

const root = resolve(import.meta.dirname, '..');

function ensureElectron(): ElectronLookup {
  const first = locateElectron(root);
  if (first.found || process.env['ELECTRON_OVERRIDE_DIST_PATH']) return first;
  console.log('Fetching the Electron binary (first launch)…');
  const fetched = spawnSync(process.execPath, [resolve(root, 'node_modules/electron/install.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (fetched.status !== 0) {
    const reason = fetched.stderr.toString().split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
    return { found: false, reason: `The Electron binary could not be downloaded (${reason.trim()}). ${first.reason}` };
  }
  return locateElectron(root);
}

const electron = ensureElectron();
if (!electron.found) {
  console.error(`\nToken Desk cannot start: ${electron.reason}\n`);
  console.error('Everything else still works without Electron: `npm test` runs the app’s renderer in Chromium against its real main-process handlers.');
  process.exit(1);
}
const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
