/**
 * 【下载模板】: the xlsx template for batch drafts of a kind. Sheet 1 holds the header row (the
 * fields' Chinese labels, required ones in red) with dropdowns for listed values; 填写说明 explains
 * every column; a hidden 选项 sheet holds the dropdown lists.
 */
import ExcelJS from 'exceljs';
import { documentDef } from '../../../shared/documents';
import type { DocumentKind, FieldDef } from '../../../shared/documents/types';
import {
  NOTES_SHEET,
  OPTIONS_SHEET,
  TEMPLATE_ROWS,
  TEMPLATE_SUBJECT_PREFIX,
  formatText,
  optionValues,
  plainTitle,
  sheetName,
  templateFields,
} from './columns';
import { writeFileAtomically } from './destFile';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC0392B' } };

const columnLetter = (n: number): string => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings omit */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

export const GENERAL_NOTES: readonly string[] = [
  '1. 每行填写一份申请，第 1 行为表头，请勿修改、删除或调整表头的文字。 / One application per row; row 1 is the header: do not change its texts.',
  '2. 红色表头为提交前必须填写的项目；导入时可以留空，导入后在表单中补全。 / Red headers are required before submitting; they may stay empty on import and be completed in the form.',
  '3. 单位信息（单位名称等）留空时，使用本企业的企业信息。 / Employer columns left empty take the enterprise profile.',
  '4. 照片无法在 Excel 中填写：导入后在表单中【修改】上传照片。 / Photos cannot be entered in Excel: upload them in the form after the import.',
  '5. 导入时逐行检查：有错误的行不会导入，并在导入报告中列出行号、字段和问题；其余行保存为“未提交”的申请。 / Every row is checked: rows with errors are not imported and are listed (row, field, problem); the others are saved as drafts (未提交).',
  '6. 请保存为 .xlsx 格式后再导入。 / Save as .xlsx before importing.',
];

export interface TemplateSpec {
  /** what the template is for: a document kind or 'roster' (kept in the workbook's subject) */
  marker: string;
  title: string;
  titleEn: string;
  sheets: readonly { name: string; fields: readonly FieldDef[] }[];
  notes: readonly string[];
}

/** A template workbook: the data sheets, 填写说明 and the hidden 选项 sheet of the dropdowns. */
export function buildWorkbook(spec: TemplateSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Permit Desk';
  wb.title = `${spec.title}批量导入模板`;
  wb.subject = `${TEMPLATE_SUBJECT_PREFIX}${spec.marker}`;
  wb.created = new Date(0);

  const datas = spec.sheets.map((sh) => wb.addWorksheet(sh.name, { views: [{ state: 'frozen', ySplit: 1 }] }));
  const notes = wb.addWorksheet(NOTES_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  let optionColumn = 0;

  spec.sheets.forEach(({ fields }, n) => {
    const data = datas[n] as ExcelJS.Worksheet;
    data.columns = fields.map((f) => ({
      header: f.label,
      key: f.key,
      width: Math.min(40, Math.max(12, f.label.length * 2 + 4)),
      style: { numFmt: '@' },
    }));
    const header = data.getRow(1);
    header.height = 22;
    fields.forEach((f, i) => {
      const cell = header.getCell(i + 1);
      cell.font = f.required ? REQUIRED_FONT : { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { vertical: 'middle' };
      cell.note = `${f.labelEn}${f.required ? '（提交前必填 / required to submit）' : ''}`;
    });
    // dropdown lists live on the hidden 选项 sheet (an inline list is limited to 255 characters)
    fields.forEach((f, i) => {
      const values = optionValues(f);
      if (!values) return;
      optionColumn++;
      const letter = columnLetter(optionColumn);
      options.getCell(`${letter}1`).value = f.label;
      values.forEach((v, j) => {
        options.getCell(`${letter}${j + 2}`).value = v;
      });
      const target = columnLetter(i + 1);
      validations(data).add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`],
        showErrorMessage: f.type !== 'country',
        errorStyle: 'warning',
        errorTitle: f.label,
        error: `请从列表中选择 / Choose from the list`,
      });
    });
  });

  notes.columns = [
    { header: '列名（表头）', key: 'label', width: 26 },
    { header: 'English', key: 'en', width: 34 },
    { header: '提交前必填 Required', key: 'required', width: 16 },
    { header: '格式 Format', key: 'format', width: 60 },
    { header: '可选值 Allowed values', key: 'values', width: 60 },
    { header: '说明 Notes', key: 'hint', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  for (const sheet of spec.sheets) {
    if (spec.sheets.length > 1) notes.addRow([`工作表「${sheet.name}」 / Sheet "${sheet.name}"`]).font = { bold: true };
    for (const f of sheet.fields) {
      const values = optionValues(f);
      notes.addRow({
        label: f.label,
        en: f.labelEn,
        required: f.required ? '是 / yes' : '否 / no',
        format: formatText(f),
        values: f.type === 'country' ? '见下拉列表（中文名称），或两位字母代码 / see the dropdown (Chinese names), or the two-letter code' : values ? values.join('、') : '',
        hint: f.hint ?? '',
      });
    }
  }
  notes.addRow([]);
  notes.addRow([`${spec.title} ${spec.titleEn} — 批量导入说明 / How to fill in`]).font = { bold: true };
  for (const line of spec.notes) notes.addRow([line]);
  notes.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return wb;
}

/** The template workbook of a kind. */
export function buildTemplate(kind: DocumentKind): ExcelJS.Workbook {
  const def = documentDef(kind);
  return buildWorkbook({
    marker: kind,
    title: def.title,
    titleEn: def.titleEn,
    sheets: [{ name: sheetName(kind), fields: templateFields(kind) }],
    notes: GENERAL_NOTES,
  });
}

/** Writes a template workbook (small: a header row, notes, option lists) to `destPath`; returns its size. */
export function writeTemplate(wb: ExcelJS.Workbook, destPath: string): Promise<number> {
  return writeFileAtomically(destPath, (part) => wb.xlsx.writeFile(part));
}

/** Writes the template of a kind to `destPath`. */
export async function templateFile(kind: DocumentKind, destPath: string): Promise<{ fileName: string; sizeBytes: number }> {
  return { fileName: `${plainTitle(kind)}-导入模板.xlsx`, sizeBytes: await writeTemplate(buildTemplate(kind), destPath) };
}
