/**
 * Finds the Electron executable without triggering the electron package's download (requiring
 * `electron` downloads on first use, which fails on machines without GitHub access).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type ElectronLookup = { found: true; path: string } | { found: false; reason: string };

const platformPath: Record<string, string> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

export function locateElectron(projectRoot: string, env: NodeJS.ProcessEnv = process.env): ElectronLookup {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (platformPath[process.platform] ?? 'electron');
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, relative);
    return existsSync(path)
      ? { found: true, path }
      : {
          found: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is ${override}, but there is no Electron executable at ${path}.`,
        };
  }
  const path = join(packageDir, 'dist', relative);
  if (existsSync(path)) return { found: true, path };
  return {
    found: false,
    reason: `No Electron binary is installed (node_modules/electron/dist is empty). ${electronAdvice(projectRoot)}`,
  };
}

/** Exactly what to fetch and where to point, for a machine where the automatic download fails. */
export function electronAdvice(
  projectRoot: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  const version = (
    JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const archive = `electron-v${version}-${platform}-${arch}.zip`;
  return (
    `The electron package downloads Electron ${version} on first launch; where that fails, get ${archive} ` +
    `from the v${version} release of electron/electron on GitHub (or from a mirror: set ELECTRON_MIRROR to it and ` +
    `run npm start again), unzip it to a folder, and set ELECTRON_OVERRIDE_DIST_PATH to that folder.`
  );
}

/** For launching: the binary, fetched through the electron package's own installer on first use. */
export function ensureElectron(projectRoot: string): ElectronLookup {
  const first = locateElectron(projectRoot);
  if (first.found || process.env['ELECTRON_OVERRIDE_DIST_PATH']) return first;
  console.log('Fetching the Electron binary (first launch)…');
  const fetched = spawnSync(process.execPath, [resolve(projectRoot, 'node_modules/electron/install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (fetched.status !== 0) {
    const reason =
      fetched.stderr
        .toString()
        .split('\n')
        .find((line) => line.trim() !== '') ?? 'unknown error';
    return { found: false, reason: `The Electron binary could not be downloaded (${reason.trim()}). ${first.reason}` };
  }
  return locateElectron(projectRoot);
}
