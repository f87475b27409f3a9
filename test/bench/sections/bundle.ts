/**
 * The renderer's JavaScript, gzipped (a production build is minified and carries no zod): what the
 * page loads at start (the entry and what index.html preloads), and what the heaviest screen loaded
 * on first use adds to it; the preload.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from '../measure';

export async function bundle(): Promise<Row[]> {
  const assets = resolve('out/renderer/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const size = (files: string[]) =>
    files.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0) / 1024;
  const html = readFileSync(resolve('out/renderer/index.html'), 'utf8');
  const atStart = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  // Each chunk's imports: static (`import … from"./x.js"`), or dynamic (`import("./x.js")`, quoted with
  // backticks by the minifier: a screen's charts and dialogs, which it loads as it opens or on a click).
  const importsOf = (file: string, dynamic: boolean) =>
    [
      ...readFileSync(join(assets, file), 'utf8').matchAll(
        dynamic
          ? /import(?:[^"'()]*?from)?\s*\(?\s*["`]\.\/([^"`]+\.js)["`]/g
          : /import(?:[^"'()]*?from)?\s*"\.\/([^"]+\.js)"/g,
      ),
    ].map((m) => m[1] ?? '');
  /** A chunk and what it imports, not going past `stop` (what is loaded already). */
  const closure = (file: string, dynamic = false, stop = new Set<string>(), seen = new Set<string>()) => {
    if (seen.has(file) || stop.has(file)) return seen;
    seen.add(file);
    for (const next of importsOf(file, dynamic)) closure(next, dynamic, stop, seen);
    return seen;
  };
  const started = new Set(atStart.flatMap((f) => [...closure(f)]));
  const screenFiles = new Set(readdirSync(resolve('renderer/src/screens')).map((f) => f.replace(/\.svelte$/, '')));
  const nameOf = (f: string) => f.replace(/-[\w-]{8}\.js$/, '');
  const heaviest = js
    .filter((f) => screenFiles.has(nameOf(f)))
    .map((f) => ({ name: nameOf(f), kb: size([...closure(f, true, started)]) }))
    .reduce((a, b) => (b.kb > a.kb ? b : a), { name: 'none', kb: 0 });
  const preload = gzipSync(readFileSync(resolve('out/preload/index.cjs'))).length / 1024;
  return [
    {
      figure: 'renderer JavaScript loaded at start, gzip',
      measured: size(atStart),
      floor: 60,
      unit: 'KB',
      goal: '≤ 60 KB',
      limit: 1,
    },
    // A screen loaded on first use (the overview with its charts, a family's panel, the vault) may not
    // cost more than the whole start: what it and every dialog it opens add beyond the start's chunks.
    {
      figure: `heaviest screen on first use (${heaviest.name}), with all it can open, beyond the start, gzip`,
      measured: heaviest.kb,
      floor: size(atStart),
      unit: 'KB',
      goal: '≤ 1× (floor: what loads at start)',
      limit: 1,
    },
    {
      figure: 'preload, gzip',
      measured: preload,
      floor: 60,
      unit: 'KB',
      goal: 'no zod, far below the renderer',
      limit: 1,
    },
  ];
}
