/**
 * The roster import never merges people on the document number alone: a row whose number belongs
 * to someone with another name and another birth date is reported (「请在人员名册中确认」) and not
 * imported; a row with the same number and the same name or birth date updates that person.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FormValues } from '../../shared/documents';
import { buildRosterTemplate, importRosterXlsx } from '../../main/services/data/rosterExcel';
import { peopleOf } from '../../main/services/roster/rosterService';
import { HMT_PERMIT_VALUES } from '../fixtures/documents';
import { call, openTestApp, type TestApp } from '../helpers/dataFixtures';
import { fileIn } from '../helpers/xlsxFiles';

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

const hmtOnly = (v: FormValues) => Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('hmt.') && k !== 'hmt.photo'));
const CHEN = hmtOnly({ ...HMT_PERMIT_VALUES, 'hmt.residentType': '香港居民', 'hmt.docType': '港澳居民来往内地通行证', 'hmt.docNo': 'H12345678' });

async function rosterFile(hmt: FormValues[]): Promise<string> {
  const wb = buildRosterTemplate();
  for (const r of hmt) (wb.getWorksheet('台港澳人员') as ExcelJS.Worksheet).addRow(r);
  return fileIn(dir, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

describe('人员名册 import: one document number, two people', () => {
  it('reports a row with a known number but another name and birth date, imports nothing of it, updates a matching row', async () => {
    const chen = await call<{ person: { id: string } }>(app, 'people:save', { type: 'hmt', values: CHEN });
    const rows = [
      { ...CHEN, 'hmt.name': '黄志伟', 'hmt.birthDate': '1986-05-20', 'hmt.phone': '13600000000' }, // row 2: someone else
      { ...CHEN, 'hmt.name': '陈家明', 'hmt.birthDate': '1990-10-01', 'hmt.phone': '13700000000' }, // row 3: 陈家明, birth date corrected
      { ...CHEN, 'hmt.docNo': 'H76543210', 'hmt.name': '李文华', 'hmt.birthDate': '1992-02-02' }, // row 4: a new person
    ];
    const result = await importRosterXlsx(app.core, await rosterFile(rows), { fileName: 'roster.xlsx' });
    expect(result).toMatchObject({ total: 3, imported: 2, cancelled: false });
    expect(result.invalid).toEqual([
      {
        sheet: '台港澳人员',
        row: 2,
        field: 'hmt.docNo',
        label: '证件号码',
        message: expect.stringContaining('证件号码与名册中的 陈家明 相同但姓名、出生日期不同，请在人员名册中确认 / ') as string,
      },
    ]);

    const people = peopleOf(app.core);
    const holders = people.holders('hmt', 'H12345678');
    expect(holders.map((p) => p.id)).toEqual([chen.person.id]);
    expect(holders[0]?.values).toMatchObject({ 'hmt.name': '陈家明', 'hmt.birthDate': '1990-10-01', 'hmt.phone': '13700000000' });
    expect(people.holders('hmt', 'H76543210').map((p) => p.name)).toEqual(['李文华']);
    expect(JSON.stringify(people.history(chen.person.id))).not.toContain('黄志伟');
  });
});
