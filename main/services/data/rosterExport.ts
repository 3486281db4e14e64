/**
 * 【导出】 of 人员名册: every person matching the roster page's search (all pages, the roster's
 * order) as xlsx, one sheet per person type with the person fields in form order, then the
 * current permit (number and expiry) and when the person was last changed.
 */
import ExcelJS from 'exceljs';
import type { FieldDef } from '../../../shared/documents/types';
import { exportTaskLabel } from '../../../shared/bridge/channels/data';
import { PERSON_TYPES, PERSON_TYPE_LABELS, personFields, type PersonType } from '../../../shared/roster/person';
import type { Core } from '../index';
import { rosterOf } from '../roster/handlers';
import { peopleOf } from '../roster/rosterService';
import { chinaDateTime } from './excelExport';
import { countryLabel } from './columns';

const PAGE = 500;

function cellText(field: FieldDef, value: string | undefined): string {
  if (!value) return '';
  if (field.type === 'photo') return '已上传 / uploaded';
  if (field.type === 'country') return countryLabel(value);
  return value;
}

export async function exportRosterXlsx(
  core: Core,
  filter: { query: string; type?: PersonType | undefined },
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const people = peopleOf(core);
  const roster = rosterOf(core);
  const first = people.list(filter.query, filter.type, 1, PAGE);
  const task = core.tasks.start(exportTaskLabel('人员名册'), first.total);
  try {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Permit Desk';
    wb.title = '人员名册';
    const sheets = new Map<PersonType, { ws: ExcelJS.Worksheet; fields: readonly FieldDef[]; n: number }>();
    for (const type of PERSON_TYPES) {
      if (filter.type && filter.type !== type) continue;
      const fields = personFields(type);
      const ws = wb.addWorksheet(PERSON_TYPE_LABELS[type], { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = [
        { header: '序号', width: 8 },
        ...fields.map((f) => ({ header: f.label, width: Math.min(40, Math.max(12, f.label.length * 2 + 4)) })),
        { header: '就业证号码', width: 18 },
        { header: '就业证有效期至', width: 14 },
        { header: '修改时间', width: 18 },
      ];
      ws.getRow(1).font = { bold: true };
      sheets.set(type, { ws, fields, n: 0 });
    }
    let done = 0;
    for (let p = 1, page = first; ; p++, page = people.list(filter.query, filter.type, p, PAGE)) {
      // the same page through the roster service, for each person's current permit
      const permits = new Map(roster.list(filter.query, filter.type, p, PAGE).rows.map((r) => [r.id, r.permit] as const));
      for (const person of page.rows) {
        const permit = permits.get(person.id) ?? null;
        const sheet = sheets.get(person.type);
        if (!sheet) continue;
        sheet.n++;
        sheet.ws.addRow([
          sheet.n,
          ...sheet.fields.map((f) => cellText(f, person.values[f.key])),
          permit?.number ?? '',
          permit?.expiry ?? '',
          chinaDateTime(person.updatedAt),
        ]);
      }
      done += page.rows.length;
      task.progress(done);
      if (page.rows.length < PAGE) break;
    }
    const buffer = await wb.xlsx.writeBuffer();
    task.finish('done');
    const stamp = chinaDateTime(core.now().toISOString()).replace(/[-: ]/g, '');
    return { fileName: `人员名册-导出-${stamp.slice(0, 8)}-${stamp.slice(8)}.xlsx`, bytes: Buffer.from(buffer as ArrayBuffer), rows: done };
  } catch (e) {
    task.finish('failed');
    throw e;
  }
}
