/**
 * The one way a service keeps a value it made: saved to the vault before anyone is shown it, and the
 * outcome answered as data (the page says "not saved: <reason>" rather than losing the value to a
 * thrown error). A failure is logged by its code only, never with the value or its metadata.
 */
import { TokenDeskError } from '$contract/errors';
import type { VaultOutcome } from '$contract/vault';
import type { Logger } from '../log/logger';
import type { NewEntry, Vault } from './vault';

export async function keepSecret(vault: Vault, log: Logger, entry: NewEntry, value: string): Promise<VaultOutcome> {
  try {
    const saved = await vault.add(entry, value);
    return { saved: true, entryId: saved.id };
  } catch (error) {
    log.warn('vault.save-failed', { kind: error instanceof TokenDeskError ? error.code : 'unexpected' });
    return { saved: false, reason: error instanceof TokenDeskError ? error.message : 'The vault could not save it.' };
  }
}
