/**
 * Accessibility: axe-core over every page of the router as a signed-in user (and the login page
 * before), with no serious or critical violation. A page with a table shows at least one row.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DOCUMENT_KINDS } from '../../shared/documents/types';
import { MENU_ITEMS, TOOLS_MENU } from '../../shared/menu';
import { expect, login, test } from './fixtures';

/** `only`: check that part alone; `without`: leave that part out */
async function seriousViolations(page: Page, { only, without }: { only?: string; without?: string } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (only) builder.include(only);
  if (without) builder.exclude(without);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary ?? ''}`.replace(/\s+/g, ' '));
      return `${v.id} (${v.impact}): ${v.help} — ${nodes.join(' | ')}`;
    });
}

/** after the page's own data came in: no skeleton, no busy table */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test('the login page has no serious or critical accessibility violation', async ({ page, app }) => {
  await page.goto(`${app.url}#/login`);
  await expect(page.getByLabel('企业邮箱', { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('every page, signed in, has no serious or critical accessibility violation', async ({ page, app }) => {
  test.setTimeout(240_000);
  await login(page, app);
  // one draft, so the query page has a row with its checkbox and actions
  await page.goto(`${app.url}#/records/license/new`);
  await page.getByLabel('外文姓名', { exact: true }).fill('JOHN SMITH');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator('.pd-query')).toBeVisible();
  // the toast this save shows, checked once it is fully shown (its own colours, not a fade's)
  const toast = page.locator('.el-message').first();
  await expect(toast).toBeVisible();
  await expect(toast).toHaveCSS('opacity', '1');
  expect(await seriousViolations(page, { only: '.el-message' })).toEqual([]);

  const paths = [
    '/',
    ...MENU_ITEMS.map((i) => i.path),
    ...DOCUMENT_KINDS.map((kind) => `/records/${kind}/new`),
    ...TOOLS_MENU.map((i) => i.path),
    '/roster/new',
    '/settings',
  ];
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(`${app.url}#${path}`);
    await settled(page);
    // toasts are checked above, fully shown: one still fading out from the page before has, for a
    // moment, the blended colours of its fade (CI caught one), not its own
    const violations = await seriousViolations(page, { without: '.el-message' });
    if (violations.length) found[path] = violations;
  }
  expect(found).toEqual({});
});
