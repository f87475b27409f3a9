// One cold start of the built main process under the stand-in shell, timed from this script's first
// line (Node itself already started, as Electron has before it runs main):
//   start  imports out/main/index.js and times until listConnections is answered;
//   setup  the same, then saves 20 connections through the handler table;
//   floor  reads and parses the vault's snapshot and journal, nothing else.
// Prints {"ms": …} on its last line. Run by sections/cold-start.ts with TOKEN_DESK_USER_DATA set.
const started = performance.now();
const mode = process.argv[2];
const dataDir = process.env.TOKEN_DESK_USER_DATA;
const done = (extra = {}) => {
  console.log(JSON.stringify({ ms: performance.now() - started, ...extra }));
  process.exit(0);
};

if (mode === 'floor') {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const path = join(dataDir, 'vault.json');
  const snapshot = JSON.parse(await readFile(path, 'utf8'));
  const journal = (await readFile(`${path}.journal`, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line.startsWith('{') ? line : line.slice(17)));
  done({ entries: snapshot.entries.length + journal.length });
} else {
  await import(new URL('../../out/main/index.js', import.meta.url).href);
  const seen = globalThis.__shell;
  const mainFrame = { url: 'app://token-desk/index.html' };
  const asPage = { senderFrame: mainFrame, sender: { mainFrame } };
  const channel = 'token-desk:listConnections';
  while (!seen.ipc.has(channel)) await new Promise((resolve) => setImmediate(resolve));
  const call = (name, args) => seen.ipc.get(`token-desk:${name}`)(asPage, args);
  const listed = await call('listConnections');
  if (!listed.ok) throw new Error(`listConnections: ${listed.error.message}`);
  if (mode === 'setup') {
    for (let i = 0; i < 20; i += 1) {
      const saved = await call('saveConnection', {
        name: `instance ${i}`,
        url: `https://influx-${i}.example.com`,
        token: `token-${i}-${'x'.repeat(80)}`,
        rememberToken: true,
        org: null,
        environment: { label: '', colour: 'grey' },
        timeoutMs: 10_000,
        tls: { caFile: null, skipVerify: false },
      });
      if (!saved.ok) throw new Error(`saveConnection: ${saved.error.message}`);
    }
  }
  done({ connections: listed.value.length });
}
