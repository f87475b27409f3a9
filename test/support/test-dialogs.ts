/** Dialogs for tests: each picker answers with the path a test queued, or null (cancelled). */
import type { Dialogs, OpenPurpose, SavePurpose } from '../../main/ports/dialogs';

export class TestDialogs implements Dialogs {
  readonly answers: {
    open: Partial<Record<OpenPurpose, string | null>>;
    save: Partial<Record<SavePurpose, string | null>>;
  } = { open: {}, save: {} };

  async openFile(purpose: OpenPurpose): Promise<string | null> {
    return this.answers.open[purpose] ?? null;
  }

  async saveFile(purpose: SavePurpose): Promise<string | null> {
    return this.answers.save[purpose] ?? null;
  }
}
