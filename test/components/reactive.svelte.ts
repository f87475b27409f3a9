/** Deep reactive state for a test, as a parent component would hold it for a `bind:` prop. */
export function reactive<T extends object>(value: T): T {
  const state = $state(value);
  return state;
}
