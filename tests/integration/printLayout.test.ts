/**
 * The printouts' layout, read back from real PDFs (headless Chromium, poppler): word positions
 * from `pdftotext -bbox` and pixels from `pdftoppm`.
 *
 * - every field's label prints in the order of forms.md and its value right of it, on its row
 *   and page, with the fixture and with stress values (100-character values, an 8-line reason
 *   beside long employer data, a reason of 100 short lines);
 * - the pages Chromium makes are the pages the template computed; every page carries the title
 *   and the 申请编号, a section continued from the page before says （续）, and the authority
 *   areas never stand on a page alone;
 * - each seal area keeps a clear 45 × 45 mm square and the photo box measures the 35 × 49 mm it states;
 * - the police box is empty on a reprint; the 申请编号 is the same before and after approval;
 * - the notice's page 2 repeats its title and number; a batch prints several forms in one PDF.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfRenderer } from '../../main/host/chromiumPdf';
import { countPdfPages, createPrintService, type PrintableRecord } from '../../main/services/print';
import { documentDef } from '../../shared/documents/registry';
import { DOCUMENT_KINDS, type DocumentKind, type FieldDef, type FormValues } from '../../shared/documents/types';
import { AREA_ROW_H, authorityAreas } from '../../shared/print/authorities';
import { formatDate, printedTitle, printedValue } from '../../shared/print/format';
import { formPagesHtml, renderFormHtml } from '../../shared/print/form';
import { PHOTO_MM } from '../../shared/print/layout';
import { noticeFromRecord, renderNoticeHtml, STANDARD_MATERIALS } from '../../shared/print/notice';
import { FIXTURE_PROFILE, FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { eightLineReason, hundredLines, longValues } from '../fixtures/printStress';
import { pdfInfo, pdfText, readPng, renderPagePng, squash, type GreyImage } from '../helpers/poppler';
import { tempDir } from '../helpers/tmp';

const renderer = chromiumPdfRenderer();
const tmp = tempDir('permit-desk-print-layout-');
const REFERENCE = 'SQ-20261128-3F2A9C1D';

beforeAll(async () => {
  await renderer.render('<!DOCTYPE html><p>warm-up</p>');
}, 60_000);

afterAll(async () => {
  await renderer.close();
  tmp.cleanup();
});

let seq = 0;
async function pdfOf(html: string): Promise<string> {
  const file = path.join(tmp.dir, `doc-${++seq}.pdf`);
  fs.writeFileSync(file, await renderer.render(html));
  return file;
}

// ─── words and their boxes ─────────────────────────────────────────────────────────────────

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const yc = (w: Word) => (w.y0 + w.y1) / 2;

function pdfWords(file: string): Word[] {
  const xml = execFileSync('pdftotext', ['-q', '-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: Word[] = [];
  let page = 0;
  for (const m of xml.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) {
      page += 1;
      continue;
    }
    const text = (m[5] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    words.push({ page, text, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) });
  }
  return words;
}

/** Two words on the same row of the grid: centres within 8 pt (rows are at least 30 pt apart). */
const sameRow = (a: Word, b: Word) => a.page === b.page && Math.abs(yc(a) - yc(b)) < 8;
/** Reading order: page, then row, then left to right. */
const before = (a: Word, b: Word) => (a.page !== b.page ? a.page < b.page : sameRow(a, b) ? a.x0 < b.x0 : yc(a) < yc(b));

const gridFields = (kind: DocumentKind) => documentDef(kind).fields.filter((f) => f.type !== 'photo' && !f.key.startsWith('police.'));

/** A field's label: one word, or a long label wrapped in its cell (its lines stacked in one column). */
function labelWord(words: Word[], field: FieldDef): Word | undefined {
  const exact = words.find((w) => w.text === field.label);
  if (exact) return exact;
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as Word;
    if (first.text.length < 2 || !field.label.startsWith(first.text)) continue;
    let text = first.text;
    let last = first;
    for (const next of words.slice(i + 1)) {
      if (next.page !== first.page) break;
      const below = next.y0 > last.y0 && next.y0 - last.y1 < 8 && Math.abs(next.x0 - first.x0) < 40;
      if (below && field.label.startsWith(text + next.text)) {
        text += next.text;
        last = next;
        if (text === field.label) return { ...first, x1: Math.max(first.x1, last.x1), y1: last.y1 };
      }
    }
  }
  return undefined;
}

/** The first word of a field's value: right of its label, nearest to it. */
function valueWord(words: Word[], label: Word, value: string): Word | undefined {
  const v = squash(value);
  return words
    .filter((w) => w.page === label.page && w.x0 > label.x1 && w.text.length > 0 && v.startsWith(squash(w.text)) && squash(w.text).length >= Math.min(2, v.length))
    .sort((a, b) => Math.abs(yc(a) - yc(label)) - Math.abs(yc(b) - yc(label)) || a.x0 - b.x0)[0];
}

/**
 * Every label in forms.md's order; every value right of its label, inside its row (between the
 * labels of the rows above and below) and left of the next label on the row.
 */
function expectFieldsInPlace(kind: DocumentKind, values: FormValues, words: Word[]): void {
  const fields = gridFields(kind);
  const labels = fields.map((f) => {
    const w = labelWord(words, f);
    expect(w, `label ${f.label} printed`).toBeDefined();
    return w as Word;
  });
  for (let i = 1; i < labels.length; i++) {
    const [a, b] = [labels[i - 1] as Word, labels[i] as Word];
    expect(before(a, b), `${fields[i - 1]?.label} before ${fields[i]?.label}`).toBe(true);
  }
  fields.forEach((f, i) => {
    const text = printedValue(f, values[f.key]);
    if (!text) return;
    const label = labels[i] as Word;
    const value = valueWord(words, label, text.split('\n')[0] as string);
    expect(value, `value of ${f.label} right of its label on page ${label.page}`).toBeDefined();
    const v = value as Word;
    const above = labels.filter((l) => l.page === label.page && !sameRow(l, label) && yc(l) < yc(label));
    const below = labels.filter((l) => l.page === label.page && !sameRow(l, label) && yc(l) > yc(label));
    if (above.length) expect(v.y0, `${f.label}: value below the row above`).toBeGreaterThan(Math.max(...above.map((l) => l.y1)));
    if (below.length) expect(v.y1, `${f.label}: value above the row below`).toBeLessThan(Math.min(...below.map((l) => l.y0)));
    const next = labels.find((l) => sameRow(l, label) && l.x0 > label.x0);
    if (next) expect(v.x0, `${f.label}: value left of ${next === label ? '' : 'the next label'}`).toBeLessThan(next.x0);
  });
}

/** Every value in the text, in order of its lines (a value may continue on the next page). */
function expectValuesPresent(kind: DocumentKind, values: FormValues, flow: string): void {
  const text = squash(flow);
  for (const f of gridFields(kind)) {
    const v = printedValue(f, values[f.key]);
    if (!v) continue;
    let at = 0;
    for (const line of v.split('\n').map(squash).filter(Boolean)) {
      const found = text.indexOf(line, at);
      expect(found, `${f.key}: "${line}" printed`).toBeGreaterThanOrEqual(0);
      at = found + line.length;
    }
  }
}

const AREA_HEADS: Record<string, string> = {
  employer: '申请单位（盖章）',
  industry: '行业主管部门意见（盖章）',
  police: '市公安出入境管理部门意见（盖章）',
  labour: '发证机关（盖章）',
};

/** Pages, titles, 申请编号, （续）, areas with data. */
function expectPages(kind: DocumentKind, values: FormValues, file: string, words: Word[]): void {
  const computed = formPagesHtml(kind, values).pages;
  const pages = pdfInfo(file).pages;
  expect(pages, 'Chromium made the pages the template computed').toBe(computed.length);
  const title = printedTitle(documentDef(kind).title);
  const pageTexts = pdfText(file).split('\f');
  for (let p = 1; p <= pages; p++) {
    const text = squash(pageTexts[p - 1] ?? '');
    expect(text, `title on page ${p}`).toContain(squash(title));
    expect(text, `申请编号 on page ${p}`).toContain(REFERENCE);
    const onPage = words.filter((w) => w.page === p);
    const labels = gridFields(kind).filter((f) => onPage.some((w) => w.text === f.label || w.text === `${f.label}（续）`));
    const hasAreas = onPage.some((w) => w.text === AREA_HEADS.employer);
    expect(hasAreas, `areas on page ${p}`).toBe(p === pages);
    expect(labels.length, `page ${p} carries data`).toBeGreaterThan(0);
    // the section labels are vertical: their characters top to bottom in the first column
    const column = onPage
      .filter((w) => w.x1 < SECTION_COLUMN_END_PT)
      .sort((a, b) => a.y0 - b.y0)
      .map((w) => w.text)
      .join('')
      .replace(/\uFE35/g, '（')
      .replace(/\uFE36/g, '）');
    for (const frag of computed[p - 1]?.fragments ?? []) {
      const label = frag.continued ? `${frag.section.title}（续）` : frag.section.title;
      expect(column, `page ${p}: section label ${label}`).toContain(label);
    }
  }
}

/** The right edge of the section column (15 mm margin + 8 mm), in pt. */
const SECTION_COLUMN_END_PT = ((15 + 8) * 72) / 25.4;

const cases: Array<[string, DocumentKind, FormValues]> = [
  ...DOCUMENT_KINDS.map((k): [string, DocumentKind, FormValues] => [`${k}, fixture`, k, VALID_VALUES[k]]),
  ...DOCUMENT_KINDS.map((k): [string, DocumentKind, FormValues] => [`${k}, 100-character values`, k, longValues(k)]),
  ['license, 8-line reason and long employer data', 'license', eightLineReason()],
  ['license, reason of 100 short lines', 'license', hundredLines('license')],
  ['extension, reason of 100 short lines', 'extension', hundredLines('extension')],
];

describe('every field in its place, read back from the PDF', () => {
  it.each(cases)('%s', async (_name, kind, values) => {
    const file = await pdfOf(renderFormHtml(kind, values, { printedOn: FIXTURE_TODAY, reference: REFERENCE }));
    const words = pdfWords(file);
    expectPages(kind, values, file, words);
    expectFieldsInPlace(kind, values, words);
    expectValuesPresent(kind, values, pdfText(file, false));
  }, 60_000);
});

// ─── measured boxes ────────────────────────────────────────────────────────────────────────

const A4_PX = { width: 1240, height: 1754 }; // 150 dpi
const PX_PER_PT = A4_PX.width / 595.92;
const PX_PER_MM = A4_PX.width / 210;
const dark = (img: GreyImage, x: number, y: number) => (img.pixels[Math.round(y) * img.width + Math.round(x)] ?? 255) < 140;

function pagePng(file: string, page: number): GreyImage {
  const out = path.join(tmp.dir, `page-${++seq}.png`);
  renderPagePng(file, out, page, A4_PX.width, A4_PX.height);
  return readPng(out);
}

/** From (x, y) step by (dx, dy) pixels until a dark pixel: the distance in pixels. */
function scan(img: GreyImage, x: number, y: number, dx: number, dy: number): number {
  let n = 0;
  while (n < 2000) {
    const px = x + dx * n;
    const py = y + dy * n;
    if (px < 0 || py < 0 || px >= img.width || py >= img.height) return n;
    if (dark(img, px, py)) return n;
    n += 1;
  }
  return n;
}

/** The largest clear square at the bottom right of an area (where the seal goes), mm. */
function clearSquareMm(img: GreyImage, head: Word): { width: number; height: number } {
  const y = yc(head) * PX_PER_PT;
  const right = head.x1 * PX_PER_PT + 2 + scan(img, head.x1 * PX_PER_PT + 2, y, 1, 0); // the area's right rule
  const x = right - 3 * PX_PER_MM;
  const top = head.y1 * PX_PER_PT + 4 * PX_PER_MM; // below the head and its English line
  const bottom = top + scan(img, x, top, 0, 1); // the area's bottom rule
  // from the bottom right corner, grow the square while every pixel stays white
  let size = 0;
  for (; size < 80 * PX_PER_MM; size++) {
    const x0 = right - 2 - size;
    const y0 = bottom - 2 - size;
    let clear = y0 > head.y1 * PX_PER_PT;
    for (let i = 0; i <= size && clear; i++) clear = !dark(img, x0, bottom - 2 - i) && !dark(img, right - 2 - i, y0);
    if (!clear) break;
  }
  return { width: size / PX_PER_MM, height: size / PX_PER_MM };
}

describe('measured in the PDF', () => {
  it.each(['license', 'recruitment', 'registration-licensed', 'hmt-permit'] as const)('%s: every seal area keeps a clear square of at least 45 × 45 mm', async (kind) => {
    const file = await pdfOf(renderFormHtml(kind, VALID_VALUES[kind], { printedOn: FIXTURE_TODAY, reference: REFERENCE }));
    const words = pdfWords(file);
    for (const area of authorityAreas(kind)) {
      const head = words.find((w) => w.text === AREA_HEADS[area]);
      expect(head, `${area} area printed`).toBeDefined();
      const square = clearSquareMm(pagePng(file, (head as Word).page), head as Word);
      expect(square.width, `${kind} ${area}`).toBeGreaterThanOrEqual(45);
      expect(square.height, `${kind} ${area}`).toBeGreaterThanOrEqual(45);
      // bounded by the area's rules and its text: a larger square would mean the rules were missed
      expect(square.width, `${kind} ${area}`).toBeLessThan(AREA_ROW_H);
    }
  }, 60_000);

  it.each(['license', 'hmt-permit'] as const)('%s: the photo box measures the size its label states', async (kind) => {
    const values = { ...VALID_VALUES[kind], 'person.photo': '', 'hmt.photo': '' };
    const file = await pdfOf(renderFormHtml(kind, values, { printedOn: FIXTURE_TODAY, reference: REFERENCE }));
    const words = pdfWords(file);
    expect(squash(pdfText(file))).toContain(squash(`二寸 ${PHOTO_MM.width} mm × ${PHOTO_MM.height} mm`));
    const label = words.find((w) => w.text === '照片') as Word;
    expect(label).toBeDefined();
    const img = pagePng(file, label.page);
    const cy = yc(label) * PX_PER_PT;
    const left = label.x0 * PX_PER_PT - 2 - scan(img, label.x0 * PX_PER_PT - 2, cy, -1, 0);
    const right = label.x1 * PX_PER_PT + 2 + scan(img, label.x1 * PX_PER_PT + 2, cy, 1, 0);
    const x = left + 1.5 * PX_PER_MM; // inside the box, left of its centred text
    const top = cy - scan(img, x, cy, 0, -1);
    const bottom = cy + scan(img, x, cy, 0, 1);
    expect((right - left) / PX_PER_MM).toBeCloseTo(PHOTO_MM.width, 0);
    expect((bottom - top) / PX_PER_MM).toBeCloseTo(PHOTO_MM.height, 0);
  }, 60_000);
});

// ─── what prints where ─────────────────────────────────────────────────────────────────────

const record = (over: Partial<PrintableRecord> = {}): PrintableRecord => ({
  id: '3f2a9c1d-5b6e-4c7d-8e9f-0a1b2c3d4e5f',
  kind: 'license',
  status: 'submitted',
  values: { ...VALID_VALUES.license, 'police.opinion': '同意', 'police.date': '2026-11-20' },
  reviewedAt: null,
  certificateNo: null,
  createdAt: '2026-11-27T16:30:00.000Z',
  ...over,
});

function serviceFor(records: Map<string, PrintableRecord>) {
  return createPrintService({
    records: {
      get: (id) => {
        const r = records.get(id);
        if (!r) throw new Error(`no record ${id}`);
        return r;
      },
    },
    pdf: renderer,
    remember: { get: () => null, set: () => undefined },
    profile: () => FIXTURE_PROFILE.name,
    now: () => new Date('2026-11-28T04:00:00Z'),
  });
}

async function previewText(service: ReturnType<typeof serviceFor>, id: string, document: 'form' | 'notice' = 'form') {
  const preview = await service.preview(id, document);
  const file = path.join(tmp.dir, `preview-${++seq}.pdf`);
  fs.writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
  return { text: pdfText(file), pages: preview.pages };
}

describe('the print service', () => {
  it('a reprint: the police box empty, the same 申请编号 before and after approval, the certificate number in its cell', async () => {
    const records = new Map([['r', record()]]);
    const service = serviceFor(records);
    const first = await previewText(service, 'r');
    const again = await previewText(service, 'r');
    records.set('r', record({ status: 'approved', reviewedAt: '2026-12-03T02:00:00.000Z', certificateNo: 'GZ20260000123' }));
    const approved = await previewText(service, 'r');
    for (const { text } of [first, again, approved]) {
      expect(squash(text)).toContain('申请编号ApplicationNo.：SQ-20261128-3F2A9C1D');
      expect(text).not.toContain('同意'); // typed in the desk, never printed as the police's opinion
      expect(text).not.toContain(formatDate('2026-11-20'));
    }
    expect(squash(first.text)).not.toContain('GZ20260000123');
    expect(squash(approved.text)).toMatch(/就业许可证书编号：EmploymentlicenseNo\.GZ20260000123/);
  }, 60_000);

  it('the notice: applicant identified, page 2 repeats the title and the number', async () => {
    const materials = Array.from({ length: 40 }, (_, i) => `${STANDARD_MATERIALS.license[i % 9]}（第${i + 1}项）`);
    const notice = noticeFromRecord(
      { kind: 'license', values: VALID_VALUES.license, reviewedAt: '2026-12-03T02:00:00.000Z' },
      { bureau: { noticeNo: 'WB20260001234', materials }, reference: REFERENCE },
    );
    const file = await pdfOf(renderNoticeHtml(notice));
    const pages = pdfText(file).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(squash(page)).toContain('《网上办理通知书》');
      expect(squash(page)).toContain('WB20260001234');
    }
    const all = squash(pages.join(''));
    for (const s of ['JOHNMICHAELSMITH', '英国', '普通护照533281947', REFERENCE, '本通知书依据网上预审结果打印', '预审结果未载明办理机构']) expect(all, s).toContain(s);
  }, 60_000);

  it('【批量打印】: the forms of several records in one PDF, each from a page of its own', async () => {
    const kinds: DocumentKind[] = ['license', 'extension', 'hmt-permit'];
    const records = new Map(kinds.map((kind, i) => [`r${i}`, record({ id: `${i}0000000-aaaa`, kind, values: VALID_VALUES[kind] })]));
    const progress: number[] = [];
    const preview = await serviceFor(records).previewBatch([...records.keys()], (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3]);
    const expectedPages = kinds.reduce((n, kind) => n + formPagesHtml(kind, VALID_VALUES[kind]).pages.length, 0);
    expect(preview.pages).toBe(expectedPages);
    const file = path.join(tmp.dir, 'batch.pdf');
    fs.writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
    const text = squash(pdfText(file));
    for (const kind of kinds) expect(text).toContain(squash(printedTitle(documentDef(kind).title)));
    await expect(serviceFor(records).previewBatch([])).rejects.toThrow('请先勾选要打印的记录 / Tick the records to print first');
    await expect(serviceFor(records).previewBatch(['r0', 'r0'])).rejects.toThrow(/重复/);
    await expect(serviceFor(records).previewBatch(Array.from({ length: 51 }, (_, i) => `x${i}`))).rejects.toThrow(/一次最多批量打印 50 份/);

    // to a printer: one job of every page (the physical printer is the one thing stood in for)
    const jobs: Array<{ pages: number; title: string }> = [];
    let remembered = '';
    const printing = createPrintService({
      records: { get: (id) => records.get(id) as PrintableRecord },
      pdf: renderer,
      printers: {
        list: async () => [{ name: 'Office', displayName: 'Office', isDefault: true, status: 'idle' }],
        print: async (pdf, _printer, title) => {
          jobs.push({ pages: countPdfPages(pdf), title });
          return 'Office-1';
        },
      },
      remember: { get: () => null, set: (name) => (remembered = name) },
      profile: () => FIXTURE_PROFILE.name,
      now: () => new Date('2026-11-28T04:00:00Z'),
    });
    await expect(printing.printBatch([...records.keys()], 'Office')).resolves.toEqual({ job: 'Office-1', printer: 'Office' });
    expect(jobs).toEqual([{ pages: expectedPages, title: '批量打印3份-2026-11-28' }]);
    expect(remembered).toBe('Office');
  }, 60_000);
});
