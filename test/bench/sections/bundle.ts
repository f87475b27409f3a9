/**
 * The renderer's JavaScript, gzipped (a production build is minified and carries no zod): what the
 * page loads at start (the entry and what index.html preloads), and everything, screens loaded on
 * first use included; the preload.
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
    // The screens loaded on first use may not outweigh, together, twice what every start loads.
    {
      figure: 'all renderer JavaScript, gzip (screens loaded on first use included)',
      measured: size(js),
      floor: size(atStart),
      unit: 'KB',
      goal: '≤ 2× (floor: what loads at start)',
      limit: 2,
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
