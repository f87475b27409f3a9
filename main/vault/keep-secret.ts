/**
 * The one way a service keeps a value it made: saved to the vault before anyone is shown it, and the
 * outcome answered as data (the page says "not saved: <reason>" rather than losing the value to a
 * thrown error). A failure is logged by its code only, never with the value or its metadata. Once
 * saved, the value is handed to the team's vaults chosen for its connection (vault.onMade).
 */
import { TokenDeskError } from '$contract/errors';
import type { VaultEntrySummary, VaultOutcome } from '$contract/vault';
import { InfluxRequestError } from '../influx/errors';
import type { Logger } from '../log/logger';
import type { NewEntry, Vault } from './vault';

/**
 * `made`: the server made the value (a token's answer): it goes to the team's vaults now.
 * `before-sending`: Token Desk made it and has not sent it yet (a password): it goes to them only once
 * the server took it (handToTeam), so a refused password never overwrites the team's working one.
 */
export async function keepSecret(
  vault: Vault,
  log: Logger,
  entry: NewEntry,
  value: string,
  when: 'made' | 'before-sending' = 'made',
): Promise<VaultOutcome> {
  let saved: VaultEntrySummary;
  try {
    saved = await vault.add(entry, value);
  } catch (error) {
    log.warn('vault.save-failed', { kind: error instanceof TokenDeskError ? error.code : 'unexpected' });
    return { saved: false, reason: error instanceof TokenDeskError ? error.message : 'The vault could not save it.' };
  }
  const outcome: VaultOutcome = { saved: true, entryId: saved.id, team: [] };
  return when === 'made' ? handToTeam(vault, outcome, value) : outcome;
}

/** Hands a value the local vault holds to the team's vaults; a team vault that fails never loses it. */
export async function handToTeam(vault: Vault, outcome: VaultOutcome, value: string): Promise<VaultOutcome> {
  if (!outcome.saved || !vault.onMade) return outcome;
  const entry = (await vault.list().catch(() => [])).find((e) => e.id === outcome.entryId);
  const team = entry ? await vault.onMade(entry, value).catch(() => []) : [];
  return { ...outcome, team };
}

/** The server certainly did not take the change: it refused it (4xx), or the request never reached it. */
export function certainlyRefused(error: unknown): boolean {
  if (error instanceof InfluxRequestError) return error.reason.status >= 400 && error.reason.status < 500;
  const code = error instanceof TokenDeskError ? error.details?.['networkCode'] : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}

/** The label an entry gets while it is not known whether the server took its value. */
export const UNCONFIRMED_LABEL = 'unconfirmed';

/**
 * A value saved before it was sent, after the sending failed: taken back only when the server
 * certainly did not take it; otherwise kept, labelled unconfirmed, and the error says so (a password
 * the server may hold is never lost). Always throws.
 */
export async function settleUnsent(vault: Vault, outcome: VaultOutcome, error: unknown, what: string): Promise<never> {
  if (!outcome.saved) throw error;
  if (certainlyRefused(error)) {
    await vault.remove(outcome.entryId).catch(() => undefined);
    throw error;
  }
  await vault.update(outcome.entryId, { labels: [UNCONFIRMED_LABEL] }).catch(() => undefined);
  const said = error instanceof TokenDeskError ? error.message : 'The answer was lost.';
  throw new TokenDeskError(
    error instanceof TokenDeskError ? error.code : 'INTERNAL',
    `${said} The server may have ${what} anyway: it is kept in the vault, labelled “${UNCONFIRMED_LABEL}”. ` +
      'Check it, or set a new one.',
    error instanceof TokenDeskError ? error.details : undefined,
  );
}
