/**
 * 中文 | English: the switch on the login page and in the header changes the whole interface, main
 * remembers the choice (a reload, a new browser context and `app:info` all see it), and switching
 * back gives the exact Chinese labels again. Chinese is the default.
 */
import type { Page } from '@playwright/test';
import { MENU, MENU_ITEMS, MENU_ROOT, MENU_ROOT_EN, TOOLS_MENU } from '../../shared/menu';
import { documentDef, queryPage } from '../../shared/documents';
import { LICENSE_VALUES } from '../fixtures/documents';
import { DEMO_EMAIL, DEMO_PASSWORD, expect, test, type RunningApp } from './fixtures';
import { createRecords, openBridge } from './helpers/bridge';

const switcher = (page: Page) => page.getByRole('group', { name: '界面语言 / Language' });
const menu = (page: Page, name: string) => page.getByRole('navigation', { name });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);

async function rememberedLanguage(app: RunningApp): Promise<string> {
  const bridge = await openBridge(app);
  try {
    return (await bridge.call('app:info', {})).language;
  } finally {
    bridge.close();
  }
}

test('中文 | English: the whole interface follows the switch, remembered across reloads and windows', async ({ page, app, browser }) => {
  await page.goto(app.url);
  await expect(h1(page)).toHaveText('使用企业邮箱登录');
  await expect(switcher(page).getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  expect(await rememberedLanguage(app)).toBe('zh-CN');

  // the login page in English, before anyone signed in
  await switcher(page).getByRole('button', { name: 'English' }).click();
  await expect(switcher(page).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(h1(page)).toHaveText('Sign in with your enterprise email');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(() => rememberedLanguage(app)).toBe('en');
  await page.getByLabel('Enterprise email', { exact: true }).fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The enterprise email is malformed' })).toHaveText(
    'The enterprise email is malformed, e.g. hr@example.com',
  );
  await page.getByLabel('Enterprise email', { exact: true }).fill(DEMO_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // the menu in English
  const nav = menu(page, 'Menu');
  await expect(nav.getByText(MENU_ROOT_EN, { exact: true })).toBeVisible();
  for (const group of MENU) await expect(nav.getByText(group.labelEn, { exact: true })).toBeVisible();
  for (const item of [...MENU_ITEMS, ...TOOLS_MENU]) await expect(nav.getByRole('link', { name: item.labelEn, exact: true })).toBeVisible();
  await expect(nav.getByText(MENU_ROOT, { exact: true })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sync', exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();

  // a query page: column headers, row actions and pager in English
  await createRecords(app, 'license', 12, (i) => ({ ...LICENSE_VALUES, 'person.nameEn': `PERSON ${String(i + 1).padStart(2, '0')}` }));
  await nav.getByRole('link', { name: 'Employment License inquiry', exact: true }).click();
  await expect(h1(page)).toHaveText('Employment License inquiry');
  const headers = page.getByRole('main').locator('thead th');
  await expect(headers).toHaveText(['No.', 'Name', 'Document number', 'Submission', 'Review', 'View', 'Edit', 'Submit', 'Appointment notice', 'License form', 'Sync', 'Select']);
  await expect(page.getByRole('status').filter({ hasText: /^Page \d+ of \d+/ })).toHaveText('Page 1 of 2, 12 records');
  for (const name of ['First', 'Previous', 'Next', 'Last']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Page \d+ of \d+/ })).toHaveText('Page 2 of 2, 12 records');
  await expect(page.locator('tbody tr').first().getByText('Not submitted', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Submission', { exact: true })).toBeVisible();

  // a form page: field labels from the definitions' English labels, buttons in English
  await go(page, app, '/records/license/new');
  const license = documentDef('license');
  await expect(h1(page)).toHaveText(license.titleEn);
  for (const field of license.sections.flatMap((s) => s.fields)) {
    if (field.type === 'radio') await expect(page.getByText(field.labelEn, { exact: true }).first()).toBeVisible();
    else await expect(page.getByLabel(field.labelEn, { exact: true }).first()).toBeVisible();
  }
  for (const name of ['Save', 'Save and new', 'Back']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();

  // a reload keeps English
  await page.reload();
  await expect(h1(page)).toHaveText(license.titleEn);
  await expect(page.getByLabel('Employer name', { exact: true })).toBeVisible();

  // so does a new window with nothing of its own stored (browser mode's origin changes on every launch)
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(`${app.url}#/license/query`);
  await expect(menu(fresh, 'Menu').getByRole('link', { name: 'Employment License inquiry', exact: true })).toBeVisible();
  await expect(h1(fresh)).toHaveText('Employment License inquiry');
  await context.close();
  expect(await rememberedLanguage(app)).toBe('en');

  // back to 中文: the exact Chinese labels again
  await switcher(page).getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(h1(page)).toHaveText(license.title);
  await expect(page.getByLabel('单位名称', { exact: true })).toBeVisible();
  for (const name of ['保存', '保存并新增', '返回']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  const zhNav = menu(page, '业务菜单 / Menu');
  await expect(zhNav.getByText(MENU_ROOT, { exact: true })).toBeVisible();
  for (const item of [...MENU_ITEMS, ...TOOLS_MENU]) await expect(zhNav.getByRole('link', { name: item.label, exact: true })).toBeVisible();
  await expect.poll(() => rememberedLanguage(app)).toBe('zh-CN');

  await zhNav.getByRole('link', { name: '外国人就业许可证书查询', exact: true }).click();
  await expect(headers).toHaveText(['序号', '姓名', '证件号码', ...queryPage('license').columns, '同步状态', '选择']);
  await expect(page.getByRole('status').filter({ hasText: /^第 \d+ \/ \d+ 页/ })).toHaveText('第 1 / 2 页，共 12 条');
  await page.reload();
  await expect(h1(page)).toHaveText('外国人就业许可证书查询');
  await expect(page).toHaveTitle('Permit Desk 外国人和台港澳人员就业许可网上办理系统');
});
