/**
 * The inventory: every credential of every connection, from their last lists, as CSV or JSON (never
 * a value). Formula cells are defused as the history export's are (contract/csv.ts).
 */
import { csvOf } from '$contract/csv';
import type { FleetEntry } from '$contract/credentials';
import { TokenDeskError } from '$contract/errors';
import { productChip, productProfile } from '$contract/products';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Dialogs } from '../ports/dialogs';
import type { ConnectionProfiles } from '../profiles/profiles';

export const inventoryColumns = [
  'product',
  'connection',
  'url',
  'kind',
  'id',
  'name',
  'owner',
  'permissions',
  'created',
  'reviewOrExpiry',
  'status',
  'vault',
] as const;
export type InventoryRecord = Record<(typeof inventoryColumns)[number], string>;

export function inventoryOf(entries: readonly FleetEntry[], profiles: ConnectionProfiles): InventoryRecord[] {
  const names = new Map(profiles.list().map((c) => [c.id, c]));
  return entries.flatMap(({ connectionId, list }) => {
    const connection = names.get(connectionId);
    if (!list || !connection) return [];
    const product = `${productProfile(list.product).label} (${productChip(list.product, list.version)})`;
    return list.rows.map((r) => ({
      product,
      connection: connection.name,
      url: connection.url,
      kind: r.kind,
      id: r.id,
      name: r.name,
      owner: r.owner ?? '',
      permissions: r.permissions,
      created: r.createdAt ?? '',
      reviewOrExpiry: r.expiresAt ? `expires ${r.expiresAt}` : r.reviewBy ? `review by ${r.reviewBy}` : '',
      status: r.retirement ? `${r.status}, retire by ${r.retirement.by}` : r.status,
      vault: r.inVault ? 'in the vault' : 'not in the vault',
    }));
  });
}

export async function exportInventory(
  entries: readonly FleetEntry[],
  profiles: ConnectionProfiles,
  dialogs: Dialogs,
  format: 'csv' | 'json',
): Promise<{ path: string; count: number; unread: number } | null> {
  const records = inventoryOf(entries, profiles);
  const unread = entries.filter((e) => !e.list).length;
  if (records.length === 0)
    throw new TokenDeskError('VALIDATION', 'No connection has been listed yet: refresh the overview first.');
  const path = await dialogs.saveFile(
    format === 'csv' ? 'export-inventory-csv' : 'export-inventory-json',
    `token-desk-inventory.${format}`,
  );
  if (!path) return null;
  await writeFileAtomic(
    path,
    format === 'csv' ? csvOf(inventoryColumns, records) : `${JSON.stringify(records, null, 2)}\n`,
  );
  return { path, count: records.length, unread };
}
