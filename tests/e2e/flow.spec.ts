/**
 * The non-form pages of the five processes: 申请 pages, tips pages (every box ticked before
 * 【下一步】), number pages, and the 外国人就业证查询 hub.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, login } from './fixtures';
import { documentDef } from '../../shared/documents';
import type { DocumentKind } from '../../shared/documents/types';

const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nextButton = (page: Page) => main(page).getByRole('button', { name: '下一步', exact: true });

async function openMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '业务菜单 / Menu' }).getByRole('link', { name: label, exact: true }).click();
  await expect(h1(page)).toHaveText(label);
}

async function tickAll(boxes: Locator): Promise<void> {
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
}

/** From the first tips page of `kind`, ticks every page through to what follows the last one. */
async function passTips(page: Page, kind: DocumentKind): Promise<void> {
  const tips = documentDef(kind).tips;
  for (let i = 0; i < tips.length; i++) {
    await expect(page).toHaveURL(new RegExp(`#/flow/${kind}/tips/${i + 1}$`));
    await expect(h1(page)).toHaveText(tips[i]!.title);
    await tickAll(main(page).getByRole('checkbox'));
    await nextButton(page).click();
  }
}

test('license: tips → requirements, 【下一步】 gated by every box, 【上一步】 resets, then the form', async ({ page, app }) => {
  const [tips, requirements] = documentDef('license').tips;
  expect(tips).toBeDefined();
  expect(requirements).toBeDefined();
  await login(page, app);
  await openMenu(page, '外国人就业许可证书申请');
  await main(page).getByRole('link', { name: '外国人就业许可提示 tips', exact: true }).click();

  await expect(page).toHaveURL(/#\/flow\/license\/tips\/1$/);
  await expect(h1(page)).toHaveText(tips!.title);
  const boxes = main(page).getByRole('checkbox');
  await expect(boxes).toHaveCount(tips!.items.length);
  // each box is labelled by its own item
  for (const item of tips!.items) await expect(main(page).getByRole('checkbox', { name: item, exact: true })).not.toBeChecked();

  await expect(nextButton(page)).toBeDisabled();
  for (let i = 0; i < tips!.items.length - 1; i++) await boxes.nth(i).check();
  await expect(nextButton(page)).toBeDisabled();
  await boxes.nth(tips!.items.length - 1).check();
  await expect(nextButton(page)).toBeEnabled();
  await nextButton(page).click();

  await expect(page).toHaveURL(/#\/flow\/license\/tips\/2$/);
  await expect(h1(page)).toHaveText(requirements!.title);
  await expect(main(page).getByRole('checkbox')).toHaveCount(requirements!.items.length);
  await expect(nextButton(page)).toBeDisabled();

  // 【上一步】 goes back to the tips; their boxes must be ticked again
  await main(page).getByRole('button', { name: '上一步', exact: true }).click();
  await expect(page).toHaveURL(/#\/flow\/license\/tips\/1$/);
  await expect(main(page).getByRole('checkbox').first()).not.toBeChecked();
  await expect(nextButton(page)).toBeDisabled();

  await tickAll(main(page).getByRole('checkbox'));
  await nextButton(page).click();
  await expect(page).toHaveURL(/#\/flow\/license\/tips\/2$/);
  await tickAll(main(page).getByRole('checkbox'));
  await nextButton(page).click();
  await expect(page).toHaveURL(/#\/records\/license\/new$/);
});

test('license tips: the purple requirements link waits for the ticks; 【上一步】 on the first page returns to 申请', async ({ page, app }) => {
  await login(page, app);
  await openMenu(page, '外国人就业许可证书申请');
  await main(page).getByRole('link', { name: '外国人就业许可提示 tips', exact: true }).click();
  const purple = main(page).getByRole('link', { name: '外国人就业许可证书申请条件 requirements', exact: true });
  await expect(purple).toHaveAttribute('aria-disabled', 'true');
  await tickAll(main(page).getByRole('checkbox'));
  await expect(purple).not.toHaveAttribute('aria-disabled', 'true');
  await purple.click();
  await expect(page).toHaveURL(/#\/flow\/license\/tips\/2$/);
  await main(page).getByRole('button', { name: '上一步', exact: true }).click();
  await main(page).getByRole('button', { name: '上一步', exact: true }).click();
  await expect(page).toHaveURL(/#\/license\/apply$/);

  // the requirements page cannot be opened past the tips
  await page.goto(`${app.url}#/flow/license/tips/2`);
  await expect(page).toHaveURL(/#\/flow\/license\/tips\/1$/);
});

test('license tips: the red 【外国人就业证申请】 link opens the recruitment application', async ({ page, app }) => {
  await login(page, app);
  await openMenu(page, '外国人就业许可证书申请');
  await main(page).getByRole('link', { name: '外国人就业许可提示 tips', exact: true }).click();
  await main(page).getByRole('link', { name: '外国人就业证申请', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/recruitment\/new$/);
});

test('外国人就业证申请: the application form link and the tips → 就业许可证书号码 → form', async ({ page, app }) => {
  await login(page, app);
  await openMenu(page, '外国人就业证申请');
  await main(page).getByRole('link', { name: '填写《聘用外国人就业申请表》application form', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/recruitment\/new$/);

  await openMenu(page, '外国人就业证申请');
  await main(page).getByRole('link', { name: '《外国人就业证》办理提示 tips', exact: true }).click();
  await passTips(page, 'registration-licensed');
  await expect(page).toHaveURL(/#\/flow\/registration-licensed\/number$/);
  const entry = documentDef('registration-licensed').numberEntry!;
  await page.getByLabel(entry.label, { exact: true }).fill('gz 2026 0000123');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/registration-licensed\/new\?number=GZ20260000123$/);
});

test('就业许可延期申请: the number page refuses a malformed number with its message', async ({ page, app }) => {
  const entry = documentDef('extension').numberEntry!;
  await login(page, app);

  // the number page cannot be reached before the tips
  await page.goto(`${app.url}#/flow/extension/number`);
  await expect(page).toHaveURL(/#\/flow\/extension\/tips\/1$/);

  await openMenu(page, '就业许可延期申请');
  await main(page).getByRole('link', { name: '外国人就业许可延期申请提示 tips', exact: true }).click();
  await passTips(page, 'extension');
  await expect(page).toHaveURL(/#\/flow\/extension\/number$/);

  const input = page.getByLabel(entry.label, { exact: true });
  await input.fill('E2026-12');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  const message = entry.validate('E2026-12');
  expect(message).not.toBeNull();
  await expect(main(page).getByRole('alert')).toHaveText(message!);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/flow\/extension\/number$/);

  await input.fill('');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(main(page).getByRole('alert')).toContainText(`请输入${entry.label}`);

  await input.fill('E20260000123');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/extension\/new\?number=E20260000123$/);
});

test('台港澳: the permit tips lead to the form; the extension tips to 就业证号码', async ({ page, app }) => {
  await login(page, app);
  await openMenu(page, '台港澳人员就业证申请');
  await main(page).getByRole('link', { name: '台港澳人员就业许可提示', exact: true }).click();
  await passTips(page, 'hmt-permit');
  await expect(page).toHaveURL(/#\/records\/hmt-permit\/new$/);

  await openMenu(page, '许可延期申请');
  await main(page).getByRole('link', { name: '台港澳人员就业许可延期申请', exact: true }).click();
  await passTips(page, 'hmt-extension');
  await expect(page).toHaveURL(/#\/flow\/hmt-extension\/number$/);
  const entry = documentDef('hmt-extension').numberEntry!;
  await page.getByLabel(entry.label, { exact: true }).fill('E20260000123');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(main(page).getByRole('alert')).toHaveText(entry.validate('E20260000123')!);
  await page.getByLabel(entry.label, { exact: true }).fill('T20260000123');
  await main(page).getByRole('button', { name: '确定', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/hmt-extension\/new\?number=T20260000123$/);
});

test('外国人就业证查询 shows two headings and three links to the lists', async ({ page, app }) => {
  await login(page, app);
  await openMenu(page, '外国人就业证查询');
  const licensed = main(page).getByRole('region', { name: '1、已办就业许可证书，查询:' });
  const exempt = main(page).getByRole('region', { name: '2、免办就业许可证书，查询:' });
  await expect(main(page).getByRole('heading', { level: 2, name: '1、已办就业许可证书，查询:', exact: true })).toBeVisible();
  await expect(main(page).getByRole('heading', { level: 2, name: '2、免办就业许可证书，查询:', exact: true })).toBeVisible();
  await expect(licensed).toContainText('For whom acquired Employment License, inquiry:');
  await expect(exempt).toContainText('For whom exempted from the Employment License, inquiry:');
  await expect(licensed.getByRole('link')).toHaveCount(1);
  await expect(exempt.getByRole('link')).toHaveCount(2);

  await licensed.getByRole('link', { name: '《外国人就业登记表》 registration form', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/registration-licensed\/list$/);

  await openMenu(page, '外国人就业证查询');
  await exempt.getByRole('link', { name: '《聘用外国人就业申请表》 application for recruiting foreign worker in China', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/recruitment\/list$/);

  await openMenu(page, '外国人就业证查询');
  await exempt.getByRole('link', { name: '《外国人就业登记表》 registration form', exact: true }).click();
  await expect(page).toHaveURL(/#\/records\/registration-exempt\/list$/);
});
