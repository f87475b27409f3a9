import { electronLookup } from './electron-app';

/** Says, before any test runs, why the Electron suite will be skipped on this machine. */
export default function reportSkip(): void {
  if (!electronLookup.found) console.log(`\nElectron end-to-end tests SKIPPED: ${electronLookup.reason}\n`);
}
