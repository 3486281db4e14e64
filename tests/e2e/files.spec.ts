/**
 * Files in browser mode (issue 13): nothing crosses the bridge as bytes. 【备份】 and 【导出】 come back as
 * downloads from the local host, 【恢复】 and 【导入】 upload the picked file first (with its progress),
 * then the channels work on the file's id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { queryRoute } from '../../shared/documents';
import { LICENSE_VALUES } from '../fixtures/documents';
import { expect, login, test } from './fixtures';
import { createRecords } from './helpers/bridge';

test('【备份】 downloads the store; 【恢复】 uploads it, shows what it holds and restores it', async ({ page, app }, testInfo) => {
  await login(page, app);
  await createRecords(app, 'license', 3, (i) => ({ ...LICENSE_VALUES, 'person.nameEn': `BACKUP PERSON ${i + 1}` }));
  await page.goto(`${app.url}#/data/backup`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.sqlite$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(4096);
  await expect(page.getByText(/备份完成/)).toBeVisible();

  await page.getByLabel('选择备份文件 / Choose the backup file').setInputFiles(file);
  const confirm = page.getByRole('dialog', { name: '确认恢复 / Confirm restore' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByText('共 3 份')).toBeVisible();
  await confirm.getByRole('button', { name: '确认恢复' }).click();
  await expect(page.getByText('恢复完成 / Restore complete')).toBeVisible();
});

test('【恢复】 of a file that is no backup is refused with a clear message', async ({ page, app }, testInfo) => {
  await login(page, app);
  await page.goto(`${app.url}#/data/backup`);
  const file = testInfo.outputPath('not-a-backup.sqlite');
  fs.writeFileSync(file, 'this is not a database '.repeat(100));
  await page.getByLabel('选择备份文件 / Choose the backup file').setInputFiles(file);
  await expect(page.getByRole('alert').filter({ hasText: '不是' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: '确认恢复 / Confirm restore' })).toHaveCount(0);
});

test('【下载模板】 and 【导出】 download xlsx files; 【导入】 uploads the file and reports', async ({ page, app }, testInfo) => {
  await login(page, app);
  await createRecords(app, 'license', 2, (i) => ({ ...LICENSE_VALUES, 'person.nameEn': `EXPORT PERSON ${i + 1}` }));
  await page.goto(`${app.url}#${queryRoute('license')}`);

  const templateDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载模板', exact: true }).click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  const templateFile = testInfo.outputPath(template.suggestedFilename());
  await template.saveAs(templateFile);
  expect(fs.readFileSync(templateFile).subarray(0, 2).toString('latin1')).toBe('PK');

  const exportDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const exported = await exportDownload;
  expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
  const exportedFile = testInfo.outputPath(`exported-${exported.suggestedFilename()}`);
  await exported.saveAs(exportedFile);
  expect(fs.statSync(exportedFile).size).toBeGreaterThan(1000);

  // the empty template goes up and comes back with the import's report
  await page.getByLabel('选择要导入的 Excel 文件 / Choose the Excel file to import').setInputFiles(templateFile);
  const report = page.getByRole('dialog', { name: '导入报告 / Import report' });
  await expect(report).toBeVisible();
  await expect(report.getByText(/模板|共 0 行/)).toBeVisible();
});

test('an upload shows its progress, and 【取消】 stops it: the host keeps nothing', async ({ page, app }, testInfo) => {
  await login(page, app);
  await page.goto(`${app.url}#/data/backup`);
  // a slow link, so that the upload is still running when 【取消】 is clicked
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  const file = testInfo.outputPath('large.sqlite');
  fs.writeFileSync(file, Buffer.alloc(16 * 1024 * 1024, 1));

  await page.getByLabel('选择备份文件 / Choose the backup file').setInputFiles(file);
  const step = page.getByRole('status').filter({ hasText: '正在上传' });
  await expect(step).toBeVisible();
  await step.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '上传已取消' })).toBeVisible();
  await expect.poll(() => fs.readdirSync(path.join(app.dataDir, 'transfers'))).toEqual([]);
});
