/**
 * The five processes of the manual, end to end in browser mode: tips → (number →) form → fill →
 * 【保存】 → the query page shows 未提交 → 【修改】 (police opinion where needed) → 【保存】 →
 * 【提交】 → 已提交 / 待预审, with 【修改】 and 【提交】 gone from the row. Plus the refusal of a
 * license without the police opinion, and typed data surviving a reload.
 */
import type { Locator, Page } from '@playwright/test';
import { documentDef, queryRoute } from '../../shared/documents';
import type { DocumentKind } from '../../shared/documents/types';
import { FIXTURE_HMT_PERMIT_NO, FIXTURE_LICENSE_NO, FIXTURE_PERMIT_NO, VALID_VALUES } from '../fixtures/documents';
import { expect, login, test, type RunningApp } from './fixtures';
import { fillDocument, fillField } from './helpers/fillDocument';

const POLICE = ['police.opinion', 'police.date'] as const;

const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const personName = (kind: DocumentKind) => documentDef(kind).personName(VALID_VALUES[kind]);
const rowOf = (page: Page, name: string): Locator => page.locator('tbody tr').filter({ hasText: name });

/** Ticks every box of each tips page of `kind` and presses 【下一步】. */
async function passTips(page: Page, kind: DocumentKind): Promise<void> {
  const pages = documentDef(kind).tips.length;
  for (let step = 1; step <= pages; step++) {
    await expect(page).toHaveURL(new RegExp(`#/flow/${kind}/tips/${step}$`));
    const next = page.getByRole('button', { name: '下一步', exact: true });
    const boxes = page.locator('main ol input[type="checkbox"]');
    await expect(boxes.first()).toBeVisible();
    await expect(next).toBeDisabled();
    const n = await boxes.count();
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
    await next.click();
  }
}

/** The number page: enter the number, 【确定】. */
async function enterNumber(page: Page, kind: DocumentKind, number: string): Promise<void> {
  const entry = documentDef(kind).numberEntry;
  if (!entry) throw new Error(`${kind} has no number page`);
  await expect(page).toHaveURL(new RegExp(`#/flow/${kind}/number$`));
  await page.getByLabel(entry.label, { exact: true }).fill(number);
  await page.getByRole('button', { name: '确定', exact: true }).click();
}

async function saveToQueryPage(page: Page, kind: DocumentKind): Promise<void> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#${escapeRe(queryRoute(kind))}$`));
}

/** From the filled form: 【保存】, 未提交 on the list, 【修改】 (+ police opinion), 【保存】, 【提交】. */
async function saveEditSubmit(page: Page, kind: DocumentKind, withPolice: boolean): Promise<void> {
  const name = personName(kind);
  await saveToQueryPage(page, kind);
  const row = rowOf(page, name);
  await expect(row).toHaveCount(1);
  await expect(row.getByText('未提交', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: '提交', exact: true })).toBeVisible();

  await row.getByRole('link', { name: '修改', exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByLabel(documentDef(kind).sections[0]?.fields[0]?.label ?? '', { exact: true })).not.toHaveValue('');
  if (withPolice) {
    const def = documentDef(kind);
    for (const key of POLICE) {
      const field = def.sections.flatMap((s) => s.fields).find((f) => f.key === key);
      const value = VALID_VALUES[kind][key];
      if (!field || value === undefined) throw new Error(`${kind}: no ${key}`);
      await fillField(page, field, value);
    }
  }
  await saveToQueryPage(page, kind);

  await row.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByText('提交后不可修改，确认提交？', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await expect(row.getByText('已提交', { exact: true })).toBeVisible();
  await expect(row.getByText('待预审', { exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: '修改', exact: true })).toHaveCount(0);
  await expect(row.getByRole('button', { name: '提交', exact: true })).toHaveCount(0);
  await expect(row.getByRole('link', { name: '查看', exact: true })).toBeVisible();
}

test.describe('the five processes', () => {
  test.beforeEach(async ({ page, app }) => {
    await login(page, app);
  });

  test('外国人就业许可证书申请: tips, requirements, form, police opinion, submit', async ({ page, app }) => {
    await go(page, app, '/license/apply');
    await page.getByRole('link', { name: '外国人就业许可提示' }).click();
    await passTips(page, 'license');
    await expect(page).toHaveURL(/#\/records\/license\/new$/);
    await fillDocument(page, 'license', { skip: POLICE });
    await saveEditSubmit(page, 'license', true);
  });

  test('外国人就业证申请 (exempt): 《聘用外国人就业申请表》 up to 待预审', async ({ page, app }) => {
    await go(page, app, '/employment/apply');
    await page.getByRole('link', { name: '填写《聘用外国人就业申请表》' }).click();
    await expect(page).toHaveURL(/#\/records\/recruitment\/new$/);
    await fillDocument(page, 'recruitment', { skip: POLICE });
    await saveEditSubmit(page, 'recruitment', true);
  });

  test('外国人就业证申请 (licensed): tips, license number, 《外国人就业登记表》', async ({ page, app }) => {
    await go(page, app, '/employment/apply');
    await page.getByRole('link', { name: '《外国人就业证》办理提示' }).click();
    await passTips(page, 'registration-licensed');
    await enterNumber(page, 'registration-licensed', FIXTURE_LICENSE_NO);
    await expect(page).toHaveURL(/#\/records\/registration-licensed\/new\?number=/);
    // the number from the number page is on the form, read-only
    const licenseNo = page.getByLabel('就业许可证书编号', { exact: true });
    await expect(licenseNo).toHaveValue(FIXTURE_LICENSE_NO);
    await expect(licenseNo).not.toBeEditable();
    await fillDocument(page, 'registration-licensed');
    await saveEditSubmit(page, 'registration-licensed', false);
  });

  test('就业许可延期申请: tips, permit number, extension form', async ({ page, app }) => {
    await go(page, app, '/extension/apply');
    await page.getByRole('link', { name: '外国人就业许可延期申请提示' }).click();
    await passTips(page, 'extension');
    await enterNumber(page, 'extension', FIXTURE_PERMIT_NO);
    await expect(page.getByLabel('就业证号码', { exact: true })).toHaveValue(FIXTURE_PERMIT_NO);
    await fillDocument(page, 'extension');
    await saveEditSubmit(page, 'extension', false);
  });

  test('台港澳人员就业证申请: tips, form, submit', async ({ page, app }) => {
    await go(page, app, '/hmt-permit/apply');
    await page.getByRole('link', { name: '台港澳人员就业许可提示' }).click();
    await passTips(page, 'hmt-permit');
    await expect(page).toHaveURL(/#\/records\/hmt-permit\/new$/);
    await fillDocument(page, 'hmt-permit');
    await saveEditSubmit(page, 'hmt-permit', false);
  });

  test('台港澳人员许可延期申请: tips, permit number, form, submit', async ({ page, app }) => {
    await go(page, app, '/hmt-extension/apply');
    await page.getByRole('link', { name: '台港澳人员就业许可延期申请' }).click();
    await passTips(page, 'hmt-extension');
    await enterNumber(page, 'hmt-extension', FIXTURE_HMT_PERMIT_NO);
    await expect(page.getByLabel('就业证号码', { exact: true })).toHaveValue(FIXTURE_HMT_PERMIT_NO);
    await fillDocument(page, 'hmt-extension');
    await saveEditSubmit(page, 'hmt-extension', false);
  });
});

test('a license without the police opinion is saved but its submission is refused', async ({ page, app }) => {
  await login(page, app);
  await go(page, app, '/records/license/new');
  await fillDocument(page, 'license', { skip: POLICE });
  await saveToQueryPage(page, 'license');
  const row = rowOf(page, personName('license'));
  await row.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();

  const dialog = page.getByRole('dialog', { name: '无法提交 / Cannot submit' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('提交前须录入「市公安出入境管理部门意见」');
  await dialog.getByRole('button', { name: '关闭', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('未提交', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: '提交', exact: true })).toBeVisible();

  // 【修改】 lists what blocks submission and marks the field
  await row.getByRole('link', { name: '修改', exact: true }).click();
  await expect(page.getByRole('region', { name: '问题列表 / Problems' })).toContainText('市公安出入境管理部门意见');
});

test('typed data survives a reload, and 【返回】 asks before discarding it', async ({ page, app }) => {
  await login(page, app);
  page.on('dialog', (d) => void d.accept()); // the beforeunload prompt
  await go(page, app, '/records/hmt-permit/new');
  const name = page.getByLabel('姓名', { exact: true });
  await name.fill('陈恢复');
  await page.getByLabel('内地住址', { exact: true }).fill('广州市越秀区中山五路1号');
  await expect(page.getByRole('status').filter({ hasText: '已自动保存' })).toBeVisible();

  await page.reload();
  await expect(page.getByText('已恢复未保存的内容 / Unsaved changes restored')).toBeVisible();
  await expect(name).toHaveValue('陈恢复');
  await expect(page.getByLabel('内地住址', { exact: true })).toHaveValue('广州市越秀区中山五路1号');

  // 【返回】 with unsaved changes: cancel keeps them, confirm discards them
  const question = page.getByRole('dialog').filter({ hasText: '放弃未保存的修改？/ Discard unsaved changes?' });
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: '取消', exact: true }).click();
  await expect(question).toBeHidden();
  await expect(name).toHaveValue('陈恢复');
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: '确定', exact: true }).click();
  await expect(page).toHaveURL(/#\/hmt-permit\/query$/);

  await go(page, app, '/records/hmt-permit/new');
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('');
  await expect(page.getByText('已恢复未保存的内容 / Unsaved changes restored')).toHaveCount(0);
});
