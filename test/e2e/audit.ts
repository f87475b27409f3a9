/** axe-core (WCAG 2.2 A/AA) on what the page shows now; each violation named with the screen it was found on. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function audit(app: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page: app })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = result.violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}) ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(found).toEqual([]);
}
