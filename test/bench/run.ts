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

// The tokens screen's own path: the handler table (client, classification, vault flags), then the
// renderer's search and sort over all rows.
{
  const { createTestCore } = await import('../support/test-core');
  const { bridgeTo } = await import('../support/invoke');
  const { applyQuery, defaultQuery } = await import('../../renderer/src/lib/token-filter');
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:10000' });
  try {
    const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
    const bridge = bridgeTo(core);
    const connection = await bridge.invoke('saveConnection', {
      name: 'bench', url: influx.url, token: influx.operatorToken, rememberToken: true, org: null,
      environment: { label: '', colour: 'grey' }, timeoutMs: 30_000, tls: { caFile: null, skipVerify: false },
    });
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      rows = (await bridge.invoke('listTokens', { connectionId: connection.id })).rows.length;
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    global.gc?.();
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(`heap in use after listing ${rows.toLocaleString('en')} tokens five times: ${heap.toFixed(0)} MiB (emulator with its 10,000 tokens included)`);
    const payload = bridge.crossed.at(-1)?.length ?? 0;
    console.log(`listTokens (handler table) with ${rows.toLocaleString('en')} tokens: median ${runs[2]?.toFixed(1)} ms, ${(payload / 1024 / 1024).toFixed(2)} MiB to the renderer`);
    const list = await bridge.invoke('listTokens', { connectionId: connection.id });
    const started = performance.now();
    const found = applyQuery(list.rows, { ...defaultQuery(), text: 'bucket-07', sort: { key: 'description', descending: false } });
    console.log(`search "bucket-07" and sort by description over ${list.rows.length.toLocaleString('en')} rows: ${ms(started)} (${found.length} found)`);
  } finally {
    await influx.close();
  }
}
