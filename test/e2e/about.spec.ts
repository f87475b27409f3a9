import { createTestSecretBox } from '../support/test-secret-box';
import { expect, test } from './fixtures';

test.describe('About view', () => {
  test('shows the app version, runtime versions and a protected secret store', async ({ app }) => {
    await app.getByRole('button', { name: 'About', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'About Token Desk' })).toBeVisible();
    const versions = app.getByRole('definition');
    await expect(versions.nth(0)).toHaveText('0.1.0');
    // Driven by Node, not Electron: the view must say so rather than invent a version.
    await expect(versions.nth(1)).toHaveText('Not running in Electron');
    await expect(versions.nth(3)).toHaveText(process.versions.node);
    const store = app.getByRole('region', { name: 'Secret storage' });
    await expect(store).toContainText('Protected');
    await expect(store).toContainText('test');
  });
});

test.describe('About view without a keyring', () => {
  test.use({ secretBox: createTestSecretBox({ backend: 'basic_text' }) });

  test('says plainly that secrets are not protected', async ({ app }) => {
    await app.getByRole('button', { name: 'About', exact: true }).click();
    const store = app.getByRole('region', { name: 'Secret storage' });
    await expect(store).toContainText('Not protected');
    await expect(store).toContainText('No keyring was found');
    await expect(store).toContainText('basic_text');
  });
});
