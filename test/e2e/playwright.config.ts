import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from '../support/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    colorScheme: 'light',
    // Dates follow the person's locale: the tests read them as en-US writes them ("Jan 31, 2030").
    locale: 'en-US',
    viewport: { width: 1200, height: 800 },
  },
});
