/**
 * Where am I: every screen and dialog of a connection names its product, and a production connection
 * is a setting (not a guess from its label) that shows as a band and asks for the name before harm.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shotPath } from './pages';

const sidebarButton = (app: Page, name: string) =>
  app.getByRole('list', { name: 'Connections' }).getByRole('button', { name });

/** The band is a thick top border in the danger colour; absent, the border is none. */
const bandWidth = (box: Locator) => box.evaluate((node) => getComputedStyle(node).borderTopWidth);

test.describe('where am I', () => {
  test('a production connection is a switch: shown in the sidebar, the header and dialogs, and it guards', async ({
    app,
    core,
    influx,
    tokens,
  }) => {
    await app.getByRole('button', { name: 'Add your first connection' }).click();
    await app.getByLabel('Name').fill('Live EU');
    await app.getByLabel('URL').fill(influx.url);
    await app.getByLabel('API token').fill(influx.operatorToken);
    const production = app.getByRole('checkbox', { name: 'Production' });
    await expect(production).toHaveAccessibleDescription(/ask you to type the connection's name first/);
    // A label that says production ticks the box of a new connection, in view; the person decides.
    await app.getByLabel('Label').fill('prd');
    await expect(production).toBeChecked();
    await app.getByLabel('Label').fill('eu-west');
    await expect(production).not.toBeChecked();
    await production.check();
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(tokens.table).toBeVisible();
    expect(core.profiles.list().map((c) => c.environment)).toEqual([
      { label: 'eu-west', colour: 'blue', production: true },
    ]);

    const button = sidebarButton(app, 'Live EU');
    await expect(button).toHaveAccessibleDescription(/^OSS 2\.9 Production Connected/);
    const view = app.getByRole('region', { name: 'Live EU' });
    await expect(view.locator('header')).toContainText('OSS 2.9');
    await expect(view.locator('header')).toContainText('Production');
    expect(await bandWidth(view)).toBe('4px');

    const generate = await tokens.startGenerate();
    await expect(generate.getByText(/^On Live EU/)).toHaveText('On Live EU OSS 2.9 Production');
    expect(await bandWidth(generate)).toBe('4px');
    await generate.getByRole('button', { name: 'Cancel', exact: true }).click();

    // Deactivating asks for the name on production; capitals that differ get a hint, not a silent refusal.
    const legacy = influx.seed.tokens['legacyExporter']!;
    await tokens.open('Legacy exporter');
    await tokens.act('Legacy exporter', 'Deactivate');
    const confirm = app.getByRole('dialog', { name: 'Deactivate “Legacy exporter”?' });
    const name = confirm.getByRole('textbox', { name: /This is a production connection\. To go on, type “Live EU”/ });
    await name.fill('live eu');
    await expect(confirm.getByRole('note').filter({ hasText: 'Almost' })).toHaveText(
      'Almost: the capitals differ. Type the name exactly as shown.',
    );
    await expect(confirm.getByRole('button', { name: 'Deactivate token', exact: true })).toBeDisabled();
    expect(influx.state.authorizations.get(legacy.id)?.status).toBe('active');
    await name.fill('Live EU');
    await confirm.getByRole('button', { name: 'Deactivate token', exact: true }).click();
    await expect.poll(() => influx.state.authorizations.get(legacy.id)?.status).toBe('inactive');
    await app.screenshot({ path: shotPath('where am I - production connection'), fullPage: true });

    // Switched off in the form: no band, no typed name.
    await app.keyboard.press('Escape');
    await app.getByRole('tab', { name: 'Connection' }).click();
    await app.getByRole('button', { name: 'Edit', exact: true }).click();
    await app.getByRole('checkbox', { name: 'Production' }).uncheck();
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(button).toHaveAccessibleDescription(/^OSS 2\.9 Connected/);
    expect(core.profiles.list()[0]?.environment.production).toBe(false);
    expect(await bandWidth(app.getByRole('region', { name: 'Live EU' }))).toBe('0px');
  });

  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    test(`at ${width}×${height} a tall dialog keeps its buttons in view`, async ({ app, connect, tokens }) => {
      await app.setViewportSize({ width, height });
      await connect();
      const generate = await tokens.startGenerate('Custom');
      await expect(generate.getByRole('button', { name: 'Generate', exact: true })).toBeInViewport({ ratio: 1 });
      await expect(generate.getByRole('button', { name: 'Cancel', exact: true })).toBeInViewport({ ratio: 1 });
      // Scrolled to its end, nothing hides under the footer: the last field is reachable.
      await generate.evaluate((node) => node.scrollTo(0, node.scrollHeight));
      await expect(generate.getByRole('button', { name: 'Generate', exact: true })).toBeInViewport({ ratio: 1 });
      await app.screenshot({ path: shotPath(`where am I - generate at ${width}x${height}`) });
    });
  }
});
