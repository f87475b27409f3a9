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

/** Launches the built app; pass the userData of an earlier run to restart on the same profile. */
export async function launchApp(
  userData = mkdtempSync(join(tmpdir(), 'token-desk-electron-')),
): Promise<{ app: ElectronApplication; userData: string }> {
  if (!electronLookup.found) throw new Error(electronLookup.reason);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const app = await electron.launch({
    executablePath: electronLookup.path,
    // On Linux CI a keyring runs (gnome-keyring under dbus-run-session): use it, not basic_text.
    args: [resolve('.'), ...(process.platform === 'linux' ? ['--password-store=gnome-libsecret'] : [])],
    env: { ...env, TOKEN_DESK_USER_DATA: userData },
  });
  return { app, userData };
}
