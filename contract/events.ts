/**
 * Main → renderer notifications: one channel, one typed union. Main sends them only to its own
 * window's app page (the same sender rule that guards calls); the preload hands the page the
 * payload alone, never Electron's event object.
 */
import type { ErrorShape } from './errors';
import type { TeamHistoryStatus } from './team-history';

export type MainEvent =
  /** A passphrase vault locked (Ctrl/Cmd+L, idle, screen lock, sleep): the page reloads to drop what it held. */
  | { kind: 'vault-locked' }
  /** A connection's last real answer changed: it works again, or it fails as a whole (token refused, unreachable). */
  | { kind: 'connection-state'; connectionId: string; state: { ok: true } | { ok: false; error: ErrorShape } }
  /** A step of a long piece of work the page started with this operation ID. */
  | { kind: 'progress'; operationId: string; step: string; done: number; total: number }
  /** The team history's counts or problem changed (records shipped, waiting, failing). */
  | { kind: 'team-history'; status: TeamHistoryStatus };

export const eventChannel = 'token-desk:event';
