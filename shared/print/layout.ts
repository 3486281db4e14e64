/**
 * The fixed grid of a printed form and its pages, computed before any HTML is written.
 *
 * Every field has its cell whatever its value: the grid depends on the kind only. Wide fields
 * (multi-line text, addresses, 免办类别) take a whole row; the others sit two to a row in the
 * order of forms.md; the first fields of the person section sit beside the photo (外文姓名 on a row
 * of its own). A value wraps inside its cell at 10 pt, then shrinks to 9 pt and to the 8 pt floor,
 * and past that its cell grows by continuation lines; it never moves.
 *
 * Grid (A4, 180 mm between the margins): eight columns so that pair rows and the rows beside the
 * photo line up:
 *
 *   | sec 8 | label 30 | 36 | 20 | 10 | 20 | 16 | photo 40 |
 *   pair:        sec | label | value (2–3, 56)  | label (4–5, 30) | value (6–7, 56)
 *   photo pair:  sec | label | value (2, 36)    | label (3–4, 30) | value (5–6, 36) | photo
 *   photo wide:  sec | label | value (2–6, 102) | photo
 *   wide:        sec | label | value (2–7, 142)
 *
 * Heights are computed from the measured lines (metrics.ts); `paginate` places whole rows on
 * pages (multi-line text split between its lines), keeps the authority areas with the data they
 * certify and never lets a section start in the last 25 mm of a page.
 */
import type { FieldDef, FormValues, SectionDef } from '../documents/types';
import { printedValue } from './format';
import { PT_MM, wrapLines } from './metrics';

/** Column widths in mm, see the file comment. */
export const COLS = [8, 30, 36, 20, 10, 20, 16, 40] as const;

/** Horizontal and vertical padding of a grid cell, mm. */
export const CELL_PAD_X = 1.4;
export const CELL_PAD_Y = 0.8;
/** What a row needs besides its content: padding and the rule. */
const ROW_EXTRA = 2 * CELL_PAD_Y + 0.3;
/** The height of a row with short values, mm. */
export const ROW_MIN = 10.5;

/** The photo box: 二寸 (35 × 49 mm), as the materials list asks for; its label states the same. */
export const PHOTO_MM = { width: 35, height: 49 } as const;
const PHOTO_NEED = PHOTO_MM.height + 0.4 + 2 * 1.2 + 0.3; // the box is content-sized: its rules outside

/** Type sizes of a value, largest first; 8 pt is the floor. */
export const VALUE_SIZES = [10, 9, 8] as const;
export type ValueSize = (typeof VALUE_SIZES)[number];
/** Line height of each size (CSS line-height × size), mm. */
export const LINE_HEIGHT: Readonly<Record<ValueSize, number>> = { 10: 10 * 1.25 * PT_MM, 9: 9 * 1.2 * PT_MM, 8: 8 * 1.2 * PT_MM };
export const LINE_HEIGHT_CSS: Readonly<Record<ValueSize, number>> = { 10: 1.25, 9: 1.2, 8: 1.2 };

/** Label type: Chinese 9 pt, English sub-label 6.5 pt. */
export const LABEL_ZH_PT = 9;
export const LABEL_EN_PT = 6.5;
const LABEL_ZH_LH = LABEL_ZH_PT * 1.2 * PT_MM;
const LABEL_EN_LH = LABEL_EN_PT * 1.15 * PT_MM;
const LABEL_GAP = 0.3;

/** Section labels: vertical text, 9.5 pt with 1 pt between the characters. */
export const SECTION_PT = 9.5;
export const SECTION_SPACING_PT = 1;

/** Page geometry, mm: A4 between the margins, less a margin for rounding. */
export const PAGE_CONTENT = 297 - 12 - 15 - 6;
/** The title block at the top of every page. */
export const HEADER_H = 22;
/** A section does not start in the last 25 mm of a page. */
export const SECTION_START_MIN = 25;
/** Data kept with the authority areas when they start a page, mm (about two rows). */
const KEEP_WITH_AREAS = 20;
/** Lines of a multi-line value kept together at a page break (no widow or orphan line). */
const MIN_SPLIT_LINES = 2;

/** Fields printed across the whole row whatever their value (long by nature). */
const WIDE_KEYS = new Set(['employer.address', 'residence.address', 'hmt.address', 'exemption']);
/** Fields beside the photo that take a row of their own (a passport name is long). */
const PHOTO_SINGLE_KEYS = new Set(['person.nameEn']);
/** Rows beside the photo. */
const PHOTO_ROWS = 5;

export type CellWidth = 'label' | 'pair' | 'wide' | 'photoPair' | 'photoWide';
/** Inner width of each kind of cell (padding removed), mm. */
const CELL_WIDTH: Readonly<Record<CellWidth, number>> = {
  label: COLS[1],
  pair: COLS[2] + COLS[3],
  wide: COLS[2] + COLS[3] + COLS[4] + COLS[5] + COLS[6] + COLS[7],
  photoPair: COLS[2],
  photoWide: COLS[2] + COLS[3] + COLS[4] + COLS[5] + COLS[6],
};
const inner = (w: CellWidth) => CELL_WIDTH[w] - 2 * CELL_PAD_X;

/** A value as laid out in its cell: the size chosen and the lines at that size. */
export interface ValueFit {
  size: ValueSize;
  lines: string[];
}

/**
 * Wrap at 10 pt; when that takes more lines than the cell's base height holds, 9 pt, then the
 * 8 pt floor; at the floor the lines the value needs (continuation lines: the row grows).
 * Multi-line text keeps 10 pt and grows (it may flow over pages).
 */
export function fitValue(text: string, widthMm: number, multiline = false): ValueFit {
  if (multiline) return { size: 10, lines: wrapLines(text, widthMm, 10) };
  let lines: string[] = [];
  for (const size of VALUE_SIZES) {
    lines = wrapLines(text, widthMm, size);
    if (lines.length * LINE_HEIGHT[size] + ROW_EXTRA <= ROW_MIN + 0.01) return { size, lines };
  }
  return { size: 8, lines };
}

export interface CellLayout {
  field: FieldDef;
  /** the label's lines: Chinese, English */
  zh: string[];
  en: string[];
  value: ValueFit;
  /** this cell continues the value of the same field from the page before */
  continued: boolean;
}

export type RowShape = 'pair' | 'wide' | 'photoPair' | 'photoWide';

export interface GridRow {
  shape: RowShape;
  /** one or two cells; a pair row with one field has `null` on its right */
  cells: [CellLayout] | [CellLayout, CellLayout | null];
  height: number;
  /** rows beside the photo share a group id and are never split; the first carries the photo */
  group?: number;
  photo?: { field: FieldDef; rows: number };
}

function labelHeight(zh: string[], en: string[]): number {
  return zh.length * LABEL_ZH_LH + (en.length ? LABEL_GAP + en.length * LABEL_EN_LH : 0) + ROW_EXTRA;
}

function cellLayout(field: FieldDef, values: FormValues, width: CellWidth): CellLayout {
  const multiline = field.type === 'textarea';
  return {
    field,
    zh: wrapLines(field.label, inner('label'), LABEL_ZH_PT),
    en: wrapLines(field.labelEn, inner('label'), LABEL_EN_PT),
    value: fitValue(printedValue(field, values[field.key]), inner(width), multiline),
    continued: false,
  };
}

function cellHeight(cell: CellLayout | null): number {
  if (!cell) return ROW_MIN;
  const value = cell.value.lines.length * LINE_HEIGHT[cell.value.size] + ROW_EXTRA;
  return Math.max(ROW_MIN, labelHeight(cell.zh, cell.en), value);
}

function row(shape: RowShape, cells: GridRow['cells']): GridRow {
  return { shape, cells, height: Math.max(...cells.map(cellHeight)) };
}

const isWide = (f: FieldDef) => f.type === 'textarea' || WIDE_KEYS.has(f.key);

/** Narrow fields two to a row in order; a wide field takes its own row (a narrow one before it stays alone). */
function pairRows(fields: readonly FieldDef[], values: FormValues): GridRow[] {
  const rows: GridRow[] = [];
  let pending: FieldDef | null = null;
  const flush = () => {
    if (pending) rows.push(row('pair', [cellLayout(pending, values, 'pair'), null]));
    pending = null;
  };
  for (const f of fields) {
    if (isWide(f)) {
      flush();
      rows.push(row('wide', [cellLayout(f, values, 'wide')]));
    } else if (pending) {
      rows.push(row('pair', [cellLayout(pending, values, 'pair'), cellLayout(f, values, 'pair')]));
      pending = null;
    } else {
      pending = f;
    }
  }
  flush();
  return rows;
}

/** The rows of one section: with a photo, its first fields beside it (PHOTO_ROWS rows), then pairs. */
export function sectionRows(section: SectionDef, values: FormValues): GridRow[] {
  const photo = section.fields.find((f) => f.type === 'photo');
  const fields = section.fields.filter((f) => f.type !== 'photo');
  if (!photo) return pairRows(fields, values);

  const beside: GridRow[] = [];
  let i = 0;
  while (i < fields.length && beside.length < PHOTO_ROWS) {
    const f = fields[i] as FieldDef;
    if (isWide(f) || PHOTO_SINGLE_KEYS.has(f.key)) {
      beside.push(row('photoWide', [cellLayout(f, values, 'photoWide')]));
      i += 1;
      continue;
    }
    const next = fields[i + 1];
    if (next && !isWide(next) && !PHOTO_SINGLE_KEYS.has(next.key)) {
      beside.push(row('photoPair', [cellLayout(f, values, 'photoPair'), cellLayout(next, values, 'photoPair')]));
      i += 2;
    } else {
      beside.push(row('photoPair', [cellLayout(f, values, 'photoPair'), null]));
      i += 1;
    }
  }
  const group = 1; // one photo per section: groups never meet across sections' fragments
  const total = beside.reduce((n, r) => n + r.height, 0);
  const last = beside[beside.length - 1];
  if (last && total < PHOTO_NEED) last.height += PHOTO_NEED - total;
  beside.forEach((r) => (r.group = group));
  if (beside[0]) beside[0].photo = { field: photo, rows: beside.length };
  return [...beside, ...pairRows(fields.slice(i), values)];
}

// ─── pages ─────────────────────────────────────────────────────────────────────────────────

/** The label of a section as printed on a page: `（续）` on the pages after its first. */
export function sectionLabel(section: SectionDef, continued: boolean): string {
  return continued ? `${section.title}（续）` : section.title;
}

/** The height a vertical section label needs, mm. */
export function sectionLabelHeight(label: string): number {
  return [...label].length * (SECTION_PT + SECTION_SPACING_PT) * PT_MM + 2.5;
}

export interface Fragment {
  section: SectionDef;
  /** the section began on an earlier page */
  continued: boolean;
  rows: GridRow[];
}

export interface PageLayout {
  fragments: Fragment[];
  /** the authority areas are printed on this page (after its fragments) */
  sign: boolean;
}

const rowsHeight = (rows: readonly GridRow[]) => rows.reduce((n, r) => n + r.height, 0);

/** A fragment's height: its rows, or its vertical label when that is taller (the last row grows). */
export function fragmentHeight(f: Fragment): number {
  return Math.max(rowsHeight(f.rows), sectionLabelHeight(sectionLabel(f.section, f.continued)));
}

const pageHeight = (p: PageLayout) => HEADER_H + p.fragments.reduce((n, f) => n + fragmentHeight(f), 0);

/** A multi-line value's row split after `n` lines: the first part, and the rest marked continued. */
function splitRow(r: GridRow, n: number): [GridRow, GridRow] {
  const cell = r.cells[0];
  const head: CellLayout = { ...cell, value: { ...cell.value, lines: cell.value.lines.slice(0, n) } };
  const tail: CellLayout = { ...cell, value: { ...cell.value, lines: cell.value.lines.slice(n) }, continued: true };
  return [row(r.shape, [head]), row(r.shape, [tail])];
}

const splittable = (r: GridRow) => r.shape === 'wide' && r.cells[0].field.type === 'textarea' && r.cells[0].value.lines.length >= 2 * MIN_SPLIT_LINES;

/** Units placed together: a row, or the rows beside the photo. */
function units(rows: readonly GridRow[]): GridRow[][] {
  const out: GridRow[][] = [];
  for (const r of rows) {
    const prev = out[out.length - 1];
    if (r.group !== undefined && prev?.[0]?.group === r.group) prev.push(r);
    else out.push([r]);
  }
  return out;
}

/**
 * Sections (in order) and the authority areas' height → pages. Rules: whole rows and photo
 * groups; a multi-line value splits between lines (at least two on each side) with its label
 * repeated （续）; a section never starts in the last SECTION_START_MIN mm; the authority areas go
 * on the page of the last data rows, and when they do not fit there the last rows move with them
 * (no page of authority areas alone).
 */
export function paginate(sections: ReadonlyArray<{ section: SectionDef; rows: GridRow[] }>, signHeight: number): PageLayout[] {
  const pages: PageLayout[] = [{ fragments: [], sign: false }];
  const current = () => pages[pages.length - 1] as PageLayout;
  const newPage = () => pages.push({ fragments: [], sign: false });

  for (const { section, rows } of sections) {
    let frag: Fragment | null = null;
    let placed = false;
    const queue = units(rows);
    while (queue.length) {
      const unit = queue[0] as GridRow[];
      const page = current();
      if (!frag) {
        if (page.fragments.length && PAGE_CONTENT - pageHeight(page) < SECTION_START_MIN) {
          newPage();
          continue;
        }
        frag = { section, continued: placed, rows: [] };
        page.fragments.push(frag);
      }
      const before = frag.rows.length;
      frag.rows.push(...unit);
      if (pageHeight(page) <= PAGE_CONTENT) {
        queue.shift();
        placed = true;
        continue;
      }
      frag.rows.length = before;
      const only = unit[0] as GridRow;
      if (unit.length === 1 && splittable(only)) {
        const lines = only.cells[0].value.lines.length;
        let fit = 0;
        for (let n = MIN_SPLIT_LINES; n <= lines - MIN_SPLIT_LINES; n++) {
          frag.rows.push(splitRow(only, n)[0]);
          const ok = pageHeight(page) <= PAGE_CONTENT;
          frag.rows.pop();
          if (!ok) break;
          fit = n;
        }
        if (fit > 0) {
          const [head, tail] = splitRow(only, fit);
          frag.rows.push(head);
          queue[0] = [tail];
          placed = true;
        }
      }
      if (frag.rows.length === 0) page.fragments.pop();
      if (page.fragments.length === 0) {
        // taller than a page on its own: printed anyway (Chromium breaks it)
        page.fragments.push({ section, continued: placed, rows: [...unit] });
        queue.shift();
        placed = true;
      }
      newPage();
      frag = null;
    }
  }
  placeSign(pages, signHeight);
  return pages.filter((p) => p.fragments.length || p.sign);
}

/** The authority areas after the last data, moving the last rows to a new page with them when needed. */
function placeSign(pages: PageLayout[], signHeight: number): void {
  let last = pages[pages.length - 1] as PageLayout;
  if (last.fragments.length === 0 && pages.length > 1) {
    pages.pop();
    last = pages[pages.length - 1] as PageLayout;
  }
  if (pageHeight(last) + signHeight <= PAGE_CONTENT) {
    last.sign = true;
    return;
  }
  const next: PageLayout = { fragments: [], sign: true };
  const frag = last.fragments[last.fragments.length - 1];
  if (!frag) {
    pages.push(next);
    return;
  }
  const moved: Fragment = { section: frag.section, continued: true, rows: [] };
  next.fragments.push(moved);
  const room = () => PAGE_CONTENT - pageHeight(next) - signHeight;
  const groups = units(frag.rows);
  const whole = rowsHeight(frag.rows);
  const rest = pageHeight(last) - fragmentHeight(frag);
  if (HEADER_H + whole + signHeight <= PAGE_CONTENT && (last.fragments.length === 1 || rest >= PAGE_CONTENT / 2)) {
    // the whole last section goes with the areas, and the page it leaves is still well filled
    moved.rows.push(...groups.splice(0).flat());
  } else {
    // only as much as the areas need beside them: KEEP_WITH_AREAS mm of data, the page before stays full
    let movedHeight = 0;
    while (groups.length && movedHeight < KEEP_WITH_AREAS) {
      const unit = groups[groups.length - 1] as GridRow[];
      const only = unit[0] as GridRow;
      if (unit.length === 1 && splittable(only)) {
        const lines = only.cells[0].value.lines.length;
        let done = false;
        for (let keep = lines - MIN_SPLIT_LINES; keep >= MIN_SPLIT_LINES; keep--) {
          const [head, tail] = splitRow(only, keep);
          if (movedHeight + tail.height < KEEP_WITH_AREAS && keep > MIN_SPLIT_LINES) continue;
          moved.rows.unshift(tail);
          if (room() >= 0) {
            groups[groups.length - 1] = [head];
            movedHeight += tail.height;
            done = true;
          } else {
            moved.rows.shift();
          }
          break;
        }
        if (done) break;
      }
      moved.rows.unshift(...unit);
      if (room() < 0 && moved.rows.length > unit.length) {
        moved.rows.splice(0, unit.length);
        break;
      }
      groups.pop();
      movedHeight += rowsHeight(unit);
    }
  }
  if (moved.rows.length === 0) {
    // nothing of the last section fits beside the areas: its last unit goes anyway (never areas alone)
    const unit = groups.pop() as GridRow[];
    moved.rows.push(...unit);
  }
  frag.rows = groups.flat();
  if (frag.rows.length === 0) {
    last.fragments.pop();
    moved.continued = frag.continued;
  }
  if (last.fragments.length === 0) pages.pop();
  pages.push(next);
}
