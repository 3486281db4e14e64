/**
 * 【导入】: a filled template → drafts. Every row is checked with the kind's own rules (the storage
 * schema and `check()`); rows with a blocking problem in what was entered are reported (row as
 * Excel numbers it, column, message) and skipped; the others are saved through RecordService in
 * ONE transaction, so an import is written completely or not at all. A cancelled import writes
 * nothing. A file that is not a readable template is refused before anything happens; the file is
 * checked before it is read (size, zip structure) and its rows are counted while they are read:
 * reading stops at the first row past the limit.
 *
 * Empty cells are not errors: like a draft saved from the form, an imported draft may be
 * incomplete (the photo never comes from Excel) and is completed before it is submitted.
 */
import ExcelJS from 'exceljs';
import { documentDef, employerValues, isDocumentKind } from '../../../shared/documents';
import type { DocumentKind, FieldDef, FormValues } from '../../../shared/documents/types';
import { importTaskLabel, type ImportProblem, type ImportResult } from '../../../shared/bridge/channels/data';
import type { Core } from '../index';
import type { Task } from '../tasks';
import { TaskCancelled } from '../tasks';
import { NOTES_SHEET, OPTIONS_SHEET, TEMPLATE_SUBJECT_PREFIX, normalizeHeader, readCell, templateFields } from './columns';
import { refuse } from './importRefusal';
import { openXlsx, type StreamedSheet, type XlsxWorkbook } from './xlsxReader';

export { refuse } from './importRefusal';

/** more data rows than this are refused (split the file): counted while reading, reading stops there */
export const MAX_IMPORT_ROWS = 20_000;
/** rows of a sheet the file lists, empty ones included, read before giving up */
export const MAX_SHEET_ROWS = 100_000;
/** filled-in header cells of a sheet (a template has a few dozen columns) */
export const MAX_COLUMNS = 200;
/** rows checked between two yields to the event loop (progress events, 【取消】) */
const CHUNK = 40;

export interface ParsedRow {
  /** row number as Excel shows it */
  number: number;
  cells: Map<number, ExcelJS.CellValue>;
}

export interface ParsedSheet {
  /** column number → field */
  columns: Map<number, FieldDef>;
  rows: ParsedRow[];
  /** the workbook counts days from 1904: date serials are shifted */
  date1904: boolean;
}

/**
 * A cell's value; for a formula, its cached result (exceljs's `value` drops a result of 0 or an
 * error read as NaN: `result` keeps them). The formula text itself is never read as a value.
 */
function valueOf(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const result = (cell as unknown as { result: ExcelJS.CellFormulaValue['result'] }).result;
  return { formula: '', result } as ExcelJS.CellFormulaValue;
}

const hasContent = (v: ExcelJS.CellValue): boolean => {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.some((r) => r.text.trim() !== '');
  return true;
};

/** What a template is for, in messages: its title in both languages. */
export interface TemplateTitle {
  zh: string;
  en: string;
}

export function templateTitle(marker: string): TemplateTitle | null {
  if (marker === 'roster') return { zh: '人员名册', en: 'the people roster' };
  if (isDocumentKind(marker)) return { zh: documentDef(marker).title, en: documentDef(marker).titleEn };
  return null;
}

/** Refuses the template of another kind (the core property `subject` the template carries says which). */
export function checkTemplateKind(subject: string, expected: string): void {
  const marker = subject.startsWith(TEMPLATE_SUBJECT_PREFIX) ? subject.slice(TEMPLATE_SUBJECT_PREFIX.length) : '';
  if (!marker || marker === expected) return;
  const want = templateTitle(expected) ?? { zh: expected, en: expected };
  const other = templateTitle(marker) ?? { zh: clip(marker), en: clip(marker) };
  refuse(`这是${other.zh}的模板，不是${want.zh}的模板，请在对应的页面导入`, `This is the template for ${other.en}, not for ${want.en}; import it on its own page`);
}

/** A data sheet: any sheet but 填写说明 and 选项. */
export const isDataSheet = (name: string): boolean => name !== NOTES_SHEET && name !== OPTIONS_SHEET;

/** Text from the file, shortened for a message. */
const clip = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max)}…` : text);

const refuseTooManyRows = (): never =>
  refuse(`一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件超过 ${MAX_IMPORT_ROWS} 行，请分成多个文件`, `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows per import and this file has more; split the file`);

/** Content rows read so far, over every sheet of one import. */
export interface RowBudget {
  rows: number;
}

/** Maps the header row (row 1) of a sheet to `fields`; refuses a header that does not match. */
function readHeader(row: ExcelJS.Row | undefined, sheetName: string, fields: readonly FieldDef[], title: TemplateTitle): Map<number, FieldDef> {
  const byHeader = new Map(fields.map((f) => [normalizeHeader(f.label), f] as const));
  const columns = new Map<number, FieldDef>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const headers: [number, string][] = [];
  if (row && row.number === 1) {
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const r = readCell(cell.value, null);
      const text = 'text' in r ? r.text : '';
      if (text !== '') headers.push([col, text]);
    });
  }
  if (headers.length > MAX_COLUMNS) {
    refuse(
      `「${clip(sheetName)}」的第 1 行有 ${headers.length} 列，模板最多 ${MAX_COLUMNS} 列：请使用【下载模板】获取的模板`,
      `Row 1 of "${clip(sheetName)}" has ${headers.length} columns and a template at most ${MAX_COLUMNS}: use the template from 【下载模板】`,
    );
  }
  for (const [col, text] of headers) {
    const field = byHeader.get(normalizeHeader(text));
    if (!field) unknown.push(clip(text));
    else if (seen.has(field.key)) duplicate.push(clip(text));
    else {
      seen.add(field.key);
      columns.set(col, field);
    }
  }
  const missing = fields.filter((f) => !seen.has(f.key)).map((f) => f.label);
  if (columns.size === 0 && unknown.length === 0) {
    refuse('第 1 行没有表头：请使用【下载模板】获取的模板', 'Row 1 holds no header: use the template from 【下载模板】');
  }
  if (unknown.length || duplicate.length || missing.length) {
    const zh: string[] = [];
    const en: string[] = [];
    const list = (xs: string[]) => xs.slice(0, 8).map((x) => `「${x}」`).join('、') + (xs.length > 8 ? ` 等 ${xs.length} 列` : '');
    if (missing.length) {
      zh.push(`缺少列 ${list(missing)}`);
      en.push(`missing columns ${list(missing)}`);
    }
    if (unknown.length) {
      zh.push(`无法识别的列 ${list(unknown)}`);
      en.push(`unknown columns ${list(unknown)}`);
    }
    if (duplicate.length) {
      zh.push(`重复的列 ${list(duplicate)}`);
      en.push(`duplicate columns ${list(duplicate)}`);
    }
    refuse(
      `「${clip(sheetName)}」的表头与${title.zh}的模板不符：${zh.join('；')}。请使用【下载模板】获取的模板，不要修改第 1 行`,
      `The header row of "${clip(sheetName)}" does not match the template for ${title.en}: ${en.join('; ')}. Use the template from 【下载模板】 and keep row 1 as it is`,
    );
  }
  return columns;
}

/**
 * Reads a sheet as it streams: checks the header row against `fields` and collects the non-empty
 * data rows, refusing as soon as the import's row limit (over every sheet, `budget`) is passed.
 * Returns null for a sheet without any row.
 */
export async function readSheet(
  sheet: StreamedSheet,
  book: XlsxWorkbook,
  fields: readonly FieldDef[],
  title: TemplateTitle,
  budget: RowBudget,
): Promise<ParsedSheet | null> {
  let columns: Map<number, FieldDef> | null = null;
  const rows: ParsedRow[] = [];
  let listed = 0;
  for await (const row of sheet.rows) {
    if (++listed > MAX_SHEET_ROWS) {
      refuse(
        `「${clip(sheet.name)}」有超过 ${MAX_SHEET_ROWS} 行（包括空行），请删除多余的行或分成多个文件`,
        `"${clip(sheet.name)}" lists more than ${MAX_SHEET_ROWS.toLocaleString('en')} rows (empty ones included); delete the extra rows or split the file`,
      );
    }
    if (!columns) {
      columns = readHeader(row, sheet.name, fields, title);
      if (row.number === 1) continue;
    }
    const cells = new Map<number, ExcelJS.CellValue>();
    for (const col of columns.keys()) {
      // findCell: getCell would make every missing cell of the row
      const cell = (row as unknown as { findCell(col: number): ExcelJS.Cell | undefined }).findCell(col);
      const v = cell ? valueOf(cell) : null;
      if (hasContent(v)) cells.set(col, v);
    }
    if (cells.size === 0) continue;
    if (++budget.rows > MAX_IMPORT_ROWS) refuseTooManyRows();
    rows.push({ number: row.number, cells });
  }
  return columns ? { columns, rows, date1904: book.date1904 } : null;
}

/** Refuses a file without data rows. */
export function checkRowCount(count: number): void {
  if (count === 0) refuse('模板中没有填写任何数据行', 'The template has no filled-in data rows');
  if (count > MAX_IMPORT_ROWS) refuseTooManyRows();
}

const refuseEmpty = (): never => refuse('工作簿中没有数据（空白工作表）', 'The workbook holds no data (the sheet is empty)');

/** The first data sheet (in the workbook's order) of a kind's template, read and checked. */
async function readKindSheet(book: XlsxWorkbook, kind: DocumentKind): Promise<ParsedSheet> {
  checkTemplateKind(book.subject, kind);
  const title = templateTitle(kind) as TemplateTitle;
  let parsed: ParsedSheet | null = null;
  for await (const sheet of book.sheets()) {
    const first = sheet.all.find((s) => isDataSheet(s.name));
    if (first ? sheet.name !== first.name : !isDataSheet(sheet.name)) continue;
    parsed = await readSheet(sheet, book, templateFields(kind), title, { rows: 0 });
    break;
  }
  if (!parsed) return refuseEmpty();
  checkRowCount(parsed.rows.length);
  return parsed;
}

/** The entered values of a row (read per column type) and the cells that hold errors. */
export function rowValues(sheet: ParsedSheet, row: ParsedRow): { entered: FormValues; problems: ImportProblem[] } {
  const entered: FormValues = {};
  const problems: ImportProblem[] = [];
  for (const [col, value] of row.cells) {
    const field = sheet.columns.get(col) as FieldDef;
    // the 1904 date system starts 1,462 days later
    const r = readCell(sheet.date1904 && field.type === 'date' && typeof value === 'number' ? value + 1462 : value, field);
    if ('error' in r) problems.push({ row: row.number, field: field.key, label: field.label, message: `「${field.label}」：${r.error}` });
    else if (r.text !== '') entered[field.key] = r.text;
  }
  return { entered, problems };
}

const nameField = (kind: DocumentKind): string => (documentDef(kind).applicant === 'hmt' ? 'hmt.name' : 'person.nameEn');

/** The values of one row and what is wrong with what was entered. */
function checkRow(core: Core, kind: DocumentKind, sheet: ParsedSheet, row: ParsedRow, defaults: FormValues) {
  const def = documentDef(kind);
  const { entered, problems } = rowValues(sheet, row);
  const labelOf = (key: string) => def.field(key)?.label ?? '';
  const add = (field: string, message: string) => problems.push({ row: row.number, field, label: labelOf(field), message });
  const values: FormValues = { ...defaults, ...entered };

  const parsed = def.schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      const f = def.field(key);
      add(key, f ? `「${f.label}」的内容不符合格式要求：${issue.message} / ${f.labelEn} is malformed: ${issue.message}` : issue.message);
    }
  }
  if (def.personName(values) === '') {
    const key = nameField(kind);
    add(key, `请填写「${labelOf(key)}」：每行须有姓名 / Fill in ${def.field(key)?.labelEn ?? key}: every row needs the name`);
  }
  // a blocking problem about what was entered (an empty cell is a draft still to complete);
  // a cell already reported as malformed is not reported again by the rules
  const reported = new Set(problems.map((q) => q.field));
  for (const p of core.records.problems(kind, values)) {
    if (p.severity !== 'block' || reported.has(p.field)) continue;
    if (p.field !== '' && (values[p.field] ?? '').trim() === '') continue;
    if (!problems.some((q) => q.field === p.field && q.message === p.message)) add(p.field, p.message);
  }
  return { values, problems };
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportOptions {
  /** shown in the progress label */
  fileName?: string;
  /** called once the task exists (its id is what `task:cancel` takes) */
  onTask?: (task: Task) => void;
}

/**
 * Imports an xlsx file (a filled template) into drafts of `kind`: usable without the bridge (tests,
 * benchmarks). The file is read as a stream, in bounded memory (xlsxReader). Refusals throw a ServiceError with a "中文 / English" message; a cancellation
 * returns `cancelled: true` with nothing written.
 */
export async function importXlsx(core: Core, kind: DocumentKind, filePath: string, options: ImportOptions = {}): Promise<ImportResult & { ids: string[] }> {
  const sheet = await readKindSheet(await openXlsx(filePath), kind);
  const profile = core.session.current();
  const kindKeys = new Set(documentDef(kind).fields.map((f) => f.key));
  const defaults = Object.fromEntries(Object.entries(profile ? employerValues(profile) : {}).filter(([k]) => kindKeys.has(k)));

  const task = core.tasks.start(importTaskLabel(options.fileName ?? documentDef(kind).title), sheet.rows.length);
  options.onTask?.(task);
  const invalid: ImportProblem[] = [];
  const valid: FormValues[] = [];
  const cancelled = (): ImportResult & { ids: string[] } => {
    task.finish('failed');
    return { task: task.id, imported: 0, total: sheet.rows.length, invalid, cancelled: true, ids: [] };
  };
  try {
    for (let i = 0; i < sheet.rows.length; i++) {
      const { values, problems } = checkRow(core, kind, sheet, sheet.rows[i] as ParsedRow, defaults);
      if (problems.length) invalid.push(...problems);
      else valid.push(values);
      if ((i + 1) % CHUNK === 0) {
        task.progress(i + 1);
        await tick();
        task.throwIfCancelled();
      }
    }
    await tick();
    task.throwIfCancelled();

    // one transaction: every valid row or none (RecordService.save nests as savepoints)
    const ids = valid.length
      ? core.recordStore.transaction(() => valid.map((values) => core.records.save({ kind, values }).id))
      : [];
    task.finish('done');
    const last = ids[ids.length - 1];
    if (last) core.events.emit('records:changed', { id: last, kind });
    return { task: task.id, imported: ids.length, total: sheet.rows.length, invalid, cancelled: false, ids };
  } catch (e) {
    if (e instanceof TaskCancelled) return cancelled();
    task.finish('failed');
    throw e;
  }
}
