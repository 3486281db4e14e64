/**
 * The print template of every document kind: a complete HTML document (inline CSS, no script,
 * no external resource) laid out like the paper form — the title, a bordered grid of label/value
 * cells with English sub-labels, the photo box at the top right of the person section, and the
 * 申请单位（盖章） box (beside the 市公安出入境管理部门意见 box on license and recruitment).
 *
 * Grid (A4, 180 mm between the margins), eight columns so that both the normal pair rows and the
 * rows beside the photo line up:
 *
 *   | sec 9 | label 31 | value 38 | 16.5 | 14.5 | 16.5 | 18.5 | photo 36 |
 *   pair row:   sec | label | value (3–4)   | label (5–6) | value (7–8)
 *   photo row:  sec | label | value (3)     | label (4–5) | value (6–7) | photo
 *   wide row:   sec | label | value (3–8)
 */
import { documentDef } from '../documents/registry';
import type { DocumentKind, FieldDef, FormValues, SectionDef } from '../documents/types';
import { BLANK_DATE, fitClass, formatDate, printedValue } from './format';
import { escapeHtml, safePhotoUrl } from './html';
import { BASE_CSS } from './styles';

export interface FormMeta {
  /** printing date, YYYY-MM-DD (China time); shown at the top right */
  printedOn?: string;
  /** the application's reference (record id or issued number), shown at the top left */
  reference?: string;
}

/** Column widths in mm, see the file comment. */
const COLS = [9, 31, 38, 16.5, 14.5, 16.5, 18.5, 36] as const;

/** Half-width characters per line of each value cell at 10pt (cell width less padding, ÷ 2.05 mm, a Latin capital's width). */
const CAPACITY = { pair: 25, photoLeft: 17, photoRight: 15, wide: 66, photoWide: 49 } as const;

/** Fields printed across the whole row whatever their value (long by nature). */
const WIDE_KEYS = new Set(['employer.name', 'employer.address', 'residence.address', 'hmt.address', 'exemption']);

/** Sections whose fields are printed in the sign-off boxes rather than in the grid. */
const POLICE_SECTION = 'police';

/** Rows beside the photo: tall enough together for a 45 mm photo. */
const PHOTO_ROWS = 5;

/** Fields beside the photo that take a row of their own (a passport name is long). */
const PHOTO_SINGLE_KEYS = new Set(['person.nameEn']);

const h = escapeHtml;

function label(field: FieldDef, colspan = 1): string {
  const span = colspan > 1 ? ` colspan="${colspan}"` : '';
  return `<td class="lab"${span}><div class="zh">${h(field.label)}</div><div class="en">${h(field.labelEn)}</div></td>`;
}

function value(field: FieldDef, values: FormValues, capacity: number, colspan: number): string {
  const text = printedValue(field, values[field.key]);
  const multiline = field.type === 'textarea';
  const classes = ['val', fitClass(text, capacity, multiline ? 3 : 2), multiline ? 'multi' : ''].filter(Boolean).join(' ');
  const span = colspan > 1 ? ` colspan="${colspan}"` : '';
  return `<td class="${classes}"${span} data-key="${h(field.key)}">${h(text)}</td>`;
}

/** A field that takes a whole row: long by nature, multi-line, or a value too long to fit half a row. */
function isWide(field: FieldDef, values: FormValues): boolean {
  if (field.type === 'textarea' || WIDE_KEYS.has(field.key)) return true;
  return fitClass(printedValue(field, values[field.key]), CAPACITY.pair) !== '';
}

function photoCell(field: FieldDef, values: FormValues, rowspan: number): string {
  const url = safePhotoUrl(values[field.key]);
  const inner = url
    ? `<img class="photo-img" src="${h(url)}" alt="${h(field.label)}">`
    : `<div class="photo-empty"><div>${h(field.label)}</div><div class="en">${h(field.labelEn)}</div><div class="en">35 mm × 45 mm</div></div>`;
  return `<td class="photo" rowspan="${rowspan}" data-key="${h(field.key)}"><div class="photo-box">${inner}</div></td>`;
}

/**
 * Rows of one section (without the section cell). Wide fields take a row each; the others are
 * paired in form order. With a photo, the first narrow fields sit beside it, two to a row (the
 * passport name alone on its row).
 */
function sectionRows(section: SectionDef, values: FormValues): string[] {
  const photo = section.fields.find((f) => f.type === 'photo');
  const fields = section.fields.filter((f) => f.type !== 'photo');
  const rows: string[] = [];

  if (photo) {
    // the first narrow fields sit beside the photo: a PHOTO_SINGLE field alone, the others in pairs
    const beside: FieldDef[][] = [];
    let open: FieldDef[] | null = null;
    for (const f of fields) {
      if (beside.length === PHOTO_ROWS && !open) break;
      if (f.type === 'textarea' || WIDE_KEYS.has(f.key)) continue;
      const narrow = !isWide(f, values);
      const single = PHOTO_SINGLE_KEYS.has(f.key) || !narrow;
      if (single && fitClass(printedValue(f, values[f.key]), CAPACITY.photoWide) !== '') continue;
      if (single) {
        if (beside.length < PHOTO_ROWS) beside.push([f]);
        continue;
      }
      if (open) {
        open.push(f);
        open = null;
      } else if (beside.length < PHOTO_ROWS) {
        open = [f];
        beside.push(open);
      }
    }
    const besideKeys = new Set(beside.flat().map((f) => f.key));
    const photoRows = Math.max(1, beside.length);
    for (let i = 0; i < photoRows; i++) {
      const [a, b] = beside[i] ?? [];
      let cells = '';
      if (a && b) {
        cells = label(a) + value(a, values, CAPACITY.photoLeft, 1) + label(b, 2) + value(b, values, CAPACITY.photoRight, 2);
      } else if (a) {
        cells = label(a) + value(a, values, CAPACITY.photoWide, 5);
      } else {
        cells = '<td class="lab"></td><td class="val" colspan="5"></td>';
      }
      if (i === 0) cells += photoCell(photo, values, photoRows);
      rows.push(cells);
    }
    rows.push(...pairedRows(fields.filter((f) => !besideKeys.has(f.key)), values));
  } else {
    rows.push(...pairedRows(fields, values));
  }
  return rows;
}

function pairedRows(fields: readonly FieldDef[], values: FormValues): string[] {
  const rows: string[] = [];
  let pending: FieldDef | null = null;
  const flush = () => {
    if (pending) rows.push(label(pending) + value(pending, values, CAPACITY.wide, 6));
    pending = null;
  };
  for (const f of fields) {
    if (isWide(f, values)) {
      rows.push(label(f) + value(f, values, CAPACITY.wide, 6));
    } else if (pending) {
      const a: FieldDef = pending;
      rows.push(label(a) + value(a, values, CAPACITY.pair, 2) + label(f, 2) + value(f, values, CAPACITY.pair, 2));
      pending = null;
    } else {
      pending = f;
    }
  }
  flush();
  return rows;
}

function sectionHtml(section: SectionDef, values: FormValues): string {
  const rows = sectionRows(section, values);
  const head = `<th class="sec" rowspan="${rows.length}" scope="rowgroup"><div class="sec-text"><span class="zh">${h(section.title)}</span></div></th>`;
  return rows.map((cells, i) => `<tr${i === 0 ? ' class="sec-first"' : ''}>${i === 0 ? head : ''}${cells}</tr>`).join('\n');
}

function employerSealBox(colspan: number): string {
  return `<td class="sign${colspan === 8 ? ' single' : ''}" colspan="${colspan}"><div class="sign-box">
  <div class="sign-head"><span class="zh">申请单位（盖章）</span><span class="en">Employer (official seal)</span></div>
  <div class="sign-body">本单位保证以上所填内容真实、准确。<div class="en">We certify that the information above is true and accurate.</div></div>
  <div class="sign-foot"><span>经办人（签字）<span class="en">Handled by</span>：<span class="blank-line"></span></span><span class="date-line">${BLANK_DATE}</span></div>
</div></td>`;
}

function policeBox(values: FormValues, colspan: number): string {
  const opinion = (values['police.opinion'] ?? '').trim();
  const date = (values['police.date'] ?? '').trim();
  return `<td class="sign" colspan="${colspan}" data-key="police.opinion"><div class="sign-box">
  <div class="sign-head"><span class="zh">市公安出入境管理部门意见</span><span class="en">Opinion of the municipal exit-entry administration of the public security bureau</span></div>
  <div class="sign-body opinion">${opinion ? `<span class="opinion-label">意见：</span><span class="opinion-text">${h(opinion)}</span>` : ''}</div>
  <div class="sign-foot"><span>（盖章）<span class="en">Seal</span></span><span class="date-line" data-key="police.date">${date ? h(formatDate(date)) : BLANK_DATE}</span></div>
</div></td>`;
}

const FORM_CSS = `
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.form > thead > tr > td { border: none; padding: 0; }
table.form td, table.form th { border: 0.75pt solid #000; padding: 0.8mm 1.4mm; vertical-align: middle; }
table.form tbody tr { break-inside: avoid; page-break-inside: avoid; height: 8.8mm; }
th.sec { text-align: center; padding: 1mm 0; }
th.sec .sec-text { writing-mode: vertical-rl; text-orientation: upright; margin: 0 auto; letter-spacing: 2pt; font-size: 10pt; line-height: 1; }
td.lab { text-align: center; }
td.lab .zh { font-size: 9pt; line-height: 1.2; white-space: nowrap; }
td.lab .en { margin-top: 0.3mm; }
td.val { text-align: left; }
td.val.multi { white-space: pre-line; vertical-align: top; padding-top: 1.2mm; padding-bottom: 1.2mm; }
td.photo { padding: 1.2mm; text-align: center; vertical-align: middle; }
.photo-box { width: 33mm; height: 44mm; margin: 0 auto; border: 0.5pt solid #555; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.photo-img { width: 100%; height: 100%; object-fit: cover; display: block; }
.photo-empty { font-size: 9pt; color: #333; text-align: center; line-height: 1.4; }
td.sign { vertical-align: top; padding: 1.5mm 2.5mm; }
td.sign.single .sign-box { height: 27mm; }
.sign-box { height: 34mm; display: flex; flex-direction: column; justify-content: space-between; }
.sign-head .zh { font-size: 11pt; margin-right: 2mm; }
.sign-head .en { display: block; }
.sign-body { font-size: 9.5pt; }
.sign-body.opinion { text-align: center; font-size: 14pt; }
.opinion-label { font-size: 10pt; }
.opinion-text { font-size: 12pt; letter-spacing: 2pt; }
.sign-foot { display: flex; justify-content: space-between; align-items: flex-end; font-size: 9.5pt; }
.blank-line { display: inline-block; width: 24mm; border-bottom: 0.5pt solid #000; }
.date-line { white-space: pre; letter-spacing: 0.5pt; }
`;

/** The document title, the English title and the reference/print-date line (repeated on every page). */
function titleBlock(title: string, titleEn: string, meta: FormMeta): string {
  const ref = meta.reference?.trim()
    ? `<span>申请编号 <span class="en">Ref.</span>：${h(meta.reference.trim())}</span>`
    : '<span></span>';
  const printed = meta.printedOn?.trim()
    ? `<span>打印日期 <span class="en">Printed on</span>：${h(formatDate(meta.printedOn))}</span>`
    : '<span></span>';
  return `<h1 class="doc-title">${h(title)}</h1><p class="doc-title-en">${h(titleEn)}</p><div class="doc-meta">${ref}${printed}</div>`;
}

export function htmlDocument(title: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The printout of one record: every field of the kind, in the form's sections, with the sign-off
 * boxes. `values` are the stored form values (keys the kind does not have are ignored).
 */
export function renderFormHtml(kind: DocumentKind, values: FormValues, meta: FormMeta = {}): string {
  const def = documentDef(kind);
  const sections = def.sections.filter((s) => s.id !== POLICE_SECTION);
  const hasPolice = def.sections.some((s) => s.id === POLICE_SECTION);
  const body = sections.map((s) => sectionHtml(s, values)).join('\n');
  const signRow = hasPolice ? `<tr class="sign-row">${employerSealBox(4)}${policeBox(values, 4)}</tr>` : `<tr class="sign-row">${employerSealBox(8)}</tr>`;
  const colgroup = `<colgroup>${COLS.map((w) => `<col style="width:${w}mm">`).join('')}</colgroup>`;
  const table = `<table class="form">
${colgroup}
<thead><tr><td colspan="${COLS.length}">${titleBlock(def.title, def.titleEn, meta)}</td></tr></thead>
<tbody>
${body}
${signRow}
</tbody>
</table>`;
  return htmlDocument(def.title, FORM_CSS, table);
}
