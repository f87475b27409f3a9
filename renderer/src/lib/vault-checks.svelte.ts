/**
 * What the last check of the vault against the servers found, kept while the app runs so the Vault
 * screen shows it at once (and when it was made) while a fresh check runs in the background.
 */
import type { EntryState, ServerTokenRef } from '$contract/vault';

export interface MissingGroup {
  connectionId: string;
  connection: string;
  tokens: ServerTokenRef[];
}

class VaultChecks {
  states = $state<Record<string, EntryState>>({});
  missing = $state<MissingGroup[]>([]);
  checkedAt = $state<Date | null>(null);
}

export const vaultChecks = new VaultChecks();
