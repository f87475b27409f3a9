import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { $contract: resolve('contract') };

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 15000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/emulator/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15000,
          execArgv: ['--expose-gc'],
        },
      },
      {
        // Svelte components on their own, in a DOM (happy-dom), with a stand-in bridge (test/components/setup.ts).
        plugins: [svelte({ configFile: resolve('svelte.config.js') })],
        resolve: { alias, conditions: ['browser'] },
        test: {
          name: 'components',
          include: ['test/components/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['test/components/setup.ts'],
          testTimeout: 15000,
        },
      },
    ],
  },
});
