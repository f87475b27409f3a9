/**
 * `npm run emulator -- --mode oss-2.9 --port 8086 --seed demo [--tls]`: an emulator on 127.0.0.1
 * until Ctrl+C. Prints its URL and operator token.
 */
import { parseArgs } from 'node:util';
import { startEmulator, type Mode } from './index';
import { modes } from './model';
import { isSeedName, seedHelp } from './seed';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'oss-2.9' },
    port: { type: 'string', default: '8086' },
    seed: { type: 'string', default: 'demo' },
    tls: { type: 'boolean', default: false },
  },
});

if (!(modes as readonly string[]).includes(values.mode)) {
  console.error(`--mode must be one of ${modes.join(', ')}`);
  process.exit(2);
}
if (!isSeedName(values.seed)) {
  console.error(`--seed ${values.seed} is not a seed: use ${seedHelp}.`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be a port number (0 picks a free one)');
  process.exit(2);
}

const emulator = await startEmulator({ mode: values.mode as Mode, port, seed: values.seed, tls: values.tls });
console.log(`InfluxDB emulator (${emulator.mode}, seed ${values.seed}) listening on ${emulator.url}`);
const firstStep = emulator.mode.startsWith('v3')
  ? 'POST /api/v3/configure/token/admin first'
  : 'POST /api/v2/setup first';
console.log(`Operator token: ${emulator.operatorToken || `(none: not onboarded; ${firstStep})`}`);
if (emulator.managementUrl) console.log(`Connection URL (the Management API): ${emulator.managementUrl}`);
if (emulator.tls) console.log(`CA certificate to trust:\n${emulator.tls.ca}`);
console.log('Press Ctrl+C to stop.');
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
