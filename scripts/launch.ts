/**
 * `npm start`: launch the built app in Electron. The electron package fetches its binary on first
 * launch; where that fetch is impossible we stop with what to do instead of a stack trace.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureElectron } from './electron-binary';

const root = resolve(import.meta.dirname, '..');

const electron = ensureElectron(root);
if (!electron.found) {
  console.error(`\nToken Desk cannot start: ${electron.reason}\n`);
  console.error(
    'Everything else still works without Electron: `npm test` runs the app’s renderer in Chromium against its real ' +
      'main-process handlers.',
  );
  process.exit(1);
}
const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
