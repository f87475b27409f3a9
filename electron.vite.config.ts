import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/** `$contract/…` in every layer (tsconfig.base.json's paths say the same to the type checker). */
const resolveContract = { alias: { $contract: resolve('contract') } };

export default defineConfig({
  main: {
    resolve: {
      alias: [
        { find: '$contract', replacement: resolve('contract') },
        // electron-store's schema validator, which Token Desk never uses (see the stand-in).
        { find: /^ajv\/dist\/2020\.js$|^ajv-formats$/, replacement: resolve('main/shell/no-ajv.ts') },
      ],
    },
    build: {
      outDir: 'out/main',
      // Bundled, not loaded from node_modules at start: Node's ESM loader resolves and reads each of
      // their hundreds of files one by one, which cost a cold start 150 ms (bench: cold start).
      externalizeDeps: {
        exclude: [
          'zod',
          'electron-store',
          'https-proxy-agent',
          'http-proxy-agent',
          'proxy-from-env',
          'smol-toml',
          '@influxdata/influxdb-client',
          '@influxdata/influxdb-client-apis',
        ],
      },
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    resolve: resolveContract,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    resolve: resolveContract,
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      outDir: resolve('out/renderer'),
      // Minified in production: the page loads from disk, but parse time and memory still count.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
