/**
 * The print template of every document kind: a complete HTML document (inline CSS, no script,
 * no external resource) laid out like the paper form — on every page the title and the 申请编号,
 * then a bordered grid of label/value cells with English sub-labels (layout.ts: a fixed grid, the
 * pages computed before Chromium sees them), the photo box beside the first fields of the person,
 * and at the end the authority areas (authorities.ts) on the page of the data they certify.
 */
import { documentDef } from '../documents/registry';
import type { DocumentKind, FormValues } from '../documents/types';
import { AUTHORITY_CSS, authorityHeight, authorityTable } from './authorities';
import { formatDate, printedTitle } from './format';
import { escapeHtml, safePhotoUrl } from './html';
import {
  CELL_PAD_X,
  CELL_PAD_Y,
  COLS,
  HEADER_H,
  LABEL_EN_PT,
  LABEL_ZH_PT,
  LINE_HEIGHT_CSS,
  PHOTO_MM,
  SECTION_PT,
  SECTION_SPACING_PT,
  fragmentHeight,
  paginate,
  sectionLabel,
  sectionRows,
  type CellLayout,
  type Fragment,
  type GridRow,
  type PageLayout,
} from './layout';
import { BASE_CSS } from './styles';

export interface FormMeta {
  /** printing date, YYYY-MM-DD (China time); shown at the top right */
  printedOn?: string;
  /** the application's stable number (申请编号), shown at the top left of every page */
  reference?: string;
  /** the certificate / permit number once issued: printed in its own cell of the labour office's area */
  certificateNo?: string;
}

/** Sections whose fields are not printed in the grid: the police write their opinion on paper. */
const POLICE_SECTION = 'police';

const h = escapeHtml;
const mm = (n: number) => `${n.toFixed(2)}mm`;

function labelCell(cell: CellLayout | null, colspan: number): string {
  const span = colspan > 1 ? ` colspan="${colspan}"` : '';
  if (!cell) return `<td class="lab"${span}></td>`;
  const zh = cell.continued ? `${cell.field.label}（续）` : cell.field.label;
  return `<td class="lab"${span}><div class="zh">${h(zh)}</div><div class="en">${h(cell.field.labelEn)}</div></td>`;
}

function valueCell(cell: CellLayout | null, colspan: number): string {
  const span = colspan > 1 ? ` colspan="${colspan}"` : '';
  if (!cell) return `<td class="val"${span}></td>`;
  const multi = cell.field.type === 'textarea' ? ' multi' : '';
  const lines = cell.value.lines.map((l) => `<div class="ln">${l === '' ? '\u00a0' : h(l)}</div>`).join('');
  return `<td class="val s${cell.value.size}${multi}"${span} data-key="${h(cell.field.key)}">${lines}</td>`;
}

function photoCell(row: GridRow, values: FormValues): string {
  const photo = row.photo;
  if (!photo) return '';
  const url = safePhotoUrl(values[photo.field.key]);
  const inner = url
    ? `<img class="photo-img" src="${h(url)}" alt="${h(photo.field.label)}">`
    : `<div class="photo-empty"><div>${h(photo.field.label)}</div><div class="en">${h(photo.field.labelEn)}</div><div class="en">二寸 ${PHOTO_MM.width} mm × ${PHOTO_MM.height} mm</div></div>`;
  return `<td class="photo" rowspan="${photo.rows}" data-key="${h(photo.field.key)}"><div class="photo-box">${inner}</div></td>`;
}

function rowCells(row: GridRow, values: FormValues): string {
  const [a, b = null] = row.cells;
  switch (row.shape) {
    case 'pair':
      return labelCell(a, 1) + valueCell(a, 2) + labelCell(b, 2) + valueCell(b, 2);
    case 'wide':
      return labelCell(a, 1) + valueCell(a, 6);
    case 'photoPair':
      return labelCell(a, 1) + valueCell(a, 1) + labelCell(b, 2) + valueCell(b, 2) + photoCell(row, values);
    case 'photoWide':
      return labelCell(a, 1) + valueCell(a, 5) + photoCell(row, values);
  }
}

function fragmentHtml(frag: Fragment, values: FormValues): string {
  const label = sectionLabel(frag.section, frag.continued);
  const deficit = fragmentHeight(frag) - frag.rows.reduce((n, r) => n + r.height, 0);
  const head = `<th class="sec" rowspan="${frag.rows.length}" scope="rowgroup"><div class="sec-text">${h(label)}</div></th>`;
  return frag.rows
    .map((r, i) => {
      const height = r.height + (i === frag.rows.length - 1 ? deficit : 0);
      return `<tr${i === 0 ? ' class="sec-first"' : ''} style="height:${mm(height)}">${i === 0 ? head : ''}${rowCells(r, values)}</tr>`;
    })
    .join('\n');
}

/** The title, the English title and the 申请编号 / print-date line, at the top of every page. */
function titleBlock(title: string, titleEn: string, meta: FormMeta): string {
  const ref = meta.reference?.trim()
    ? `<span>申请编号 <span class="en">Application No.</span>：<span data-key="reference">${h(meta.reference.trim())}</span></span>`
    : '<span></span>';
  const printed = meta.printedOn?.trim()
    ? `<span>打印日期 <span class="en">Printed on</span>：${h(formatDate(meta.printedOn))}</span>`
    : '<span></span>';
  return `<header class="page-head"><h1 class="doc-title">${h(printedTitle(title))}</h1><p class="doc-title-en">${h(titleEn)}</p><div class="doc-meta">${ref}${printed}</div></header>`;
}

const FORM_CSS = `
.page { position: relative; }
.page + .page { break-before: page; page-break-before: always; }
.page-head { height: ${HEADER_H}mm; overflow: hidden; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.form td, table.form th { border: 0.75pt solid #000; padding: ${CELL_PAD_Y}mm ${CELL_PAD_X}mm; vertical-align: middle; }
table.form tr { break-inside: avoid; page-break-inside: avoid; }
th.sec { text-align: center; padding: 1mm 0; font-weight: normal; }
th.sec .sec-text { writing-mode: vertical-rl; text-orientation: upright; margin: 0 auto; letter-spacing: ${SECTION_SPACING_PT}pt; font-size: ${SECTION_PT}pt; line-height: 1; }
td.lab { text-align: center; }
td.lab .zh { font-size: ${LABEL_ZH_PT}pt; line-height: 1.2; }
td.lab .en { font-size: ${LABEL_EN_PT}pt; margin-top: 0.3mm; }
td.val { text-align: left; }
td.val.s10 { font-size: 10pt; line-height: ${LINE_HEIGHT_CSS[10]}; }
td.val.s9 { font-size: 9pt; line-height: ${LINE_HEIGHT_CSS[9]}; }
td.val.s8 { font-size: 8pt; line-height: ${LINE_HEIGHT_CSS[8]}; }
td.val .ln { white-space: pre-wrap; }
td.val.multi { vertical-align: top; }
td.photo { padding: 1.2mm; text-align: center; vertical-align: middle; }
.photo-box { box-sizing: content-box; width: ${PHOTO_MM.width}mm; height: ${PHOTO_MM.height}mm; margin: 0 auto; border: 0.5pt solid #555; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.photo-img { width: 100%; height: 100%; object-fit: cover; display: block; }
.photo-empty { font-size: 9pt; color: #333; text-align: center; line-height: 1.4; }
${AUTHORITY_CSS}`;

/** The pages of one form (without the document around them). */
export function formPagesHtml(kind: DocumentKind, values: FormValues, meta: FormMeta = {}): { html: string; pages: PageLayout[] } {
  const def = documentDef(kind);
  const sections = def.sections.filter((s) => s.id !== POLICE_SECTION).map((section) => ({ section, rows: sectionRows(section, values) }));
  const pages = paginate(sections, authorityHeight(kind));
  const colgroup = `<colgroup>${COLS.map((w) => `<col style="width:${w}mm">`).join('')}</colgroup>`;
  const head = titleBlock(def.title, def.titleEn, meta);
  const html = pages
    .map((page) => {
      const rows = page.fragments.map((f) => fragmentHtml(f, values)).join('\n');
      const table = rows ? `<table class="form">\n${colgroup}\n<tbody>\n${rows}\n</tbody>\n</table>` : '';
      const areas = page.sign ? authorityTable(kind, meta.certificateNo ?? '') : '';
      return `<section class="page">\n${head}\n${table}\n${areas}\n</section>`;
    })
    .join('\n');
  return { html, pages };
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
 * The printout of one record: every field of the kind in its cell, the authority areas at the end.
 * `values` are the stored form values (keys the kind does not have are ignored).
 */
export function renderFormHtml(kind: DocumentKind, values: FormValues, meta: FormMeta = {}): string {
  const def = documentDef(kind);
  return htmlDocument(printedTitle(def.title), FORM_CSS, formPagesHtml(kind, values, meta).html);
}

/** Several printouts in one document (a batch print): each form starts on a page of its own. */
export function renderFormsHtml(forms: ReadonlyArray<{ kind: DocumentKind; values: FormValues; meta?: FormMeta }>): string {
  const body = forms.map((f) => formPagesHtml(f.kind, f.values, f.meta ?? {}).html).join('\n');
  return htmlDocument(`批量打印（${forms.length}份） / Batch print`, FORM_CSS, body);
}
