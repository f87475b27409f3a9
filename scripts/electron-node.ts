/**
 * Runs the main-side suites (unit, emulator, shell: vitest's "node" project) on the Node that
 * Electron runs main on, installed from the npm registry's node-<platform>-<arch> package into
 * node_modules/.cache (`--install-only` just installs it, as .ci/run does; `--bench` runs `npm run
 * bench` on it, since main's speed is its Node's: Node 20's collector made the 10,000-token list
 * 1.44× its floor where Node 22 makes it 1.14×). Electron 45 ships Node 22; when Electron's major
 * changes, so does this.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Electron major → the Node major its main process runs. */
const electronNode: Record<number, number> = { 45: 22 };

const root = resolve(import.meta.dirname, '..');
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const nodeMajor = electronNode[Number(electronVersion.split('.')[0])];
if (!nodeMajor) {
  console.error(
    `electron-node: Electron ${electronVersion} is not in scripts/electron-node.ts's table; add the Node major it ` +
      `ships.`,
  );
  process.exit(1);
}
const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
const prefix = join(root, 'node_modules/.cache/electron-node');
const binary = join(prefix, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

const installed = () =>
  existsSync(binary) && spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.startsWith(`v${nodeMajor}.`);
if (!installed()) {
  console.log(
    `electron-node: installing ${pkg}@${nodeMajor} from the npm registry (Electron ${electronVersion} runs main on ` +
      `Node ${nodeMajor})…`,
  );
  const npm = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `${pkg}@${nodeMajor}`],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0 || !installed()) {
    console.error(
      `electron-node: could not install ${pkg}@${nodeMajor}; the main-side suites did not run on Electron's Node.`,
    );
    process.exit(1);
  }
}
const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (process.argv.includes('--install-only')) {
  console.log(`electron-node: Node ${version} ready at ${binary}`);
  process.exit(0);
}
const [what, args] = process.argv.includes('--bench')
  ? ['the bench', ['--expose-gc', '--import', 'tsx', join(root, 'test/bench/run.ts')]]
  : [
      'unit, emulator and shell suites',
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'node', ...process.argv.slice(2)],
    ];
console.error(`electron-node: ${what} on Node ${version} (as in Electron ${electronVersion})`);
const run = spawnSync(binary, args, { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
