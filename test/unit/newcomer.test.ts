/** What a newcomer is told: exact Electron advice, and a plain word for a seed that does not exist. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronAdvice } from '../../scripts/electron-binary';

const root = resolve(import.meta.dirname, '../..');
const version = (
  JSON.parse(readFileSync(resolve(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

describe('the newcomer path', () => {
  it('names the exact Electron version and archive, the mirror and the override to set', () => {
    const advice = electronAdvice(root, 'linux', 'x64');
    expect(advice).toContain(`electron-v${version}-linux-x64.zip`);
    expect(advice).toContain('ELECTRON_MIRROR');
    expect(advice).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('npm run emulator with a seed that does not exist says which exist, without a stack trace', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(root, 'test/emulator/cli.ts'), '--seed', 'bogus', '--port', '0'],
      { encoding: 'utf8', cwd: root },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      '--seed bogus is not a seed: use none (not onboarded), setup (onboarded: one user, org and bucket), demo ' +
        '(users, buckets and a dozen tokens of every kind) or scale:N (N tokens, e.g. scale:10000).',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
