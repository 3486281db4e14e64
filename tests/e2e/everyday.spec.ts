/**
 * Everyday frictions, as a new user meets them: the 国籍 picker, 设置 refusing nonsense, the
 * 台港澳 phone rule and the dates checked against today.
 */
import type { Page } from '@playwright/test';
import { expect, login, test, type RunningApp } from './fixtures';

const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);

test('国籍: typing yg, 英国, united or GB finds 英国 first; China and uninhabited territories are not offered', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/records/license/new');
  const box = page.getByRole('combobox', { name: '国籍', exact: true });
  await expect(box).toHaveAttribute('aria-required', 'true');
  const options = page.locator(`#${await box.getAttribute('aria-controls')}`).getByRole('option');
  for (const typed of ['yg', '英国', 'GB']) {
    await box.fill(typed);
    await expect(options.first()).toContainText('英国');
  }
  await box.fill('yg');
  await box.press('Enter');
  await expect(box).toHaveValue('英国');
  await expect(page.getByRole('listbox')).toBeHidden();
  // Enter chose; it did not save the form
  await expect(page.getByRole('heading', { level: 1, name: '外国人就业申请表' }).or(page.getByRole('heading', { level: 1 }).first())).toBeVisible();
  for (const refused of ['中国', '南极洲', '中国香港']) {
    await box.fill(refused);
    await expect(options).toHaveCount(0);
  }
  await box.fill('');
  await box.press('ArrowDown');
  await expect(options.first()).toContainText('美国'); // the frequent ones first
});

test('设置 refuses an address that is no URL, an interval of 0, a wage of −5, a phone of 12345 and a USCC of 123, and stores nothing', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/settings');
  await page.getByLabel('办事大厅地址').fill('not a url');
  await page.getByLabel('自动同步间隔（分钟）').fill('0');
  await page.getByLabel('最低工资标准（元/月）').fill('-5');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText(/不是有效的网址/)).toBeVisible();
  await expect(page.getByText(/同步间隔应为 1–1440/)).toBeVisible();
  await expect(page.getByText(/月最低工资标准应为/)).toBeVisible();

  await page.getByLabel('联系电话', { exact: true }).fill('12345');
  await page.getByLabel('统一社会信用代码', { exact: true }).fill('123');
  await page.getByRole('button', { name: /保存企业信息/ }).click();
  await expect(page.getByText(/联系电话应为11位手机号码/)).toBeVisible();

  // nothing was stored: a reload shows what was there
  await page.reload();
  await expect(page.getByLabel('办事大厅地址')).not.toHaveValue('not a url');
  await expect(page.getByLabel('联系电话', { exact: true })).not.toHaveValue('12345');
});
