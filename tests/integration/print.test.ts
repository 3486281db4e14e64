/**
 * The printouts, end to end in browser mode: every document kind (filled with the fixture) and
 * the notice are rendered to PDF by headless Chromium and read back with poppler — A4, the page
 * count the template computed, every filled value and every label in the text, and every page
 * compared with a committed reference image (tests/fixtures/print/<kind>.png for page 1,
 * <kind>-p<n>.png for the pages after it). Positions and measured boxes: printLayout.test.ts.
 *
 * Regenerate the references after an intended layout change:
 *   UPDATE_PRINT_REFERENCES=1 npx vitest run tests/integration/print.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfRenderer } from '../../main/host/chromiumPdf';
import { countPdfPages, createPrintService } from '../../main/services/print';
import { documentDef } from '../../shared/documents/registry';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/types';
import { formatDate, printedValue } from '../../shared/print/format';
import { formPagesHtml, renderFormHtml } from '../../shared/print/form';
import { noticeFromRecord, renderNoticeHtml, type NoticeData } from '../../shared/print/notice';
import { FIXTURE_PROFILE, FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { pdfInfo, pdfText, readPng, renderPagePng, meanAbsDiff, squash } from '../helpers/poppler';
import { tempDir } from '../helpers/tmp';

const REFERENCES = path.resolve('tests/fixtures/print');
const UPDATE = process.env.UPDATE_PRINT_REFERENCES === '1';
/** Mean absolute grey difference (0–255) a page may differ from its reference. */
const MAX_IMAGE_DIFF = 2.5;
const A4 = { width: 595.28, height: 841.89 };

const FIXTURE_NOTICE: NoticeData = {
  noticeNo: 'WB20260001234',
  reference: 'SQ-20261128-3F2A9C1D',
  enterpriseName: FIXTURE_PROFILE.name,
  applicantName: 'JOHN MICHAEL SMITH（史密斯）',
  applicantNationality: '英国',
  applicantDocument: '普通护照',
  applicantDocumentNo: '533281947',
  documentTitle: '《外国人就业许可证书》申请表',
  approvedAt: '2026-12-03',
  office: '市一级劳动就业服务管理机构',
  officeAddress: '广州市天河区天府路1号',
  materials: ['本通知书', '《外国人就业许可证书》申请表（加盖用人单位公章）', '拟聘用外国人的护照复印件'],
  validUntil: '2027-01-02',
  applicant: 'foreign',
};

const renderer = chromiumPdfRenderer();
const tmp = tempDir('permit-desk-print-');
const timings: string[] = [];

beforeAll(async () => {
  // warm the browser once for the whole file
  await renderer.render('<!DOCTYPE html><p>warm-up</p>');
}, 60_000);

afterAll(async () => {
  await renderer.close();
  tmp.cleanup();
  if (timings.length) console.log(`PDF render time (warm): ${timings.join(', ')}`);
});

async function renderToFile(name: string, html: string): Promise<string> {
  const started = performance.now();
  const pdf = await renderer.render(html);
  timings.push(`${name} ${Math.round(performance.now() - started)} ms`);
  const file = path.join(tmp.dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  expect(countPdfPages(pdf)).toBe(pdfInfo(file).pages);
  return file;
}

function expectA4(file: string, pages: number): void {
  const info = pdfInfo(file);
  expect(info.pages).toBe(pages);
  // poppler prints 595.92 x 842.88 for Chromium's A4 (595 × 842 pts rounded)
  expect(Math.abs(info.width - A4.width)).toBeLessThan(1.5);
  expect(Math.abs(info.height - A4.height)).toBeLessThan(1.5);
}

/** Every page against tests/fixtures/print/<name>.png, <name>-p2.png, … (written instead when updating). */
function expectLooksLikeReference(file: string, name: string): void {
  const pages = pdfInfo(file).pages;
  for (let page = 1; page <= pages; page++) expectPageLooksLikeReference(file, page === 1 ? name : `${name}-p${page}`, page);
}

function expectPageLooksLikeReference(file: string, name: string, page: number): void {
  const reference = path.join(REFERENCES, `${name}.png`);
  const actual = path.join(tmp.dir, `${name}.png`);
  renderPagePng(file, actual, page);
  if (UPDATE || !fs.existsSync(reference)) {
    if (!UPDATE) throw new Error(`no reference image ${reference}; run with UPDATE_PRINT_REFERENCES=1 to create it`);
    fs.mkdirSync(REFERENCES, { recursive: true });
    fs.copyFileSync(actual, reference);
    return;
  }
  const diff = meanAbsDiff(readPng(actual), readPng(reference));
  expect(diff, `${name}: page ${page} differs from ${path.relative(process.cwd(), reference)} (mean |Δ| ${diff.toFixed(2)})`).toBeLessThan(
    MAX_IMAGE_DIFF,
  );
}

/**
 * True when the text holds the value, whitespace ignored. A value that wraps inside its cell
 * comes out of pdftotext in pieces (one per line, beside other cells' text): it counts as
 * printed when it is contiguous in the reading-order text, or splits into at most three pieces
 * each found on a line of the layout text.
 */
function printed(text: { layout: string; flow: string }, value: string): boolean {
  const v = squash(value);
  if (v === '') return true;
  if (squash(text.layout).includes(v) || squash(text.flow).includes(v)) return true;
  const lines = text.layout.split('\n').map(squash).filter((l) => l !== '');
  let pos = 0;
  let pieces = 0;
  while (pos < v.length) {
    let best = 0;
    for (let len = v.length - pos; len > 0 && len > best; len--) {
      const piece = v.slice(pos, pos + len);
      if (lines.some((l) => l.includes(piece))) best = len;
    }
    if (best === 0) return false;
    pos += best;
    pieces += 1;
  }
  return pieces <= 3;
}

describe('print templates → PDF (headless Chromium, poppler)', () => {
  it.each(DOCUMENT_KINDS)('%s: A4, every filled value and label printed, looks like the reference', async (kind: DocumentKind) => {
    const def = documentDef(kind);
    const values = VALID_VALUES[kind];
    const meta = { printedOn: FIXTURE_TODAY, reference: 'SQ-20261128-3F2A9C1D' };
    const file = await renderToFile(kind, renderFormHtml(kind, values, meta));
    const pages = formPagesHtml(kind, values, meta).pages.length;
    expectA4(file, pages);
    const text = { layout: pdfText(file), flow: pdfText(file, false) };

    expect(printed(text, def.title)).toBe(true);
    expect(printed(text, '申请单位（盖章）')).toBe(true);
    expect(printed(text, '年月日')).toBe(true);
    expect(printed(text, '发证机关（盖章）')).toBe(true);
    expect(printed(text, `第1页共${pages}页`)).toBe(true);

    const missingValues: string[] = [];
    const missingLabels: string[] = [];
    for (const field of def.fields) {
      if (field.type === 'photo') continue;
      if (field.key.startsWith('police.')) {
        // the police box prints empty: the opinion typed in the desk is not written for the police
        const shown = printedValue(field, values[field.key]);
        // the fixture's opinion date is the print date: printed at the top of each page, not in the box
        if (shown) expect(squash(text.flow).split(squash(shown)).length - 1, field.key).toBe(shown === formatDate(FIXTURE_TODAY) ? pages : 0);
        continue;
      }
      // police.date is printed on the date line of the opinion box, under the section's title
      if (field.key !== 'police.date' && !printed(text, field.label)) missingLabels.push(field.label);
      const raw = values[field.key];
      if (!raw) continue;
      const shown = printedValue(field, raw);
      if (!printed(text, shown)) missingValues.push(`${field.key}=${shown}`);
      if (field.type === 'date') expect(shown).toMatch(/^\d{4}年[1-9]\d?月[1-9]\d?日$/);
      if (field.type === 'country') expect(shown).not.toBe(raw);
    }
    expect(missingValues).toEqual([]);
    expect(missingLabels).toEqual([]);
    if (def.sections.some((s) => s.id === 'police')) {
      expect(printed(text, '市公安出入境管理部门意见（盖章）')).toBe(true);
      expect(printed(text, '行业主管部门意见（盖章）')).toBe(true);
    }
    expectLooksLikeReference(file, kind);
  });

  it('the notice: A4, one page, carries number, enterprise, applicant, title, dates, office, materials', async () => {
    const file = await renderToFile('notice', renderNoticeHtml(FIXTURE_NOTICE));
    expectA4(file, 1);
    const text = { layout: pdfText(file), flow: pdfText(file, false) };
    for (const expected of [
      '《网上办理通知书》',
      FIXTURE_NOTICE.noticeNo,
      FIXTURE_NOTICE.reference ?? '',
      '英国',
      '普通护照 533281947',
      '本通知书依据网上预审结果打印',
      FIXTURE_NOTICE.enterpriseName,
      FIXTURE_NOTICE.applicantName,
      FIXTURE_NOTICE.documentTitle,
      formatDate(FIXTURE_NOTICE.approvedAt),
      formatDate(FIXTURE_NOTICE.validUntil),
      FIXTURE_NOTICE.office,
      FIXTURE_NOTICE.officeAddress,
      ...FIXTURE_NOTICE.materials,
    ]) {
      expect(printed(text, expected), expected).toBe(true);
    }
    expectLooksLikeReference(file, 'notice');
  });

  it('a hmt notice built from defaults names the district-level office to contact', async () => {
    const notice = noticeFromRecord({ kind: 'hmt-permit', values: VALID_VALUES['hmt-permit'], reviewedAt: '2026-12-01T03:00:00.000Z' });
    const file = await renderToFile('notice-hmt', renderNoticeHtml(notice));
    const text = { layout: pdfText(file), flow: pdfText(file, false) };
    expect(printed(text, '请与市或所在区（县级市）劳动就业服务管理机构联系确认办理窗口')).toBe(true);
    expect(printed(text, '预审结果未载明通知书编号')).toBe(true);
    expect(printed(text, '2026年12月31日')).toBe(true); // approval + 30 days
    expect(printed(text, '陈家明')).toBe(true);
  });

  it('a form longer than a page repeats its title and numbers its pages', async () => {
    // 70 short paragraphs: each starts a line of its own, so the reason cannot shrink onto one page
    const reason = Array.from({ length: 70 }, (_, i) => `第${i + 1}条：合同续订。`).join('\n');
    expect(reason.length).toBeLessThanOrEqual(1000);
    const values = { ...VALID_VALUES.extension, 'permit.reason': reason };
    const file = await renderToFile('extension-long', renderFormHtml('extension', values, { printedOn: FIXTURE_TODAY }));
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(file);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(info.pages);
    pages.forEach((page, i) => {
      expect(squash(page)).toContain(squash(documentDef('extension').title));
      expect(squash(page)).toContain(`第${i + 1}页共${info.pages}页`);
    });
  });

  it('the print service previews through the renderer: base64 PDF, page count, file name', async () => {
    const service = createPrintService({
      records: {
        get: (id) => ({ id, kind: 'license', status: 'approved', values: VALID_VALUES.license, reviewedAt: '2026-12-03T02:00:00.000Z' }),
      },
      pdf: renderer,
      remember: { get: () => null, set: () => undefined },
      profile: () => FIXTURE_PROFILE.name,
      now: () => new Date('2026-11-28T04:00:00Z'),
    });
    const form = await service.preview('rec-1', 'form');
    expect(Buffer.from(form.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(form.pages).toBe(formPagesHtml('license', VALID_VALUES.license).pages.length);
    expect(form.fileName).toBe('外国人就业许可证书申请表-JOHN MICHAEL SMITH（史密斯）-2026-11-28.pdf');
    const notice = await service.preview('rec-1', 'notice');
    expect(notice.pages).toBe(1);
    expect(notice.fileName).toBe('网上办理通知书-JOHN MICHAEL SMITH（史密斯）-2026-12-03.pdf');
  });
});
