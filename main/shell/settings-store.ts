/** The settings backend on electron-store: atomic JSON writes in userData/settings.json. */
import { app } from 'electron';
import Store from 'electron-store';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log/logger';
import { keepSettingsCopy, setAsideIfNotRegular } from '../settings/settings-file';
import type { SettingsBackend } from '../settings/settings-service';

function openStore(): Store<Record<string, unknown>> {
  // No electron-store schema or migrations: zod and our numbered migrations own validation.
  // 0600: the profiles name servers and where their tokens are kept; nobody else needs to read them.
  return new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false, configFileMode: 0o600 });
}

export function createElectronSettingsBackend(log: Logger): SettingsBackend {
  const path = join(app.getPath('userData'), 'settings.json');
  setAsideIfNotRegular(path, log);
  let store: Store<Record<string, unknown>>;
  try {
    store = openStore();
  } catch {
    // An unreadable file is set aside, not erased, so a person can still recover it by hand.
    renameSync(path, `${path}.unreadable-${Date.now()}`);
    log.warn('settings.unreadable-set-aside', {});
    store = openStore();
  }
  return {
    read: () => store.store,
    write: (doc) => {
      store.store = { ...doc };
    },
    keepCopy: (doc) => keepSettingsCopy(path, doc),
  };
}
