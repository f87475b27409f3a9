/**
 * The real core (handler table, services) on test ports: a temp data directory, the honest test
 * SecretBox, settings in conf (electron-store's own engine), logs collected in memory.
 */
import Conf from 'conf';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MainEvent } from '$contract/events';
import { createCore, type Core } from '../../main/core';
import { createLogger } from '../../main/log/logger';
import { keepSettingsCopy, setAsideIfNotRegular } from '../../main/settings/settings-file';
import type { SecretBox } from '../../main/secrets/secret-box';
import type { SettingsBackend } from '../../main/settings/settings-service';
import type { Timers } from '../../main/vault/clipboard';
import type { Notifier } from '../../main/ports/notifier';
import { TestClipboard } from './test-clipboard';
import { TestDialogs } from './test-dialogs';
import { createTestSecretBox } from './test-secret-box';

const appVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface TestCore extends Core {
  dataDir: string;
  /** A home directory of its own, for ~/.influxdbv2/configs. */
  homeDir: string;
  logs: string[];
  dialogs: TestDialogs;
  clipboard: TestClipboard;
  /** Every notification main sent, in order. */
  events: MainEvent[];
  /** Where notifications go besides `events` (the e2e fixture forwards them to the page). */
  onEvent: (listener: (event: MainEvent) => void) => void;
}

/** electron-store's engine on a test folder, behind the same file checks as the app's backend. */
export function confSettingsBackend(dataDir: string, log = createLogger(() => undefined)): SettingsBackend {
  const path = join(dataDir, 'settings.json');
  setAsideIfNotRegular(path, log);
  const store = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'token-desk',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  return {
    read: () => store.store,
    write: (doc) => {
      store.store = { ...doc };
    },
    keepCopy: (doc) => keepSettingsCopy(path, doc),
  };
}

export function createTestCore(options: {
  allowedOrigins: readonly string[];
  secretBox?: SecretBox;
  dataDir?: string;
  timers?: Timers;
  now?: () => Date;
  /** The environment of team vault tools (GNUPGHOME, a D-Bus session of the test's own). */
  toolEnv?: NodeJS.ProcessEnv;
  /** Where reminders go (OS notifications, the badge); without one, none start. */
  notifier?: Notifier;
}): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'token-desk-test-'));
  const logs: string[] = [];
  const homeDir = join(dataDir, 'home');
  mkdirSync(homeDir, { recursive: true });
  const dialogs = new TestDialogs();
  const clipboard = new TestClipboard();
  const events: MainEvent[] = [];
  const listeners: ((event: MainEvent) => void)[] = [];
  const core = createCore({
    notify: (event) => {
      events.push(event);
      for (const listener of listeners) listener(event);
    },
    runtime: {
      appName: 'Token Desk',
      appVersion,
      versions: process.versions,
      platform: process.platform,
      arch: process.arch,
    },
    secretBox: options.secretBox ?? createTestSecretBox(),
    settingsBackend: confSettingsBackend(dataDir),
    log: createLogger((line) => logs.push(line)),
    allowedOrigins: options.allowedOrigins,
    dialogs,
    homeDir,
    clipboard,
    dataDir,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.toolEnv ? { toolEnv: options.toolEnv } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
  });
  return {
    ...core,
    dataDir,
    homeDir,
    logs,
    dialogs,
    clipboard,
    events,
    onEvent: (listener) => void listeners.push(listener),
  };
}
