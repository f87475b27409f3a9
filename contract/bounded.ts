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

/** How many connections are listed at once across the fleet. */
export const FLEET_PARALLEL = 6;
