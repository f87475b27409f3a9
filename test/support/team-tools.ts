/**
 * The team vaults' real tools, started and read back the way a person would: a KeePassXC database
 * made by keepassxc-cli, a pass store with a throw-away GPG key, GNOME Keyring on a D-Bus session
 * bus of the test's own. Each helper says why it cannot run where its tool is missing; everything
 * started is stopped by process ID.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function missingTool(...names: string[]): string | null {
  const missing = names.filter((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status !== 0);
  return missing.length ? `not installed here: ${missing.join(', ')} (.ci/run installs them from Debian)` : null;
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv, input = ''): string {
  return execFileSync(program, args, { env, input, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8');
}

export const KDBX_PASSWORD = 'team master password';

/** A new KeePassXC database (its KDF tuned to 100 ms: tests open it many times). */
export function makeKdbx(dir: string, password = KDBX_PASSWORD): string {
  const file = join(dir, 'Team.kdbx');
  run('keepassxc-cli', ['db-create', '-p', '-t', '100', file], process.env, `${password}\n${password}\n`);
  return file;
}

/** What keepassxc-cli shows of an entry, its password included (-s). */
export function kdbxShow(file: string, path: string, password = KDBX_PASSWORD): Record<string, string> {
  const out = run('keepassxc-cli', ['show', '-q', '-s', file, path], process.env, `${password}\n`);
  const fields: Record<string, string> = {};
  let last = '';
  for (const line of out.split('\n')) {
    const m = /^(Title|UserName|Password|URL|Notes|Uuid|Tags): ?(.*)$/.exec(line);
    if (m) fields[(last = m[1] as string)] = m[2] as string;
    else if (last === 'Notes') fields['Notes'] += `\n${line}`;
  }
  return fields;
}

export function kdbxList(file: string, password = KDBX_PASSWORD): string {
  return run('keepassxc-cli', ['ls', '-q', '-R', '-f', file], process.env, `${password}\n`);
}

/** How many earlier values KeePassXC keeps in an entry's history (from its XML export). */
export function kdbxHistoryLength(file: string, title: string, password = KDBX_PASSWORD): number {
  const xml = run('keepassxc-cli', ['export', '-q', '-f', 'xml', file], process.env, `${password}\n`);
  // The entry's fields come first, then its <History> (earlier versions, each an <Entry>), then its end.
  const after = xml.slice(xml.indexOf(`<Value>${title}</Value>`));
  const history = after.indexOf('<History>');
  if (history < 0 || history > after.indexOf('</Entry>')) return 0;
  return after.slice(history, after.indexOf('</History>')).split('<Entry>').length - 1;
}

export interface PassStore {
  env: NodeJS.ProcessEnv;
  storeDir: string;
  show(path: string): string;
  stop(): void;
}

/** A pass store encrypted to a GPG key made for the test, in a GNUPGHOME of its own. */
export function makePassStore(dir: string, options: { git?: boolean } = {}): PassStore {
  const gnupg = join(dir, 'gnupg');
  const storeDir = join(dir, 'store');
  mkdirSync(gnupg, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: storeDir };
  run(
    'gpg',
    [
      '--batch',
      '--passphrase',
      '',
      '--quick-gen-key',
      'Token Desk Test <td@example.invalid>',
      'default',
      'default',
      'never',
    ],
    env,
  );
  run('pass', ['init', 'td@example.invalid'], env);
  if (options.git) run('pass', ['git', 'init'], env);
  return {
    env,
    storeDir,
    show: (path) => run('pass', ['show', path], env),
    // gpg starts an agent of its own: stopped through gpgconf, which knows its PID.
    stop: () => void spawnSync('gpgconf', ['--kill', 'all'], { env }),
  };
}

export interface Keyring {
  env: NodeJS.ProcessEnv;
  /** Starts GNOME Keyring on the bus, unlocked (a bus without one answers "no Secret Service"). */
  start(): Promise<void>;
  lookup(attributes: Record<string, string>): string | null;
  search(attributes: Record<string, string>): string;
  stop(): void;
}

const flat = (attributes: Record<string, string>) => Object.entries(attributes).flat();

/**
 * A session bus of the test's own, with no service activation (so nothing starts behind the test's
 * back), and on it, once start() is called, GNOME Keyring unlocked with a test password.
 */
export async function startKeyring(options: { start?: boolean } = {}): Promise<Keyring> {
  const dir = tempDir('dbus');
  const config = join(dir, 'session.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${dir}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`,
  );
  const dbus = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve) =>
    dbus.stdout.once('data', (d: Buffer) => resolve(String(d).trim().split('\n')[0] as string)),
  );
  // Its keyrings in a folder of the test's own, not the person's ~/.local/share/keyrings.
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: join(dir, 'data') };
  let keyring: ChildProcess | null = null;
  const start = async () => {
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    keyring.stdin?.end('keyring test password');
    // Ready once its login collection is made and unlocked: a probe item can be stored.
    for (let i = 0; i < 50; i += 1) {
      const probe = spawnSync('secret-tool', ['store', '--label=probe', 'probe', 'ready'], { env, input: 'ready' });
      if (probe.status === 0) return void spawnSync('secret-tool', ['clear', 'probe', 'ready'], { env });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('GNOME Keyring did not unlock within 5 s');
  };
  if (options.start !== false) await start();
  return {
    env,
    start,
    lookup: (attributes) => {
      const out = spawnSync('secret-tool', ['lookup', ...flat(attributes)], { env });
      return out.status === 0 ? out.stdout.toString('utf8') : null;
    },
    // secret-tool prints the label and secret on stdout, the attributes on stderr.
    search: (attributes) => {
      const out = spawnSync('secret-tool', ['search', '--all', ...flat(attributes)], { env });
      return `${out.stdout.toString('utf8')}${out.stderr.toString('utf8')}`;
    },
    stop: () => {
      keyring?.kill('SIGKILL');
      dbus.kill('SIGKILL');
    },
  };
}

/** Every file under a folder, as text, for leak scans. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }));
}

/** Processes whose command line or environment holds `text` (Linux /proc; those already gone are skipped). */
export function processesHolding(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p)))
    for (const part of ['cmdline', 'environ'])
      try {
        if (readFileSync(`/proc/${pid}/${part}`, 'latin1').includes(text)) found.push(`${pid}/${part}`);
      } catch {
        // Gone, or not ours to read.
      }
  return found;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `token-desk-${prefix}-`));
}
