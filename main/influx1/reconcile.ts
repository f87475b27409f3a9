/** InfluxDB 1.x's vault reconcile: a password entry is live while its user exists, deleted once it is gone. */
import type { ReconcileReport } from '$contract/vault';
import type { ReconcileContext } from '../families/family';
import { influxql } from './api';
import { statements } from './influxql';

export async function reconcileInflux1({ client, entries }: ReconcileContext): Promise<ReconcileReport> {
  const [users] = await influxql(client, [statements.showUsers()], { doing: 'listing users' });
  const names = new Set((users?.rows ?? []).map((r) => r['user']));
  return {
    entries: entries.map((e) => ({ entryId: e.id, state: names.has(e.authorizationId) ? 'active' : 'deleted' })),
    notInVault: [],
  };
}
