/**
 * Runs `work` over every item with at most `limit` at once, in the items' order of starting: a slow
 * item holds up only its own slot, never the others. Each result is handed to `done` as it arrives.
 */
export async function eachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** How many connections of one server are listed at once (a browser's bound per host). */
export const FLEET_PARALLEL = 6;

/**
 * "Refresh all": every server at once, at most FLEET_PARALLEL of one server's connections at a
 * time, so fifty instances wait as long as the slowest one while no one server is asked more than
 * six lists at once. `serverOf` names a connection's server (its URL's origin).
 */
export async function refreshAll(
  ids: readonly string[],
  serverOf: (id: string) => string,
  list: (id: string) => Promise<unknown>,
): Promise<void> {
  const byServer = new Map<string, string[]>();
  for (const id of ids) byServer.set(serverOf(id), [...(byServer.get(serverOf(id)) ?? []), id]);
  await Promise.all(
    [...byServer.values()].map((group) => eachBounded(group, FLEET_PARALLEL, async (id) => void (await list(id)))),
  );
}

/** A connection's server, as refreshAll groups them: its URL's scheme and host (the text itself when it has none). */
export function serverOfUrl(url: string): string {
  return (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? url).toLowerCase();
}
