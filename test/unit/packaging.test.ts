/** The installers' configuration keeps its security settings, icons are generated, dist stops clearly. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildIcons, linuxSizes } from '../../scripts/icons';
import { preflight } from '../../scripts/dist';

const root = resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  Record<string, unknown> & unknown
>;

describe('electron-builder.yml', () => {
  it('flips every fuse the security checklist asks for', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the built output into an asar with integrity', () => {
    expect(config['asar']).toBe(true);
    expect(config['files']).toEqual(['out/**/*', 'package.json', '!**/*.map']);
  });

  it('signs macOS builds with the hardened runtime and only the entitlements V8 needs', () => {
    const mac = config['mac'] as Record<string, unknown>;
    expect(mac).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'assets/mac/entitlements.mac.plist',
    });
    const plist = readFileSync(join(root, 'assets/mac/entitlements.mac.plist'), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.network.client',
    ]);
  });

  it('builds the promised targets: NSIS per user (x64, arm64), dmg and zip, AppImage and deb with libsecret', () => {
    expect(config['win']).toMatchObject({ target: [{ target: 'nsis', arch: ['x64', 'arm64'] }] });
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect((config['mac'] as { target: { target: string }[] }).target.map((t) => t.target)).toEqual(['dmg', 'zip']);
    expect((config['linux'] as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config['deb'] as { depends: string[] }).depends).toContain('libsecret-1-0');
  });
});

describe('icons', () => {
  it('renders every size from the one SVG, plus ICO and ICNS', () => {
    const copy = mkdtempSync(join(tmpdir(), 'td-icons-'));
    mkdirSync(join(copy, 'assets'));
    cpSync(join(root, 'assets', 'icon.svg'), join(copy, 'assets', 'icon.svg'));
    buildIcons(copy);
    const size = (file: string) => {
      const png = readFileSync(join(copy, 'build', file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    for (const n of linuxSizes) expect(size(`icons/${n}x${n}.png`)).toEqual([n, n]);
    expect(size('icon.png')).toEqual([1024, 1024]);
    expect(readFileSync(join(copy, 'build', 'icon.ico')).readUInt16LE(2)).toBe(1); // ICO type
    expect(
      readFileSync(join(copy, 'build', 'icon.icns'))
        .subarray(0, 4)
        .toString(),
    ).toBe('icns');
  });
});

describe('npm run dist', () => {
  it('proceeds with a local Electron, a cached one or a reachable GitHub, and otherwise says what to do', () => {
    expect(preflight({ override: '/opt/electron', overrideHasBinary: true, cached: false, reachable: false })).toEqual({
      ok: true,
      electronDist: '/opt/electron',
    });
    expect(preflight({ override: null, overrideHasBinary: false, cached: true, reachable: false })).toEqual({
      ok: true,
      electronDist: null,
    });
    expect(preflight({ override: null, overrideHasBinary: false, cached: false, reachable: true })).toEqual({
      ok: true,
      electronDist: null,
    });
    const offline = preflight({ override: null, overrideHasBinary: false, cached: false, reachable: false });
    expect(offline.ok).toBe(false);
    expect(!offline.ok && offline.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH.*electronDist/);
  });

  it('stops with a clear message and a non-zero exit when pointed at a folder without Electron', () => {
    const empty = mkdtempSync(join(tmpdir(), 'td-no-electron-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'dist.ts')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `npm run dist cannot build installers here: ELECTRON_OVERRIDE_DIST_PATH is ${empty}, but no Electron ` +
        `executable is there.`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
