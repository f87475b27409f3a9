/** The handler table: each contract call mapped to the service that answers it. */
import type { SecretBox } from '../secrets/secret-box';
import type { SettingsService } from '../settings/settings-service';
import { readSystemInfo, type RuntimeFacts } from '../system/system-info';
import type { Handlers } from './dispatch';

export interface Services {
  runtime: RuntimeFacts;
  secretBox: SecretBox;
  settings: SettingsService;
  /** Told when the theme changes so the shell can follow it (nativeTheme); a no-op in tests. */
  onThemeChange: (theme: 'system' | 'light' | 'dark') => void;
}

export function createHandlers(services: Services): Handlers {
  return {
    getSystemInfo: async () => readSystemInfo(services.runtime, services.secretBox),
    getSettings: async () => services.settings.toPublic(),
    setTheme: async ({ theme }) => {
      services.settings.update({ theme });
      services.onThemeChange(theme);
      return services.settings.toPublic();
    },
  };
}
