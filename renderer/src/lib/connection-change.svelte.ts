/**
 * Runs `reset` when a panel is shown and whenever its connection's ID changes; only then. The
 * profile object is replaced each time the profile list reloads, which must not reload the list.
 */
import { untrack } from 'svelte';

export function onConnectionChange(id: () => string, reset: () => void): void {
  const current = $derived(id());
  $effect(() => {
    void current;
    untrack(reset);
  });
}
