/**
 * Which cluster a connection's URL names; main's registry, the client and the connection form read
 * it. The address is the Management API's own base, as each product's OpenAPI gives it: Cloud
 * Dedicated `https://console.influxdata.com/api/v0/accounts/<account>/clusters/<cluster>`, Clustered
 * `https://<cluster host>/api/v0`. Neither answers /ping there, so the URL is what tells them apart.
 */
import type { ProductKind } from './products';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DEDICATED = new RegExp(`/api/v0/accounts/(${UUID})/clusters/(${UUID})$`, 'i');

export interface ClusterAddress {
  product: Extract<ProductKind, 'dedicated' | 'clustered'>;
  accountId: string | null;
  clusterId: string | null;
  /** Where Clustered's tokens are used: its own host. Dedicated's is saved with the connection. */
  dataUrl: string | null;
}

export function clusterAddressOf(url: string): ClusterAddress | null {
  // Read as text: the contract runs where no URL class is promised. Query and fragment were refused at save.
  const parts = /^(https?:\/\/[^/?#]+)(\/[^?#]*)?$/i.exec(url.trim());
  if (!parts) return null;
  const origin = parts[1] ?? '';
  const path = (parts[2] ?? '').replace(/\/+$/, '');
  const dedicated = DEDICATED.exec(path);
  if (dedicated)
    return { product: 'dedicated', accountId: dedicated[1] ?? null, clusterId: dedicated[2] ?? null, dataUrl: null };
  if (/\/api\/v0$/.test(path)) return { product: 'clustered', accountId: null, clusterId: null, dataUrl: origin };
  return null;
}
