/**
 * Two enterprises on one desk, as an HR service agency uses it: A submits without syncing and signs
 * out (warned about the waiting upload); B signs in and syncs and sees nothing of A; 切换单位 back to
 * A with A's password, and A's application is filed under A's own account.
 */
import { LICENSE_VALUES } from '../fixtures/documents';
import { DEMO_ACCOUNTS } from '../sandbox/accounts';
import { DEMO_EMAIL, DEMO_PASSWORD, expect, login, test } from './fixtures';
import { openBridge } from './helpers/bridge';

const ZHUJIANG = DEMO_ACCOUNTS.find((a) => a.email === 'hr@zhujiang-tech.example.cn')!;
const DEMO = DEMO_ACCOUNTS.find((a) => a.email === DEMO_EMAIL)!;
const A_NAME = 'AGNES AGENCY CLIENT';

test('nothing of A is shown to B, and A’s queued upload goes only under A’s account', async ({ page, app, bureau }) => {
  await login(page, app);
  await expect(page.getByTestId('enterprise-name')).toHaveText(DEMO.profile.name);
  const bridge = await openBridge(app);
  try {
    const draft = await bridge.call('records:save', {
      kind: 'license',
      values: { ...LICENSE_VALUES, 'employer.name': DEMO.profile.name, 'employer.uscc': DEMO.profile.uscc, 'person.nameEn': A_NAME },
    });
    await bridge.call('records:submit', { id: draft.id });
  } finally {
    bridge.close();
  }

  // 【退出登录】 says how many uploads wait and offers 【同步】 first
  await page.getByRole('button', { name: '退出登录' }).click();
  const box = page.getByRole('dialog').filter({ hasText: '待上传' });
  await expect(box).toContainText('1 份');
  await expect(box.getByRole('button', { name: '同步', exact: true })).toBeVisible();
  await box.getByRole('button', { name: '仍然退出' }).click();
  await expect(page.getByLabel('企业邮箱', { exact: true })).toBeVisible();

  // B signs in and syncs: nothing of A on its pages, nothing of A filed under B
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  await expect(page.getByTestId('enterprise-name')).toHaveText(ZHUJIANG.profile.name);
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByText(/同步完成/).first()).toBeVisible();
  await page.goto(`${app.url}#/license/query`);
  await expect(page.getByText('外国人就业许可证书查询').first()).toBeVisible();
  await expect(page.getByText(A_NAME)).toHaveCount(0);
  await page.goto(`${app.url}#/roster`);
  await expect(page.getByRole('heading', { level: 1, name: /人员名册/ })).toBeVisible();
  await expect(page.getByText(A_NAME)).toHaveCount(0);
  expect(bureau.review.list().filter((s) => JSON.stringify(s.values).includes(A_NAME))).toHaveLength(0);

  // 切换单位: A is listed with its waiting upload; A's password signs A in again
  await page.getByRole('button', { name: '切换单位' }).click();
  const list = page.getByTestId('enterprise-list');
  const rowA = list.locator('tr').filter({ hasText: DEMO.profile.name });
  await expect(rowA.locator('td').nth(2)).toHaveText('1');
  await rowA.getByRole('button', { name: /切换/ }).click();
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('dialog').getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /密码错误|Wrong/ })).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('dialog').getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('enterprise-name')).toHaveText(DEMO.profile.name);

  await page.goto(`${app.url}#/license/query`);
  await expect(page.locator('tbody tr').filter({ hasText: A_NAME })).toHaveCount(1);
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByText(/同步完成/).first()).toBeVisible();
  const filed = bureau.review.list().filter((s) => JSON.stringify(s.values).includes(A_NAME));
  expect(filed).toHaveLength(1);
  expect(filed[0]?.enterpriseId).toBe(bureau.store.enterpriseByEmail(DEMO.email)?.id);
});
