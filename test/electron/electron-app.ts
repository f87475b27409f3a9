/**
 * Launching the built app in a real Electron, with an isolated userData directory. Where no Electron
 * binary exists the suite is skipped with the reason printed, never silently.
 */
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { locateElectron } from '../../scripts/electron-binary';

export const electronLookup = locateElectron(resolve('.'));

export async function launchApp(): Promise<{ app: ElectronApplication; userData: string }> {
  if (!electronLookup.found) throw new Error(electronLookup.reason);
  const userData = mkdtempSync(join(tmpdir(), 'token-desk-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const app = await electron.launch({
    executablePath: electronLookup.path,
    args: [resolve('.')],
    env: { ...env, TOKEN_DESK_USER_DATA: userData },
  });
  return { app, userData };
}
