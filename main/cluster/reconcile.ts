/** The cluster family's vault reconcile: an entry's database token is live, expired, revoked, or gone. */
import type { ReconcileReport } from '$contract/vault';
import type { ReconcileContext } from '../families/family';
import { listTokens } from './api';
import { statusOf } from './status';

export async function reconcileCluster({ client, entries }: ReconcileContext): Promise<ReconcileReport> {
  const byId = new Map((await listTokens(client)).map((t) => [t.id, t]));
  const now = Date.now();
  const states = entries.map((e): ReconcileReport['entries'][number] => {
    const found = byId.get(e.authorizationId);
    const status = found ? statusOf(found, now) : null;
    return { entryId: e.id, state: status === null ? 'deleted' : status === 'active' ? 'active' : status };
  });
  return { entries: states, notInVault: [] };
}
