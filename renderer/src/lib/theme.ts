/** Applies the chosen theme to the page; "system" leaves it to prefers-color-scheme. */
import type { ThemeSource } from '$contract/ipc';

export function applyTheme(theme: ThemeSource): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}
