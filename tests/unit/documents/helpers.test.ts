import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KINDS,
  documentDef,
  employerValues,
  EMPLOYMENT_QUERY_HUB,
  formatCertificateNumber,
  LICENSE_NO,
  normalizeNumber,
  PERMIT_NO_FOREIGN,
  PERMIT_NO_HMT,
  prefillFrom,
  canPrefill,
  QUERY_PAGES,
  queryPage,
  queryRoute,
} from '../../../shared/documents';
import {
  EMPLOYER_VALUES,
  EXTENSION_VALUES,
  FIXTURE_CONTEXT,
  FIXTURE_HMT_PERMIT_NO,
  FIXTURE_LICENSE_NO,
  FIXTURE_PERMIT_NO,
  FIXTURE_PROFILE,
  HMT_EXTENSION_VALUES,
  HMT_PERMIT_VALUES,
  LICENSE_VALUES,
  RECRUITMENT_VALUES,
  REGISTRATION_EXEMPT_VALUES,
} from '../../fixtures/documents';

describe('numbers', () => {
  it('formats and regexes', () => {
    expect(formatCertificateNumber('license', 2026, 123)).toBe('GZ20260000123');
    expect(formatCertificateNumber('registration-exempt', 2026, 9_999_999)).toBe('E20269999999');
    expect(formatCertificateNumber('hmt-permit', 2027, 1)).toBe('T20270000001');
    expect(() => formatCertificateNumber('license', 26, 1)).toThrow(RangeError);
    expect(() => formatCertificateNumber('license', 2026, 0)).toThrow(RangeError);
    expect(LICENSE_NO.test(FIXTURE_LICENSE_NO)).toBe(true);
    expect(PERMIT_NO_FOREIGN.test(FIXTURE_PERMIT_NO)).toBe(true);
    expect(PERMIT_NO_HMT.test(FIXTURE_HMT_PERMIT_NO)).toBe(true);
    expect(normalizeNumber(' gz2026 0000123 ')).toBe('GZ20260000123');
  });

  it('number pages', () => {
    const reg = documentDef('registration-licensed').numberEntry!;
    expect(reg).toMatchObject({ label: '就业许可证书号码', fieldKey: 'licenseNo', sourceKinds: ['license'] });
    expect(reg.validate('GZ20260000123')).toBeNull();
    expect(reg.validate('gz20260000123')).toBeNull();
    expect(reg.validate('GZ2026')).toMatch(/^就业许可证书号码格式不正确，应为 GZ 加 11 位数字.* \/ .+/);

    const ext = documentDef('extension').numberEntry!;
    expect(ext).toMatchObject({ label: '就业证号码', fieldKey: 'permit.no', sourceKinds: ['registration-licensed', 'registration-exempt'] });
    expect(ext.validate('E20250000456')).toBeNull();
    expect(ext.validate('T20250000456')).toContain('就业证号码格式不正确');

    const hmt = documentDef('hmt-extension').numberEntry!;
    expect(hmt).toMatchObject({ label: '就业证号码', fieldKey: 'permit.no', sourceKinds: ['hmt-permit'] });
    expect(hmt.validate('T20250000789')).toBeNull();
    expect(hmt.validate('E20250000789')).not.toBeNull();

    const wp = documentDef('wp-permit').numberEntry!;
    expect(wp).toMatchObject({ label: '工作许可通知编号', fieldKey: 'wpNotice.no', sourceKinds: ['wp-notice'] });
    expect(wp.validate('wn 2026 0000321')).toBeNull();
    expect(wp.validate('WP20260000321')).toMatch(/^外国人来华工作许可通知编号格式不正确，应为 WN 加 11 位数字.* \/ .+/);
    for (const kind of ['wp-extension', 'wp-change', 'wp-cancellation', 'wp-reissue'] as const) {
      const e = documentDef(kind).numberEntry!;
      expect(e).toMatchObject({ label: '工作许可证号码', fieldKey: 'wpPermit.no', sourceKinds: ['wp-permit', 'wp-extension', 'wp-change', 'wp-reissue'] });
      expect(e.validate('WP20260000654')).toBeNull();
      expect(e.validate('E20260000654')).toContain('外国人工作许可证号码格式不正确');
    }

    expect(DOCUMENT_KINDS.filter((k) => documentDef(k).numberEntry)).toEqual([
      'registration-licensed',
      'extension',
      'hmt-extension',
      'wp-permit',
      'wp-extension',
      'wp-change',
      'wp-cancellation',
      'wp-reissue',
    ]);
  });
});

describe('tips pages', () => {
  it('links and counts', () => {
    const links = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, documentDef(k).tips.map((t) => t.link)]));
    expect(links).toEqual({
      license: ['外国人就业许可提示 tips', '外国人就业许可证书申请条件 requirements'],
      recruitment: [],
      'registration-licensed': ['《外国人就业证》办理提示 tips'],
      'registration-exempt': [],
      extension: ['外国人就业许可延期申请提示 tips'],
      'hmt-permit': ['台港澳人员就业许可提示'],
      'hmt-extension': ['台港澳人员就业许可延期申请'],
      'wp-notice': ['外国人来华工作许可提示 tips', '外国人来华工作许可申请条件 requirements'],
      'wp-permit': ['外国人工作许可证办理提示 tips'],
      'wp-extension': ['外国人工作许可证延期提示 tips'],
      'wp-change': ['外国人工作许可证变更提示 tips'],
      'wp-cancellation': ['外国人工作许可证注销提示 tips'],
      'wp-reissue': ['外国人工作许可证补办提示 tips'],
    });
    for (const kind of DOCUMENT_KINDS) {
      for (const page of documentDef(kind).tips) {
        expect(page.items.length).toBeGreaterThanOrEqual(5);
        expect(page.items.length).toBeLessThanOrEqual(8);
      }
    }
  });
});

describe('prefill', () => {
  it('employer values from the profile', () => {
    expect(employerValues(FIXTURE_PROFILE)).toEqual(EMPLOYER_VALUES);
    expect(documentDef('license').check({ ...LICENSE_VALUES, ...employerValues(FIXTURE_PROFILE) }, FIXTURE_CONTEXT)).toEqual([]);
  });

  it('license → licensed registration', () => {
    const v = prefillFrom('registration-licensed', 'license', LICENSE_VALUES, { number: FIXTURE_LICENSE_NO });
    expect(v.licenseNo).toBe(FIXTURE_LICENSE_NO);
    expect(v['person.nameEn']).toBe('JOHN MICHAEL SMITH');
    expect(v['job.salary']).toBe('35000');
    expect(v['employer.authority']).toBeUndefined();
    expect(v['job.reason']).toBeUndefined();
    expect(v['police.opinion']).toBeUndefined();
    expect(documentDef('registration-licensed').schema.safeParse(v).success).toBe(true);
  });

  it('recruitment → exempt registration', () => {
    const v = prefillFrom('registration-exempt', 'recruitment', RECRUITMENT_VALUES);
    expect(v.exemption).toBeUndefined();
    expect(v['job.title']).toBe('首席代表');
    expect(Object.keys(v).every((k) => /^(employer|person|job)\./.test(k))).toBe(true);
  });

  it('registration → extension', () => {
    const v = prefillFrom('extension', 'registration-exempt', REGISTRATION_EXEMPT_VALUES, { number: FIXTURE_PERMIT_NO, expiry: '2026-12-20' });
    expect(v['permit.no']).toBe(FIXTURE_PERMIT_NO);
    expect(v['permit.expiry']).toBe('2026-12-20');
    expect(v['job.end']).toBeUndefined();
    expect(v['job.start']).toBeUndefined();
    expect(v['visa.type']).toBeUndefined();
    expect(v['person.passportNo']).toBe(REGISTRATION_EXEMPT_VALUES['person.passportNo']);
  });

  it('hmt-permit → hmt-extension', () => {
    const v = prefillFrom('hmt-extension', 'hmt-permit', HMT_PERMIT_VALUES, { number: FIXTURE_HMT_PERMIT_NO });
    expect(v['permit.no']).toBe(FIXTURE_HMT_PERMIT_NO);
    expect(v['hmt.docNo']).toBe(HMT_PERMIT_VALUES['hmt.docNo']);
    expect(v['job.end']).toBeUndefined();
    expect(v['job.title']).toBeUndefined();
    expect(v['permit.expiry']).toBeUndefined();
  });

  it('approved extension → the next extension of the same permit (foreign and HMT)', () => {
    expect(canPrefill('extension', 'extension')).toBe(true);
    expect(canPrefill('hmt-extension', 'hmt-extension')).toBe(true);
    expect(canPrefill('extension', 'hmt-extension')).toBe(false);
    expect(canPrefill('license', 'license')).toBe(false);
    const v = prefillFrom('extension', 'extension', EXTENSION_VALUES, { number: FIXTURE_PERMIT_NO, expiry: '2027-12-19' });
    expect(v['permit.no']).toBe(FIXTURE_PERMIT_NO);
    expect(v['permit.expiry']).toBe('2027-12-19');
    expect(v['job.end']).toBeUndefined(); // the renewed contract's end is new
    expect(v['person.passportNo']).toBe(EXTENSION_VALUES['person.passportNo']);
    expect(v['permit.newExpiry']).toBeUndefined();
    expect(v['permit.reason']).toBeUndefined();
    const h = prefillFrom('hmt-extension', 'hmt-extension', HMT_EXTENSION_VALUES, { number: FIXTURE_HMT_PERMIT_NO, expiry: '2027-12-14' });
    expect(h['permit.expiry']).toBe('2027-12-14');
    expect(h['hmt.name']).toBe(HMT_EXTENSION_VALUES['hmt.name']);
  });

  it('refuses a pair that is not a prefill route', () => {
    expect(canPrefill('extension', 'license')).toBe(false);
    expect(canPrefill('extension', 'registration-licensed')).toBe(true);
    expect(() => prefillFrom('extension', 'license', LICENSE_VALUES)).toThrow();
  });
});

describe('query pages', () => {
  it('columns in flows.md order', () => {
    const base = ['提交状态', '审核状态', '查看', '修改', '是否提交'];
    expect(queryPage('license').columns).toEqual([...base, '预约通知书', '就业许可表']);
    expect(queryPage('recruitment').columns).toEqual([...base, '就业登记表', '申请表打印']);
    expect(queryPage('registration-licensed').columns).toEqual([...base, '预约通知书', '就业表打印']);
    expect(queryPage('registration-exempt').columns).toEqual([...base, '预约通知书', '就业表打印']);
    expect(queryPage('extension').columns).toEqual([...base, '预约通知书', '申请打印']);
    expect(queryPage('hmt-permit').columns).toEqual([...base, '预约通知书', '就业表打印']);
    expect(queryPage('hmt-extension').columns).toEqual([...base, '预约通知书', '申请表打印']);
    expect(queryPage('recruitment').registrationKind).toBe('registration-exempt');
    expect(documentDef('recruitment').hasNotice).toBe(false);
    expect(QUERY_PAGES.license.title).toBe('《外国人就业许可证书》查询');
  });

  it('routes', () => {
    expect(Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, queryRoute(k)]))).toEqual({
      license: '/license/query',
      recruitment: '/records/recruitment/list',
      'registration-licensed': '/records/registration-licensed/list',
      'registration-exempt': '/records/registration-exempt/list',
      extension: '/extension/query',
      'hmt-permit': '/hmt-permit/query',
      'hmt-extension': '/hmt-extension/query',
      'wp-notice': '/wp-notice/query',
      'wp-permit': '/wp-permit/query',
      'wp-extension': '/wp-extension/query',
      'wp-change': '/wp-change/query',
      'wp-cancellation': '/wp-cancellation/query',
      'wp-reissue': '/wp-reissue/query',
    });
    expect(EMPLOYMENT_QUERY_HUB.groups.flatMap((g) => g.links.map((l) => l.kind))).toEqual([
      'registration-licensed',
      'recruitment',
      'registration-exempt',
    ]);
  });
});
