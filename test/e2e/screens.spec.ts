/**
 * The screens as an admin sees them, at 1280×800 and 1024×700, light and dark: nothing in the token
 * table cut off without its full text reachable, every column reachable, the sidebar collapsible.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shotPath } from './pages';

/** Every table cell whose text is cut: its column, its text, and whether a title holds the full text. */
function clippedCells(app: Page) {
  return app.getByRole('table', { name: 'Tokens' }).evaluate((table) =>
    [...table.querySelectorAll('[role="cell"], [role="columnheader"]')].flatMap((cell) => {
      const box = cell as HTMLElement;
      const inner = [box, ...box.querySelectorAll<HTMLElement>('button, span')];
      // Text for screen readers only (1 px wide by design) is not cut text.
      const cut = inner.filter((el) => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1);
      if (!cut.length) return [];
      const text = (box.textContent ?? '').trim();
      // Each cut element's own text is in a title: its own, or its cell's.
      const titled = cut.every((el) => {
        const own = (el.textContent ?? '').replace(/✎$/, '').trim();
        return [el, box].some((holder) => holder.title && holder.title.includes(own));
      });
      return [{ column: box.className.match(/col-(\w+)/)?.[1] ?? 'check', text, titled }];
    }),
  );
}

for (const [width, height] of [
  [1280, 800],
  [1024, 700],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the token table at ${width}×${height}, ${scheme}: nothing cut without its full text, every column reachable`, async ({
      app,
      connect,
      tokens,
    }) => {
      await app.setViewportSize({ width, height });
      await app.emulateMedia({ colorScheme: scheme });
      await connect();
      await tokens.expectCount('12', '12');
      const clipped = await clippedCells(app);
      // Dates (with their year), status and the vault column always fit; anything else cut has a title.
      expect(clipped.filter((c) => ['created', 'modified', 'status', 'vault'].includes(c.column))).toEqual([]);
      expect(clipped.filter((c) => !c.titled)).toEqual([]);
      // One date format, the person's locale (en-US here), the full time on hover.
      const created = tokens.row('Sensors writer').locator('.col-created');
      await expect(created).toHaveText('Jan 5, 2026');
      await expect(created).toHaveAttribute('title', /^Created Jan 5, 2026, \d\d:00 (AM|PM)$/);
      // The Vault column can be brought into view, sideways if the window is narrow; the selection box
      // and the description stay in place while the rest scrolls.
      const first = tokens.table.getByRole('row').nth(1);
      const description = first.locator('.col-description');
      const before = await description.boundingBox();
      const vault = tokens.table.getByRole('columnheader', { name: 'Vault' });
      await vault.scrollIntoViewIfNeeded();
      await expect(vault).toBeInViewport();
      const scrolled = await tokens.table.evaluate((t) => t.scrollLeft);
      if (width === 1024) expect(scrolled).toBeGreaterThan(0);
      expect((await description.boundingBox())?.x).toBeCloseTo(before?.x ?? -1, 0);
      await expect(first.getByRole('checkbox')).toBeInViewport({ ratio: 1 });
      await expect(description.getByRole('button').first()).toBeInViewport();
      await app.screenshot({ path: shotPath(`screens - tokens ${width}x${height} ${scheme}`) });
    });
  }
}

test('columns can be hidden and stay hidden; the sidebar collapses and comes back', async ({
  app,
  connect,
  tokens,
}) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await connect();
  // Modified (mostly the same as Created) starts hidden, and can be shown.
  await expect(tokens.table.getByRole('columnheader', { name: 'Modified' })).toHaveCount(0);
  await app.getByText('Columns', { exact: true }).click();
  await app.getByRole('checkbox', { name: 'Show the Modified column' }).check();
  await expect(tokens.table.getByRole('columnheader', { name: 'Modified' })).toBeVisible();
  await app.getByRole('checkbox', { name: 'Show the Org column' }).uncheck();
  await app.getByRole('checkbox', { name: 'Show the Modified column' }).uncheck();
  await app.getByRole('checkbox', { name: 'Show the Age · review column' }).uncheck();
  await expect(tokens.table.getByRole('columnheader', { name: 'Org' })).toHaveCount(0);
  await app.reload();
  await expect(tokens.table.getByRole('columnheader', { name: 'Modified' })).toHaveCount(0);
  await expect(tokens.table.getByRole('columnheader', { name: 'Vault' })).toBeInViewport();
  const toggle = app.getByRole('button', { name: 'Sidebar' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(app.getByRole('button', { name: 'Add connection' })).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await app.screenshot({ path: shotPath('screens - sidebar collapsed') });
  await toggle.click();
  await expect(app.getByRole('button', { name: 'Add connection' })).toBeVisible();
});

test('the Generate dialog shows one error with a way to try again, not an endless "Loading…"', async ({
  connect,
  tokens,
  influx,
}) => {
  await connect();
  influx.faults.add({ path: '/api/v2/buckets', fault: { kind: 'status', status: 500 }, times: 1 });
  const dialog = await tokens.startGenerate();
  await expect(dialog.getByRole('alert')).toContainText('could not be read');
  await expect(dialog.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Read sensors' })).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});

test('a token’s detail copies or reveals its value from the vault', async ({ app, connect, tokens, core }) => {
  await connect();
  const value = await tokens.generate({ read: ['sensors'], description: 'Kept value' });
  await tokens.open('Kept value');
  const detail = tokens.detail('Kept value');
  await detail.getByRole('button', { name: 'Copy value' }).click();
  expect(core.clipboard).toMatchObject({ text: value, concealed: true });
  await detail.getByRole('button', { name: 'Reveal' }).click();
  await expect(detail.getByLabel('Value of this token')).toHaveText(value);
  await detail.getByRole('button', { name: 'Hide' }).click();
  await expect(detail.getByLabel('Value of this token')).toHaveCount(0);
  await app.screenshot({ path: shotPath('screens - detail with vault value') });
});

test('a 5,000-character description keeps the detail usable: title clamped, actions in reach', async ({
  app,
  connect,
  tokens,
  influx,
}) => {
  await connect();
  const long = `Very long ${'description '.repeat(455)}`.trim();
  influx.state.authorizations.get(influx.seed.tokens['grafana']!.id)!.description = long;
  await tokens.refresh();
  await tokens.open(long);
  const detail = tokens.detail(long);
  const title = detail.getByRole('heading', { level: 2 });
  expect((await title.boundingBox())!.height).toBeLessThan(120);
  await expect(title).toHaveAttribute('title', long);
  await expect(detail.getByRole('button', { name: 'Close' })).toBeInViewport();
  await app.screenshot({ path: shotPath('screens - long description') });
});

test('in the dark theme the primary action reads as primary: a saturated fill, white text', async ({
  app,
  connect,
}) => {
  await app.emulateMedia({ colorScheme: 'dark' });
  await connect();
  const generate = app.getByRole('button', { name: 'Generate token…' });
  await expect(generate).toHaveCSS('background-color', 'rgb(51, 102, 230)');
  await expect(generate).toHaveCSS('color', 'rgb(255, 255, 255)');
});

test.describe('on Cloud', () => {
  test.use({ influxMode: 'cloud' });

  test('the Kind filter offers no Operator, the detail dates carry the year, the rename pencil is always visible', async ({
    app,
    connect,
    tokens,
  }) => {
    await connect();
    const kinds = await app.getByRole('combobox', { name: 'Kind' }).locator('option').allTextContents();
    expect(kinds).not.toContain('Operator');
    expect(kinds).toContain('All access');
    const first = tokens.table.getByRole('row').nth(1);
    const pencil = first.getByRole('button', { name: /^Rename / });
    expect(Number(await pencil.evaluate((el) => getComputedStyle(el).opacity))).toBeGreaterThan(0.4);
    await first.getByRole('button').first().click();
    await expect(
      app
        .getByRole('dialog')
        .getByRole('definition')
        .filter({ hasText: /\b20\d\d\b/ })
        .first(),
    ).toBeVisible();
  });
});

/**
 * Cells of the plain data tables (users, v1 credentials, InfluxDB 3 tokens, history) whose text does
 * not fit: they wrap, so none should. An auto-layout cell grows rather than clipping, so its own
 * widths prove nothing; what is measured is the text itself: the box its laid-out text takes, against
 * the cell's box (text running past the cell's edge is cut or overlaps its neighbour), and any element
 * inside that clips its content (an ellipsis or overflow: hidden).
 */
function cutCells(app: Page) {
  return app.locator('table.data').evaluateAll((tables) =>
    tables.flatMap((table) =>
      [...table.querySelectorAll('th, td')]
        .filter((cell) => {
          const box = cell.getBoundingClientRect();
          const hidden = (node: Node) => node.parentElement?.closest('.visually-hidden') !== null;
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          let spills = false;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (hidden(node) || !node.textContent?.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const text = range.getBoundingClientRect();
            spills ||= text.right > box.right + 1 || text.left < box.left - 1;
          }
          // A visually hidden label (for screen readers) is clipped on purpose.
          const clipped = [cell, ...cell.querySelectorAll('*')].some((el) => {
            const style = getComputedStyle(el);
            return style.overflowX !== 'visible' && style.clipPath === 'none' && el.scrollWidth > el.clientWidth + 1;
          });
          return spills || clipped;
        })
        .map((cell) => (cell.textContent ?? '').trim()),
    ),
  );
}

for (const [width, height] of [
  [1280, 800],
  [1024, 700],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`the other views at ${width}×${height}, ${scheme}`, () => {
      test('users, v1 credentials and history: every cell fits or wraps', async ({ app, connect, tokens }) => {
        await app.setViewportSize({ width, height });
        await app.emulateMedia({ colorScheme: scheme });
        await connect();
        for (const [tab, table] of [
          ['Users', 'Users'],
          ['v1 credentials', 'v1 credentials'],
        ] as const) {
          await app.getByRole('tab', { name: tab }).click();
          await expect(app.getByRole('table', { name: table })).toBeVisible();
          expect(await cutCells(app)).toEqual([]);
          await app.screenshot({ path: shotPath(`screens - ${tab} ${width}x${height} ${scheme}`) });
        }
        // A change, so the history has a row to measure (its long description and outcome included).
        await app.getByRole('tab', { name: 'Tokens' }).click();
        await tokens.generate({ read: ['sensors'], description: 'Capteur météo 🌡️ – lecture seule, bâtiment B' });
        await app
          .getByRole('navigation', { name: 'Main' })
          .getByRole('button', { name: 'History', exact: true })
          .click();
        await expect(app.getByRole('table', { name: 'History' }).getByRole('row')).toHaveCount(2);
        expect(await cutCells(app)).toEqual([]);
        await app.screenshot({ path: shotPath(`screens - history ${width}x${height} ${scheme}`) });
      });
    });
    test.describe(`InfluxDB 3 tokens at ${width}×${height}, ${scheme}`, () => {
      test.use({ influxMode: 'v3-enterprise' });
      test('every cell fits or wraps', async ({ app, connect }) => {
        await app.setViewportSize({ width, height });
        await app.emulateMedia({ colorScheme: scheme });
        await connect();
        expect(await cutCells(app)).toEqual([]);
        // Its Actions column is in view without scrolling sideways.
        const table = app.getByRole('table', { name: 'Tokens' });
        await expect(table.getByRole('button', { name: 'Delete ci…', exact: true })).toBeInViewport({ ratio: 1 });
        await app.screenshot({ path: shotPath(`screens - v3 tokens ${width}x${height} ${scheme}`) });
      });
    });
  }
}
