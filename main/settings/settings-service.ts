/**
 * Settings in main: loaded through the migrations, validated, written back whole. The backend is
 * electron-store in the app and the same store's core (conf) in tests.
 */
import { TokenDeskError } from '$contract/errors';
import type { PublicSettings } from '$contract/ipc';
import type { Logger } from '../log/logger';
import { loadSettings } from './migrations';
import type { Settings } from './schema';

export interface SettingsBackend {
  read(): unknown;
  write(doc: Settings): void;
}

export type SettingsPatch = Partial<Omit<Settings, 'schemaVersion'>>;

export class SettingsService {
  private current: Settings;
  readonly readOnly: boolean;

  constructor(
    private readonly backend: SettingsBackend,
    private readonly log: Logger,
  ) {
    const loaded = loadSettings(backend.read());
    this.current = loaded.settings;
    this.readOnly = loaded.readOnly;
    for (const note of loaded.repaired) log.warn('settings.repaired', { note });
    if (loaded.readOnly) log.warn('settings.newer-version', {});
    else this.backend.write(this.current);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  toPublic(): PublicSettings {
    const { theme, clipboardClearSeconds, autoLockMinutes } = this.current;
    return { theme, clipboardClearSeconds, autoLockMinutes, readOnly: this.readOnly };
  }

  /** Applies the patch in memory; writes it unless a newer Token Desk owns the file. */
  update(patch: SettingsPatch): Settings {
    this.current = { ...this.current, ...patch };
    if (!this.readOnly) {
      try {
        this.backend.write(this.current);
      } catch (error) {
        this.log.error('settings.write-failed', { kind: error instanceof Error ? error.name : typeof error });
        throw new TokenDeskError(
          'INTERNAL',
          'Your settings could not be saved to disk. The change applies until Token Desk quits.',
        );
      }
    }
    return this.get();
  }
}
