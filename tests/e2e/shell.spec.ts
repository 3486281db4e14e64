/**
 * The renderer's shell: login, the 劳动就业 menu and its ten pages, the header and footer,
 * the redirect after login, settings and the 404 page.
 */
import type { Page } from '@playwright/test';
import { test, expect, login, DEMO_EMAIL, DEMO_PASSWORD } from './fixtures';
import { MENU, MENU_ITEMS, MENU_ROOT, TOOLS_MENU, TOOLS_ROOT } from '../../shared/menu';

const menu = (page: Page) => page.getByRole('navigation', { name: '业务菜单 / Menu' });

test('the login page asks for the enterprise email and password', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('使用企业邮箱登录');
  await expect(page.getByLabel('企业邮箱', { exact: true })).toBeVisible();
  await expect(page.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'password');
  await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
  await expect(page.getByText('首次联网登录成功后')).toBeVisible();
  await expect(page).toHaveTitle('Permit Desk 外国人和台港澳人员就业许可网上办理系统');
});

test('a malformed email is refused with a bilingual message and no sign-in', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel('企业邮箱', { exact: true }).fill('not-an-email');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '企业邮箱格式不正确' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(' / The enterprise email is malformed');
  await expect(page.getByLabel('企业邮箱', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByText(MENU_ROOT, { exact: true })).toHaveCount(0);

  // an empty password is refused too
  await page.getByLabel('企业邮箱', { exact: true }).fill(DEMO_EMAIL);
  await page.getByLabel('密码', { exact: true }).fill('');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请输入密码' })).toBeVisible();
  await expect(page).toHaveURL(/#\/login/);
});

test('after login the menu shows the ten items of the manual (and the roster tools); each opens the page titled by its label', async ({ page, app }) => {
  await login(page, app);
  const nav = menu(page);
  await expect(nav.getByText(MENU_ROOT, { exact: true })).toBeVisible();
  for (const group of MENU) await expect(nav.getByText(group.label, { exact: true })).toBeVisible();
  await expect(nav.getByText(TOOLS_ROOT, { exact: true })).toBeVisible();
  await expect(nav.getByRole('link')).toHaveCount(MENU_ITEMS.length + TOOLS_MENU.length);
  // the manual's two groups hold its ten pages; the work-permit group follows them
  expect(MENU.slice(0, 2).flatMap((g) => g.items)).toHaveLength(10);

  for (const item of [...MENU_ITEMS, ...TOOLS_MENU]) {
    await expect(nav.getByRole('menuitem', { name: item.label, exact: true })).toBeVisible();
    await nav.getByRole('link', { name: item.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#${item.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.label);
  }
});

test('the header shows the enterprise, the network state, sync and the mode', async ({ page, app }) => {
  await login(page, app);
  await expect(page.getByTestId('enterprise-name')).not.toBeEmpty();
  await expect(page.getByRole('status').filter({ hasText: /^(在线|离线)$/ })).toBeVisible();
  const sync = page.getByRole('button', { name: '同步' });
  await expect(sync).toBeEnabled();
  await expect(page.getByText('上次同步：')).toBeVisible();
  await expect(page.getByTestId('app-mode')).toHaveText('浏览器模式');
  await expect(page.getByRole('contentinfo')).toContainText(/Permit Desk \d+\.\d+\.\d+/);

  // the home page offers the manual's five processes and the six work-permit ones
  await expect(page.getByRole('main').getByRole('link', { name: '进入办理' })).toHaveCount(11);
});

test('a page asked for before login opens after login; logout returns to the login page', async ({ page, app }) => {
  await page.goto(`${app.url}#/employment/query`);
  await expect(page).toHaveURL(/#\/login\?redirect=/);
  await page.getByLabel('企业邮箱', { exact: true }).fill(DEMO_EMAIL);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/#\/employment\/query$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('外国人就业证查询');

  // the session survives a reload
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('外国人就业证查询');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('使用企业邮箱登录');
  await page.goto(`${app.url}#/license/apply`);
  await expect(page).toHaveURL(/#\/login\?redirect=/);
});

test('settings shows the minimum wage with its source and saves changes', async ({ page, app }) => {
  await login(page, app);
  await page.getByRole('banner').getByRole('link', { name: '设置', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  const wage = page.getByLabel('最低工资标准（元/月）');
  await expect(wage).not.toHaveValue('');
  expect(Number(await wage.inputValue())).toBeGreaterThan(0);
  await expect(page.getByLabel('最低工资标准来源')).not.toHaveValue('');
  await expect(page.getByLabel('办事大厅地址')).toBeVisible();

  const interval = page.getByLabel('自动同步间隔（分钟）');
  await interval.fill('15');
  await interval.blur();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存 / Settings saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('自动同步间隔（分钟）')).toHaveValue('15');

  // the employer details: saved locally, shown in the header
  await page.getByLabel('单位名称', { exact: true }).fill('广州示例科技有限公司');
  await page.getByRole('button', { name: '保存企业信息' }).click();
  await expect(page.getByText('企业信息已保存 / Employer details saved')).toBeVisible();
  await expect(page.getByTestId('enterprise-name')).toHaveText('广州示例科技有限公司');
});

test('an unknown page or document kind shows the 404 page inside the shell', async ({ page, app }) => {
  await login(page, app);
  await page.goto(`${app.url}#/no/such/page`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.goto(`${app.url}#/records/passport/list`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.goto(`${app.url}#/flow/license/tips/9`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(menu(page).getByText(MENU_ROOT, { exact: true })).toBeVisible();
});
