/**
 * The people roster and deadlines in the browser (routes: /roster, /roster/new, /roster/:id,
 * /deadlines; the form page honours ?personId=):
 * - create a person on 人员名册, start two applications from the person's page (prefilled from the
 *   person), save both, and see both on the person's page;
 * - a permit approved by the sandbox bureau and expiring in 20 days (host clock 2026-11-28) is on
 *   到期提醒 and on the person's page, one expiring in 200 days is not, and 【申请延期】 opens the
 *   extension prefilled from the local approved record;
 * - one document number, two names: 【提交】 asks 「这是同一人吗？」, 【不同人员，新建】 adds a second
 *   person with the number, 【同一人，更新信息】 updates the one shown (with history), and 新增人员
 *   with a known number asks the same (【取消】 saves nothing).
 */
import type { Page } from '@playwright/test';
import { documentDef } from '../../shared/documents';
import { personFields } from '../../shared/roster/person';
import { HMT_PERMIT_VALUES, LICENSE_VALUES, RECRUITMENT_VALUES, REGISTRATION_LICENSED_VALUES } from '../fixtures/documents';
import { expect, login, test, type RunningApp } from './fixtures';
import { openBridge } from './helpers/bridge';
import { fieldControl, fillDocument, fillField } from './helpers/fillDocument';
import { DEMO_ACCOUNTS } from '../sandbox/accounts';
import type { Sandbox } from '../sandbox';

/** the fixtures' employer: its uploads are the signed-in enterprise's own */
const ZHUJIANG = DEMO_ACCOUNTS.find((a) => a.email === 'hr@zhujiang-tech.example.cn')!;

/**
 * The bureau lists an enterprise's permits at every 【同步】 (and the sign-in's first sync): these
 * tests count and match the desk's own, so the seeded 就业证 of the account go first (licenses stay:
 * the fixtures' registrations refer to one).
 */
function withoutSeededPermits(bureau: Sandbox, email: string): void {
  const id = bureau.store.enterpriseByEmail(email)?.id;
  bureau.db.prepare("DELETE FROM certificates WHERE enterprise_id = ? AND kind = 'permit'").run(id);
}

const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);
const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

const SMITH = Object.fromEntries(Object.entries(LICENSE_VALUES).filter(([k]) => k.startsWith('person.')));
const personKeys = Object.keys(SMITH);

test('人员名册: create a person, use them in two applications, see both on the person page', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/roster');
  await expect(h1(page)).toHaveText('人员名册');
  await main(page).getByRole('link', { name: '新增人员', exact: true }).click();
  await expect(h1(page)).toHaveText('新增人员');

  for (const field of personFields('foreign')) {
    const value = SMITH[field.key];
    if (value !== undefined) await fillField(page, field, value);
  }
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(/#\/roster\/[0-9a-f-]{36}$/);
  await expect(h1(page)).toHaveText('JOHN MICHAEL SMITH');
  const personUrl = page.url();
  const personId = /#\/roster\/([0-9a-f-]{36})$/.exec(personUrl)?.[1] ?? '';

  // found on the roster by a later word of the name
  await go(page, app, '/roster');
  await page.getByLabel('姓名或证件号码', { exact: true }).fill('SMI');
  await main(page).getByRole('button', { name: '查询', exact: true }).click();
  await expect(main(page).locator('tbody tr')).toHaveCount(1);
  await main(page).getByRole('link', { name: 'JOHN MICHAEL SMITH', exact: true }).click();
  await expect(page).toHaveURL(personUrl);

  // two applications started from the person: the form opens with the person's fields filled in
  const starts = [
    { button: '外国人就业许可证书申请', kind: 'license' as const, values: LICENSE_VALUES },
    { button: '填写《聘用外国人就业申请表》', kind: 'recruitment' as const, values: { ...RECRUITMENT_VALUES, ...SMITH } },
  ];
  for (const s of starts) {
    await page.goto(personUrl);
    await main(page).getByRole('button', { name: s.button, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/records/${s.kind}/new\\?personId=${personId}$`));
    await expect(h1(page)).toHaveText(documentDef(s.kind).title);
    await expect(page.getByLabel('外文姓名', { exact: true })).toHaveValue('JOHN MICHAEL SMITH');
    await expect(page.getByLabel('护照号码', { exact: true })).toHaveValue(SMITH['person.passportNo']!);
    await fillDocument(page, s.kind, { values: s.values, skip: personKeys });
    await main(page).getByRole('button', { name: '保存', exact: true }).click();
    await expect(page).not.toHaveURL(/\/new/);
  }

  await page.goto(personUrl);
  const documents = main(page).getByRole('region', { name: /全部申请/ });
  await expect(documents.locator('tbody tr[data-kind]')).toHaveCount(2);
  await expect(documents.locator('tbody tr[data-kind="license"]').getByText('未提交', { exact: true })).toBeVisible();
  await expect(documents.locator('tbody tr[data-kind="recruitment"]').getByText('未提交', { exact: true })).toBeVisible();
  await documents.locator('tbody tr[data-kind="license"]').getByRole('link', { name: '查看', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/license\/[0-9a-f-]{36}$/);
});

test('到期提醒: a permit expiring in 20 days is listed with 【申请延期】; one in 200 days is not', async ({ page, app, bureau }) => {
  withoutSeededPermits(bureau, ZHUJIANG.email);
  await login(page, app, ZHUJIANG.email, ZHUJIANG.password);
  // two licensed registrations, approved by the bureau: permits to 2026-12-18 (20 days) and 2027-06-16 (200 days)
  const bridge = await openBridge(app);
  const ids: string[] = [];
  try {
    const soon = { ...REGISTRATION_LICENSED_VALUES, 'job.start': '2025-12-19', 'job.end': '2026-12-18' };
    const later = {
      ...REGISTRATION_LICENSED_VALUES,
      'person.nameEn': 'ANNA MARIA SCHMIDT',
      'person.passportNo': 'C4KX9L2P7',
      'job.start': '2026-06-17',
      'job.end': '2027-06-16',
    };
    for (const values of [soon, later]) {
      const draft = await bridge.call('records:save', { kind: 'registration-licensed', values });
      await bridge.call('records:submit', { id: draft.id });
      ids.push(draft.id);
    }
    await bridge.call('sync:run', {});
    for (const s of bureau.review.list('pending')) bureau.review.approve(s.submissionId);
    await bridge.call('sync:run', {});
  } finally {
    bridge.close();
  }

  await go(page, app, '/deadlines');
  await expect(h1(page)).toHaveText('到期提醒');
  // the menu badge counts the one permit within the thresholds
  await expect(page.getByRole('navigation', { name: /业务菜单/ }).getByRole('link', { name: /到期提醒/ })).toHaveText(/^\s*到期提醒\s*1\s*$/);
  const within30 = main(page).getByRole('region', { name: /30 天内到期/ });
  await expect(within30.locator('tbody tr')).toHaveCount(1);
  const row = within30.locator('tbody tr').filter({ hasText: 'JOHN MICHAEL SMITH' });
  await expect(row.getByText('2026-12-18', { exact: true })).toBeVisible();
  await expect(row.getByText('剩余 20 天', { exact: true })).toBeVisible();
  await expect(main(page).getByText('ANNA MARIA SCHMIDT')).toHaveCount(0);
  await expect(main(page).getByRole('note')).toContainText('节假日日历覆盖');
  const number = (await row.getAttribute('data-number')) ?? '';
  expect(number).toMatch(/^E\d{11}$/);

  // the person's page shows the permit too
  await row.getByRole('link', { name: 'JOHN MICHAEL SMITH', exact: true }).click();
  await expect(h1(page)).toHaveText('JOHN MICHAEL SMITH');
  await expect(page.getByTestId('permit-number')).toHaveText(number);
  await expect(page.getByTestId('permit-expiry')).toContainText('2026-12-18');

  // 【申请延期】 opens the extension prefilled from the approved registration
  await main(page).getByRole('button', { name: '申请延期', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/extension/new\\?number=${number}&personId=`));
  await expect(h1(page)).toHaveText(documentDef('extension').title);
  await expect(page.getByLabel('就业证号码', { exact: true })).toHaveValue(number);
  await expect(page.getByLabel('原有效期至', { exact: true })).toHaveValue('2026-12-18');
  await expect(page.getByLabel('外文姓名', { exact: true })).toHaveValue('JOHN MICHAEL SMITH');
  await expect(fieldControl(page, documentDef('extension').field('person.passportNo')!)).toHaveValue(REGISTRATION_LICENSED_VALUES['person.passportNo']!);
  await expect(page.getByLabel('申请延期至', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('延期理由', { exact: true })).toHaveValue('');

  // no typing but the new date and the reason: saved, then submitted without a blocking problem
  await fillField(page, documentDef('extension').field('permit.newExpiry')!, '2027-12-18');
  await fillField(page, documentDef('extension').field('permit.reason')!, '续订劳动合同一年');
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await expect(h1(page)).toHaveText('就业许可延期查询');
  const extensionRow = main(page).locator('tbody tr').filter({ hasText: 'JOHN MICHAEL SMITH' });
  await extensionRow.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await expect(extensionRow.getByText('已提交', { exact: true })).toBeVisible();
});

test('one document number, two names: 【提交】 and 新增人员 ask who it is, and each answer does what it says', async ({ page, app, bureau }) => {
  withoutSeededPermits(bureau, DEMO_ACCOUNTS[0]!.email); // the demo's seeded HMT permit is 黄志伟's, H12345678
  await login(page, app);
  const number = 'H12345678';
  const hk = { 'hmt.residentType': '香港居民', 'hmt.docType': '港澳居民来往内地通行证', 'hmt.docNo': number };
  const hmtOnly = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('hmt.')));
  const bridge = await openBridge(app);
  try {
    await bridge.call('people:save', { type: 'hmt', values: hmtOnly({ ...HMT_PERMIT_VALUES, ...hk }) }); // 陈家明, 1990-01-01
    await bridge.call('records:save', { kind: 'hmt-permit', values: { ...HMT_PERMIT_VALUES, ...hk, 'hmt.name': '黄志伟', 'hmt.birthDate': '1986-05-20' } });
    await bridge.call('records:save', { kind: 'hmt-permit', values: { ...HMT_PERMIT_VALUES, ...hk, 'hmt.name': '李文华', 'hmt.birthDate': '1992-02-02' } });
  } finally {
    bridge.close();
  }
  const question = page.getByRole('dialog').filter({ hasText: '这是同一人吗？' });
  const rosterNames = async () => {
    await go(page, app, '/roster');
    await page.getByLabel('姓名或证件号码', { exact: true }).fill(number);
    await main(page).getByRole('button', { name: '查询', exact: true }).click();
    await expect(main(page).locator('tbody tr[data-id]').first()).toBeVisible();
    // the search's answer, not the list before it (the bureau's permit holders are in the roster too)
    await expect(main(page).locator('tbody tr[data-id] td:nth-child(5)').filter({ hasNotText: number })).toHaveCount(0);
    return (await main(page).locator('tbody tr[data-id] td:nth-child(2)').allInnerTexts()).map((n) => n.trim()).sort();
  };
  const submitRow = async (name: string) => {
    await go(page, app, '/hmt-permit/query');
    const row = main(page).locator('tbody tr').filter({ hasText: name });
    await row.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    return row;
  };

  // 黄志伟 with 陈家明's number: asked; 【不同人员，新建】 makes a second person with the number
  const huang = await submitRow('黄志伟');
  await expect(question).toBeVisible();
  await expect(question.getByTestId('person-conflict-question')).toContainText(`证件号码 ${number} 已属于人员名册中的 陈家明（出生日期 1990-01-01）。这是同一人吗？`);
  await expect(huang.getByText('未提交', { exact: true })).toBeVisible(); // nothing happened while asking
  await question.getByRole('button', { name: '不同人员，新建', exact: true }).click();
  await expect(question).toBeHidden();
  await expect(huang.getByText('已提交', { exact: true })).toBeVisible();
  expect(await rosterNames()).toEqual(['陈家明', '黄志伟'].sort());

  // 李文华 with the same number: asked about the most recently changed holder, 黄志伟; 【同一人，更新信息】 renames them
  const li = await submitRow('李文华');
  await expect(question.getByTestId('person-conflict-question')).toContainText(`证件号码 ${number} 已属于人员名册中的 黄志伟（出生日期 1986-05-20）。这是同一人吗？`);
  await question.getByRole('button', { name: '同一人，更新信息', exact: true }).click();
  await expect(question).toBeHidden();
  await expect(li.getByText('已提交', { exact: true })).toBeVisible();
  expect(await rosterNames()).toEqual(['李文华', '陈家明'].sort());
  await main(page).getByRole('link', { name: '李文华', exact: true }).click();
  await expect(h1(page)).toHaveText('李文华');
  const history = main(page).getByRole('region', { name: /变更记录|History/ });
  await expect(history.getByText(/黄志伟 → 李文华/)).toBeVisible();
  await expect(history.getByText(/1986-05-20 → 1992-02-02/)).toBeVisible();
  const documents = main(page).getByRole('region', { name: /全部申请/ });
  await expect(documents.locator('tbody tr[data-kind="hmt-permit"]')).toHaveCount(2);

  // 新增人员 with the number: asked too; 【取消】 saves nothing, 【不同人员，新建】 adds 王小明
  await go(page, app, '/roster/new?type=hmt');
  await expect(h1(page)).toHaveText('新增人员');
  const fields = new Map(personFields('hmt').map((f) => [f.key, f] as const));
  const newPerson: Record<string, string> = { 'hmt.name': '王小明', 'hmt.birthDate': '1995-12-12', ...hk };
  for (const [key, value] of Object.entries(newPerson)) await fillField(page, fields.get(key)!, value);
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await expect(question.getByTestId('person-conflict-question')).toContainText(`证件号码 ${number} 已属于人员名册中的 李文华（出生日期 1992-02-02）`);
  await question.getByRole('button', { name: '取消', exact: true }).click();
  await expect(question).toBeHidden();
  await expect(h1(page)).toHaveText('新增人员');
  await main(page).getByRole('button', { name: '保存', exact: true }).click();
  await question.getByRole('button', { name: '不同人员，新建', exact: true }).click();
  await expect(page).toHaveURL(/#\/roster\/[0-9a-f-]{36}$/);
  await expect(h1(page)).toHaveText('王小明');
  expect(await rosterNames()).toEqual(['李文华', '王小明', '陈家明'].sort());
});
