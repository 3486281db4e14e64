import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../../shared/documents/registry';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/documents/types';
import {
  addDays,
  applicationNumber,
  authorityAreas,
  chinaDateOf,
  escapeHtml,
  fitValue,
  formatDate,
  noticeFromRecord,
  officeFor,
  printFileName,
  printedTitle,
  printedValue,
  renderFormHtml,
  renderNoticeHtml,
  safePhotoUrl,
  sectionRows,
  STANDARD_MATERIALS,
  textWidthMm,
  wrapLines,
  type NoticeData,
} from '../../../shared/print';
import { FIXTURE_PHOTO, FIXTURE_PROFILE, VALID_VALUES } from '../../fixtures/documents';
import { eightLineReason, hundredLines, longValues } from '../../fixtures/printStress';
import { authorityHeight } from '../../../shared/print/authorities';
import { formPagesHtml } from '../../../shared/print/form';
import { fragmentHeight, HEADER_H, PAGE_CONTENT, SECTION_START_MIN } from '../../../shared/print/layout';
import { MAX_TEXT } from '../../../shared/print/metrics';

const EVIL = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

/** The text of the value cell(s) of a field: its lines joined, tags removed. */
function cellText(html: string, key: string): string {
  const cells = [...html.matchAll(new RegExp(`<td class="val[^"]*"[^>]*data-key="${key.replace(/\./g, '\\.')}">(.*?)</td>`, 'g'))];
  return cells.map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '')).join('');
}

/** What a document may reference: nothing outside itself (only the photo's data URL). */
function expectSelfContained(html: string): void {
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).not.toMatch(/<script/i);
  // no event handler attribute on any tag (escaped text holds no '<', so tags are real tags)
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son\w+=/i);
  expect(html).not.toMatch(/<link|@import|url\(/i);
  for (const m of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\/(png|jpeg);base64,/);
}

describe('escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it.each(DOCUMENT_KINDS)('%s: a value containing <script> prints as text', (kind) => {
    const values = Object.fromEntries(DOCUMENTS[kind].fields.filter((f) => f.type !== 'photo').map((f) => [f.key, EVIL]));
    const html = renderFormHtml(kind, values, { reference: EVIL, printedOn: EVIL });
    expectSelfContained(html);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the notice escapes every value', () => {
    const notice: NoticeData = {
      noticeNo: EVIL,
      enterpriseName: EVIL,
      applicantName: EVIL,
      documentTitle: EVIL,
      approvedAt: EVIL,
      office: EVIL,
      officeAddress: EVIL,
      materials: [EVIL],
      validUntil: EVIL,
      applicant: 'foreign',
    };
    const html = renderNoticeHtml(notice);
    expectSelfContained(html);
    expect(html.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(9);
  });

  it('a photo is embedded only as a base64 PNG/JPEG data URL', () => {
    expect(safePhotoUrl(FIXTURE_PHOTO)).toBe(FIXTURE_PHOTO);
    expect(safePhotoUrl('data:image/jpeg;base64,/9j/4AAQ')).toBe('data:image/jpeg;base64,/9j/4AAQ');
    expect(safePhotoUrl('https://example.com/a.png')).toBeNull();
    expect(safePhotoUrl('javascript:alert(1)')).toBeNull();
    expect(safePhotoUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBeNull();
    expect(safePhotoUrl('data:image/png;base64,AAAA" onerror="x')).toBeNull();
    const html = renderFormHtml('license', { 'person.photo': 'https://example.com/a.png' });
    expectSelfContained(html);
    expect(html).toContain('photo-empty');
  });
});

describe('values as printed', () => {
  it('dates as 2027年1月4日 (no zero padding), countries by Chinese name, selects as their text', () => {
    expect(formatDate('2027-01-04')).toBe('2027年1月4日');
    expect(formatDate('2026-11-28')).toBe('2026年11月28日');
    expect(formatDate('not a date')).toBe('not a date');
    expect(printedValue({ type: 'country' }, 'GB')).toBe('英国');
    expect(printedValue({ type: 'country' }, 'fr')).toBe('法国');
    expect(printedValue({ type: 'country' }, 'ZZ')).toBe('ZZ');
    expect(printedValue({ type: 'select' }, '外商投资企业')).toBe('外商投资企业');
    expect(printedValue({ type: 'photo' }, FIXTURE_PHOTO)).toBe('');
  });

  it('a long value wraps in its cell, then shrinks to 9 pt and the 8 pt floor, then takes continuation lines', () => {
    expect(textWidthMm('中', 10)).toBeGreaterThan(3.5); // 10 pt = 3.53 mm, a full-width character
    expect(textWidthMm('i', 10)).toBeLessThan(textWidthMm('W', 10));
    expect(fitValue('短', 50)).toEqual({ size: 10, lines: ['短'] });
    expect(fitValue('中'.repeat(20), 50).size).toBe(9); // two lines at 9 pt
    expect(fitValue('中'.repeat(30), 50).size).toBe(8); // two lines at the floor
    const long = fitValue('中'.repeat(100), 50);
    expect(long.size).toBe(8); // never below the floor: continuation lines instead
    expect(long.lines.length).toBeGreaterThan(2);
    expect(long.lines.join('')).toBe('中'.repeat(100));
    // an 8-line reason keeps 10 pt and its lines
    const reason = Array.from({ length: 8 }, (_, i) => `第${i + 1}行`).join('\n');
    expect(fitValue(reason, 100, true)).toEqual({ size: 10, lines: reason.split('\n') });
  });

  it('lines break at spaces and between Chinese characters, a long word where it must, never losing a character', () => {
    const name = 'JOHN MICHAEL SMITH '.repeat(6).trim();
    const lines = wrapLines(name, 40, 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidthMm(l, 10)).toBeLessThanOrEqual(40);
    expect(lines.join(' ')).toBe(name);
    const word = 'A'.repeat(60);
    expect(wrapLines(word, 30, 10).join('')).toBe(word);
    expect(wrapLines('甲乙丙，丁', textWidthMm('甲乙丙', 10) + 0.1, 10)).toEqual(['甲乙', '丙，丁']); // no line starts with ，
    expect(wrapLines('', 30, 10)).toEqual([]);
  });

  it('a hostile, huge value is cut: the layout stays bounded', () => {
    const lines = wrapLines('中'.repeat(200_000), 50, 10);
    expect(lines.join('').length).toBe(MAX_TEXT + 1); // the cut and its …
    expect(lines[lines.length - 1]?.endsWith('…')).toBe(true);
  });

  it.each(DOCUMENT_KINDS)('%s: every field of the kind is in the printout, filled values included', (kind) => {
    const def = DOCUMENTS[kind];
    const html = renderFormHtml(kind, VALID_VALUES[kind]);
    expect(html).toContain(escapeHtml(def.title));
    for (const f of def.fields) {
      expect(html, f.key).toContain(`data-key="${f.key}"`);
      const v = printedValue(f, VALID_VALUES[kind][f.key]);
      if (!v || f.key.startsWith('police.')) continue; // the police box prints empty (see below)
      expect(cellText(html, f.key).replace(/\s+/g, ''), f.key).toBe(escapeHtml(v).replace(/\s+/g, ''));
    }
    expect(html).toContain('申请单位（盖章）');
    expect(html).toContain('发证机关（盖章）');
    expect(html.includes('市公安出入境管理部门意见')).toBe(kind === 'license' || kind === 'recruitment');
    expect(html.includes('行业主管部门意见（盖章）')).toBe(kind === 'license' || kind === 'recruitment');
  });

  it('file names drop 《》 and characters no file system accepts', () => {
    expect(printFileName('《外国人就业许可证书》申请表', 'JOHN SMITH', '2026-11-28')).toBe('外国人就业许可证书申请表-JOHN SMITH-2026-11-28.pdf');
    expect(printFileName('网上办理通知书', 'a/b:c*?"<>|', '')).toBe('网上办理通知书-a_b_c_.pdf');
  });
});

describe('the notice', () => {
  it('names the kind of office to contact by applicant when the bureau named none', () => {
    expect(officeFor('foreign')).toBe('市一级劳动就业服务管理机构');
    expect(officeFor('hmt')).toBe('市或所在区（县级市）劳动就业服务管理机构');
    for (const kind of DOCUMENT_KINDS) {
      if (!DOCUMENTS[kind].hasNotice) continue;
      const n = noticeFromRecord({ kind, values: VALID_VALUES[kind], reviewedAt: '2026-12-03T02:00:00.000Z' });
      expect(n.office, kind).toBe('');
      expect(n.applicant).toBe(DOCUMENTS[kind].applicant);
      expect(renderNoticeHtml(n), kind).toContain(`请与${officeFor(DOCUMENTS[kind].applicant)}联系确认办理窗口`);
    }
  });

  it('fills what the bureau did not send: dates, materials, names', () => {
    const n = noticeFromRecord(
      { kind: 'hmt-permit', values: VALID_VALUES['hmt-permit'], reviewedAt: '2026-12-31T17:30:00.000Z' },
      { bureau: { noticeNo: 'WB20260000042' } },
    );
    expect(n).toEqual({
      noticeNo: 'WB20260000042',
      reference: '',
      enterpriseName: FIXTURE_PROFILE.name,
      applicantName: '陈家明',
      applicantNationality: '香港居民',
      applicantDocument: '港澳台居民居住证',
      applicantDocumentNo: '810000199001011230',
      documentTitle: '《台湾香港澳门居民在内地就业证申请表》',
      approvedAt: '2027-01-01', // China time
      office: '',
      officeAddress: '',
      materials: [...STANDARD_MATERIALS['hmt-permit']],
      validUntil: '2027-01-31',
      applicant: 'hmt',
    });
    const foreign = noticeFromRecord({ kind: 'license', values: { ...VALID_VALUES.license, 'employer.name': '' }, reviewedAt: null }, { enterpriseName: 'X 公司', today: '2026-11-28' });
    expect(foreign.applicantName).toBe('JOHN MICHAEL SMITH（史密斯）');
    expect(foreign.enterpriseName).toBe('X 公司');
    expect(foreign.approvedAt).toBe('2026-11-28');
    expect(foreign.noticeNo).toBe('');
  });

  it('keeps what the bureau sent', () => {
    const bureau = {
      noticeNo: 'WB20260000001',
      office: '广州市劳动就业服务管理中心',
      officeAddress: '广州市越秀区',
      materials: ['甲', '乙'],
      validUntil: '2027-02-01',
      applicantName: 'J. SMITH',
      documentTitle: '《外国人就业许可证书》申请表',
    };
    const n = noticeFromRecord({ kind: 'license', values: VALID_VALUES.license, reviewedAt: '2026-12-03T02:00:00.000Z' }, { bureau });
    expect(n).toMatchObject({ ...bureau, approvedAt: '2026-12-03' });
  });

  it('every kind with a notice has standard materials; recruitment has none', () => {
    for (const kind of DOCUMENT_KINDS) expect(STANDARD_MATERIALS[kind].length > 0, kind).toBe(DOCUMENTS[kind].hasNotice);
  });

  it('date helpers', () => {
    expect(chinaDateOf('2026-11-27T16:00:00.000Z')).toBe('2026-11-28');
    expect(chinaDateOf('2026-11-27')).toBe('2026-11-27');
    expect(chinaDateOf('garbage')).toBe('');
    expect(addDays('2026-12-03', 30)).toBe('2027-01-02');
    expect(addDays('', 30)).toBe('');
  });
});

describe('the notice from stored bureau JSON', () => {
  it('ignores malformed fields instead of failing', () => {
    const n = noticeFromRecord(
      { kind: 'license', values: VALID_VALUES.license, reviewedAt: '2026-12-03T02:00:00.000Z' },
      { bureau: { noticeNo: 42, materials: 'not a list', office: '', officeAddress: '广州市天河区天府路1号' } as Record<string, unknown> },
    );
    expect(n.noticeNo).toBe('');
    expect(n.materials).toEqual([...STANDARD_MATERIALS.license]);
    expect(n.office).toBe('');
    expect(n.officeAddress).toBe('广州市天河区天府路1号');
  });
});

/** The field keys in the order the printout's HTML carries them. */
const keysInOrder = (html: string) => [...html.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1] as string);

/** Each field's place in the grid: section, row within the section, cell within the row, row shape. */
function places(kind: DocumentKind, values: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of DOCUMENTS[kind].sections) {
    if (section.id === 'police') continue;
    sectionRows(section, values).forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        if (cell) out.set(cell.field.key, `${section.id}/${r}/${c}/${row.shape}`);
      }),
    );
  }
  return out;
}

describe('the fixed grid', () => {
  it.each(DOCUMENT_KINDS)('%s: every field keeps its cell whatever its value’s length', (kind) => {
    const normal = places(kind, VALID_VALUES[kind]);
    expect(places(kind, longValues(kind))).toEqual(normal);
    expect(places(kind, {})).toEqual(normal);
  });

  it.each(DOCUMENT_KINDS)('%s: fields print in the order of forms.md, long values or not', (kind) => {
    const expected = DOCUMENTS[kind].fields.map((f) => f.key).filter((k) => !k.startsWith('police.'));
    const order = (values: Record<string, string>) => {
      const keys = keysInOrder(renderFormHtml(kind, values)).filter((k) => !k.startsWith('police.') && k !== 'reference');
      return keys.filter((k, i) => keys.indexOf(k) === i); // a value continued on the next page counts once
    };
    // the photo cell comes with the first row beside it: compare without it
    const noPhoto = (keys: string[]) => keys.filter((k) => !k.endsWith('.photo'));
    expect(noPhoto(order(VALID_VALUES[kind]))).toEqual(noPhoto(expected));
    expect(noPhoto(order(longValues(kind)))).toEqual(noPhoto(expected));
  });

  it('the reproductions of the issue: long values no longer move fields', () => {
    const long = longValues('license');
    const p = places('license', long);
    expect(p.get('person.nameEn')).toBe('person/0/0/photoWide'); // stays beside the photo, first
    expect(p.get('employer.phone')).toBe('employer/4/0/pair'); // 联系电话 on the row of 行业主管部门, before it
    expect(p.get('employer.authority')).toBe('employer/4/1/pair');
    const reg = places('registration-licensed', longValues('registration-licensed'));
    expect(reg.get('visa.type')).toBe('visa/0/0/pair'); // 签证种类 before 签证号码
    expect(reg.get('visa.no')).toBe('visa/0/1/pair');
    const keys = keysInOrder(renderFormHtml('license', long));
    expect(keys.indexOf('job.salary')).toBeLessThan(keys.indexOf('job.reason')); // 月工资 before 聘用理由
    expect(keys.indexOf('person.nameEn')).toBeLessThan(keys.indexOf('person.passportNo'));
  });
});

describe('authority areas', () => {
  it('per form, in the order the paper goes round', () => {
    expect(authorityAreas('license')).toEqual(['employer', 'industry', 'police', 'labour']);
    expect(authorityAreas('recruitment')).toEqual(['employer', 'industry', 'police', 'labour']);
    for (const kind of ['registration-licensed', 'registration-exempt', 'extension', 'hmt-permit', 'hmt-extension'] as const) {
      expect(authorityAreas(kind), kind).toEqual(['employer', 'labour']);
    }
  });

  it('a reprint never shows the opinion typed in the desk in the police box', () => {
    const values = { ...VALID_VALUES.license, 'police.opinion': '同意', 'police.date': '2026-11-20' };
    for (const kind of ['license', 'recruitment'] as const) {
      const html = renderFormHtml(kind, { ...VALID_VALUES[kind], ...values });
      expect(html).not.toContain('同意');
      expect(html).not.toContain(formatDate('2026-11-20'));
      expect(html).toMatch(/data-key="police\.date">\u3000\u3000年\u3000\u3000月\u3000\u3000日/);
    }
  });

  it('the employer’s data prints only in its own cells', () => {
    const html = renderFormHtml('license', VALID_VALUES.license);
    for (const key of ['employer.name', 'employer.contact', 'employer.legalRep', 'employer.phone']) {
      const value = escapeHtml(VALID_VALUES.license[key] as string);
      expect(html.split(value).length - 1, key).toBe(1);
    }
    const areas = html.slice(html.indexOf('<table class="areas">'));
    for (const v of Object.values(VALID_VALUES.license)) if (v.length > 1 && !v.startsWith('data:')) expect(areas).not.toContain(escapeHtml(v));
  });

  it('the certificate number prints in its own labelled cell once issued; 申请编号 at the top of every page', () => {
    const html = renderFormHtml('license', hundredLines(), { reference: 'SQ-20261128-3F2A9C1D', certificateNo: 'GZ20260000123' });
    expect(html).toMatch(/就业许可证书编号：.*data-key="certificateNo">GZ20260000123</);
    const pages = html.split('<section class="page">').length - 1;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(html.split('SQ-20261128-3F2A9C1D').length - 1).toBe(pages);
    expect(renderFormHtml('license', VALID_VALUES.license)).not.toContain('data-key="certificateNo"');
  });
});

describe('申请编号', () => {
  it('is derived from the record alone: the same on every print, before and after approval', () => {
    const record = { id: '3f2a9c1d-5b6e-4c7d-8e9f-0a1b2c3d4e5f', createdAt: '2026-11-27T16:30:00.000Z' };
    expect(applicationNumber(record)).toBe('SQ-20261128-3F2A9C1D'); // China date
    expect(applicationNumber({ ...record })).toBe(applicationNumber(record));
    expect(applicationNumber({ id: record.id })).toBe('SQ-3F2A9C1D');
    expect(applicationNumber({ id: 'a', createdAt: 'garbage' })).toBe('SQ-A');
  });
});

describe('typography', () => {
  it.each(DOCUMENT_KINDS)('%s: the title in 《》 and in 黑体 (bold); no zero-padded date', (kind) => {
    const html = renderFormHtml(kind, VALID_VALUES[kind], { printedOn: '2027-01-04' });
    const title = printedTitle(DOCUMENTS[kind].title);
    expect(title).toMatch(/《.+》/);
    expect(html).toContain(`<h1 class="doc-title">${escapeHtml(title)}</h1>`);
    expect(html).toMatch(/\.doc-title, \.title-bold \{ font-family: "SimHei","黑体"/);
    expect(html).toContain('2027年1月4日');
    expect(html).not.toMatch(/\d{4}年0\d月|月0\d日/);
    // body text never below the floor
    for (const m of html.matchAll(/font-size:\s*([\d.]+)pt/g)) expect(Number(m[1]), m[0]).toBeGreaterThanOrEqual(6.5);
    for (const m of html.matchAll(/class="val s(\d+)/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(8);
  });

  it('the extension’s title too', () => {
    expect(printedTitle('外国人就业许可延期申请表')).toBe('《外国人就业许可延期申请表》');
    expect(printedTitle('《外国人就业许可证书》申请表')).toBe('《外国人就业许可证书》申请表');
  });
});

describe('the notice names the applicant and says what the bureau did not send', () => {
  const record = { kind: 'license' as const, values: VALID_VALUES.license, reviewedAt: '2026-12-03T02:00:00.000Z' };

  it('applicant by name, nationality and passport; an issuer line; the 申请编号', () => {
    const n = noticeFromRecord(record, { bureau: { noticeNo: 'WB20260000042', office: '广州市劳动就业服务管理中心', officeAddress: '广州市天河区天府路1号' }, reference: 'SQ-20261128-3F2A9C1D' });
    expect(n).toMatchObject({ applicantNationality: '英国', applicantDocument: '普通护照', applicantDocumentNo: '533281947' });
    const html = renderNoticeHtml(n);
    for (const s of ['英国', '普通护照 533281947', 'SQ-20261128-3F2A9C1D', '本通知书依据网上预审结果打印', '签发：广州市劳动就业服务管理中心', '《网上办理通知书》']) expect(html, s).toContain(s);
    const hmt = noticeFromRecord({ ...record, kind: 'hmt-permit', values: VALID_VALUES['hmt-permit'] });
    expect(hmt.applicantNationality).toBe(VALID_VALUES['hmt-permit']['hmt.residentType']);
    expect(hmt.applicantDocumentNo).toBe(VALID_VALUES['hmt-permit']['hmt.docNo']);
  });

  it('no blank 编号 and no made-up office when the bureau sent none', () => {
    const n = noticeFromRecord(record, { bureau: null });
    expect(n.office).toBe('');
    expect(n.noticeNo).toBe('');
    const html = renderNoticeHtml(n);
    expect(html).toContain('预审结果未载明通知书编号');
    expect(html).toContain('预审结果未载明办理机构，请与市一级劳动就业服务管理机构联系确认办理窗口');
    expect(html).toContain('预审结果未载明办理地址');
    expect(html).not.toMatch(/编号 <span class="en">No\.<\/span>：<span class="blank-line">/);
  });

  it('the head with title and number is the table head Chromium repeats on every page', () => {
    const html = renderNoticeHtml(noticeFromRecord(record, { bureau: { noticeNo: 'WB20260000042' } }));
    expect(html).toMatch(/<thead><tr><td><div class="notice-head"><h1 class="doc-title">《网上办理通知书》<\/h1>[\s\S]*WB20260000042[\s\S]*<\/thead>/);
  });
});

describe('page breaks (the computed pages)', () => {
  const cases: Array<[string, DocumentKind, Record<string, string>]> = [
    ...DOCUMENT_KINDS.map((k): [string, DocumentKind, Record<string, string>] => [`${k} fixture`, k, VALID_VALUES[k]]),
    ...DOCUMENT_KINDS.map((k): [string, DocumentKind, Record<string, string>] => [`${k} 100-character values`, k, longValues(k)]),
    ['license 8-line reason, long employer data', 'license', eightLineReason()],
    ['license 100 short lines', 'license', hundredLines('license')],
    ['extension 100 short lines', 'extension', hundredLines('extension')],
  ];

  it.each(cases)('%s: areas with data, sections not started in the last 25 mm, label （续） on later pages, pages full enough', (_name, kind, values) => {
    const { pages } = formPagesHtml(kind, values);
    expect(pages.filter((p) => p.sign)).toHaveLength(1);
    expect(pages[pages.length - 1]?.sign).toBe(true);
    const seen = new Set<string>();
    pages.forEach((page, i) => {
      expect(page.fragments.length, `page ${i + 1} holds data`).toBeGreaterThan(0);
      let used = HEADER_H;
      for (const f of page.fragments) {
        expect(f.continued, `page ${i + 1} ${f.section.id}`).toBe(seen.has(f.section.id));
        if (!f.continued && used > HEADER_H) expect(PAGE_CONTENT - used, `${f.section.id} starts low on page ${i + 1}`).toBeGreaterThanOrEqual(SECTION_START_MIN);
        used += fragmentHeight(f);
        seen.add(f.section.id);
      }
      const total = used + (page.sign ? authorityHeight(kind) : 0);
      expect(total, `page ${i + 1} overflows`).toBeLessThanOrEqual(PAGE_CONTENT + 0.01);
      // no near-empty page: a page before the last is at least half full
      if (i < pages.length - 1) expect(total, `page ${i + 1} is near empty`).toBeGreaterThan(PAGE_CONTENT / 2);
    });
    // a multi-line value split over pages: its continuation says （续）
    const html = renderFormHtml(kind, values);
    for (const page of pages.slice(1)) {
      for (const f of page.fragments.filter((fr) => fr.continued)) expect(html).toContain(`${f.section.title}（续）`);
    }
  });
});
