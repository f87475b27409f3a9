/** Bundles bridge-entry.ts into one script for page.addInitScript. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundleBridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./bridge-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bridge script');
  return output.text;
}
