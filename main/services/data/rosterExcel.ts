/**
 * The roster (人员名册) template and its import: one sheet per person type (外国人, 台港澳人员), the
 * person fields of the forms (photo aside). Each row is checked with the roster's own rules
 * (personProblems); valid rows are upserted through RosterService.save — a person already in the
 * roster with the same document number is updated, anyone else is added — in ONE transaction.
 */
import type ExcelJS from 'exceljs';
import { importTaskLabel, type ImportProblem, type ImportResult } from '../../../shared/bridge/channels/data';
import type { FieldDef, FormValues } from '../../../shared/documents/types';
import { NUMBER_KEY, PERSON_TYPES, PERSON_TYPE_LABELS, personColumns, personFields, personProblems, type PersonType } from '../../../shared/roster/person';
import type { Core } from '../index';
import { rosterOf } from '../roster/handlers';
import { peopleOf } from '../roster/rosterService';
import { TaskCancelled, type Task } from '../tasks';
import { checkRowCount, checkTemplateKind, isDataSheet, readSheet, refuse, rowValues, tick, type ParsedRow, type ParsedSheet, type RowBudget } from './excelImport';
import { buildWorkbook, writeTemplate } from './excelTemplate';
import { openXlsx } from './xlsxReader';

export const ROSTER_TITLE = { zh: '人员名册', en: 'the people roster' } as const;

const rosterFields = (type: PersonType): FieldDef[] => personFields(type).filter((f) => f.type !== 'photo');
const sheetOf = (type: PersonType): string => PERSON_TYPE_LABELS[type];

export const ROSTER_NOTES: readonly string[] = [
  '1. 外国人填写在「外国人」工作表，台湾、香港、澳门居民填写在「台港澳人员」工作表；每行一人，第 1 行为表头，请勿修改。 / Foreign nationals on sheet 外国人, Taiwan, Hong Kong and Macao residents on sheet 台港澳人员; one person per row; keep row 1 as it is.',
  '2. 证件号码相同且姓名或出生日期相同时，更新该人员；证件号码相同但姓名、出生日期都不同的行不导入，在导入报告中列出，请在人员名册中确认；其余新增人员。 / A row with a known document number and the same name or birth date updates that person; one whose number belongs to someone with another name and birth date is not imported but reported — confirm it in the roster; anyone else is added.',
  '3. 照片无法在 Excel 中填写：导入后在人员名册中上传。 / Photos cannot be entered in Excel: upload them in the roster.',
  '4. 有错误的行不会导入，并在导入报告中列出工作表、行号、字段和问题。 / Rows with errors are not imported and are listed (sheet, row, field, problem).',
  '5. 请保存为 .xlsx 格式后再导入。 / Save as .xlsx before importing.',
];

export function buildRosterTemplate(): ExcelJS.Workbook {
  return buildWorkbook({
    marker: 'roster',
    title: '人员名册',
    titleEn: 'People roster',
    sheets: PERSON_TYPES.map((type) => ({ name: sheetOf(type), fields: rosterFields(type) })),
    notes: ROSTER_NOTES,
  });
}

/** Writes the roster template to `destPath`. */
export async function rosterTemplateFile(destPath: string): Promise<{ fileName: string; sizeBytes: number }> {
  return { fileName: '人员名册-导入模板.xlsx', sizeBytes: await writeTemplate(buildRosterTemplate(), destPath) };
}

/**
 * Imports a filled roster template file (usable without the bridge), read as a stream with the
 * row limit counted over both sheets while reading. Refusals throw a ServiceError; a cancellation
 * returns `cancelled: true` with nothing written.
 */
export async function importRosterXlsx(
  core: Core,
  filePath: string,
  options: { fileName?: string; onTask?: (task: Task) => void } = {},
): Promise<ImportResult & { ids: string[] }> {
  const book = await openXlsx(filePath);
  checkTemplateKind(book.subject, 'roster');
  const sheets: { type: PersonType; sheet: ParsedSheet; name: string }[] = [];
  const found = new Set<string>();
  const budget: RowBudget = { rows: 0 };
  for await (const streamed of book.sheets()) {
    const name = streamed.name.trim();
    const type = PERSON_TYPES.find((t) => sheetOf(t) === name);
    if (!type || found.has(name) || !isDataSheet(name)) continue;
    found.add(name);
    const sheet = await readSheet(streamed, book, rosterFields(type), ROSTER_TITLE, budget);
    if (sheet) sheets.push({ type, sheet, name: streamed.name });
  }
  for (const type of PERSON_TYPES) {
    if (!found.has(sheetOf(type))) {
      refuse(
        `缺少工作表「${sheetOf(type)}」：请使用【下载模板】获取的人员名册模板`,
        `The sheet "${sheetOf(type)}" is missing: use the roster template from 【下载模板】`,
      );
    }
  }
  sheets.sort((a, b) => PERSON_TYPES.indexOf(a.type) - PERSON_TYPES.indexOf(b.type));
  const total = sheets.reduce((n, s) => n + s.sheet.rows.length, 0);
  checkRowCount(total);

  const ctx = { today: core.today(), minimumWage: core.settings.get().minimumWage };
  const task = core.tasks.start(importTaskLabel(options.fileName ?? '人员名册'), total);
  options.onTask?.(task);
  const invalid: ImportProblem[] = [];
  // where each valid row is in the file, for a problem found when it is written
  const valid: { type: PersonType; values: FormValues; row: number; sheet: string }[] = [];
  let done = 0;
  try {
    for (const { type, sheet, name } of sheets) {
      const labels = new Map(personFields(type).map((f) => [f.key, f.label] as const));
      for (const row of sheet.rows as ParsedRow[]) {
        const { entered, problems } = rowValues(sheet, row);
        const add = (field: string, message: string) => problems.push({ row: row.number, field, label: labels.get(field) ?? '', message });
        if (!personColumns(type, entered).name) {
          const key = type === 'hmt' ? 'hmt.name' : 'person.nameEn';
          add(key, `请填写「${labels.get(key) ?? key}」：每行须有姓名 / Every row needs the name`);
        }
        if (!personColumns(type, entered).documentNumber) {
          const key = NUMBER_KEY[type];
          add(key, `请填写「${labels.get(key) ?? key}」：名册按证件号码识别人员 / The roster identifies people by their document number`);
        }
        const reported = new Set(problems.map((q) => q.field));
        for (const p of personProblems(type, entered, ctx)) {
          if (p.severity !== 'block' || reported.has(p.field) || (entered[p.field] ?? '').trim() === '') continue;
          if (!problems.some((q) => q.field === p.field && q.message === p.message)) add(p.field, p.message);
        }
        if (problems.length) invalid.push(...problems.map((p) => ({ ...p, sheet: name })));
        else valid.push({ type, values: entered, row: row.number, sheet: name });
        if (++done % 40 === 0) {
          task.progress(done);
          await tick();
          task.throwIfCancelled();
        }
      }
    }
    await tick();
    task.throwIfCancelled();

    const roster = rosterOf(core);
    const people = peopleOf(core);
    // one transaction: every valid row or none (the roster's own transactions nest as savepoints).
    // A row whose document number belongs to someone with another name and birth date is never
    // merged: it is reported and not imported (RosterService.importPerson).
    const ids = valid.length
      ? people.transaction(() =>
          valid.flatMap((entry) => {
            const outcome = roster.importPerson(entry.type, entry.values);
            if ('id' in outcome) return [outcome.id];
            const label = personFields(entry.type).find((f) => f.key === outcome.field)?.label ?? '';
            invalid.push({ sheet: entry.sheet, row: entry.row, field: outcome.field, label, message: outcome.problem });
            return [];
          }),
        )
      : [];
    task.finish('done');
    return { task: task.id, imported: ids.length, total, invalid, cancelled: false, ids };
  } catch (e) {
    task.finish('failed');
    if (e instanceof TaskCancelled) return { task: task.id, imported: 0, total, invalid, cancelled: true, ids: [] };
    throw e;
  }
}
