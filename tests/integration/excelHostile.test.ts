/**
 * Hostile xlsx files (issue 13): each is refused with a clear "中文 / English" message before
 * anything is written, the store unchanged, in bounded memory. The 1,048,575-row workbook of the
 * report is imported in a child process whose peak RSS is measured.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../shared/bridge/envelope';
import { personFields } from '../../shared/roster/person';
import { importXlsx, MAX_IMPORT_ROWS, MAX_SHEET_ROWS } from '../../main/services/data/excelImport';
import { importRosterXlsx } from '../../main/services/data/rosterExcel';
import { TEMPLATE_SUBJECT_PREFIX, templateFields } from '../../main/services/data/columns';
import { XLSX_LIMITS } from '../../main/services/data/xlsxZip';
import { filledTemplate, openTestApp, storedRecords, validRow, type TestApp } from '../helpers/dataFixtures';
import { fileIn } from '../helpers/xlsxFiles';
import { filler, sheetOfRows, workbookParts, writeMillionRowXlsx, writeZip, type RawPart } from '../helpers/hostileXlsx';
import { importInChild } from '../helpers/runImportChild';

let app: TestApp;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ app, dir, cleanup } = await openTestApp());
  // one record already there: a refused import must leave it as it is
  await importXlsx(app.core, 'license', fileIn(dir, await filledTemplate('license', [validRow('license')])));
});
afterEach(() => {
  app.close();
  cleanup();
});

const MiB = 1024 * 1024;
const LICENSE = `${TEMPLATE_SUBJECT_PREFIX}license`;
const licenseHeader = () => templateFields('license').map((f) => f.label);
const headerRow = (labels: readonly string[]) =>
  `<row r="1">${labels.map((l, i) => `<c r="${column(i + 1)}1" t="inlineStr"><is><t>${l}</t></is></c>`).join('')}</row>`;
function column(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
const peopleCount = () => (app.core.db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n;

/** Imports `file` as a license template: refused with INVALID_INPUT, the store as it was; the message. */
async function refusedLicense(file: string): Promise<string> {
  const before = storedRecords(dir);
  const e = await importXlsx(app.core, 'license', file).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'refused').toBeInstanceOf(ServiceError);
  expect((e as ServiceError).code).toBe('INVALID_INPUT');
  expect((e as ServiceError).message).toMatch(/未导入任何数据 \/ .*nothing was imported/);
  expect(storedRecords(dir)).toEqual(before);
  return (e as ServiceError).message;
}

async function zipFile(name: string, parts: readonly RawPart[]): Promise<string> {
  const file = path.join(dir, name);
  await writeZip(file, parts);
  return file;
}

describe('hostile xlsx files are refused, the store unchanged', () => {
  it('an empty file, a text file renamed .xlsx, a file over the size limit', async () => {
    expect(await refusedLicense(fileIn(dir, Buffer.alloc(0)))).toMatch(/空文件.*empty/);
    expect(await refusedLicense(fileIn(dir, Buffer.from('姓名,护照号码\nSMITH,533281947\n')))).toMatch(/不是 Excel 工作簿.*not an Excel workbook/);
    const big = path.join(dir, 'big.xlsx');
    fs.writeFileSync(big, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    fs.truncateSync(big, XLSX_LIMITS.fileBytes + 1);
    expect(await refusedLicense(big)).toMatch(/文件过大.*too large/);
    // a zip that is not a workbook
    expect(await refusedLicense(await zipFile('notes.xlsx', [{ name: 'notes.txt', data: Buffer.from('hello') }]))).toMatch(/不是 Excel 工作簿/);
  });

  it('a zip bomb: a sheet that unpacks past the limit, declared honestly or not, and a huge shared-strings part', async () => {
    const bombSize = XLSX_LIMITS.sheetBytes + MiB;
    const honest = await zipFile('bomb.xlsx', workbookParts({ name: 'xl/worksheets/sheet1.xml', data: () => filler(bombSize) }, { subject: LICENSE }));
    expect(fs.statSync(honest).size).toBeLessThan(2 * MiB);
    expect(await refusedLicense(honest)).toMatch(/解压后超过.*unpacks to more than/);

    // the headers say 1 KiB: the unpacking stops at the lie
    const lying = await zipFile('liar.xlsx', workbookParts({ name: 'xl/worksheets/sheet1.xml', data: () => filler(bombSize), declaredSize: 1024 }, { subject: LICENSE }));
    expect(await refusedLicense(lying)).toMatch(/比文件记录的大小更大.*more than the file declares/);

    const strings: RawPart = { name: 'xl/sharedStrings.xml', data: () => filler(XLSX_LIMITS.sharedStringsBytes + MiB) };
    const sst = await zipFile('sst.xlsx', workbookParts(sheetOfRows(2, (i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`), { subject: LICENSE, sharedStrings: strings }));
    expect(await refusedLicense(sst)).toMatch(/解压后超过/);
  });

  it('a zip of thousands of parts, and a damaged sheet', async () => {
    const parts = Array.from({ length: XLSX_LIMITS.entries + 1 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from('x') }));
    expect(await refusedLicense(await zipFile('parts.xlsx', parts))).toMatch(/个部件.*parts/);
    const broken = await zipFile('broken.xlsx', workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>外文') }, { subject: LICENSE }));
    expect(await refusedLicense(broken)).toMatch(/已损坏或不完整.*damaged or incomplete/);
  });

  it('a workbook with 16,384 columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(Array.from({ length: 16_384 }, (_, i) => `列${i + 1}`));
    ws.addRow(['SMITH']);
    const file = fileIn(dir, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(await refusedLicense(file)).toMatch(/第 1 行有 16384 列.*16384 columns/);
  });

  it('a 1 MB cell', async () => {
    const row = { ...validRow('license'), 'person.birthPlace': 'L'.repeat(MiB) };
    expect(await refusedLicense(fileIn(dir, await filledTemplate('license', [row])))).toMatch(/内容过长的单元格.*too long/);
  });

  it('the template of another kind, and of the roster', async () => {
    expect(await refusedLicense(fileIn(dir, await filledTemplate('recruitment', [validRow('recruitment')])))).toMatch(/这是《聘用外国人就业申请表》的模板/);
    const roster = await zipFile('roster.xlsx', workbookParts(sheetOfRows(1, () => headerRow(['外文姓名'])), { subject: `${TEMPLATE_SUBJECT_PREFIX}roster` }));
    expect(await refusedLicense(roster)).toMatch(/这是人员名册的模板/);
  });

  it('a workbook without sheets, a sheet without a header, a sheet of more than 100,000 empty rows', async () => {
    const parts = workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') }, { subject: LICENSE }).filter((p) => !p.name.startsWith('xl/worksheets/'));
    expect(await refusedLicense(await zipFile('nosheet.xlsx', parts))).toMatch(/空白工作表/);
    const headless = await zipFile('headless.xlsx', workbookParts(sheetOfRows(3, (i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>SMITH</t></is></c></row>`), { subject: LICENSE }));
    expect(await refusedLicense(headless)).toMatch(/第 1 行没有表头/);
    const empties = await zipFile(
      'empties.xlsx',
      workbookParts(sheetOfRows(MAX_SHEET_ROWS + 2, (i) => (i === 0 ? headerRow(licenseHeader()) : `<row r="${i + 1}"/>`)), { subject: LICENSE }),
    );
    expect(await refusedLicense(empties)).toMatch(/超过 100000 行（包括空行）/);
  });

  it('more rows than an import takes: refused while reading, across the roster\'s sheets too', async () => {
    const file = path.join(dir, 'rows.xlsx');
    await writeMillionRowXlsx(file, licenseHeader(), LICENSE, MAX_IMPORT_ROWS + 1);
    expect(await refusedLicense(file)).toMatch(/一次最多导入 20000 行，本文件超过 20000 行.*At most 20,000 rows/);

    const roster = path.join(dir, 'roster-rows.xlsx');
    await writeMillionRowXlsx(roster, personFields('foreign').filter((f) => f.type !== 'photo').map((f) => f.label), `${TEMPLATE_SUBJECT_PREFIX}roster`, MAX_IMPORT_ROWS + 1, '外国人');
    const e = await importRosterXlsx(app.core, roster).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ServiceError);
    expect((e as ServiceError).message).toMatch(/超过 20000 行/);
    expect(peopleCount()).toBe(0);
  });
});

describe('the 1,048,575-row workbook of the report', () => {
  it('is refused at the row limit, nothing stored, in bounded memory', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'million.xlsx');
    await writeMillionRowXlsx(file, licenseHeader(), LICENSE);
    expect(fs.statSync(file).size).toBeLessThan(XLSX_LIMITS.fileBytes);
    const before = storedRecords(dir);
    app.close();
    const result = await importInChild(dir, 'license', file);
    ({ app } = await openTestApp(dir));
    expect(result.refused).toMatch(/一次最多导入 20000 行，本文件超过 20000 行/);
    expect(result.imported).toBe(0);
    expect(result.peakGrowthBytes).toBeLessThan(300 * MiB);
    expect(storedRecords(dir)).toEqual(before);
  });
});
