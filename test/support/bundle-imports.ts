/**
 * What a built bundle imports at run time, and whether a packaged app can satisfy it: built into
 * Node or Electron, or a production dependency that electron-builder packs.
 */
import { builtinModules } from 'node:module';
import ts from 'typescript';

/** Every module a bundle imports or requires (static, dynamic and require calls). */
export function importsOf(code: string): string[] {
  return [...new Set(ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName))].sort();
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * Each import a packaged app could not load, with the reason. `builtChunk` says whether a relative
 * import is a chunk of the build itself (a file under out/, which is packed); any other is not there.
 */
export function unpackable(
  imports: readonly string[],
  pkg: PackageJson,
  builderFiles: readonly string[],
  builtChunk: (specifier: string) => boolean = () => false,
): string[] {
  const problems: string[] = [];
  const nodeModulesExcluded = builderFiles.some((rule) => /^!(\*\*\/)?node_modules(\/|$)/.test(rule));
  for (const specifier of imports) {
    if (specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === 'electron') continue;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      if (builtChunk(specifier)) continue;
      problems.push(`${specifier}: a relative import left in the bundle (the packed app has only out/)`);
      continue;
    }
    const name = packageOf(specifier);
    if (pkg.dependencies?.[name]) {
      if (nodeModulesExcluded) problems.push(`${specifier}: electron-builder's files rules exclude node_modules`);
      continue;
    }
    problems.push(
      pkg.devDependencies?.[name]
        ? `${specifier}: a devDependency, which electron-builder does not pack`
        : `${specifier}: not in package.json's dependencies`,
    );
  }
  return problems;
}
