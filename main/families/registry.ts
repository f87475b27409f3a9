/**
 * The family registry: each product's family (from its profile) answers the connection check and
 * the vault reconcile. Adding a family is a folder of its own and one entry here.
 */
import type { ConnectionCheck } from '$contract/connections';
import { TokenDeskError } from '$contract/errors';
import type { FamilyId } from '$contract/families';
import { productOfBuild, productProfile, type ProductKind } from '$contract/products';
import type { InfluxClient } from '../influx/client';
import { checkInflux1 } from '../influx1/check';
import { reconcileInflux1 } from '../influx1/reconcile';
import { reconcileV2 } from '../tokens/reconcile';
import { beginV2Check, checkV2 } from '../tokens/v2-check';
import { checkV3 } from '../v3/v3-check';
import { reconcileV3 } from '../v3/v3-reconcile';
import { clusterAddressOf } from '$contract/cluster-address';
import { checkCluster } from '../cluster/check';
import { reconcileCluster } from '../cluster/reconcile';
import type { Family } from './family';
import type { TeamHistoryStore } from '../team-history/store';
import { v2TeamHistory } from '../tokens/team-history-store';
import { v3TeamHistory } from '../v3/team-history-store';
import { influx1TeamHistory } from '../influx1/team-history-store';

const families: Record<FamilyId, Family> = {
  v2: {
    check: (context) => checkV2(context, beginV2Check(context.client)),
    reconcile: reconcileV2,
    teamHistory: v2TeamHistory,
  },
  v3: { check: checkV3, reconcile: reconcileV3, teamHistory: v3TeamHistory },
  influx1: { check: checkInflux1, reconcile: reconcileInflux1, teamHistory: influx1TeamHistory },
  // UNCONFIRMED whether a database token may write a measurement of its own there: not offered.
  cluster: { check: checkCluster, reconcile: reconcileCluster, teamHistory: null },
};

export function familyOf(product: ProductKind): Family {
  return families[productProfile(product).family];
}

export const teamHistoryOf = (product: ProductKind): TeamHistoryStore | null => familyOf(product).teamHistory;

/**
 * Which product answers, then its family's check. 2.x's first requests go out with /ping: most
 * servers are 2.x, and its check then takes two round trips instead of three (other families ignore
 * those answers; a 404 there tells nothing of the connection).
 */
export async function checkConnectionWith(
  client: InfluxClient,
  preferredOrg: { id?: string; name?: string } | null,
  now: Date,
): Promise<ConnectionCheck> {
  // A Management API's address names its product: those hosts answer no /ping.
  const cluster = clusterAddressOf(client.target.url);
  if (cluster) {
    const headers = { build: null, version: null, status: 0 };
    return familyOf(cluster.product).check({ client, product: cluster.product, headers, preferredOrg, now });
  }
  const begun = beginV2Check(client);
  const headers = await client.ping().catch((error: unknown) => {
    if (error instanceof TokenDeskError && error.code === 'NOT_FOUND')
      throw new TokenDeskError(
        'NOT_INFLUXDB',
        `${client.target.url} does not answer as InfluxDB (/ping answered 404). Check the URL.`,
      );
    throw error;
  });
  const product = productOfBuild(headers.build, headers.version);
  const context = { client, product, headers, preferredOrg, now };
  if (productProfile(product).family === 'v2') return checkV2(context, begun);
  return familyOf(product).check(context);
}
