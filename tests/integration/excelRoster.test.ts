/** The roster (人员名册) template and import: one sheet per person type, upsert by document number. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ServiceError } from '../../shared/bridge/envelope';
import { personFields } from '../../shared/roster/person';
import { buildRosterTemplate, importRosterXlsx, rosterTemplateFile } from '../../main/services/data/rosterExcel';
import { exportRosterXlsx } from '../../main/services/data/rosterExport';
import { templateFile } from '../../main/services/data/excelTemplate';
import { peopleOf } from '../../main/services/roster/rosterService';
import { HMT_PERMIT_VALUES, PERSON_DUBOIS, PERSON_SMITH } from '../fixtures/documents';
import { call, openTestApp, type TestApp } from '../helpers/dataFixtures';
import { fileIn, outPath, readBack } from '../helpers/xlsxFiles';
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

const noPhoto = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).filter(([k]) => !k.endsWith('.photo')));
const hmtPerson = Object.fromEntries(Object.entries(noPhoto(HMT_PERMIT_VALUES)).filter(([k]) => k.startsWith('hmt.')));
const peopleCount = () => (app.core.db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n;

async function filled(foreign: Record<string, string>[], hmt: Record<string, string>[]): Promise<string> {
  const wb = buildRosterTemplate();
  for (const r of foreign) (wb.getWorksheet('外国人') as ExcelJS.Worksheet).addRow(r);
  for (const r of hmt) (wb.getWorksheet('台港澳人员') as ExcelJS.Worksheet).addRow(r);
  return fileIn(dir, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

const refusal = (run: Promise<unknown>): Promise<string> =>
  run.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ServiceError);
      return (e as ServiceError).message;
    },
  );

describe('人员名册 template and import', () => {
  it('the template has a sheet per person type with the person fields', async () => {
    const dest = outPath(dir);
    const { fileName } = await rosterTemplateFile(dest);
    expect(fileName).toBe('人员名册-导入模板.xlsx');
    const wb = await readBack(dest);
    for (const [sheet, type] of [['外国人', 'foreign'], ['台港澳人员', 'hmt']] as const) {
      const header = ((wb.getWorksheet(sheet) as ExcelJS.Worksheet).getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(personFields(type).filter((f) => f.type !== 'photo').map((f) => f.label));
    }
  });

  it('adds new people, updates a known document number, reports invalid rows with their sheet', async () => {
    await call(app, 'people:save', { type: 'foreign', values: { ...noPhoto(PERSON_SMITH), 'person.major': '旧专业' } });
    const foreign = [
      { ...noPhoto(PERSON_SMITH), 'person.major': '新专业' }, // known passport: updated
      noPhoto(PERSON_DUBOIS),
      { ...noPhoto(PERSON_DUBOIS), 'person.passportNo': 'X1234567', 'person.nameEn': `MARIE ${letters(3)}`, 'person.nationality': 'ZZ' },
    ];
    const result = await importRosterXlsx(app.core, await filled(foreign, [hmtPerson]), { fileName: 'roster.xlsx' });
    expect(result).toMatchObject({ total: 4, imported: 3, cancelled: false });
    expect(result.invalid).toEqual([expect.objectContaining({ sheet: '外国人', row: 4, field: 'person.nationality', label: '国籍' })]);
    expect(peopleCount()).toBe(3);
    const smith = peopleOf(app.core).byNumber('foreign', PERSON_SMITH['person.passportNo'] as string);
    expect(smith?.values['person.major']).toBe('新专业');
  });

  it('refuses a document kind template and a template missing a sheet; nothing changes', async () => {
    const wb = buildRosterTemplate();
    wb.removeWorksheet((wb.getWorksheet('台港澳人员') as ExcelJS.Worksheet).id);
    (wb.getWorksheet('外国人') as ExcelJS.Worksheet).addRow(noPhoto(PERSON_DUBOIS));
    const missing = fileIn(dir, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(await refusal(importRosterXlsx(app.core, missing))).toMatch(/缺少工作表「台港澳人员」/);
    const license = outPath(dir);
    await templateFile('license', license);
    expect(await refusal(importRosterXlsx(app.core, license))).toMatch(/不是人员名册的模板/);
    expect(peopleCount()).toBe(0);
  });

  it('【导出】 writes the people matching the roster search, one sheet per person type', async () => {
    await call(app, 'people:save', { type: 'foreign', values: noPhoto(PERSON_SMITH) });
    await call(app, 'people:save', { type: 'foreign', values: noPhoto(PERSON_DUBOIS) });
    await call(app, 'people:save', { type: 'hmt', values: hmtPerson });
    const allPath = outPath(dir);
    await exportRosterXlsx(app.core, { query: '' }, allPath);
    const all = await readBack(allPath);
    const foreign = all.getWorksheet('外国人') as ExcelJS.Worksheet;
    expect(foreign.actualRowCount).toBe(3);
    expect((foreign.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['序号', personFields('foreign')[0]?.label]);
    expect((all.getWorksheet('台港澳人员') as ExcelJS.Worksheet).actualRowCount).toBe(2);

    const onePath = outPath(dir);
    const { fileName } = await exportRosterXlsx(app.core, { query: 'DUB', type: 'foreign' }, onePath);
    expect(fileName).toMatch(/^人员名册-导出-\d{8}-\d{4}\.xlsx$/);
    const one = await readBack(onePath);
    expect(one.getWorksheet('台港澳人员')).toBeUndefined();
    const rows = (one.getWorksheet('外国人') as ExcelJS.Worksheet).getSheetValues().slice(2).map((r) => (r as unknown[]).join('|'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(PERSON_DUBOIS['person.passportNo']);
  });

  it('【导出】 neutralises formula-looking text in every sheet: a leading quote, never a formula', async () => {
    await call(app, 'people:save', { type: 'foreign', values: { ...noPhoto(PERSON_SMITH), 'person.birthPlace': '=1+1', 'person.major': '@cmd' } });
    await call(app, 'people:save', { type: 'hmt', values: { ...hmtPerson, 'hmt.name': '-陈大文' } });
    const dest = outPath(dir);
    await exportRosterXlsx(app.core, { query: '' }, dest);
    const wb = await readBack(dest);
    const texts: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
          texts.push(String(cell.value));
        }),
      );
    }
    expect(texts).toEqual(expect.arrayContaining(["'=1+1", "'@cmd", "'-陈大文"]));
    expect(texts).not.toContain('=1+1');
  });
});
