/**
 * The 2.x family's vault reconcile: each token value and v1 password entry against what the server
 * lists (a token hidden from the list is asked for by ID), and the server's tokens without a value.
 */
import type { EntryState, ReconcileReport, VaultEntrySummary } from '$contract/vault';
import type { InfluxClient } from '../influx/client';
import { InfluxRequestError } from '../influx/errors';
import { getV1, listV1 } from '../influx/v1-auth-api';
import type { ReconcileContext } from '../families/family';

type EntryStates = ReconcileReport['entries'];

export async function reconcileV2({ client, entries: all }: ReconcileContext): Promise<ReconcileReport> {
  const entries = all.filter((e) => e.kind === 'token');
  const passwords = all.filter((e) => e.kind === 'v1-password');
  const [authorizations, v1States] = await Promise.all([client.listAuthorizations(), v1StatesOf(client, passwords)]);
  const listed = new Map(authorizations.map((a) => [a.id ?? '', a]));
  const states: EntryStates = [...v1States];
  for (const entry of entries) {
    const found = listed.get(entry.authorizationId);
    if (found) {
      states.push({ entryId: entry.id, state: found.status === 'inactive' ? 'inactive' : 'active' });
      continue;
    }
    // Not listed: gone, hidden because its user was deleted, or just not visible to this token.
    const state = await client.getAuthorization(entry.authorizationId).then(
      (a): EntryState => (a.status === 'inactive' ? 'inactive' : 'active'),
      (error: unknown): EntryState => {
        const said = error instanceof InfluxRequestError ? error.reason.influxMessage : null;
        if (said === 'authorization not found') return 'deleted';
        if (said === 'user not found') return 'user-deleted';
        return 'unknown';
      },
    );
    states.push({ entryId: entry.id, state });
  }
  const inVault = new Set(entries.map((e) => e.authorizationId));
  const notInVault = [...listed.values()]
    .filter((a) => !inVault.has(a.id ?? ''))
    .map((a) => ({
      id: a.id ?? '',
      description: a.description ?? '',
      userName: a.user ?? '',
      status: a.status ?? 'active',
    }));
  return { entries: states, notInVault };
}

/** v1 credentials' passwords: live (active or inactive) while their credential exists. */
async function v1StatesOf(client: InfluxClient, entries: VaultEntrySummary[]): Promise<EntryStates> {
  if (entries.length === 0) return [];
  const credentials = await listV1(client).catch(() => null);
  // A server that has none (Cloud) cannot tell: unknown, not deleted.
  if (!credentials) return entries.map((entry) => ({ entryId: entry.id, state: 'unknown' as const }));
  const listed = new Map(credentials.map((a) => [a.id ?? '', a]));
  return Promise.all(
    entries.map(async (entry) => {
      // Not listed: deleted, or hidden (its user is gone, or this token cannot read it).
      const found =
        listed.get(entry.authorizationId) ??
        (await getV1(client, entry.authorizationId).catch((error: unknown) =>
          error instanceof InfluxRequestError && error.reason.status === 404 ? null : undefined,
        ));
      const state: EntryState =
        found === null
          ? 'deleted'
          : found === undefined
            ? 'unknown'
            : found.status === 'inactive'
              ? 'inactive'
              : 'active';
      return { entryId: entry.id, state };
    }),
  );
}
