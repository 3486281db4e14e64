/**
 * The bureau's permits on the desk (GET /v1/permits): after the first 【同步】 as the demo
 * enterprise, the 就业证 the sandbox seeded to expire in 20 days is in 到期提醒 with the menu badge,
 * though it never went through this desk, and 【申请延期】 opens the prefilled extension.
 */
import type { Page } from '@playwright/test';
import { documentDef } from '../../shared/documents/registry';
import { addDays } from '../../shared/validation/dates';
import { DEMO } from '../sandbox/testing';
import { expect, login, test, TEST_TODAY, type RunningApp } from './fixtures';

const go = (page: Page, app: RunningApp, path: string) => page.goto(`${app.url}#${path}`);
const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('after the first 【同步】 the demo enterprise\'s 20-day 就业证 is in 到期提醒 with the badge; 【申请延期】 opens the prefilled extension', async ({ page, app, bureau }) => {
  const demo = bureau.store.enterpriseByEmail(DEMO.email);
  const seeded = bureau.store.certificatesOf(demo?.id ?? -1);
  const miller = seeded.find((c) => c.documentKind === 'registration-licensed');
  const wong = seeded.find((c) => c.documentKind === 'hmt-permit');
  if (!miller || !wong) throw new Error('the sandbox did not seed the demo enterprise\'s permits');
  const expiry = addDays(TEST_TODAY, 20);
  expect(miller.expiry).toBe(expiry);

  await login(page, app);
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByText(/同步完成/).first()).toBeVisible();

  await go(page, app, '/deadlines');
  await expect(h1(page)).toHaveText('到期提醒');
  // the badge counts the two permits within 30 days: the 就业证 (20 days) and the 台港澳人员就业证 (25 days)
  await expect(page.getByRole('navigation', { name: /业务菜单/ }).getByRole('link', { name: /到期提醒/ })).toHaveText(/^\s*到期提醒\s*2\s*$/);
  const within30 = main(page).getByRole('region', { name: /30 天内到期/ });
  const row = within30.locator(`tbody tr[data-number="${miller.number}"]`);
  await expect(row).toContainText('DAVID JAMES MILLER');
  await expect(row.getByText(expiry, { exact: true })).toBeVisible();
  await expect(row.getByText('剩余 20 天', { exact: true })).toBeVisible();
  await expect(within30.locator(`tbody tr[data-number="${wong.number}"]`)).toContainText('黄志伟');

  // 【申请延期】: the extension of that permit, prefilled; only 申请延期至 and 延期理由 are left to type
  await row.getByRole('button', { name: '申请延期', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/extension/new\\?number=${miller.number}`));
  await expect(h1(page)).toHaveText(documentDef('extension').title);
  await expect(page.getByLabel('就业证号码', { exact: true })).toHaveValue(miller.number);
  await expect(page.getByLabel('原有效期至', { exact: true })).toHaveValue(expiry);
  await expect(page.getByLabel('外文姓名', { exact: true })).toHaveValue('DAVID JAMES MILLER');
  await expect(page.getByLabel('单位名称', { exact: true }).first()).toHaveValue(DEMO.profile.name);
  await expect(page.getByLabel('申请延期至', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('延期理由', { exact: true })).toHaveValue('');
});
