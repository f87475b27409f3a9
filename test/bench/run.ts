/**
 * `npm run bench`: each figure beside its floor measured in the same run, as a ratio, with the goal
 * (issue "Speed"). Figures, not pass/fail: this machine is shared and noisy, so ratios are what count.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { eachBounded, FLEET_PARALLEL } from '$contract/bounded';
import { channelOf } from '$contract/channels';
import type { FleetEntry } from '$contract/credentials';
import { dayOf } from '$contract/review';
import { parseSearch, searchFleet } from '../../renderer/src/lib/fleet-search';
import type { Envelope } from '$contract/errors';
import { createLogger } from '../../main/log/logger';
import { Vault, type NewEntry } from '../../main/vault/vault';
import { VaultFile } from '../../main/vault/vault-file';
import { startEmulator, type Emulator } from '../emulator/index';
import { bundleBridgeScript } from '../e2e/harness/bridge-script';
import { startRendererServer } from '../e2e/harness/renderer-server';
import { chromiumArgs, findChromium } from '../support/chromium';
import { createTestCore } from '../support/test-core';
import { createTestSecretBox } from '../support/test-secret-box';
import type { HistoryEntry } from '$contract/history';
import { lineOf } from '../../main/history/history-log';
import { pointOf } from '../../main/team-history/line-protocol';
import { BATCH } from '../../main/team-history/shipper';

interface Row {
  figure: string;
  measured: number;
  floor: number;
  unit: string;
  goal: string;
  /** The ratio's limit; null when the goal is absolute (checked against `absolute`). */
  limit: number | null;
  absolute?: number;
}

const rows: Row[] = [];
/** BENCH_ONLY=list,trips,vault,bundle,chromium,fleet,team runs only those sections. */
const only = process.env['BENCH_ONLY']?.split(',');
const wanted = (section: string) => !only || only.includes(section);
const APP = 'app://token-desk/index.html';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The heap in use once garbage (and what finalizers free on the next ticks) is gone. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i += 1) {
    global.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function connect(influx: Emulator, origin = APP, dataDir?: string) {
  const core = createTestCore({ allowedOrigins: [origin], ...(dataDir ? { dataDir } : {}) });
  const call = async <T>(name: Parameters<typeof channelOf>[0], args?: unknown): Promise<T> => {
    const answer = (await core.dispatch(channelOf(name), origin, args)) as Envelope<T>;
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value;
  };
  const { id } = await call<{ id: string }>('saveConnection', {
    name: 'bench',
    url: influx.url,
    token: influx.operatorToken,
    rememberToken: true,
    org: null,
    environment: { label: '', colour: 'grey' },
    timeoutMs: 60_000,
    tls: { caFile: null, skipVerify: false },
  });
  await call('checkConnection', { id });
  return { core, call, id };
}

// 1 and 7: listing 10,000 tokens through the handler table, against fetch + JSON.parse of the same body;
// the heap after five listings (the last one held, as the page holds it) against the parsed body held once.
if (wanted('list')) {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:10000' });
  try {
    const { call, id } = await connect(influx);
    const plain = async () =>
      JSON.parse(
        await (
          await fetch(`${influx.url}/api/v2/authorizations`, {
            headers: { Authorization: `Token ${influx.operatorToken}` },
          })
        ).text(),
      ) as unknown;
    await plain();
    await call('listTokens', { connectionId: id });
    const floor = await timed(7, plain);
    const measured = await timed(7, () => call('listTokens', { connectionId: id }));
    rows.push({
      figure: 'listTokens, 10,000 tokens (handler table)',
      measured,
      floor,
      unit: 'ms',
      goal: '≤ 1.3× fetch + JSON.parse',
      limit: 1.3,
    });

    let held: unknown = null;
    let base = await settledHeap();
    held = await plain();
    const bodyHeap = (await settledHeap()) - base;
    held = null;
    base = await settledHeap();
    for (let i = 0; i < 5; i += 1) held = await call('listTokens', { connectionId: id });
    const listHeap = (await settledHeap()) - base;
    if (held === null) throw new Error('nothing listed');
    rows.push({
      figure: 'heap after listing 10,000 tokens five times',
      measured: listHeap / 1024 / 1024,
      floor: bodyHeap / 1024 / 1024,
      unit: 'MiB',
      goal: '≤ 1.5× the parsed body held once',
      limit: 1.5,
    });
  } finally {
    await influx.close();
  }
}

// 2: sequential round trips with 100 ms of latency on every request, against the API's minimum.
if (wanted('trips')) {
  const latency = 100;
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  try {
    const { call, id } = await connect(influx);
    influx.faults.add({ fault: { kind: 'latency', ms: latency } });
    const rounds = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return Math.round((performance.now() - started) / latency);
    };
    const token = influx.seed.tokens['sensorsWriter']!.id;
    const doomed = influx.seed.tokens['grafana']!.id;
    const v1 = influx.seed.v1['collectd']!.auth.id;
    const bucket = [...influx.state.buckets.values()].find((b) => b.name === 'sensors')!.id;
    const actions: [string, number, () => Promise<unknown>][] = [
      ['connection check', 3, () => call('checkConnection', { id })],
      ['list', 1, () => call('listTokens', { connectionId: id })],
      ['detail', 1, () => call('getTokenDetail', { connectionId: id, id: token, orgID: influx.seed.orgID })],
      ['status change', 1, () => call('setTokenStatus', { connectionId: id, id: token, status: 'inactive' })],
      ['description', 1, () => call('setTokenDescription', { connectionId: id, id: token, description: 'renamed' })],
      ['delete', 1, () => call('deleteToken', { connectionId: id, id: doomed })],
      [
        'create',
        2,
        () =>
          call('createToken', {
            connectionId: id,
            orgID: influx.seed.orgID,
            description: 'bench',
            status: 'active',
            spec: { kind: 'all-access' },
            saveToVault: true,
          }),
      ],
      // v1 credentials: the list with its DBRP names; a create is the credential, then its password.
      ['v1 list', 1, () => call('listV1Credentials', { connectionId: id })],
      ['v1 status change', 1, () => call('setV1Status', { connectionId: id, id: v1, status: 'inactive' })],
      [
        'v1 create',
        2,
        () =>
          call('createV1Credential', {
            connectionId: id,
            orgID: influx.seed.orgID,
            username: 'bench',
            description: '',
            read: [bucket],
            write: [],
            password: { kind: 'generate' },
          }),
      ],
      ['v1 delete', 1, () => call('deleteV1Credential', { connectionId: id, id: v1 })],
    ];
    for (const [name, minimum, work] of actions) {
      rows.push({
        figure: `round trips: ${name} (${latency} ms each)`,
        measured: await rounds(work),
        floor: minimum,
        unit: 'trips',
        goal: name === 'connection check' ? '≤ 3' : `= ${minimum}, the API's minimum`,
        limit: 1,
      });
    }
  } finally {
    await influx.close();
  }
}

// 4: the vault. Adding one entry at 10,000 against adding one at 100; opening against read + parse of
// its file; capturing 10,000 values against sealing them and writing the file once.
if (wanted('vault')) {
  const box = createTestSecretBox();
  const quiet = createLogger(() => undefined);
  const entry = (n: number): NewEntry => ({
    connectionId: 'c1',
    connectionName: 'prod',
    instanceUrl: 'https://influx.example.com',
    orgID: '0a3f2c1e9b400002',
    orgName: 'ops',
    authorizationId: `0a3f2c1e9b4${String(n).padStart(5, '0')}`,
    userName: 'alice',
    description: `token ${n} ${'d'.repeat(60)}`,
    permissions: [
      {
        action: 'write',
        resource: { type: 'buckets', orgID: '0a3f2c1e9b400002', id: '0a3f2c1e9b400099', name: 'sensors' },
      },
    ],
    source: { kind: 'created' },
  });
  const vaultWith = async (count: number) => {
    const folder = mkdtempSync(join(tmpdir(), 'td-bench-vault-'));
    const vault = new Vault(new VaultFile(join(folder, 'vault.json')), box, quiet);
    await vault.addMany(
      Array.from({ length: count }, (_, i) => ({ entry: entry(i), value: `value-${i}-${'x'.repeat(80)}` })),
    );
    return { vault, folder };
  };
  const addOne = async (count: number) => {
    const { vault } = await vaultWith(count);
    let n = count;
    return timed(15, () => vault.add(entry((n += 1)), `value-${n}-${'x'.repeat(80)}`));
  };
  const small = await addOne(100);
  const large = await addOne(10_000);
  rows.push({
    figure: 'vault: add one entry at 10,000 entries',
    measured: large,
    floor: small,
    unit: 'ms',
    goal: '≤ 2× adding one at 100',
    limit: 2,
  });

  const { folder } = await vaultWith(10_000);
  const path = join(folder, 'vault.json');
  const readParse = await timed(5, async () => JSON.parse(await readFile(path, 'utf8')) as unknown);
  const opening = await timed(5, () => new Vault(new VaultFile(path), box, quiet).list());
  rows.push({
    figure: 'vault: open 10,000 entries',
    measured: opening,
    floor: readParse,
    unit: 'ms',
    goal: '≤ 1.5× read + JSON.parse of its file',
    limit: 1.5,
  });

  const influx = await startEmulator({ mode: 'oss-2.7', seed: 'scale:10000' });
  try {
    const { call, id } = await connect(influx);
    const started = performance.now();
    const captured = await call<{ saved: number }>('captureValues', { connectionId: id });
    const capture = performance.now() - started;
    const values = [...influx.state.authorizations.values()].map((a) => a.token);
    const floorStarted = performance.now();
    const sealed = await Promise.all(values.map((v) => box.encrypt(v)));
    writeFileSync(join(folder, 'floor.json'), JSON.stringify(sealed.map((s) => Buffer.from(s).toString('base64'))));
    const floor = performance.now() - floorStarted;
    rows.push({
      figure: `vault: capture ${captured.saved.toLocaleString('en')} values from OSS 2.7`,
      measured: capture,
      floor,
      unit: 'ms',
      goal: '≤ 5 s (floor: seal them all, write once)',
      limit: null,
      absolute: 5000,
    });
  } finally {
    await influx.close();
  }
}

// 5: the renderer's JavaScript, gzipped (a production build is minified and carries no zod): what the page
// loads at start (the entry and what index.html preloads), and everything, screens loaded on first use included.
if (wanted('bundle')) {
  const assets = resolve('out/renderer/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const size = (files: string[]) =>
    files.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0) / 1024;
  const html = readFileSync(resolve('out/renderer/index.html'), 'utf8');
  const atStart = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const preload = gzipSync(readFileSync(resolve('out/preload/index.cjs'))).length / 1024;
  rows.push({
    figure: 'renderer JavaScript loaded at start, gzip',
    measured: size(atStart),
    floor: 60,
    unit: 'KB',
    goal: '≤ 60 KB',
    limit: 1,
  });
  // The screens loaded on first use may not outweigh, together, twice what every start loads.
  rows.push({
    figure: 'all renderer JavaScript, gzip (screens loaded on first use included)',
    measured: size(js),
    floor: size(atStart),
    unit: 'KB',
    goal: '≤ 2× what loads at start',
    limit: 2,
  });
  rows.push({
    figure: 'preload, gzip',
    measured: preload,
    floor: 60,
    unit: 'KB',
    goal: 'no zod, far below the renderer',
    limit: 1,
  });
}

// 6: in Chromium, on the real handler table: first rows painted after listTokens answers, against a
// plain-DOM render of the same visible rows from the same answer; a search keystroke at 10,000 rows.
if (wanted('chromium')) {
  const { chromium } = await import('playwright-core');
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:10000' });
  const server = await startRendererServer(resolve('out/renderer'));
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const { core } = await connect(influx, server.url);
    // The bench evaluates its probes as text, which the app's CSP forbids; the tests keep the CSP.
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })
    ).newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.exposeBinding('__tokenDeskInvoke', async ({ frame }, channel: string, args: unknown) =>
      JSON.stringify(await core.dispatch(channel, frame.url(), args)),
    );
    await page.addInitScript({ content: await bundleBridgeScript() });
    // Scripts go in as text: tsx would wrap functions in a helper the page does not have.
    // When the list's answer reaches the page, and the first frame after its rows exist.
    await page.addInitScript({
      content: `
        let invoke = window.__tokenDeskInvoke;
        const wrapped = async (channel, args) => {
          const text = await invoke(channel, args);
          if (channel === 'token-desk:listTokens') {
            window.__answered = performance.now();
            window.__answer = text;
            const watch = () => {
              if (document.querySelectorAll('[role="table"] [role="row"]').length > 5) requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now())));
              else requestAnimationFrame(watch);
            };
            requestAnimationFrame(watch);
          }
          return text;
        };
        Object.defineProperty(window, '__tokenDeskInvoke', { configurable: true, set: (fn) => (invoke = fn), get: () => wrapped });
      `,
    });
    // The floor: the same answer parsed, and the same visible rows built with plain DOM calls: the
    // same cells, controls, labels and formatted dates, with the app's own classes (so the same CSS
    // grid lays them out), appended where the app's rows are.
    const plainRender = `new Promise((done) => {
      const sample = document.querySelector('[role="rowgroup"] [role="row"]');
      const classes = [...sample.children].map((c) => c.className);
      const count = document.querySelectorAll('[role="table"] [role="row"]').length;
      const started = performance.now();
      const answer = JSON.parse(window.__answer);
      const full = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
      const day = (iso) => new Date(iso).toISOString().slice(0, 10);
      const el = (tag, text, attrs) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); return e; };
      const group = el('div', undefined, { role: 'rowgroup', class: sample.parentElement.className });
      for (const row of answer.value.rows.slice(0, count)) {
        const tr = el('div', undefined, { role: 'row', class: sample.className });
        const check = el('span', undefined, { role: 'cell', class: classes[0] });
        check.append(el('input', undefined, { type: 'checkbox', 'aria-label': 'Select ' + row.description }));
        const description = el('span', undefined, { role: 'cell', class: classes[1] });
        description.append(el('button', row.description || '(no description)', { type: 'button', title: row.description }), el('button', '✎', { type: 'button', 'aria-label': 'Rename ' + row.description }));
        const status = el('span', undefined, { role: 'cell', class: classes[2] });
        status.append(el('span', row.status === 'active' ? 'Active' : 'Inactive', { class: 'status ' + row.status }));
        const dates = [row.createdAt, row.updatedAt].map((iso, i) => el('span', day(iso), { role: 'cell', class: classes[5 + i], title: full.format(new Date(iso)) }));
        tr.append(check, description, status, el('span', row.userName, { role: 'cell', class: classes[3], title: row.userName }), el('span', row.orgName, { role: 'cell', class: classes[4], title: row.orgName }), ...dates, el('span', row.summary, { role: 'cell', class: classes[7], title: row.summary }), el('span', row.inVault ? 'Saved' : '—', { role: 'cell', class: classes[8] }));
        group.append(tr);
      }
      sample.parentElement.after(group);
      requestAnimationFrame(() => setTimeout(() => { done(performance.now() - started); group.remove(); }));
    })`;
    const firstPaint: number[] = [];
    const plainPaint: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction('window.__painted !== undefined', undefined, { timeout: 60_000 });
      firstPaint.push(await page.evaluate<number>('window.__painted - window.__answered'));
      plainPaint.push(await page.evaluate<number>(plainRender));
    }
    rows.push({
      figure: 'first rows painted after listTokens answers (Chromium)',
      measured: median(firstPaint),
      floor: median(plainPaint),
      unit: 'ms',
      goal: '≤ 2× a plain-DOM render of the same rows',
      limit: 2,
    });

    const search = page.getByRole('searchbox', { name: 'Search tokens' });
    await search.focus();
    await page.evaluate(`
      window.__keys = [];
      document.addEventListener('input', () => {
        const started = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - started)));
      }, true);
    `);
    for (const key of 'bucket-07 x') await page.keyboard.type(key, { delay: 60 });
    await page.waitForTimeout(200);
    const keys = await page.evaluate<number[]>('window.__keys');
    const idle = await page.evaluate<number>(
      `new Promise((done) => { const started = performance.now(); requestAnimationFrame(() => setTimeout(() => ` +
        `done(performance.now() - started))); })`,
    );
    rows.push({
      figure: 'search keystroke at 10,000 rows: input to the task after the next frame',
      measured: median(keys),
      floor: idle,
      unit: 'ms',
      goal: '≤ 20 ms (floor: one idle frame)',
      limit: null,
      absolute: 20,
    });
  } finally {
    await browser.close();
    await server.close();
    await influx.close();
  }
}

// The fleet: "Refresh all" over 50 connections of 2,000 tokens with 100 ms per request, six at a time as
// the page runs it, against the slowest single connection's list; main's heap with those 50 lists held
// against the 50 parsed bodies held once; a search over the 100,000 rows against a plain filter of names.
if (wanted('fleet')) {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'scale:2000' });
  try {
    const { call } = await connect(influx);
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1)
      ids.push(
        (
          await call<{ id: string }>('saveConnection', {
            name: `fleet ${i}`,
            url: influx.url,
            token: influx.operatorToken,
            rememberToken: true,
            org: null,
            environment: { label: '', colour: 'grey' },
            timeoutMs: 60_000,
            tls: { caFile: null, skipVerify: false },
          })
        ).id,
      );
    // Main's heap before and after it holds every connection's last list (what the overview reads).
    const beforeLists = await settledHeap();
    for (const id of ids) await call('listCredentials', { connectionId: id });
    const listsHeap = (await settledHeap()) - beforeLists;
    influx.faults.add({ fault: { kind: 'latency', ms: 100 } });
    const single: number[] = [];
    for (const id of ids.slice(0, 5)) {
      const started = performance.now();
      await call('listCredentials', { connectionId: id });
      single.push(performance.now() - started);
    }
    const started = performance.now();
    await eachBounded(ids, FLEET_PARALLEL, async (id) => void (await call('listCredentials', { connectionId: id })));
    rows.push({
      figure: 'refresh all: 50 connections × 2,000 tokens, 100 ms per request, 6 at a time',
      measured: performance.now() - started,
      floor: Math.max(...single),
      unit: 'ms',
      goal: '≤ 1.3× the slowest single list',
      limit: 1.3,
    });
    influx.faults.clear();

    const text = await (
      await fetch(`${influx.url}/api/v2/authorizations`, {
        headers: { Authorization: `Token ${influx.operatorToken}` },
      })
    ).text();
    const base = await settledHeap();
    let held: unknown[] = ids.map(() => JSON.parse(text) as unknown);
    const bodies = (await settledHeap()) - base;
    rows.push({
      figure: "main's heap holding 50 last lists of 2,000 tokens",
      measured: listsHeap / 1024 / 1024,
      floor: bodies / 1024 / 1024,
      unit: 'MiB',
      goal: '≤ 1.5× the 50 parsed bodies held once',
      limit: 1.5,
    });
    if (held.length !== 50) throw new Error('the bodies were not held');
    held = [];
    const lists = (await call<FleetEntry[]>('lastCredentials')).filter((e) => ids.includes(e.connectionId));
    const entries = lists.flatMap((e) => (e.list ? [e] : []));
    const names = new Map(ids.map((id, i) => [id, `fleet ${i}`]));
    const today = dayOf(new Date());
    const plainRows = entries.flatMap((e) => e.list!.rows.map((r) => r.name.toLowerCase()));
    searchFleet(entries, names, parseSearch('warm'), today);
    const floor = await timed(9, async () => plainRows.filter((n) => n.includes('token 12')));
    const measured = await timed(9, async () => searchFleet(entries, names, parseSearch('token 12'), today));
    const terms = await timed(9, async () =>
      searchFleet(entries, names, parseSearch('can:write bucket:bucket-1 owner:user'), today),
    );
    rows.push({
      figure: `search over ${plainRows.length.toLocaleString()} rows, words (terms: ${terms.toFixed(1)} ms)`,
      measured,
      floor,
      unit: 'ms',
      goal: '≤ 16.7 ms (floor: a plain filter of the names)',
      limit: null,
      absolute: 16.7,
    });
  } finally {
    await influx.close();
  }
}

// Team history: shipping 10,000 waiting records (batches of 5,000, the cursor written after each),
// against writing the same line protocol in one request.
if (wanted('team')) {
  const influx = await startEmulator({ mode: 'oss-2.9', seed: 'demo' });
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-bench-team-'));
    const at = Date.parse('2026-12-01T00:00:00Z');
    const records: HistoryEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `bench-${i}`,
      at: new Date(at + i * 1000).toISOString(),
      desk: 'bench@desk',
      product: 'OSS 2.9',
      connectionId: 'c',
      connectionName: 'bench',
      url: influx.url,
      action: 'token.create',
      target: i.toString(16).padStart(16, '0'),
      description: `Bench token ${i}`,
      outcome: 'ok',
      detail: '',
    }));
    mkdirSync(join(dataDir, 'history'), { recursive: true });
    writeFileSync(join(dataDir, 'history', 'history.jsonl'), records.map(lineOf).join(''));
    // Writes refused while the target is set up: every record waits.
    influx.faults.add({ fault: { kind: 'status', status: 503 }, path: '/api/v2/write' });
    const { call, id } = await connect(influx, APP, dataDir);
    await call('setUpTeamHistory', { connectionId: id, database: 'bench_history', orgID: null });
    await call('shipTeamHistory');
    const waiting = (await call<{ waiting: number }>('getTeamHistory')).waiting;
    influx.faults.clear();
    const body = records.map((r) => pointOf(r, { desk: 'bench@desk', product: () => '' })).join('\n');
    const org = [...influx.state.orgs.values()][0]?.id ?? '';
    const floor = await timed(3, async () => {
      const answer = await fetch(`${influx.url}/api/v2/write?orgID=${org}&bucket=bench_history&precision=ns`, {
        method: 'POST',
        headers: { Authorization: `Token ${influx.operatorToken}`, 'content-type': 'text/plain; charset=utf-8' },
        body,
      });
      if (answer.status !== 204) throw new Error(`the floor's write answered ${answer.status}`);
    });
    const started = performance.now();
    await call('shipTeamHistory');
    const measured = performance.now() - started;
    const left = (await call<{ waiting: number }>('getTeamHistory')).waiting;
    if (left !== 0) throw new Error(`${left} records still wait`);
    rows.push({
      figure: `team history: ship ${waiting.toLocaleString('en')} waiting records (batches of ${BATCH})`,
      measured,
      floor,
      unit: 'ms',
      goal: '≤ 2× one request of the same line protocol',
      limit: 2,
    });
  } finally {
    await influx.close();
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
console.log('\n| figure | measured | floor | ratio | goal | met |\n| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const ratio = r.measured / r.floor;
  const met = r.limit !== null ? ratio <= r.limit + 1e-9 : r.measured <= (r.absolute ?? Infinity);
  console.log(
    `| ${r.figure} | ${fmt(r.measured)} ${r.unit} | ${fmt(r.floor)} ${r.unit} | ${ratio.toFixed(2)} | ${r.goal} | ` +
      `${met ? 'yes' : 'NO'} |`,
  );
}
