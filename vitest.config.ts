import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { $contract: resolve('contract') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/emulator/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15000,
  },
});
