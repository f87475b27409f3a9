/** Marks credentials kept after their replacement with the day to retire them by (main keeps the marks). */
import { api } from './api';
import { connections } from './connections.svelte';

export async function keepUntil(
  connectionId: string,
  kept: readonly { id: string; name: string }[],
  replacedBy: string,
  by: string,
): Promise<void> {
  for (const old of kept)
    await api.setRetirement({
      connectionId,
      credentialId: old.id,
      retirement: { by, replacedBy },
      description: old.name,
    });
  // The lists read the marks from the connection.
  await connections.refreshList();
}
