/**
 * Everyday frictions, as a new user meets them: the 国籍 picker, 设置 refusing nonsense, the
 * 台港澳 phone rule and the dates checked against today; deleting drafts, Enter in 新增人员, the
 * bureau's reachability in the header and a slow lookup's progress and 【取消】.
 */
import type { Page } from '@playwright/test';
import { expect, login, test, type RunningApp } from './fixtures';
import { openBridge } from './helpers/bridge';

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

const main = (page: Page) => page.getByRole('main');

test('【保存】 with neither a name nor a document number is refused; drafts are deleted after a confirmation naming them', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/records/license/new');
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await expect(main(page).getByText(/请至少填写姓名或证件号码/)).toBeVisible();
  await go(page, app, '/license/query');
  await expect(main(page).getByText(/没有|暂无/).first()).toBeVisible(); // nothing was stored

  const bridge = await openBridge(app);
  try {
    for (const name of ['ANNA DRAFT', 'BORIS DRAFT', 'CARL KEPT']) await bridge.call('records:save', { kind: 'license', values: { 'person.nameEn': name } });
  } finally {
    bridge.close();
  }
  await page.reload();
  await expect(main(page).locator('tbody tr[data-id]')).toHaveCount(3);
  const remove = main(page).getByRole('button', { name: '删除', exact: true });
  await expect(remove).toBeDisabled();
  await main(page).getByRole('checkbox', { name: '选择 ANNA DRAFT' }).check();
  await main(page).getByRole('checkbox', { name: '选择 BORIS DRAFT' }).check();
  await remove.click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('ANNA DRAFT');
  await expect(confirm).toContainText('BORIS DRAFT');
  await expect(confirm).not.toContainText('CARL KEPT');
  await confirm.getByRole('button', { name: '确定' }).click();
  await expect(main(page).locator('tbody tr[data-id]')).toHaveCount(1);
  await expect(main(page).locator('tbody')).toContainText('CARL KEPT');
  await expect(page.getByTestId('live-status')).toContainText('已删除 2 份申请');
});

test('Enter in a field of 新增人员 saves nothing; only 【保存】 does, once', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/roster/new');
  const name = page.getByLabel('外文姓名', { exact: true });
  await name.fill('ENTER TEST');
  await name.press('Enter');
  await name.press('Enter');
  await expect(page).toHaveURL(/#\/roster\/new$/);
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(/#\/roster\/[0-9a-f-]{36}$/);
  const bridge = await openBridge(app);
  try {
    const { rows } = await bridge.call('people:list', { query: 'ENTER TEST' });
    expect(rows).toHaveLength(1);
    const person = await bridge.call('people:get', { id: rows[0]?.id ?? '' });
    expect(person.history.map((h) => h.action)).toEqual(['新建']);
  } finally {
    bridge.close();
  }
});

test('the header shows the bureau’s reachability: 办事大厅无法访问 while it fails, 在线 when it answers', async ({ page, app, bureau }) => {
  await login(page, app);
  await expect(page.getByTestId('bureau-state')).toHaveText('在线');
  bureau.faults.set({ fail5xx: 1000 });
  await page.reload();
  await expect(page.getByTestId('bureau-state')).toHaveText('办事大厅无法访问');
  bureau.faults.reset();
  await page.reload();
  await expect(page.getByTestId('bureau-state')).toHaveText('在线');
});

test('a slow number lookup says what it is doing after 1 s and offers 【取消】 after 3 s', async ({ page, app, bureau }) => {
  await login(page, app, 'hr@zhujiang-tech.example.cn', 'zhujiang-password');
  bureau.faults.set({ latencyMs: 60_000 });
  await go(page, app, '/records/extension/new?number=E20250000456');
  await expect(main(page).getByText('正在向主管部门查询该号码…')).toBeVisible();
  await main(page).getByTestId('bureau-cancel').click();
  await expect(main(page).getByText(/已取消查询，请手工填写/)).toBeVisible();
  bureau.faults.reset();
});
