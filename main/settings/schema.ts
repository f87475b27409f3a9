/**
 * The settings document as stored on disk (electron-store's JSON file). Secrets never live here.
 * Each field has a default so a damaged field falls back alone instead of taking the file with it.
 */
import { z } from 'zod';
import { themeSources } from '../../contract/ipc';

export const CURRENT_SETTINGS_VERSION = 1;

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const settingsFields = {
  theme: z.enum(themeSources).catch('system'),
  window: windowStateSchema.nullable().catch(null),
};

export const settingsSchema = z.object({
  schemaVersion: z.literal(CURRENT_SETTINGS_VERSION),
  ...settingsFields,
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return { schemaVersion: CURRENT_SETTINGS_VERSION, theme: 'system', window: null };
}
