/** Restoring the window where it was, unless that place is no longer on any screen. */
import type { WindowState } from './schema';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW = { width: 1200, height: 800 } as const;

/** Keeps the saved size; keeps the position only if at least 100×50 px of it shows on some display. */
export function restoreWindowBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_WINDOW };
  const { x, y, width, height } = saved;
  if (x === undefined || y === undefined) return { width, height };
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
    const overlapY = Math.min(y + height, area.y + area.height) - Math.max(y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? { x, y, width, height } : { width, height };
}
