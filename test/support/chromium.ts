/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else a
 * browser Playwright installed itself. None → an error that says how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function findChromium(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH is set to ${fromEnv}, but no file is there. Point it at a Chromium or Chrome executable.`,
    );
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
      'or run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium executable.',
  );
}

/** Flags that keep Chromium quiet on a machine with no network beyond loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
