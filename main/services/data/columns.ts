/**
 * The Excel columns of a document kind, shared by the template, the import and the export: which
 * fields are columns (all but the photo, which no spreadsheet cell can hold), how each is
 * described in 填写说明, and how a cell's value becomes the string the form would hold.
 */
import type ExcelJS from 'exceljs';
import { documentDef, maxLengthOf } from '../../../shared/documents';
import type { DocumentKind, FieldDef } from '../../../shared/documents/types';
import { COUNTRIES, countryByCode } from '../../../shared/validation/countries';

/** the core property that tells a template's kind (Excel keeps it when the user saves) */
export const TEMPLATE_SUBJECT_PREFIX = 'permit-desk-template:';
export const NOTES_SHEET = '填写说明';
export const OPTIONS_SHEET = '选项';
/** the data rows a template's dropdowns cover (more rows may be filled, without dropdowns) */
export const TEMPLATE_ROWS = 5000;

/** The kind's fields that are template columns, in form order. */
export function templateFields(kind: DocumentKind): FieldDef[] {
  return documentDef(kind).fields.filter((f) => f.type !== 'photo' && f.type !== 'attachment');
}

/** Excel forbids : \ / ? * [ ] in sheet names and allows 31 characters. */
export function sheetName(kind: DocumentKind): string {
  return documentDef(kind).title.replace(/[《》:\\/?*[\]]/g, '').slice(0, 31);
}

/** A title without book-title marks, for file names. */
export function plainTitle(kind: DocumentKind): string {
  return documentDef(kind).title.replace(/[《》]/g, '');
}

/** Header text as typed by a user: trimmed, a required marker and inner spaces dropped, ASCII brackets as full-width. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export function countryLabel(code: string): string {
  const c = countryByCode(code);
  return c ? c.zh : code;
}

const COUNTRY_BY_TEXT: ReadonlyMap<string, string> = new Map(
  COUNTRIES.flatMap((c) => [
    [c.code.toLowerCase(), c.code],
    [c.zh, c.code],
    [c.en.toLowerCase(), c.code],
    [`${c.zh}（${c.code}）`.toLowerCase(), c.code],
    [`${c.zh}(${c.code})`.toLowerCase(), c.code],
  ]),
);

/** 国籍 as typed: a code, the Chinese or English name, or 「英国（GB）」 → the alpha-2 code (unknown text as it is). */
export function countryCode(text: string): string {
  return COUNTRY_BY_TEXT.get(text.trim().toLowerCase()) ?? text.trim();
}

/** The option list a field's dropdown offers. */
export function optionValues(field: FieldDef): readonly string[] | null {
  if (field.type === 'country') return COUNTRIES.map((c) => c.zh);
  if ((field.type === 'select' || field.type === 'radio') && field.options) return field.options;
  return null;
}

/** 填写说明: the format column, Chinese / English. */
export function formatText(field: FieldDef): string {
  const max = maxLengthOf(field);
  switch (field.type) {
    case 'date':
      return '日期，格式 YYYY-MM-DD（如 2027-01-04），也可以是 Excel 日期 / Date, YYYY-MM-DD (e.g. 2027-01-04) or an Excel date';
    case 'number':
      return `数字（整数，不带单位），最多 ${max} 位 / Whole number without unit, at most ${max} digits`;
    case 'select':
    case 'radio':
      return '从下拉列表中选择 / Choose from the dropdown';
    case 'country':
      return '国家或地区：中文名称、英文名称或两位字母代码（如 英国、GB） / Country: Chinese or English name, or the two-letter code (e.g. GB)';
    case 'textarea':
      return `文字，最多 ${max} 个字符，可换行 / Text, at most ${max} characters, line breaks allowed`;
    default:
      return `文字，最多 ${max} 个字符 / Text, at most ${max} characters`;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const isoOf = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};

/** Excel's day serial (1900 system) → YYYY-MM-DD. */
function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const ms = Math.round((Math.floor(serial) - 25_569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date as typed: 2027-01-04, 2027/1/4, 2027.1.4, 2027年1月4日, 20270104 → YYYY-MM-DD (other text as it is). */
export function normalizeDateText(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3])) ?? t;
  return t;
}

/** The plain value of a cell: rich text joined, a formula's result, a hyperlink's text. */
function plainValue(value: ExcelJS.CellValue): string | number | boolean | Date | { error: string } | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text = (value as { text: unknown }).text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) return plainValue(text as ExcelJS.CellRichTextValue);
    return value.hyperlink;
  }
  // a formula's cached result (the streaming reader reads an error result as NaN), never the formula
  if ('result' in value) return value.result === undefined ? null : plainValue(value.result);
  if ('formula' in value || 'sharedFormula' in value) return null;
  return null;
}

export type CellReading = { text: string } | { error: string };

/** A cell → the string the form would hold for this field (trimmed; dates and countries normalised). */
export function readCell(value: ExcelJS.CellValue, field: FieldDef | null): CellReading {
  const v = plainValue(value);
  if (v === null) return { text: '' };
  if (typeof v === 'object' && !(v instanceof Date)) {
    return {
      error: `单元格为错误值 ${v.error}，请填写实际内容 / The cell holds the error value ${v.error}; enter the actual value`,
    };
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return { error: '单元格为错误值（公式的结果），请填写实际内容 / The cell holds an error value (a formula\'s result); enter the actual value' };
  }
  const type = field?.type;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '' };
    return { text: `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}` };
  }
  if (typeof v === 'number') {
    if (type === 'date') return { text: fromSerial(v) ?? String(v) };
    // whole numbers without exponent or trailing ".0" (a passport number typed as a number)
    return { text: Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v) };
  }
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  let text = v.replace(/\r\n?/g, '\n');
  text = type === 'textarea' ? text.trim() : text.replace(/\s*\n\s*/g, ' ').trim();
  if (type === 'date') return { text: normalizeDateText(text) };
  if (type === 'country') return { text: countryCode(text) };
  if (type === 'number' && /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { text: text.replace(/,/g, '') };
  return { text };
}

/**
 * OWASP's CSV-injection rule for exported text: a cell that starts with = + - @, a tab or a
 * carriage return (or their full-width forms, which Chinese input methods type) gets a leading
 * single quote, so that no spreadsheet — nor a CSV saved from the export — reads it as a formula.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}
