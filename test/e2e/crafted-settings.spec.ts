/**
 * A damaged settings.json at start: the connection stays; the page says what was repaired, and where
 * the original is kept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore } from '../support/test-core';
import { expect, test as base } from './fixtures';

const test = base.extend({
  core: async ({ rendererUrl }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-desk-e2e-settings-'));
    const connection = {
      id: '7d3c1f9e-2b1a-4c5d-9e8f-0a1b2c3d4e5f',
      name: 'Production EU',
      url: 'http://127.0.0.1:9',
      org: null,
      environment: { label: 'production', colour: 'red' },
      timeoutMs: 2000,
      tls: { caFile: null, skipVerify: false },
      tokenCipher: null,
      serviceUsers: 5,
      reviews: { '0a3f2c1e9b400010': '2026-13-45' },
    };
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 2, connections: [connection] }));
    await use(createTestCore({ allowedOrigins: [rendererUrl], dataDir }));
  },
});

test('a damaged settings field is repaired alone, said, and the original kept', async ({ app, core }) => {
  const notice = app.getByText(/Some settings were damaged and repaired/);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('connection “Production EU”: serviceUsers, reviews were invalid and reset');
  const copy = core.settings.toPublic().repairs.copy ?? '';
  await expect(notice).toContainText(copy);
  expect(JSON.parse(readFileSync(copy, 'utf8'))).toMatchObject({ connections: [{ serviceUsers: 5 }] });
  await expect(
    app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Production EU/ }),
  ).toBeVisible();
  await app.screenshot({ path: 'test-results/screenshots/settings repaired.png' });
});
