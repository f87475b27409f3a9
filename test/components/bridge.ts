/** What the stand-in bridge was asked, and what it answers (see setup.ts). */
import type { Envelope } from '$contract/errors';
import type { CallName, ResultOf } from '$contract/ipc';

type Answer = Envelope<unknown> | ((args: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>);

export const bridge = {
  calls: [] as { name: string; args: unknown }[],
  answers: new Map<string, Answer>(),
  /** Main answers `name` with this value. */
  value<K extends CallName>(name: K, value: ResultOf<K>): void {
    this.answers.set(name, { ok: true, value });
  },
  /** Main answers `name` with this error. */
  fail(name: CallName, code: 'VALIDATION' | 'NOT_FOUND' | 'VAULT_LOCKED' | 'INTERNAL', message: string): void {
    this.answers.set(name, { ok: false, error: { code, message } });
  },
};
