/** axe-core (WCAG 2.2 A/AA) on every screen and dialog, in light and dark themes. */
import { audit } from './audit';
import { expect, test } from './fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${scheme} theme`, async ({ app, connect, tokens, vault }) => {
    test.setTimeout(120_000); // axe takes 1–3 s a screen here
    await app.emulateMedia({ colorScheme: scheme });
    await audit(app, 'welcome');
    await app.getByRole('button', { name: 'Add your first connection', exact: true }).click();
    await audit(app, 'connection form');
    await connect();
    await audit(app, 'tokens');
    await app.getByRole('tab', { name: 'Connection' }).click();
    await expect(app.getByRole('region', { name: 'Connection check' })).toContainText('Can list');
    await audit(app, 'connection');
    await app.getByRole('tab', { name: 'Tokens' }).click();
    await tokens.open('Legacy exporter');
    await expect(app.getByRole('dialog', { name: 'Legacy exporter' })).toContainText('influx auth create');
    await audit(app, 'token detail');
    await app
      .getByRole('dialog', { name: 'Legacy exporter' })
      .getByRole('button', { name: 'Close', exact: true })
      .click();
    const generate = await tokens.startGenerate();
    await generate.getByRole('checkbox', { name: 'Read sensors' }).check();
    await audit(app, 'generate');
    await generate.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Copy your new API token' })).toBeVisible();
    await audit(app, 'reveal');
    await app.getByRole('button', { name: 'Done', exact: true }).click();
    await vault.open();
    await expect(vault.entries).toBeVisible();
    await audit(app, 'vault');
    const nav = app.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Team vaults', exact: true }).click();
    await app.getByRole('button', { name: 'Add a team vault…', exact: true }).click();
    const form = app.getByRole('dialog', { name: 'Add a team vault' });
    await audit(app, 'team vault form (KeePassXC)');
    await form.getByRole('radio', { name: /^A command/ }).check();
    await audit(app, 'team vault form (a command)');
    await form.getByLabel('Name', { exact: true }).fill('Ops pass');
    await form.getByRole('radio', { name: /^pass/ }).check();
    await form.getByRole('button', { name: 'Add team vault', exact: true }).click();
    await expect(app.getByRole('listitem', { name: 'Ops pass' })).toBeVisible();
    await audit(app, 'team vaults');
    await vault.open();
    await app.getByRole('button', { name: 'Send to a team vault…', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Send to a team vault' })).toBeVisible();
    await audit(app, 'send to a team vault');
    await app.getByRole('button', { name: 'Cancel', exact: true }).click();
    await nav.getByRole('button', { name: 'About', exact: true }).click();
    await expect(app.getByRole('region', { name: 'Secret storage' })).toBeVisible();
    await audit(app, 'about');
  });
}
