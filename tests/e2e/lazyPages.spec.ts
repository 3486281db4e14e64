/**
 * Pages load on first use, each with its stylesheet. A stylesheet request that fails (Playwright
 * aborts it, as a loopback host under load once did) does not stop the page: it opens, the
 * stylesheet is asked for again and applied; when every attempt fails, the page still opens and a
 * bilingual warning says why it looks plain.
 */
import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';

const ROSTER_CSS = /\/assets\/RosterPage-[\w-]+\.css$/;

async function openRoster(page: Page, app: { url: string }): Promise<void> {
  await page.goto(`${app.url}#/roster`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员名册');
}

const stylesheet = (page: Page) => page.locator('link[rel="stylesheet"][href*="/assets/RosterPage-"]');
const sheetLoaded = (page: Page) => stylesheet(page).evaluate((link: unknown) => Boolean((link as { sheet?: unknown }).sheet));

test('a page whose stylesheet failed once opens, and the stylesheet is asked for again and applied', async ({ page, app }) => {
  let requests = 0;
  await page.route(ROSTER_CSS, async (route) => {
    requests += 1;
    if (requests === 1) await route.abort('connectionreset');
    else await route.continue();
  });
  await login(page, app);
  await openRoster(page, app);
  await expect.poll(() => requests).toBeGreaterThanOrEqual(2);
  await expect(stylesheet(page)).toHaveCount(1);
  await expect.poll(() => sheetLoaded(page)).toBe(true);
  await expect(page.locator('.el-message--error')).toHaveCount(0);
  await expect(page.locator('.el-message--warning')).toHaveCount(0);
});

test('a stylesheet that never loads: the page still opens, and a warning says why it looks plain', async ({ page, app }) => {
  let requests = 0;
  await page.route(ROSTER_CSS, async (route) => {
    requests += 1;
    await route.abort('connectionreset');
  });
  await login(page, app);
  await openRoster(page, app);
  await expect(page.getByRole('button', { name: '查询', exact: true })).toBeVisible();
  const warning = page.locator('.el-message--warning');
  await expect(warning).toContainText('页面样式未能加载，内容仍可使用；请按 F5 刷新 / The page’s styles did not load; it still works. Press F5 to reload');
  expect(requests).toBe(4); // Vite's preload, then three more attempts
  await expect(page.locator('.el-message--error')).toHaveCount(0);
});
