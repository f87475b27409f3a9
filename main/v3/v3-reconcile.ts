/** InfluxDB 3's vault reconcile: an entry's token is live, expired, or gone (names and IDs are never reused). */
import type { ReconcileReport } from '$contract/vault';
import type { ReconcileContext } from '../families/family';
import { listV3Tokens } from '../influx/v3-api';

export async function reconcileV3({ client, entries }: ReconcileContext): Promise<ReconcileReport> {
  const records = await listV3Tokens(client);
  const byId = new Map(records.map((r) => [String(r.id), r]));
  const now = Date.now();
  const states = entries.map((e): ReconcileReport['entries'][number] => {
    const found = byId.get(e.authorizationId);
    return {
      entryId: e.id,
      state: !found ? 'deleted' : found.expiry && Date.parse(found.expiry) <= now ? 'expired' : 'active',
    };
  });
  return { entries: states, notInVault: [] };
}
