/**
 * The composition root shared by the Electron shell and the test harness: given the ports, it builds
 * the services and the IPC dispatch. Nothing here imports electron.
 */
import { join } from 'node:path';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { InfluxClients } from './influx/clients';
import { createHandlers } from './ipc/handlers';
import type { Logger } from './log/logger';
import { ConnectionService } from './profiles/connection-service';
import type { Dialogs } from './ports/dialogs';
import { ConnectionProfiles } from './profiles/profiles';
import type { SecretBox } from './secrets/secret-box';
import { createSenderPolicy } from './security/sender-policy';
import { SettingsService, type SettingsBackend } from './settings/settings-service';
import { TokenService } from './tokens/token-service';
import { SecretClipboard, realTimers, type Clipboard, type Timers } from './vault/clipboard';
import { AutoLock } from './vault/auto-lock';
import { Vault } from './vault/vault';
import { VaultService } from './vault/vault-service';
import { VaultFile } from './vault/vault-file';
import type { RuntimeFacts } from './system/system-info';

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
  /** Told when the vault locked, so the shell reloads the renderer and frees its memory. */
  onVaultLocked?: () => void;
  /** Where ~ is, for the influx CLI's ~/.influxdbv2/configs. */
  homeDir: string;
  now?: () => Date;
}

export interface Core {
  dispatch: Dispatch;
  settings: SettingsService;
  profiles: ConnectionProfiles;
  vault: Vault;
  secretClipboard: SecretClipboard;
  autoLock: AutoLock;
}

export function createCore(ports: CorePorts): Core {
  const settings = new SettingsService(ports.settingsBackend, ports.log);
  const profiles = new ConnectionProfiles(settings, ports.secretBox, ports.log);
  const now = ports.now ?? (() => new Date());
  const clients = new InfluxClients(profiles);
  const connections = new ConnectionService(profiles, clients, ports.dialogs, ports.log, now, ports.homeDir);
  const vault = new Vault(new VaultFile(join(ports.dataDir, 'vault.json'), now), ports.secretBox, ports.log, now);
  const tokens = new TokenService(profiles, clients, vault, ports.log, now);
  const secretClipboard = new SecretClipboard(ports.clipboard, ports.timers ?? realTimers, () => settings.get().clipboardClearSeconds);
  const vaultService = new VaultService(vault, profiles, clients, ports.dialogs, ports.log);
  const autoLock = new AutoLock(vault, () => settings.get().autoLockMinutes, ports.onVaultLocked ?? (() => undefined));
  const handlers = createHandlers({
    runtime: ports.runtime,
    secretBox: ports.secretBox,
    settings,
    profiles,
    connections,
    tokens,
    clipboard: secretClipboard,
    vault,
    vaultService,
    autoLock,
    onThemeChange: ports.onThemeChange ?? (() => undefined),
  });
  return { dispatch: createDispatch(handlers, createSenderPolicy(ports.allowedOrigins), ports.log), settings, profiles, vault, secretClipboard, autoLock };
}
