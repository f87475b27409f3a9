/** What the page says once when a damaged settings file was repaired at start; null when nothing was. */
import type { PublicSettings } from '$contract/ipc';

export function repairNotice({ notes, copy }: PublicSettings['repairs']): string | null {
  if (!notes.length) return null;
  const kept = copy ? ` The file as it was is kept at ${copy}.` : '';
  return `Some settings were damaged and repaired: ${notes.join('; ')}.${kept}`;
}
