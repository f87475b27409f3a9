/** What every team vault destination does with a value; each kind is a file beside this one. */
import type { TeamItem } from './team-item';

/** The credential a new value replaces, where the team vault has it (a rotation updates that entry). */
export interface Previous {
  where: string;
  item: TeamItem;
}

export interface TeamWriter {
  /** Writes the value (updating `previous` when given) and answers where it is now. */
  put(item: TeamItem, value: string, previous: Previous | null): Promise<string>;
  /**
   * Marks the team's copy of a deleted credential retired, never deleting it, and answers where it is
   * now; null when this kind of destination cannot be told (a command is only ever given values).
   */
  retire(where: string, item: TeamItem, value: string | null): Promise<string | null>;
  /** Deletes the team's copy, when the person asks for it; false when this kind cannot. */
  remove(where: string, item: TeamItem): Promise<boolean>;
}

/** What writers need from their surroundings. */
export interface WriterContext {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  today: string;
}
