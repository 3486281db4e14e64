/**
 * Today's 外国人来华工作许可 as six document definitions: their rules, numbers, prefill chains,
 * menu group, tips and query pages, and the plumbing that reads them instead of lists of kinds.
 */
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FORMATS_AT_MIGRATION } from '../../../main/services/store/workPermitMigrations';
import {
  CERTIFICATE_KINDS,
  CERTIFICATE_PREFIX,
  DOCUMENT_KINDS,
  documentDef,
  extensionKindFor,
  formatCertificateNumber,
  PERMIT_ISSUING_KINDS,
  prefillFrom,
  QUERY_PAGES,
  RENEWAL_KINDS,
  type DocumentKind,
  type FormValues,
  type Problem,
} from '../../../shared/documents';
import { attachmentInfo, checkAttachment } from '../../../shared/documents/attachments';
import { ATTACHMENT_MAX_CHARS } from '../../../shared/documents/workPermitSections';
import { MENU } from '../../../shared/menu';
import { assessValues } from '../../../shared/workPermit';
import { CANDIDATE_A, CANDIDATE_B, CANDIDATE_C } from '../../fixtures/workPermitCandidates';
import {
  FIXTURE_CONTEXT,
  FIXTURE_PHOTO,
  FIXTURE_TODAY,
  FIXTURE_WP_PERMIT_NO,
  REGISTRATION_LICENSED_VALUES,
  VALID_VALUES,
  WP_NOTICE_VALUES,
} from '../../fixtures/documents';

const WP_KINDS = ['wp-notice', 'wp-permit', 'wp-extension', 'wp-change', 'wp-cancellation', 'wp-reissue'] as const;
const check = (kind: DocumentKind, patch: FormValues): Problem[] => documentDef(kind).check({ ...VALID_VALUES[kind], ...patch }, FIXTURE_CONTEXT);
const codes = (ps: Problem[]) => ps.map((p) => `${p.field}:${p.code}:${p.severity}`);

describe('the six kinds', () => {
  it.each(WP_KINDS)('%s: every field has its Chinese label and an English one; the fixture is clean; an empty form names every required field', (kind) => {
    const def = documentDef(kind);
    for (const f of def.fields) {
      expect(f.label, f.key).toMatch(/\p{Script=Han}/u);
      expect(f.labelEn.length, f.key).toBeGreaterThan(1);
    }
    expect(def.check(VALID_VALUES[kind], FIXTURE_CONTEXT)).toEqual([]);
    const required = def.fields.filter((f) => f.required).map((f) => f.key);
    const missing = def.check({}, FIXTURE_CONTEXT).filter((p) => p.code === 'required');
    expect(missing.map((p) => p.field)).toEqual(required);
    for (const p of missing) expect(p.message).toMatch(/^请填写「.+」 \/ Please fill in .+/);
  });

  it('the manual’s rules run on the shared sections (a 5-year contract, the minimum wage, the USCC)', () => {
    expect(codes(check('wp-notice', { 'employer.uscc': '91440106MA59C8K3XA' }))).toContain('employer.uscc:uscc.checksum:block');
    expect(check('wp-notice', { 'job.salary': '100' }).some((p) => p.field === 'job.salary' && p.severity === 'block')).toBe(true);
    expect(check('wp-permit', { 'job.end': '2032-12-31' }).some((p) => p.field === 'job.end' && p.severity === 'block')).toBe(true);
  });

  it('numbers: WN for the notice, WP for the permit; a wrong one is refused with a bilingual message', () => {
    expect(formatCertificateNumber('wp-notice', 2026, 321)).toBe('WN20260000321');
    expect(formatCertificateNumber('wp-permit', 2026, 654)).toBe('WP20260000654');
    const [p] = check('wp-extension', { 'wpPermit.no': 'E20260000654' });
    expect(p).toMatchObject({ field: 'wpPermit.no', code: 'wp.permitNo.format', severity: 'block' });
    expect(p?.message).toMatch(/^外国人工作许可证号码格式不正确.* \/ The work permit number is malformed/);
    expect(codes(check('wp-permit', { 'wpNotice.no': FIXTURE_WP_PERMIT_NO }))).toEqual(['wpNotice.no:wp.noticeNo.format:block']);
  });

  it('延期: a lapsed permit cannot be extended; the date asked for is after the expiry and not after the contract', () => {
    expect(codes(check('wp-extension', { 'wpPermit.expiry': '2026-11-27' }))).toEqual(['wpPermit.expiry:wp.permitExpired:block']);
    expect(codes(check('wp-extension', { 'wpPermit.expiry': FIXTURE_TODAY, 'wpPermit.newExpiry': '2027-12-19' }))).toEqual([]);
    expect(codes(check('wp-extension', { 'wpPermit.newExpiry': '2026-12-20' }))).toEqual(['wpPermit.newExpiry:wp.newExpiry.notLater:block']);
    expect(codes(check('wp-extension', { 'job.end': '2027-06-30' }))).toEqual(['wpPermit.newExpiry:wp.newExpiry.afterContract:block']);
  });

  it.each([
    ['wp-change', 'wpChange.eventDate'],
    ['wp-cancellation', 'wpCancel.eventDate'],
  ] as const)('%s: within 10 days of the event; day 10 is in time, day 11 warns; a future event is refused', (kind, key) => {
    expect(documentDef(kind).deadline).toEqual({ eventField: key, withinDays: 10 });
    expect(check(kind, { [key]: '2026-11-18' })).toEqual([]);
    const late = check(kind, { [key]: '2026-11-17' });
    expect(codes(late)).toEqual([`${key}:wp.eventLate:warn`]);
    expect(late[0]?.message).toContain('截止 2026-11-27');
    expect(codes(check(kind, { [key]: '2026-11-29' }))).toEqual([`${key}:wp.eventInFuture:block`]);
  });

  it('补办: the loss happened already', () => {
    expect(codes(check('wp-reissue', { 'wpReissue.date': '2026-12-01' }))).toEqual(['wpReissue.date:wp.eventInFuture:block']);
  });

  it('the notice carries the points panel’s data: the three sample candidates assess as computed by hand', () => {
    for (const c of [CANDIDATE_A, CANDIDATE_B, CANDIDATE_C]) {
      const values = { ...WP_NOTICE_VALUES, ...c.values };
      expect(documentDef('wp-notice').schema.safeParse(values).success, c.id).toBe(true);
      const { points, category } = assessValues(documentDef('wp-notice').schema.parse(values));
      expect(points.total, c.id).toBe(c.expected.total);
      expect(category.category, c.id).toBe(c.expected.category);
    }
  });
});

describe('prefill across systems and chains', () => {
  it('an old 就业证 (licensed registration) → a new 工作许可通知 application: person, job and employer', () => {
    const v = prefillFrom('wp-notice', 'registration-licensed', REGISTRATION_LICENSED_VALUES);
    expect(v).toMatchObject({ 'person.nameEn': 'JOHN MICHAEL SMITH', 'job.title': '高级机械工程师', 'employer.uscc': '91440106MA59C8K3XK' });
    expect(v.licenseNo).toBeUndefined();
    expect(v['visa.no']).toBeUndefined();
  });

  it('通知 → 许可证 with the notice number; 许可证 (or its latest renewal) → 延期 / 变更 / 注销 / 补办 with its number and expiry', () => {
    const permit = prefillFrom('wp-permit', 'wp-notice', WP_NOTICE_VALUES, { number: 'WN20260000321' });
    expect(permit).toMatchObject({ 'wpNotice.no': 'WN20260000321', 'wp.education': '硕士', 'job.reason': WP_NOTICE_VALUES['job.reason'] });
    for (const kind of ['wp-extension', 'wp-change', 'wp-cancellation', 'wp-reissue'] as const) {
      for (const source of ['wp-permit', 'wp-extension', 'wp-change', 'wp-reissue'] as const) {
        const v = prefillFrom(kind, source, VALID_VALUES['wp-permit'], { number: FIXTURE_WP_PERMIT_NO, expiry: '2028-12-31' });
        expect(v, `${source} → ${kind}`).toMatchObject({ 'wpPermit.no': FIXTURE_WP_PERMIT_NO, 'wpPermit.expiry': '2028-12-31', 'person.nameEn': 'JOHN MICHAEL SMITH' });
        expect(v['job.end'], `${source} → ${kind}`).toBeUndefined();
      }
    }
    expect(() => prefillFrom('wp-extension', 'registration-licensed', REGISTRATION_LICENSED_VALUES)).toThrow();
  });

  it('the roster’s permits and renewals come from the definitions', () => {
    expect(PERMIT_ISSUING_KINDS).toEqual(['registration-licensed', 'registration-exempt', 'hmt-permit', 'wp-permit']);
    expect(RENEWAL_KINDS).toEqual(['extension', 'hmt-extension', 'wp-extension', 'wp-change', 'wp-reissue']);
    const ext = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, extensionKindFor(k) ?? null]));
    expect(ext).toEqual({
      license: null,
      recruitment: null,
      'registration-licensed': 'extension',
      'registration-exempt': 'extension',
      extension: 'extension',
      'hmt-permit': 'hmt-extension',
      'hmt-extension': 'hmt-extension',
      'wp-notice': null,
      'wp-permit': 'wp-extension',
      'wp-extension': 'wp-extension',
      'wp-change': 'wp-extension',
      'wp-cancellation': null,
      'wp-reissue': 'wp-extension',
    });
  });
});

describe('menu, tips and query pages', () => {
  it('their own menu group beside the manual’s, an 申请 and a 查询 item per kind', () => {
    expect(MENU.map((g) => g.label)).toEqual(['外国人就业许可', '台港澳人员就业许可', '外国人来华工作许可']);
    const group = MENU[2]!;
    expect(group.items.map((i) => i.path)).toEqual(WP_KINDS.flatMap((k) => [`/${k}/apply`, `/${k}/query`]));
    for (const k of WP_KINDS) expect(QUERY_PAGES[k].route).toBe(`/${k}/query`);
    expect(QUERY_PAGES['wp-notice'].columns).toEqual(['提交状态', '审核状态', '查看', '修改', '是否提交', '预约通知书', '申请表打印']);
  });

  it('tips pages in the manual’s style: a link with its English tag, 5–8 items', () => {
    for (const k of WP_KINDS) {
      const pages = documentDef(k).tips;
      expect(pages.length, k).toBeGreaterThanOrEqual(1);
      for (const page of pages) {
        expect(page.link).toMatch(/^\p{Script=Han}.* (tips|requirements)$/u);
        expect(page.link.startsWith(page.title)).toBe(true);
        expect(page.items.length).toBeGreaterThanOrEqual(5);
        expect(page.items.length).toBeLessThanOrEqual(8);
      }
    }
  });
});

describe('the store’s certificate formats (the work-permit migration) agree with the definitions', () => {
  it('every kind that issues or keeps a number has its row, with its prefix', () => {
    const expected: [string, string][] = [];
    for (const kind of DOCUMENT_KINDS) {
      const def = documentDef(kind);
      if ((CERTIFICATE_KINDS as readonly string[]).includes(kind)) expected.push([kind, CERTIFICATE_PREFIX[kind as (typeof CERTIFICATE_KINDS)[number]]]);
      else if (def.renews) expected.push([kind, CERTIFICATE_PREFIX[def.renews.permitKind]]);
      else if (def.cancels) expected.push([kind, CERTIFICATE_PREFIX[def.cancels.permitKind]]);
    }
    expect([...CERTIFICATE_FORMATS_AT_MIGRATION].map(([k, p]) => [k, p]).sort()).toEqual(expected.sort());
  });
});

describe('attachments (field type attachment, stored like photos)', () => {
  const PDF = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64')}`;
  const label = { zh: '无犯罪记录证明', en: 'Certificate of no criminal record' };

  it('a PDF, JPEG or PNG whose content starts as its type says is accepted, with its type and size', () => {
    expect(checkAttachment(PDF, ATTACHMENT_MAX_CHARS, label)).toBeNull();
    expect(attachmentInfo(PDF)).toEqual({ type: 'application/pdf', bytes: 15 });
    expect(checkAttachment(FIXTURE_PHOTO, ATTACHMENT_MAX_CHARS, label)).toBeNull();
    expect(checkAttachment(`data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64')}`, ATTACHMENT_MAX_CHARS, label)).toBeNull();
  });

  it('another type, a type that lies about its content, or not a data URL is refused, naming the field', () => {
    for (const bad of [
      `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}`,
      PDF.replace('application/pdf', 'image/png'),
      'C:\\scans\\record.pdf',
      `${PDF}\n<script>`,
    ]) {
      expect(checkAttachment(bad, ATTACHMENT_MAX_CHARS, label)).toMatchObject({ code: 'attachment.type' });
    }
    expect(checkAttachment('x', ATTACHMENT_MAX_CHARS, label)?.message).toMatch(/^「无犯罪记录证明」须为 PDF、JPEG 或 PNG 文件.* \/ Certificate of no criminal record must be/);
  });

  it('a file over the limit is refused by its length, before its content is looked at', () => {
    const big = `data:application/pdf;base64,JVBERi0${'A'.repeat(ATTACHMENT_MAX_CHARS)}`;
    expect(checkAttachment(big, ATTACHMENT_MAX_CHARS, label)).toMatchObject({ code: 'attachment.tooLarge' });
    expect(checkAttachment(big, ATTACHMENT_MAX_CHARS, label)?.message).toContain('不能超过 512 KB');
  });

  it('the form checks them as the generic rule of the field type; the schema keeps their length', () => {
    const def = documentDef('wp-notice');
    expect(def.field('wp.material.criminalRecord')).toMatchObject({ type: 'attachment', label: '无犯罪记录证明' });
    expect(check('wp-notice', { 'wp.material.criminalRecord': PDF, 'wp.material.criminalRecord.issuedOn': '2026-11-01' })).toEqual([]);
    expect(codes(check('wp-notice', { 'wp.material.criminalRecord': 'data:text/plain;base64,aGk=' }))).toEqual(['wp.material.criminalRecord:attachment.type:block']);
    expect(def.schema.safeParse({ 'wp.material.criminalRecord': 'A'.repeat(ATTACHMENT_MAX_CHARS + 1) }).success).toBe(false);
  });

  it('the 通知 and 许可证 forms carry their procedure’s materials and the two panels; the permit does not copy the notice’s attachments', () => {
    expect(documentDef('wp-notice').panels).toEqual([
      { panel: 'points', afterSection: 'wp' },
      { panel: 'materials', afterSection: 'wpMaterials', procedure: 'notice' },
    ]);
    expect(documentDef('wp-permit').panels?.map((p) => p.panel)).toEqual(['points', 'materials']);
    for (const k of ['wp-extension', 'wp-change', 'wp-cancellation', 'wp-reissue'] as const) expect(documentDef(k).panels).toBeUndefined();
    for (const k of DOCUMENT_KINDS.filter((x) => !x.startsWith('wp-'))) expect(documentDef(k).panels, k).toBeUndefined();
    const v = prefillFrom('wp-permit', 'wp-notice', { ...WP_NOTICE_VALUES, 'wp.material.photo': PDF, 'wp.material.healthCheck': PDF }, { number: 'WN20260000321' });
    expect(v['wp.material.healthCheck']).toBeUndefined();
    expect(v['wp.education']).toBe('硕士');
  });
});
