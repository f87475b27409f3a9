/** An action for an editor that appears on request (rename, edit description): focused, its text selected. */
export function focusNow(node: HTMLInputElement): void {
  node.focus();
  node.select();
}
