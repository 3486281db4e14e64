/** The query page's paging and filters over 45 records created straight through the bridge. */
import { HMT_PERMIT_VALUES } from '../fixtures/documents';
import { expect, login, test } from './fixtures';
import { createRecords } from './helpers/bridge';

const nameOf = (i: number) => `测试人员${String(i + 1).padStart(2, '0')}`;

test('45 records: 10 a page, 【首页】【上页】【下页】【尾页】, total 45', async ({ page, app }) => {
  await login(page, app);
  await createRecords(app, 'hmt-permit', 45, (i) => ({ ...HMT_PERMIT_VALUES, 'hmt.name': nameOf(i) }));
  await page.goto(`${app.url}#/hmt-permit/query`);

  const info = page.getByRole('status').filter({ hasText: /^第 \d+ \/ \d+ 页，共 \d+ 条$/ });
  const rows = page.locator('tbody tr');
  const button = (name: string) => page.getByRole('button', { name, exact: true });

  await expect(info).toHaveText('第 1 / 5 页，共 45 条');
  await expect(rows).toHaveCount(10);
  await expect(button('首页')).toBeDisabled();
  await expect(button('上页')).toBeDisabled();

  await button('尾页').click();
  await expect(info).toHaveText('第 5 / 5 页，共 45 条');
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator('td').first()).toHaveText('41');
  await expect(button('下页')).toBeDisabled();
  await expect(button('尾页')).toBeDisabled();

  await button('上页').click();
  await expect(info).toHaveText('第 4 / 5 页，共 45 条');
  await expect(rows).toHaveCount(10);
  await expect(rows.first().locator('td').first()).toHaveText('31');

  await button('首页').click();
  await expect(info).toHaveText('第 1 / 5 页，共 45 条');
  await expect(rows.first().locator('td').first()).toHaveText('1');

  await button('下页').click();
  await expect(info).toHaveText('第 2 / 5 页，共 45 条');
  await expect(rows.first().locator('td').first()).toHaveText('11');

  // 查询条件: by name, then 【重置】
  await page.getByLabel('姓名', { exact: true }).fill(nameOf(6));
  await button('查询').click();
  await expect(info).toHaveText('第 1 / 1 页，共 1 条');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(nameOf(6));
  await button('重置').click();
  await expect(info).toHaveText('第 1 / 5 页，共 45 条');
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('');
});
