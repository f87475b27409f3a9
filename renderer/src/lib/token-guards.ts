/**
 * What a destructive change to tokens must say, or ask, before it runs: the connection's own token,
 * the last active operator token, what uses each token, and production connections. Pure,
 * so it is unit-tested.
 */
import type { Dependent, TokenRow } from '$contract/tokens';

export interface GuardContext {
  connectionName: string;
  /** The connection is marked production: its name is typed before a change. */
  production: boolean;
  selfTokenId: string | null;
  /** While the connection's own token is not known, the tokens that may be it. */
  selfCandidates?: readonly string[];
  /** Every token of the list, to count the active operator tokens that would be left. */
  rows: readonly TokenRow[];
  dependents: Readonly<Record<string, Dependent[]>>;
  /** What could not be read to tell what uses the tokens: never taken for "nothing uses them". */
  dependentsUnread?: readonly string[];
}

export interface Guards {
  /** The connection's own token is among the targets. */
  self: TokenRow | null;
  /** Targets that may be the connection's own token (which one is not known): asked as if they were. */
  maybeSelf: TokenRow[];
  /** No active operator token would be left. */
  lastOperator: boolean;
  production: boolean;
  dependents: { token: TokenRow; uses: Dependent[] }[];
  /** What could not be checked; while any, the change asks first. */
  unread: readonly string[];
  /** The connection's name must be typed to go on. */
  mustType: boolean;
  /** Anything to say before going on (a plain deactivation with none runs at once). */
  needsConfirm: boolean;
}

export function guardsFor(targets: readonly TokenRow[], context: GuardContext): Guards {
  const chosen = new Set(targets.map((t) => t.id));
  const activeOperators = context.rows.filter((r) => r.kind === 'operator' && r.status === 'active');
  const lastOperator = activeOperators.some((r) => chosen.has(r.id)) && activeOperators.every((r) => chosen.has(r.id));
  const self = targets.find((t) => t.id === context.selfTokenId) ?? null;
  const candidates = new Set(context.selfTokenId ? [] : context.selfCandidates);
  const maybeSelf = targets.filter((t) => candidates.has(t.id));
  const { production } = context;
  const dependents = targets.flatMap((token) =>
    context.dependents[token.id]?.length ? [{ token, uses: context.dependents[token.id] ?? [] }] : [],
  );
  const unread = context.dependentsUnread ?? [];
  return {
    self,
    maybeSelf,
    lastOperator,
    production,
    dependents,
    unread,
    mustType: lastOperator || production,
    needsConfirm:
      lastOperator || production || self !== null || maybeSelf.length > 0 || dependents.length > 0 || unread.length > 0,
  };
}
