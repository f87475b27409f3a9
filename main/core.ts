/**
 * The composition root shared by the Electron shell and the test harness: given the ports, it builds
 * the services and the IPC dispatch. Nothing here imports electron.
 */
import { join } from 'node:path';
import type { MainEvent } from '$contract/events';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { InfluxClients } from './influx/clients';
import { createHandlers } from './ipc/handlers';
import type { Logger } from './log/logger';
import { ConnectionService } from './profiles/connection-service';
import type { Dialogs } from './ports/dialogs';
import { ConnectionProfiles } from './profiles/profiles';
import type { SecretBox } from './secrets/secret-box';
import { createSenderPolicy, type SenderPolicy } from './security/sender-policy';
import { SettingsService, type SettingsBackend } from './settings/settings-service';
import { TokenService } from './tokens/token-service';
import { History } from './history/history';
import { HistoryLog } from './history/history-log';
import { UserService } from './users/user-service';
import { V3TokenService } from './v3/v3-token-service';
import { V1CredentialService } from './v1/v1-credential-service';
import { Influx1UserService } from './influx1/user-service';
import { CredentialRows } from './families/rows';
import { ClusterTokenService } from './cluster/token-service';
import { SecretClipboard, realTimers, type Clipboard, type Timers } from './vault/clipboard';
import { AutoLock } from './vault/auto-lock';
import { Vault } from './vault/vault';
import { VaultService } from './vault/vault-service';
import { VaultFile } from './vault/vault-file';
import { TeamVaults } from './team/team-vaults';
import type { RuntimeFacts } from './system/system-info';
import { WhichToken } from './fleet/which-token';
import { Reminders } from './fleet/reminders';
import type { Notifier } from './ports/notifier';
import { TeamHistory } from './team-history/team-history';

const silentNotifier: Notifier = { notify: () => undefined, badge: () => undefined };

export interface CorePorts {
  runtime: RuntimeFacts;
  secretBox: SecretBox;
  settingsBackend: SettingsBackend;
  log: Logger;
  /** Origins whose frames may call main: the app's own page only. */
  allowedOrigins: readonly string[];
  onThemeChange?: (theme: 'system' | 'light' | 'dark') => void;
  dialogs: Dialogs;
  clipboard: Clipboard;
  timers?: Timers;
  /** The user data directory: the vault file lives here, apart from the settings. */
  dataDir: string;
  /** Delivers main → renderer notifications (the shell sends them to its window's app page only). */
  notify?: (event: MainEvent) => void;
  /** Where ~ is, for the influx CLI's ~/.influxdbv2/configs. */
  homeDir: string;
  now?: () => Date;
  /** OS notifications and the dock or taskbar count, for the reminders; none in tests that do not look. */
  notifier?: Notifier;
  /** The environment team vault tools run in (GNUPGHOME, the D-Bus session, PATH); process.env in the app. */
  toolEnv?: NodeJS.ProcessEnv;
}

export interface Core {
  dispatch: Dispatch;
  /** Which pages may call main and hear its notifications. */
  senders: SenderPolicy;
  /** Lets go of what outlives a window: the clipboard's pending secret, the vault's key. */
  dispose(): Promise<void>;
  settings: SettingsService;
  profiles: ConnectionProfiles;
  vault: Vault;
  secretClipboard: SecretClipboard;
  autoLock: AutoLock;
}

export function createCore(ports: CorePorts): Core {
  const settings = new SettingsService(ports.settingsBackend, ports.log);
  const now = ports.now ?? (() => new Date());
  const vault = new Vault(new VaultFile(join(ports.dataDir, 'vault.json'), now), ports.secretBox, ports.log, now);
  // Where no OS key store protects anything, connection tokens can be sealed with the vault's passphrase.
  const profiles = new ConnectionProfiles(settings, ports.secretBox, ports.log, undefined, vault, now);
  vault.onRekey = (reseal) => profiles.resealVaultTokens(reseal);
  const notify = ports.notify ?? (() => undefined);
  const clients = new InfluxClients(profiles, notify);
  const connections = new ConnectionService(profiles, clients, ports.dialogs, ports.log, now, ports.homeDir);
  const history = new History(
    new HistoryLog(join(ports.dataDir, 'history'), ports.log, now),
    profiles,
    ports.dialogs,
    ports.log,
    now,
    { desk: (): string => teamHistory.desk(), product: (id: string): string => teamHistory.chipOf(id) },
  );
  const tokens = new TokenService(profiles, clients, vault, ports.log, now);
  const secretClipboard = new SecretClipboard(
    ports.clipboard,
    ports.timers ?? realTimers,
    () => settings.get().clipboardClearSeconds,
  );
  const v3 = new V3TokenService(profiles, clients, vault, ports.log, now);
  const users = new UserService(profiles, clients, vault, ports.log, notify);
  const v1 = new V1CredentialService(profiles, clients, vault, secretClipboard, ports.log);
  const influx1 = new Influx1UserService(profiles, clients, vault, secretClipboard, ports.log);
  const team = new TeamVaults(settings, profiles, vault, ports.log, ports.toolEnv ?? process.env, now);
  vault.onMade = (entry, value) => team.deliver(entry, value);
  const cluster = new ClusterTokenService(profiles, clients, vault, ports.log, now);
  const credentials = new CredentialRows(clients, profiles, vault, { tokens, v1, v3, influx1, cluster }, now);
  const which = new WhichToken(credentials, vault, profiles, clients);
  const timers = ports.timers ?? realTimers;
  const reminders = new Reminders(settings, credentials, ports.notifier ?? silentNotifier, timers, ports.log, now);
  const teamHistory: TeamHistory = new TeamHistory({
    settings,
    profiles,
    clients,
    vault,
    history,
    services: { tokens, users, influx1, v3, profiles },
    log: ports.log,
    timers,
    now,
    dataDir: ports.dataDir,
    notify,
  });
  const vaultService = new VaultService(vault, profiles, clients, ports.dialogs, ports.log);
  const autoLock = new AutoLock(
    vault,
    () => settings.get().autoLockMinutes,
    () => notify({ kind: 'vault-locked' }),
  );
  const handlers = createHandlers({
    runtime: ports.runtime,
    secretBox: ports.secretBox,
    settings,
    profiles,
    connections,
    tokens,
    v1,
    influx1,
    cluster,
    credentials,
    which,
    reminders,
    dialogs: ports.dialogs,
    users,
    history,
    v3,
    clipboard: secretClipboard,
    vault,
    vaultService,
    team,
    autoLock,
    teamHistory,
    onThemeChange: ports.onThemeChange ?? (() => undefined),
  });
  const senders = createSenderPolicy(ports.allowedOrigins);
  if (ports.notifier) reminders.start();
  void teamHistory
    .start()
    .catch((error: unknown) =>
      ports.log.warn('team-history.start-failed', { code: (error as NodeJS.ErrnoException).code ?? 'error' }),
    );
  const dispose = async () => {
    reminders.stop();
    teamHistory.dispose();
    clients.dispose();
    await history.flush();
    await secretClipboard.clearIfUnchanged();
    vault.lock();
  };
  return {
    dispatch: createDispatch(handlers, senders, ports.log),
    senders,
    dispose,
    settings,
    profiles,
    vault,
    secretClipboard,
    autoLock,
  };
}
