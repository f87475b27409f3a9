/**
 * Ctrl/Cmd+<key> shortcuts for a window keydown handler: each answers whether it acted (then the
 * browser's own meaning of the keys is suppressed).
 */
export function modShortcuts(actions: Record<string, () => boolean>): (event: KeyboardEvent) => void {
  return (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const action = actions[event.key.toLowerCase()];
    if (action?.()) event.preventDefault();
  };
}
