/** Searching and filtering the vault's entries: pure, so it is unit-tested. */
import type { EntryState, SecretKind, VaultEntrySummary } from '$contract/vault';

export interface VaultQuery {
  /** Words that must all appear in description, connection, org, user, notes or labels. */
  text: string;
  /** '' = any */
  connectionId: string;
  /** '' = any; an entry whose state is not known yet matches only "any". */
  state: EntryState | '';
  label: string;
  /** '' = any: API tokens, or v1 credentials' passwords. */
  kind: SecretKind | '';
  /** '' = any; 'not-sent': a team vault did not get it (Retry); 'none': no team vault has it. */
  team: '' | 'sent' | 'not-sent' | 'none';
}

export const emptyVaultQuery = (): VaultQuery => ({
  text: '',
  connectionId: '',
  state: '',
  label: '',
  kind: '',
  team: '',
});

function teamMatches(e: VaultEntrySummary, wanted: VaultQuery['team']): boolean {
  const team = e.team ?? [];
  if (wanted === 'none') return !team.some((c) => c.state === 'sent');
  return !wanted || team.some((c) => c.state === wanted);
}

export function filterVault(
  entries: readonly VaultEntrySummary[],
  query: VaultQuery,
  states: Readonly<Record<string, EntryState>>,
): VaultEntrySummary[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const hay = [e.description, e.login ?? '', e.connectionName, e.orgName, e.userName, e.notes, ...e.labels]
      .join(' ')
      .toLowerCase();
    return (
      words.every((w) => hay.includes(w)) &&
      (!query.connectionId || e.connectionId === query.connectionId) &&
      (!query.label || e.labels.includes(query.label)) &&
      (!query.kind || e.kind === query.kind) &&
      teamMatches(e, query.team) &&
      (!query.state || states[e.id] === query.state)
    );
  });
}

export const labelsIn = (entries: readonly VaultEntrySummary[]): string[] =>
  [...new Set(entries.flatMap((e) => e.labels))].sort();

/** [connection ID, name] of the connections entries belong to, once each. */
export const connectionsIn = (entries: readonly VaultEntrySummary[]): [string, string][] => [
  ...new Map(entries.map((e) => [e.connectionId, e.connectionName])).entries(),
];
