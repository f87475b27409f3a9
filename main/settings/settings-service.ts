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
  /** Keeps the document as it was read, beside the settings, before a repair rewrites it; answers where. */
  keepCopy?(doc: unknown): string;
}

export type SettingsPatch = Partial<Omit<Settings, 'schemaVersion'>>;

export class SettingsService {
  private current: Settings;
  readonly readOnly: boolean;
  /** What was repaired at start, and where the document as it was is kept: told to the page. */
  readonly repairs: { notes: string[]; copy: string | null };

  constructor(
    private readonly backend: SettingsBackend,
    private readonly log: Logger,
  ) {
    const raw = backend.read();
    const loaded = loadSettings(raw);
    this.current = loaded.settings;
    this.readOnly = loaded.readOnly;
    for (const note of loaded.repaired) log.warn('settings.repaired', { note });
    // Nothing is dropped without a copy: the document as it was stays beside the repaired one.
    let copy: string | null = null;
    if (loaded.repaired.length && !loaded.readOnly && backend.keepCopy)
      try {
        copy = backend.keepCopy(raw);
      } catch {
        log.warn('settings.copy-failed', {});
      }
    this.repairs = { notes: loaded.repaired, copy };
    if (loaded.readOnly) log.warn('settings.newer-version', {});
    else this.backend.write(this.current);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /**
   * The settings as they are, without a copy: for the hot reads (a connection's profile on every
   * call), where cloning every connection's review dates each time cost more than the call's own
   * work. Never changed in place: `update` replaces the document, and readers map to new objects.
   */
  peek(): Readonly<Settings> {
    return this.current;
  }

  toPublic(): PublicSettings {
    const { theme, clipboardClearSeconds, autoLockMinutes, reminders, newReviewPolicy } = this.current;
    const { readOnly, repairs } = this;
    return { theme, clipboardClearSeconds, autoLockMinutes, reminders, newReviewPolicy, readOnly, repairs };
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
