/** The handler table: each contract call mapped to the service that answers it. */
import type { ConnectionService } from '../profiles/connection-service';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { SecretBox } from '../secrets/secret-box';
import type { SettingsService } from '../settings/settings-service';
import { readSystemInfo, type RuntimeFacts } from '../system/system-info';
import type { Handlers } from './dispatch';

export interface Services {
  runtime: RuntimeFacts;
  secretBox: SecretBox;
  settings: SettingsService;
  profiles: ConnectionProfiles;
  connections: ConnectionService;
  /** Told when the theme changes so the shell can follow it (nativeTheme); a no-op in tests. */
  onThemeChange: (theme: 'system' | 'light' | 'dark') => void;
}

export function createHandlers(services: Services): Handlers {
  const { profiles, connections } = services;
  return {
    getSystemInfo: async () => readSystemInfo(services.runtime, services.secretBox),
    getSettings: async () => services.settings.toPublic(),
    setTheme: async ({ theme }) => {
      services.settings.update({ theme });
      services.onThemeChange(theme);
      return services.settings.toPublic();
    },

    listConnections: async () => profiles.list(),
    saveConnection: (draft) => profiles.save(draft),
    testConnection: (draft) => connections.test(draft),
    checkConnection: ({ id }) => connections.check(id),
    selectConnection: async ({ id }) => profiles.select(id),
    duplicateConnection: async ({ id }) => profiles.duplicate(id),
    removeConnection: async ({ id }) => profiles.remove(id),
    moveConnection: async ({ id, direction }) => profiles.move(id, direction),
    chooseCaFile: () => connections.chooseCaFile(),
    chooseCliConfigFile: () => connections.chooseCliConfigFile(),
    previewCliImport: ({ path }) => connections.previewCliImport(path),
    importCliConfigs: ({ path, names }) => connections.importCli(path, names),
    exportConnections: () => connections.export(),
  };
}
