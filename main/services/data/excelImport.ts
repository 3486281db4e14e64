/**
 * 【导入】: a filled template → drafts. Every row is checked with the kind's own rules (the storage
 * schema and `check()`); rows with a blocking problem in what was entered are reported (row as
 * Excel numbers it, column, message) and skipped; the others are saved through RecordService in
 * ONE transaction, so an import is written completely or not at all. A cancelled import writes
 * nothing. A file that is not a readable template is refused before anything happens.
 *
 * Empty cells are not errors: like a draft saved from the form, an imported draft may be
 * incomplete (the photo never comes from Excel) and is completed before it is submitted.
 */
import ExcelJS from 'exceljs';
import { documentDef, employerValues, isDocumentKind } from '../../../shared/documents';
import type { DocumentKind, FieldDef, FormValues } from '../../../shared/documents/types';
import { ServiceError } from '../../../shared/bridge/envelope';
import { importTaskLabel, type ImportProblem, type ImportResult } from '../../../shared/bridge/channels/data';
import type { Core } from '../index';
import type { Task } from '../tasks';
import { TaskCancelled } from '../tasks';
import { NOTES_SHEET, OPTIONS_SHEET, TEMPLATE_SUBJECT_PREFIX, normalizeHeader, readCell, templateFields } from './columns';

/** more data rows than this are refused (split the file) */
export const MAX_IMPORT_ROWS = 20_000;
/** rows checked between two yields to the event loop (progress events, 【取消】) */
const CHUNK = 40;

export const refuse = (zh: string, en: string): never => {
  throw new ServiceError('INVALID_INPUT', `${zh}，未导入任何数据 / ${en}; nothing was imported`);
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Refuses what cannot be an xlsx before unzipping it. */
function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) refuse('所选文件是空文件', 'The selected file is empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    refuse('所选文件是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入', 'The file is an old Excel (.xls) workbook: save it as .xlsx in Excel and import that');
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    refuse('所选文件不是 Excel 工作簿（.xlsx），请选择【下载模板】填写后的文件', 'The selected file is not an Excel workbook (.xlsx); choose the template from 【下载模板】 once filled in');
  }
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  sniff(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    refuse('Excel 文件已损坏或不完整（可能复制或下载中断），无法读取', 'The Excel file is damaged or incomplete (the copy or download was probably interrupted) and cannot be read');
  }
  return wb;
}

export interface ParsedRow {
  /** row number as Excel shows it */
  number: number;
  cells: Map<number, ExcelJS.CellValue>;
}

export interface ParsedSheet {
  /** column number → field */
  columns: Map<number, FieldDef>;
  rows: ParsedRow[];
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

/** Refuses the template of another kind (the core property the template carries says which). */
export function checkTemplateKind(wb: ExcelJS.Workbook, expected: string): void {
  const marker = wb.subject?.startsWith(TEMPLATE_SUBJECT_PREFIX) ? wb.subject.slice(TEMPLATE_SUBJECT_PREFIX.length) : '';
  if (!marker || marker === expected) return;
  const want = templateTitle(expected) ?? { zh: expected, en: expected };
  const other = templateTitle(marker) ?? { zh: marker, en: marker };
  refuse(`这是${other.zh}的模板，不是${want.zh}的模板，请在对应的页面导入`, `This is the template for ${other.en}, not for ${want.en}; import it on its own page`);
}

/** The data sheets of a workbook: every sheet but 填写说明 and 选项. */
export const dataSheets = (wb: ExcelJS.Workbook): ExcelJS.Worksheet[] =>
  wb.worksheets.filter((ws) => ws.name !== NOTES_SHEET && ws.name !== OPTIONS_SHEET);

/** Checks the header row of `ws` against `fields` and collects the non-empty data rows. */
export function readSheet(ws: ExcelJS.Worksheet, fields: readonly FieldDef[], title: TemplateTitle): ParsedSheet {
  const byHeader = new Map(fields.map((f) => [normalizeHeader(f.label), f] as const));
  const columns = new Map<number, FieldDef>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const r = readCell(cell.value, null);
    const text = 'text' in r ? r.text : '';
    if (text === '') return;
    const field = byHeader.get(normalizeHeader(text));
    if (!field) unknown.push(text);
    else if (seen.has(field.key)) duplicate.push(text);
    else {
      seen.add(field.key);
      columns.set(col, field);
    }
  });
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
      `「${ws.name}」的表头与${title.zh}的模板不符：${zh.join('；')}。请使用【下载模板】获取的模板，不要修改第 1 行`,
      `The header row of "${ws.name}" does not match the template for ${title.en}: ${en.join('; ')}. Use the template from 【下载模板】 and keep row 1 as it is`,
    );
  }

  const rows: ParsedSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = new Map<number, ExcelJS.CellValue>();
    let any = false;
    for (const col of columns.keys()) {
      const v = row.getCell(col).value;
      if (hasContent(v)) {
        any = true;
        cells.set(col, v);
      }
    }
    if (any) rows.push({ number, cells });
  });
  return { columns, rows };
}

/** Refuses a file without data rows, or with more than an import takes. */
export function checkRowCount(count: number): void {
  if (count === 0) refuse('模板中没有填写任何数据行', 'The template has no filled-in data rows');
  if (count > MAX_IMPORT_ROWS) {
    refuse(`一次最多导入 ${MAX_IMPORT_ROWS} 行（本文件有 ${count} 行），请分成多个文件`, `At most ${MAX_IMPORT_ROWS} rows per import (this file has ${count}); split the file`);
  }
}

/** The first data sheet of a kind's template, read and checked. */
function readKindSheet(wb: ExcelJS.Workbook, kind: DocumentKind): ParsedSheet {
  checkTemplateKind(wb, kind);
  const ws = dataSheets(wb)[0];
  if (!ws || ws.actualRowCount === 0) refuse('工作簿中没有数据（空白工作表）', 'The workbook holds no data (the sheet is empty)');
  const title = templateTitle(kind) as TemplateTitle;
  const sheet = readSheet(ws as ExcelJS.Worksheet, templateFields(kind), title);
  checkRowCount(sheet.rows.length);
  return sheet;
}

/** The entered values of a row (read per column type) and the cells that hold errors. */
export function rowValues(sheet: ParsedSheet, row: ParsedRow): { entered: FormValues; problems: ImportProblem[] } {
  const entered: FormValues = {};
  const problems: ImportProblem[] = [];
  for (const [col, value] of row.cells) {
    const field = sheet.columns.get(col) as FieldDef;
    const r = readCell(value, field);
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
 * Imports an xlsx (a filled template) into drafts of `kind`: usable without the bridge (tests,
 * benchmarks). Refusals throw a ServiceError with a "中文 / English" message; a cancellation
 * returns `cancelled: true` with nothing written.
 */
export async function importXlsx(core: Core, kind: DocumentKind, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult & { ids: string[] }> {
  const wb = await loadWorkbook(bytes);
  const sheet = readKindSheet(wb, kind);
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
