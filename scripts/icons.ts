/**
 * `npm run icons`: every icon the installers need, from the one source, assets/icon.svg:
 * build/icon.png (1024², Linux and electron-builder's default), build/icons/<n>x<n>.png (Linux
 * sizes), build/icon.ico (Windows) and build/icon.icns (macOS). Output is generated, not committed.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import png2icons from 'png2icons';

export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

export function renderPng(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

export function buildIcons(root: string): string[] {
  const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
  const out = join(root, 'build');
  mkdirSync(join(out, 'icons'), { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Buffer) => {
    writeFileSync(join(out, name), data);
    written.push(name);
  };
  for (const size of linuxSizes) write(join('icons', `${size}x${size}.png`), renderPng(svg, size));
  const master = renderPng(svg, 1024);
  write('icon.png', master);
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert the 1024×1024 icon');
  write('icon.ico', ico);
  write('icon.icns', icns);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const written = buildIcons(resolve(import.meta.dirname, '..'));
  console.log(`Icons written to build/: ${written.join(', ')}`);
}
