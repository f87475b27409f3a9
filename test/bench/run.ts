/**
 * `npm run bench`: figures, not pass/fail. Seeding speed of the emulator and the cost of listing
 * many tokens over HTTP, which the tokens screen pays on every refresh.
 */
import { startEmulator } from '../emulator/index';
import { EmulatorState } from '../emulator/state';
import { seedState } from '../emulator/seed';

function ms(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

for (const count of [10_000, 100_000]) {
  const started = performance.now();
  seedState(new EmulatorState('oss-2.9'), `scale:${count}`);
  console.log(`seed scale:${count.toLocaleString('en')}: ${ms(started)}`);
}

for (const count of [1_000, 10_000]) {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: `scale:${count}` });
  try {
    const runs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const response = await fetch(`${influx.url}/api/v2/authorizations`, { headers: { Authorization: `Token ${influx.operatorToken}` } });
      bytes = (await response.arrayBuffer()).byteLength;
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    console.log(`GET /api/v2/authorizations with ${count.toLocaleString('en')} tokens: median ${runs[2]?.toFixed(1)} ms, ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
  } finally {
    await influx.close();
  }
}
