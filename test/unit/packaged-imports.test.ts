/** Every module the built main and preload import is there in a packaged app. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importsOf, packageOf, unpackable, type PackageJson } from '../support/bundle-imports';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as PackageJson;
const builder = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
const chunks = existsSync(resolve(root, 'out/main/chunks'))
  ? readdirSync(resolve(root, 'out/main/chunks')).map((f) => `out/main/chunks/${f}`)
  : [];
const bundles = ['out/main/index.js', ...chunks, 'out/preload/index.cjs'];
/** A relative import of a bundle is one of the build's own chunks: a file under out/ (which is packed). */
const chunkOf = (bundle: string) => (specifier: string) => {
  const path = resolve(root, dirname(bundle), specifier);
  return !relative(resolve(root, 'out'), path).startsWith('..') && existsSync(path);
};

describe('the packaged app’s imports', () => {
  for (const bundle of bundles) {
    it(`${bundle} imports only built-ins and production dependencies`, () => {
      expect(
        existsSync(resolve(root, bundle)),
        `${bundle} is missing: run \`npm run build\` first (npm test does)`,
      ).toBe(true);
      const imports = importsOf(readFileSync(resolve(root, bundle), 'utf8'));
      // An entry imports something (else the reading of imports broke); a chunk may import nothing.
      expect(imports.length).toBeGreaterThanOrEqual(chunks.includes(bundle) ? 0 : 1);
      expect(unpackable(imports, pkg, builder.files, chunkOf(bundle))).toEqual([]);
    });
  }

  it('packs the built output and package.json, and every production dependency resolves', () => {
    expect(builder.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    const main = ['out/main/index.js', ...chunks].flatMap((bundle) =>
      importsOf(readFileSync(resolve(root, bundle), 'utf8')).filter(
        (s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !chunkOf(bundle)(s),
      ),
    );
    for (const specifier of main)
      expect(existsSync(resolve(root, 'node_modules', packageOf(specifier), 'package.json')), specifier).toBe(true);
  });

  it('names planted faults: a devDependency, a missing package, a relative import, node_modules excluded', () => {
    const planted = importsOf(
      "import { test } from 'vitest';\nconst x = require('left-pad');\nimport('./chunk.js');\nimport { z } from " +
        "'zod';\nimport { join } from 'node:path';",
    );
    expect(unpackable(planted, pkg, builder.files, chunkOf('out/main/index.js'))).toEqual([
      './chunk.js: a relative import left in the bundle (the packed app has only out/)',
      "left-pad: not in package.json's dependencies",
      'vitest: a devDependency, which electron-builder does not pack',
    ]);
    expect(unpackable(['zod'], pkg, [...builder.files, '!node_modules/**'])).toEqual([
      "zod: electron-builder's files rules exclude node_modules",
    ]);
  });
});
