/**
 * A value that follows `source` one painted frame late: for work the first paint need not wait for
 * (the filters' options of 10,000 rows, say). Call it during component set-up.
 */
export function afterPaint<T>(source: () => T, initial: T): { readonly current: T } {
  let value = $state.raw(initial);
  $effect(() => {
    const next = source();
    const frame = requestAnimationFrame(() => setTimeout(() => (value = next)));
    return () => cancelAnimationFrame(frame);
  });
  return {
    get current() {
      return value;
    },
  };
}
