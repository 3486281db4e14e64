/**
 * The pre-review round trip by hand, as in the README: submit → 【同步】 → approve in the sandbox
 * bureau's reviewer console → 【同步】 → 预审通过 and the 预约通知书 【打印】 link; and a rejection
 * with a reason → the reason in 查看 → 【修改】 → 【提交】 → 【同步】 → approve → 预审通过; and an
 * application naming another employer, refused by the bureau: 上传被拒：单位不符, not retried.
 */
import type { Page } from '@playwright/test';
import { employerValues } from '../../shared/documents/prefill';
import { LICENSE_VALUES } from '../fixtures/documents';
import { DEMO } from '../sandbox/testing';
import { expect, login, test, type RunningApp } from './fixtures';
import { openBridge } from './helpers/bridge';

const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);

/** A license submitted through the bridge; filed by the demo enterprise unless `employer` says otherwise. */
async function submittedLicense(app: RunningApp, nameEn: string, employer = employerValues(DEMO.profile)): Promise<string> {
  const bridge = await openBridge(app);
  try {
    const draft = await bridge.call('records:save', { kind: 'license', values: { ...LICENSE_VALUES, ...employer, 'person.nameEn': nameEn } });
    await bridge.call('records:submit', { id: draft.id });
    return draft.id;
  } finally {
    bridge.close();
  }
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByText(/同步完成/).first()).toBeVisible();
}

async function review(page: Page, consoleUrl: string, nameEn: string, decision: 'approve' | { reject: string }): Promise<void> {
  await page.goto(consoleUrl);
  const row = page.locator('.submission, tr, article').filter({ hasText: nameEn }).filter({ has: page.getByRole('button', { name: '预审通过' }) }).first();
  if (decision === 'approve') {
    await row.getByRole('button', { name: '预审通过', exact: true }).click();
  } else {
    await row.getByLabel('不通过原因').fill(decision.reject);
    await row.getByRole('button', { name: '预审不通过', exact: true }).click();
  }
  await expect(page.getByText(nameEn).first()).toBeVisible();
}

test('submit → 同步 → approve in the console → 同步 → 预审通过 with the notice link', async ({ page, context, app, bureau }) => {
  await login(page, app);
  await submittedLicense(app, 'ANNA MARIA SCHMIDT');
  await go(page, app, '/license/query');
  const row = page.locator('tbody tr').filter({ hasText: 'ANNA MARIA SCHMIDT' });
  await expect(row.getByText('待预审', { exact: true })).toBeVisible();
  await syncNow(page);
  await expect(row.getByText('已上传', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: '打印', exact: true }).or(row.getByRole('link', { name: '打印', exact: true }))).toHaveCount(1);

  const reviewer = await context.newPage();
  await review(reviewer, bureau.consoleUrl, 'ANNA MARIA SCHMIDT', 'approve');
  await reviewer.close();

  await syncNow(page);
  await expect(row.getByText('预审通过', { exact: true })).toBeVisible();
  // the notice column's 打印 appears next to the form's own
  await expect(row.getByRole('button', { name: '打印', exact: true }).or(row.getByRole('link', { name: '打印', exact: true }))).toHaveCount(2);
});

test('reject with a reason → the reason in 查看 → 修改 → 提交 → approve', async ({ page, context, app, bureau }) => {
  await login(page, app);
  await submittedLicense(app, 'PIERRE LUC MARTIN');
  await go(page, app, '/license/query');
  const row = page.locator('tbody tr').filter({ hasText: 'PIERRE LUC MARTIN' });
  await syncNow(page);

  const reviewer = await context.newPage();
  await review(reviewer, bureau.consoleUrl, 'PIERRE LUC MARTIN', { reject: '聘用理由未说明岗位的专业要求，请补充后重新提交' });

  await syncNow(page);
  await expect(row.getByText('预审不通过', { exact: true })).toBeVisible();
  await row.getByRole('link', { name: '查看', exact: true }).click();
  await expect(page.getByText('审核意见：聘用理由未说明岗位的专业要求，请补充后重新提交')).toBeVisible();

  await go(page, app, '/license/query');
  await row.getByRole('link', { name: '修改', exact: true }).click();
  await page.getByLabel('聘用理由', { exact: true }).fill(`${LICENSE_VALUES['job.reason']}岗位要求精密传动设计专业背景及十年经验。`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(row.getByText('未提交', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await expect(row.getByText('待预审', { exact: true })).toBeVisible();
  await syncNow(page);

  await review(reviewer, bureau.consoleUrl, 'PIERRE LUC MARTIN', 'approve');
  await syncNow(page);
  await expect(row.getByText('预审通过', { exact: true })).toBeVisible();
  expect(bureau.review.list().filter((s) => s.personName.includes('PIERRE'))).toHaveLength(2);
});

test('an application naming another employer: the bureau refuses it, the row shows 上传被拒：单位不符, later ones still go', async ({ page, app, bureau }) => {
  await login(page, app);
  // the fixtures' employer is 广州珠江智造科技有限公司, not the signed-in demo enterprise
  await submittedLicense(app, 'KARL HEINZ WEBER', employerValues({ ...DEMO.profile, name: '广州珠江智造科技有限公司', uscc: LICENSE_VALUES['employer.uscc'] ?? '' }));
  await submittedLicense(app, 'MARIA ELENA ROSSI');
  await go(page, app, '/license/query');
  const refused = page.locator('tbody tr').filter({ hasText: 'KARL HEINZ WEBER' });
  const own = page.locator('tbody tr').filter({ hasText: 'MARIA ELENA ROSSI' });
  await syncNow(page);
  await expect(refused.getByText('上传被拒：单位不符', { exact: true })).toBeVisible();
  await expect(own.getByText('已上传', { exact: true })).toBeVisible();
  await syncNow(page);
  await expect(refused.getByText('上传被拒：单位不符', { exact: true })).toBeVisible();
  const received = bureau.review.list();
  expect(received).toHaveLength(1);
  expect(received[0]?.values['person.nameEn']).toBe('MARIA ELENA ROSSI');
});
