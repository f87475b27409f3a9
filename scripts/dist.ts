/**
 * `npm run dist` (installers for this system) and `npm run dist:dir` (unpacked). electron-builder
 * packs an Electron it downloads from GitHub; where that cannot happen this stops first, with
 * what to do instead of a stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { locateElectron } from './electron-binary';

export type Preflight = { ok: true; electronDist: string | null } | { ok: false; reason: string };

export interface PreflightFacts {
  /** ELECTRON_OVERRIDE_DIST_PATH, if set. */
  override: string | null;
  overrideHasBinary: boolean;
  /** An Electron zip is already in electron-builder's download cache. */
  cached: boolean;
  /** GitHub answered, so electron-builder can download Electron. */
  reachable: boolean;
}

export function preflight(facts: PreflightFacts): Preflight {
  if (facts.override) {
    return facts.overrideHasBinary
      ? { ok: true, electronDist: facts.override }
      : {
          ok: false,
          reason:
            `ELECTRON_OVERRIDE_DIST_PATH is ${facts.override}, but no Electron executable is there. Point it ` +
            `at an unpacked Electron 45 for this platform.`,
        };
  }
  if (facts.cached || facts.reachable) return { ok: true, electronDist: null };
  return {
    ok: false,
    reason:
      'electron-builder needs an Electron to pack and cannot download one (GitHub is out of reach and none is ' +
      'cached). ' +
      'Unpack an Electron 45 release for this platform and set ELECTRON_OVERRIDE_DIST_PATH to its folder (passed ' +
      'to electron-builder as electronDist), then run this again.',
  };
}

function electronCacheHasZip(): boolean {
  const cache =
    process.env['ELECTRON_CACHE'] ??
    join(
      homedir(),
      process.platform === 'darwin'
        ? 'Library/Caches/electron'
        : process.platform === 'win32'
          ? 'AppData/Local/electron/Cache'
          : '.cache/electron',
    );
  if (!existsSync(cache)) return false;
  const walk = (dir: string, depth: number): boolean =>
    readdirSync(dir, { withFileTypes: true }).some(
      (e) =>
        (e.isFile() && /^electron-v45\..*\.zip$/.test(e.name)) ||
        (e.isDirectory() && depth > 0 && walk(join(dir, e.name), depth - 1)),
    );
  return walk(cache, 2);
}

async function githubReachable(): Promise<boolean> {
  try {
    await fetch('https://github.com', { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? null;
  const cached = electronCacheHasZip();
  const check = preflight({
    override,
    overrideHasBinary: override ? locateElectron(root).found : false,
    cached,
    reachable: override || cached ? false : await githubReachable(),
  });
  if (!check.ok) {
    console.error(`\nnpm run dist cannot build installers here: ${check.reason}\n`);
    process.exit(1);
  }
  if (process.platform === 'darwin' && !process.env['APPLE_API_KEY']) {
    console.log(
      'macOS notarization will be skipped: APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER are not set.',
    );
  }
  const args = [
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
    ...(check.electronDist ? [`-c.electronDist=${check.electronDist}`] : []),
  ];
  const builder = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
  );
  const child = spawn(builder, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
