/** Every module the built main and preload import is there in a packaged app. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importsOf, packageOf, unpackable, type PackageJson } from '../support/bundle-imports';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as PackageJson;
const builder = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
const bundles = ['out/main/index.js', 'out/preload/index.cjs'];

describe('the packaged app’s imports', () => {
  for (const bundle of bundles) {
    it(`${bundle} imports only built-ins and production dependencies`, () => {
      expect(
        existsSync(resolve(root, bundle)),
        `${bundle} is missing: run \`npm run build\` first (npm test does)`,
      ).toBe(true);
      const imports = importsOf(readFileSync(resolve(root, bundle), 'utf8'));
      expect(imports.length).toBeGreaterThan(0);
      expect(unpackable(imports, pkg, builder.files)).toEqual([]);
    });
  }

  it('packs the built output and package.json, and every production dependency resolves', () => {
    expect(builder.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    const main = importsOf(readFileSync(resolve(root, 'out/main/index.js'), 'utf8')).filter(
      (s) => !s.startsWith('node:') && s !== 'electron',
    );
    for (const specifier of main)
      expect(existsSync(resolve(root, 'node_modules', packageOf(specifier), 'package.json')), specifier).toBe(true);
  });

  it('names planted faults: a devDependency, a missing package, a relative import, node_modules excluded', () => {
    const planted = importsOf(
      "import { test } from 'vitest';\nconst x = require('left-pad');\nimport('./chunk.js');\nimport { z } from " +
        "'zod';\nimport { join } from 'node:path';",
    );
    expect(unpackable(planted, pkg, builder.files)).toEqual([
      './chunk.js: a relative import left in the bundle (the packed app has only out/)',
      "left-pad: not in package.json's dependencies",
      'vitest: a devDependency, which electron-builder does not pack',
    ]);
    expect(unpackable(['zod'], pkg, [...builder.files, '!node_modules/**'])).toEqual([
      "zod: electron-builder's files rules exclude node_modules",
    ]);
  });
});
