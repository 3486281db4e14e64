/**
 * Today's 外国人来华工作许可 in the desk: from its own menu group, the 通知 application through its
 * tips and requirements, 【保存】, 【提交】, the sandbox's 预审通过, then the 许可证 application from
 * the notice's number, prefilled; and a 工作许可证 expiring in 20 days in 到期提醒, whose 【申请延期】
 * opens the prefilled 延期; a 变更 draft due 10 days after its event listed in 到期提醒 (what, by
 * when, its state), counted by the menu badge, its 【修改】 opening the draft. On the 通知 form the points panel shows the three sample candidates'
 * hand-computed totals and categories as they are typed, and the materials checklist counts an
 * uploaded 无犯罪记录证明 and flags one issued more than 6 months before the filing date.
 */
import type { Page } from '@playwright/test';
import { documentDef, type DocumentKind } from '../../shared/documents';
import { addDays } from '../../shared/validation/dates';
import { FIXTURE_WP_PERMIT_NO, WP_CHANGE_VALUES, WP_NOTICE_VALUES, WP_PERMIT_VALUES } from '../fixtures/documents';
import { WORK_PERMIT_CANDIDATES } from '../fixtures/workPermitCandidates';
import { ZHUJIANG } from '../sandbox/testing';
import { expect, login, test, TEST_TODAY } from './fixtures';
import { openBridge } from './helpers/bridge';
import { fillDocument } from './helpers/fillDocument';

const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function openMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '业务菜单 / Menu' }).getByRole('link', { name: label, exact: true }).click();
  await expect(h1(page)).toHaveText(label);
}

async function passTips(page: Page, kind: DocumentKind): Promise<void> {
  const tips = documentDef(kind).tips;
  await main(page).getByRole('link', { name: tips[0]!.link, exact: true }).click();
  for (let i = 0; i < tips.length; i++) {
    await expect(page).toHaveURL(new RegExp(`#/flow/${kind}/tips/${i + 1}$`));
    await expect(h1(page)).toHaveText(tips[i]!.title);
    const boxes = main(page).getByRole('checkbox');
    await expect(boxes).toHaveCount(tips[i]!.items.length);
    for (let j = 0; j < tips[i]!.items.length; j++) await boxes.nth(j).check();
    await main(page).getByRole('button', { name: '下一步', exact: true }).click();
  }
}

async function saveAndSubmit(page: Page, kind: DocumentKind, name: string): Promise<void> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#${documentDef(kind).list.route}$`));
  const row = main(page).locator('tbody tr').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await expect(row.getByText('待预审', { exact: true })).toBeVisible();
}

test('通知 application → 【提交】 → 预审通过 → 许可证 application prefilled from the notice', async ({ page, app, bureau }) => {
  test.slow();
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  await expect(page.getByRole('navigation', { name: '业务菜单 / Menu' }).getByText('外国人来华工作许可', { exact: true })).toBeVisible();

  await openMenu(page, '工作许可通知申请');
  await passTips(page, 'wp-notice');
  await expect(page).toHaveURL(/#\/records\/wp-notice\/new$/);
  await fillDocument(page, 'wp-notice');
  await saveAndSubmit(page, 'wp-notice', 'JOHN MICHAEL SMITH');

  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect.poll(() => bureau.review.list('pending').length).toBe(1);
  for (const s of bureau.review.list('pending')) bureau.review.approve(s.submissionId);
  await page.getByRole('button', { name: '同步', exact: true }).click();
  const row = main(page).locator('tbody tr').filter({ hasText: 'JOHN MICHAEL SMITH' });
  await expect(row.getByText('预审通过', { exact: true })).toBeVisible();
  const enterprise = bureau.store.enterpriseByEmail(ZHUJIANG.email);
  const notice = bureau.store.certificatesOf(enterprise?.id ?? -1).find((c) => c.documentKind === 'wp-notice');
  expect(notice?.number).toMatch(/^WN2026\d{7}$/);

  // the permit application: tips, the notice's number, the form prefilled from the notice
  await openMenu(page, '工作许可证申请');
  await passTips(page, 'wp-permit');
  await expect(page).toHaveURL(/#\/flow\/wp-permit\/number$/);
  await page.getByLabel('工作许可通知编号', { exact: true }).fill(notice?.number.toLowerCase() ?? '');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(h1(page)).toHaveText(documentDef('wp-permit').title);
  await expect(page.getByLabel('工作许可通知编号', { exact: true })).toHaveValue(notice?.number ?? '');
  await expect(page.getByLabel('外文姓名', { exact: true })).toHaveValue(WP_NOTICE_VALUES['person.nameEn']!);
  await expect(page.getByLabel('拟任职务', { exact: true })).toHaveValue(WP_NOTICE_VALUES['job.title']!);
  await expect(page.getByLabel('签证号码', { exact: true })).toHaveValue('');

  const visa = Object.fromEntries(Object.entries(WP_PERMIT_VALUES).filter(([k]) => k.startsWith('visa.') || k.startsWith('residence.')));
  await fillDocument(page, 'wp-permit', { values: visa });
  await saveAndSubmit(page, 'wp-permit', 'JOHN MICHAEL SMITH');
});

test('a 工作许可证 expiring in 20 days is in 到期提醒; 【申请延期】 opens the prefilled 延期', async ({ page, app, bureau }) => {
  test.slow();
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  const expiry = addDays(TEST_TODAY, 20);
  const bridge = await openBridge(app);
  try {
    const values = { ...WP_PERMIT_VALUES, 'job.start': TEST_TODAY, 'job.end': expiry };
    const { id } = await bridge.call('records:save', { kind: 'wp-permit', values });
    await bridge.call('records:submit', { id });
  } finally {
    bridge.close();
  }
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect.poll(() => bureau.review.list('pending').length).toBe(1);
  for (const s of bureau.review.list('pending')) bureau.review.approve(s.submissionId);
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByText(/同步完成/).first()).toBeVisible();
  const enterprise = bureau.store.enterpriseByEmail(ZHUJIANG.email);
  const permit = bureau.store.certificatesOf(enterprise?.id ?? -1).find((c) => c.documentKind === 'wp-permit');
  expect(permit?.number).toMatch(/^WP2026\d{7}$/);

  await page.goto(`${app.url}#/deadlines`);
  await expect(h1(page)).toHaveText('到期提醒');
  const row = main(page).getByRole('region', { name: /30 天内到期/ }).locator(`tbody tr[data-number="${permit?.number}"]`);
  await expect(row).toContainText('JOHN MICHAEL SMITH');
  await expect(row.getByText('剩余 20 天', { exact: true })).toBeVisible();

  await row.getByRole('button', { name: '申请延期', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/wp-extension/new\\?number=${permit?.number}`));
  await expect(h1(page)).toHaveText(documentDef('wp-extension').title);
  await expect(page.getByLabel('工作许可证号码', { exact: true })).toHaveValue(permit?.number ?? '');
  await expect(page.getByLabel('工作许可证有效期至', { exact: true })).toHaveValue(expiry);
  await expect(page.getByLabel('外文姓名', { exact: true })).toHaveValue('JOHN MICHAEL SMITH');
  await expect(page.getByLabel('申请延期至', { exact: true })).toHaveValue('');
});

test('a 变更 draft due 10 days after its event is in 到期提醒 with its deadline and state, counted by the badge; 【修改】 opens it', async ({ page, app }) => {
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  const event = addDays(TEST_TODAY, -3);
  const bridge = await openBridge(app);
  let id = '';
  try {
    id = (await bridge.call('records:save', { kind: 'wp-change', values: { ...WP_CHANGE_VALUES, 'wpChange.eventDate': event } })).id;
  } finally {
    bridge.close();
  }

  await page.goto(`${app.url}#/deadlines`);
  await expect(h1(page)).toHaveText('到期提醒');
  const filings = main(page).getByRole('region', { name: /须办理的变更、注销/ });
  const row = filings.locator(`tbody tr[data-id="${id}"]`);
  await expect(row).toContainText(documentDef('wp-change').title);
  await expect(row).toContainText('JOHN MICHAEL SMITH');
  await expect(row).toContainText(FIXTURE_WP_PERMIT_NO);
  await expect(row).toContainText(`${event} 变更发生日期`);
  await expect(row.getByText(addDays(event, 10), { exact: true })).toBeVisible();
  await expect(row.getByText('剩余 7 天', { exact: true })).toBeVisible();
  await expect(row.getByText('未提交', { exact: true })).toBeVisible();

  // the badge counts what the page lists: the permits and the filings due
  const badge = page.getByRole('navigation', { name: /业务菜单/ }).getByRole('link', { name: /到期提醒/ });
  await expect
    .poll(async () => {
      const listed = (await main(page).locator('tbody tr[data-number]').count()) + (await filings.locator('tbody tr[data-id]').count());
      return `${(await badge.textContent())?.replace(/\D/g, '')} = ${listed}`;
    })
    .toMatch(/^(\d+) = \1$/);

  await row.getByRole('button', { name: '修改', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/wp-change/${id}/edit$`));
  await expect(h1(page)).toHaveText(documentDef('wp-change').title);
  await expect(page.getByLabel('变更发生日期', { exact: true })).toHaveValue(event);
});

test('the 通知 form’s points panel shows the three sample candidates’ hand-computed totals and categories; the checklist follows the uploads', async ({ page, app }) => {
  test.slow();
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  await openMenu(page, '工作许可通知申请');
  await passTips(page, 'wp-notice');
  await expect(page).toHaveURL(/#\/records\/wp-notice\/new$/);
  const points = main(page).getByTestId('wp-points');
  for (const c of WORK_PERMIT_CANDIDATES) {
    await fillDocument(page, 'wp-notice', { values: c.values });
    await expect(points.getByTestId('wp-points-total'), c.id).toHaveAttribute('data-total', String(c.expected.total));
    await expect(points.getByTestId('wp-category'), c.id).toHaveAttribute('data-category', c.expected.category);
  }

  // 无犯罪记录证明: a PDF uploaded, issued 7 months before the filing date → 已过期
  const materials = main(page).getByTestId('wp-materials');
  const row = materials.locator('tr[data-material="criminalRecord"]');
  await expect(row).toHaveAttribute('data-state', 'missing');
  await page.getByLabel('无犯罪记录证明', { exact: true }).setInputFiles({
    name: 'record.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await expect(main(page).locator('[data-field="wp.material.criminalRecord"]').getByTestId('attachment-state')).toContainText('已上传：PDF');
  // the filing date is the candidates' 2027-03-01: 2026-08-01 is 7 months before it, 2026-12-01 3 months
  await page.getByLabel('无犯罪记录证明出具日期', { exact: true }).fill('2026-08-01');
  await expect(row).toHaveAttribute('data-state', 'expired');
  await page.getByLabel('无犯罪记录证明出具日期', { exact: true }).fill('2026-12-01');
  await expect(row).toHaveAttribute('data-state', 'attached');

  // a GIF is refused with its message and changes nothing
  await page.getByLabel('体检证明', { exact: true }).setInputFiles({ name: 'x.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  await expect(main(page).locator('[data-field="wp.material.healthCheck"]').getByRole('alert')).toContainText('须为 PDF、JPEG 或 PNG 文件');
  await expect(main(page).locator('[data-field="wp.material.healthCheck"]').getByTestId('attachment-state')).toHaveText('未上传');
});
