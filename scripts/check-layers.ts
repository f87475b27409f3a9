/**
 * The layer rules the type checker cannot see, checked on every import (npm run typecheck):
 * `electron` only in main/shell/ and the preload's entry, Node modules never in the page, the
 * contract importing nothing but zod, and no layer reaching into another's folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

interface Rule {
  /** Folder the rule covers, relative to the root, with a trailing slash. */
  layer: string;
  /** True when `specifier` may be imported by the file at `file` (root-relative, forward slashes). */
  allows: (specifier: string, file: string, target: string | null) => boolean;
  why: string;
}

const inside = (target: string | null, folder: string) => target !== null && target.startsWith(folder);

/** Browser libraries the page may load, each chosen for what it does (uPlot: the overview's charts). */
const pageLibraries = ['uplot'];
const isPageLibrary = (s: string) => pageLibraries.some((l) => s === l || s.startsWith(`${l}/`));

const rules: Rule[] = [
  {
    layer: 'contract/',
    allows: (s, _f, t) => s === 'zod' || inside(t, 'contract/'),
    why: 'the contract is shared by main, preload and renderer: it may import only zod and itself',
  },
  {
    layer: 'renderer/',
    allows: (s, _f, t) =>
      s === 'svelte' ||
      s.startsWith('svelte/') ||
      isPageLibrary(s) ||
      s.startsWith('$contract/') ||
      inside(t, 'renderer/'),
    why:
      'the page may import only svelte, the chosen page libraries, $contract and its own files: ' +
      'never electron, Node modules or main',
  },
  {
    layer: 'preload/',
    allows: (s, f, t) =>
      (s === 'electron' && f === 'preload/index.ts') || s.startsWith('$contract/') || inside(t, 'preload/'),
    why: 'the sandboxed preload may import only $contract and its own files (electron in preload/index.ts)',
  },
  {
    layer: 'main/',
    allows: (s, f, t) =>
      s === 'electron'
        ? f.startsWith('main/shell/')
        : t === null
          ? !s.startsWith('$') || s.startsWith('$contract/')
          : inside(t, 'main/') || inside(t, 'contract/'),
    why: 'main imports electron only in main/shell/, and never the preload or the renderer',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

function scriptsOf(text: string, file: string): string {
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('\n');
}

/** Every import that breaks a layer rule, as "file: 'specifier' — why". */
export function layerViolations(root: string): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    for (const path of sourceFiles(join(root, rule.layer))) {
      const file = relative(root, path).split(sep).join('/');
      const { importedFiles } = ts.preProcessFile(scriptsOf(readFileSync(path, 'utf8'), file), true, true);
      for (const { fileName: specifier } of importedFiles) {
        const target = specifier.startsWith('.')
          ? relative(root, resolve(path, '..', specifier))
              .split(sep)
              .join('/')
          : specifier.startsWith('$contract/')
            ? `contract/${specifier.slice(10)}`
            : null;
        if (!rule.allows(specifier, file, target)) found.push(`${file}: '${specifier}' — ${rule.why}`);
      }
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const found = layerViolations(process.cwd());
  for (const line of found) console.error(line);
  if (found.length > 0) process.exit(1);
  console.log('layers: every import keeps its layer’s rules');
}
