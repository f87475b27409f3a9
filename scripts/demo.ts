/**
 * `npm run demo`: an InfluxDB emulator seeded with the demo scenario, and Token Desk started on a
 * throw-away profile with a connection to it. Without Electron, the emulator still runs and this
 * says what to do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type Mode } from '../test/emulator/index';
import { ensureElectron } from './electron-binary';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'oss-2.9' }, port: { type: 'string', default: '0' } },
});
const root = resolve(import.meta.dirname, '..');
const emulator = await startEmulator({ mode: values.mode as Mode, port: Number(values.port), seed: 'demo' });
console.log(`InfluxDB emulator (${emulator.mode}, demo data) at ${emulator.url}`);
console.log(`Operator token: ${emulator.operatorToken}`);

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const electron = ensureElectron(root);
if (!electron.found) {
  console.log(`\nToken Desk cannot be started yet: ${electron.reason}`);
  console.log('Then run `npm run demo` again: it starts Token Desk already connected to this emulator.');
  console.log(
    `Meanwhile the emulator keeps running until Ctrl+C, on ${emulator.url} (this machine only; add it to a Token ` +
      `Desk here with the token above).`,
  );
} else {
  const userData = mkdtempSync(join(tmpdir(), 'token-desk-demo-'));
  const child = spawn(electron.path, [root], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TOKEN_DESK_USER_DATA: userData,
      TOKEN_DESK_DEMO_CONNECTION: JSON.stringify({
        name: `Demo (${emulator.mode})`,
        url: emulator.url,
        token: emulator.operatorToken,
      }),
    },
  });
  child.on('exit', stop);
}
