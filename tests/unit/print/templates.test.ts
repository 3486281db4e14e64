import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../../shared/documents/registry';
import { DOCUMENT_KINDS } from '../../../shared/documents/types';
import {
  addDays,
  chinaDateOf,
  escapeHtml,
  fitClass,
  formatDate,
  noticeFromRecord,
  officeFor,
  printFileName,
  printedValue,
  renderFormHtml,
  renderNoticeHtml,
  safePhotoUrl,
  STANDARD_MATERIALS,
  textUnits,
  type NoticeData,
} from '../../../shared/print';
import { FIXTURE_PHOTO, FIXTURE_PROFILE, VALID_VALUES } from '../../fixtures/documents';

const EVIL = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

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
  it('dates as YYYY年MM月DD日, countries by Chinese name, selects as their text', () => {
    expect(formatDate('2027-01-04')).toBe('2027年01月04日');
    expect(formatDate('not a date')).toBe('not a date');
    expect(printedValue({ type: 'country' }, 'GB')).toBe('英国');
    expect(printedValue({ type: 'country' }, 'fr')).toBe('法国');
    expect(printedValue({ type: 'country' }, 'ZZ')).toBe('ZZ');
    expect(printedValue({ type: 'select' }, '外商投资企业')).toBe('外商投资企业');
    expect(printedValue({ type: 'photo' }, FIXTURE_PHOTO)).toBe('');
  });

  it('long values shrink by a class chosen by length; unbreakable numbers fit on one line', () => {
    expect(textUnits('ab中文')).toBe(6);
    expect(fitClass('短', 25)).toBe('');
    expect(fitClass('中'.repeat(25), 25)).toBe('');
    expect(fitClass('中'.repeat(33), 25)).toBe('fit-1');
    expect(fitClass('中'.repeat(60), 25)).toBe('fit-2');
    expect(fitClass('中'.repeat(500), 25)).toBe('fit-3');
    expect(fitClass('810000199001011230', 15)).toBe('fit-2');
    expect(fitClass(Array.from({ length: 10 }, () => '一行').join('\n'), 66, 3)).toBe('fit-3');
  });

  it.each(DOCUMENT_KINDS)('%s: every field of the kind is in the printout, filled values included', (kind) => {
    const def = DOCUMENTS[kind];
    const html = renderFormHtml(kind, VALID_VALUES[kind]);
    expect(html).toContain(escapeHtml(def.title));
    for (const f of def.fields) {
      expect(html, f.key).toContain(`data-key="${f.key}"`);
      const v = printedValue(f, VALID_VALUES[kind][f.key]);
      if (v) expect(html, f.key).toContain(escapeHtml(v));
    }
    expect(html).toContain('申请单位（盖章）');
    expect(html.includes('市公安出入境管理部门意见')).toBe(kind === 'license' || kind === 'recruitment');
  });

  it('an empty police opinion leaves the box blank with a 年 月 日 line', () => {
    const html = renderFormHtml('license', { ...VALID_VALUES.license, 'police.opinion': '', 'police.date': '' });
    expect(html).not.toContain('class="opinion-text"');
    expect(html).toMatch(/data-key="police\.date">\u3000\u3000年\u3000\u3000月\u3000\u3000日/);
  });

  it('file names drop 《》 and characters no file system accepts', () => {
    expect(printFileName('《外国人就业许可证书》申请表', 'JOHN SMITH', '2026-11-28')).toBe('外国人就业许可证书申请表-JOHN SMITH-2026-11-28.pdf');
    expect(printFileName('网上办理通知书', 'a/b:c*?"<>|', '')).toBe('网上办理通知书-a_b_c_.pdf');
  });
});

describe('the notice', () => {
  it('names the office by applicant', () => {
    expect(officeFor('foreign')).toBe('市一级劳动就业服务管理机构');
    expect(officeFor('hmt')).toBe('市或所在区（县级市）劳动就业服务管理机构');
    for (const kind of DOCUMENT_KINDS) {
      if (!DOCUMENTS[kind].hasNotice) continue;
      const n = noticeFromRecord({ kind, values: VALID_VALUES[kind], reviewedAt: '2026-12-03T02:00:00.000Z' });
      expect(n.office, kind).toBe(DOCUMENTS[kind].applicant === 'hmt' ? '市或所在区（县级市）劳动就业服务管理机构' : '市一级劳动就业服务管理机构');
      expect(n.applicant).toBe(DOCUMENTS[kind].applicant);
    }
  });

  it('fills what the bureau did not send: dates, materials, names', () => {
    const n = noticeFromRecord(
      { kind: 'hmt-permit', values: VALID_VALUES['hmt-permit'], reviewedAt: '2026-12-31T17:30:00.000Z' },
      { bureau: { noticeNo: 'WB20260000042' } },
    );
    expect(n).toEqual({
      noticeNo: 'WB20260000042',
      enterpriseName: FIXTURE_PROFILE.name,
      applicantName: '陈家明',
      documentTitle: '《台湾香港澳门居民在内地就业证申请表》',
      approvedAt: '2027-01-01', // China time
      office: '市或所在区（县级市）劳动就业服务管理机构',
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
    expect(n.office).toBe('市一级劳动就业服务管理机构');
    expect(n.officeAddress).toBe('广州市天河区天府路1号');
  });
});
