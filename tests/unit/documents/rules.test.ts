import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, documentDef, type DocumentKind, type FormValues, type Problem } from '../../../shared/documents';
import { checkNationality } from '../../../shared/validation';
import {
  EXTENSION_VALUES,
  FIXTURE_CONTEXT,
  HMT_EXTENSION_VALUES,
  HMT_PERMIT_VALUES,
  LICENSE_VALUES,
  RECRUITMENT_VALUES,
  REGISTRATION_EXEMPT_VALUES,
  REGISTRATION_LICENSED_VALUES,
  VALID_VALUES,
} from '../../fixtures/documents';

function check(kind: DocumentKind, values: FormValues, ctx = FIXTURE_CONTEXT): Problem[] {
  return documentDef(kind).check(values, ctx);
}
const blocks = (ps: Problem[]) => ps.filter((p) => p.severity === 'block');
const warns = (ps: Problem[]) => ps.filter((p) => p.severity === 'warn');
const brief = (ps: Problem[]) => ps.map((p) => `${p.severity}:${p.field}:${p.code}`);

/** The problems of `kind` after changing some values: exactly the expected one(s). */
function only(kind: DocumentKind, change: FormValues): Problem[] {
  return check(kind, { ...VALID_VALUES[kind], ...change });
}

describe('valid fixtures', () => {
  it.each(DOCUMENT_KINDS)('%s: no problem at all', (kind) => {
    expect(brief(check(kind, VALID_VALUES[kind]))).toEqual([]);
  });

  it('messages are "中文 / English" and name the field label', () => {
    const ps = check('license', {});
    expect(ps.length).toBeGreaterThan(20);
    for (const p of ps) {
      expect(p.message).toMatch(/^[^/]*[\u4e00-\u9fff][^]* \/ [A-Za-z]/);
      const label = documentDef('license').sections.flatMap((s) => s.fields).find((f) => f.key === p.field)?.label;
      expect(label, p.field).toBeDefined();
      expect(p.message).toContain(label!);
    }
  });
});

describe('every rule message names its field', () => {
  const cases: [DocumentKind, FormValues][] = [
    ['license', { 'employer.uscc': '91440106MA59C8K3X0', 'employer.postcode': '5106', 'employer.phone': '1', 'person.nameEn': 'x', 'person.passportNo': '!', 'person.nationality': 'CN', 'person.photo': 'x', 'person.birthDate': '2010-01-01', 'job.end': '2040-01-01', 'job.salary': '1', 'police.opinion': '不同意', 'police.date': '' }],
    ['license', { 'person.passportExpiry': '2026-01-01', 'person.birthDate': '1950-01-01', 'job.end': '2026-12-01' }],
    ['registration-licensed', { licenseNo: 'x', 'visa.type': '其他', 'visa.entryDate': '2026-01-01' }],
    ['registration-exempt', { 'visa.entryDate': '2027-01-01', 'person.passportExpiry': '2027-01-01' }],
    ['extension', { 'permit.no': 'x', 'permit.expiry': '2026-01-01', 'permit.newExpiry': '2025-01-01' }],
    ['extension', { 'permit.expiry': '2027-06-01', 'permit.newExpiry': '2028-06-01' }],
    ['hmt-permit', { 'hmt.docNo': 'x', 'hmt.docExpiry': '2020-01-01', 'hmt.phone': '2', 'hmt.photo': 'x', 'hmt.birthDate': '1950-01-01' }],
    ['hmt-permit', { 'hmt.residentType': '台湾居民', 'hmt.birthDate': '2015-01-01' }],
  ];
  it.each(cases)('%s %#', (kind, change) => {
    const def = documentDef(kind);
    const ps = only(kind, change);
    expect(ps.length).toBeGreaterThan(1);
    for (const p of ps) {
      const label = def.sections.flatMap((s) => s.fields).find((f) => f.key === p.field)!.label;
      expect(p.message, p.code).toContain(label);
      expect(p.message, p.code).toContain(' / ');
      expect(p.code).toMatch(/^[a-zA-Z0-9.]+$/);
    }
  });
});

describe('required fields (block)', () => {
  it('an empty license lists every required field, with the required message', () => {
    const ps = check('license', {});
    expect(ps.every((p) => p.severity === 'block')).toBe(true);
    const name = ps.find((p) => p.field === 'employer.name');
    expect(name).toEqual({ field: 'employer.name', severity: 'block', code: 'required', message: '请填写「单位名称」 / Please fill in Employer name' });
    const fields = ps.map((p) => p.field);
    for (const optional of ['employer.authority', 'person.nameZh', 'person.birthPlace', 'person.major', 'person.previousOccupation', 'police.date']) {
      expect(fields).not.toContain(optional);
    }
    expect(fields).toContain('person.photo');
    expect(fields).toContain('job.reason');
  });

  it('whitespace is empty', () => {
    expect(brief(only('license', { 'person.health': '   ' }))).toEqual(['block:person.health:required']);
  });

  it('keys a kind does not have are ignored by check', () => {
    expect(brief(only('hmt-permit', { 'person.nameEn': 'bad name 1', 'police.opinion': '不同意' }))).toEqual([]);
  });
});

describe('field formats (block)', () => {
  it('wrong USCC check character', () => {
    const ps = only('license', { 'employer.uscc': '91440106MA59C8K3X0' });
    expect(brief(ps)).toEqual(['block:employer.uscc:uscc.checksum']);
    expect(ps[0]!.message).toContain('统一社会信用代码');
  });

  it('wrong 港澳台居民居住证 check digit', () => {
    const ps = only('hmt-permit', { 'hmt.docNo': '810000199001011231' });
    expect(brief(ps)).toEqual(['block:hmt.docNo:hmtdoc.checksum']);
    expect(ps[0]!.message).toContain('证件号码');
  });

  it('malformed HMT document number', () => {
    expect(brief(only('hmt-extension', { 'hmt.docNo': '0812345' }))).toEqual(['block:hmt.docNo:hmtdoc.format']);
    expect(brief(only('hmt-permit', { 'hmt.docType': '港澳居民来往内地通行证', 'hmt.docNo': 'M12345678' }))).toEqual([
      'block:hmt.docNo:hmtdoc.prefix',
    ]);
  });

  it('a document type the resident type cannot use is reported on 证件类型', () => {
    expect(brief(only('hmt-permit', { 'hmt.docType': '台湾居民来往大陆通行证', 'hmt.docNo': '12345678' }))).toEqual([
      'block:hmt.docType:hmtdoc.type',
    ]);
  });

  it('phone, postcode, English name, passport number', () => {
    expect(brief(only('license', { 'employer.phone': '12345' }))).toEqual(['block:employer.phone:phone.format']);
    expect(brief(only('hmt-permit', { 'hmt.phone': '888' }))[0]).toBe('block:hmt.phone:phone.hmtFormat');
    expect(only('hmt-permit', { 'hmt.phone': '888' })[0]!.message).toContain('本人联系电话');
    expect(brief(only('license', { 'employer.postcode': '51062' }))).toEqual(['block:employer.postcode:postcode.format']);
    expect(brief(only('license', { 'person.nameEn': 'John Smith' }))).toEqual(['block:person.nameEn:nameEn.format']);
    expect(brief(only('license', { 'person.passportNo': 'E1' }))).toEqual(['block:person.passportNo:passport.format']);
  });

  it('dates and options', () => {
    expect(brief(only('license', { 'person.birthDate': '1985-02-30' }))).toEqual(['block:person.birthDate:date.format']);
    expect(brief(only('license', { 'job.district': '深圳' }))).toEqual(['block:job.district:option.invalid']);
    expect(brief(only('license', { 'employer.legalRep': '李'.repeat(51) }))).toEqual(['block:employer.legalRep:text.tooLong']);
  });

  it('nationality: China, Taiwan, Hong Kong and Macau are refused', () => {
    for (const code of ['CN', 'TW', 'HK', 'MO']) {
      const ps = only('license', { 'person.nationality': code });
      expect(brief(ps)).toEqual([`block:person.nationality:${checkNationality(code)!.code}`]);
    }
  });

  it('photo', () => {
    const ps = only('registration-licensed', { 'person.photo': 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' });
    expect(blocks(ps).map((p) => p.field)).toEqual(['person.photo']);
    expect(ps[0]!.code).toMatch(/^photo\./);
    expect(only('hmt-permit', { 'hmt.photo': 'not a data url' })[0]?.code).toMatch(/^photo\./);
  });

  it('license and permit numbers', () => {
    expect(brief(only('registration-licensed', { licenseNo: 'GZ2026' }))).toEqual(['block:licenseNo:licenseNo.format']);
    expect(brief(only('extension', { 'permit.no': 'T20250000789' }))).toEqual(['block:permit.no:permitNo.format']);
    expect(brief(only('hmt-extension', { 'permit.no': 'E20250000456' }))).toEqual(['block:permit.no:permitNo.format']);
  });
});

describe('age', () => {
  it('under 18 on the contract start blocks (Art. 7)', () => {
    const ps = only('license', { 'person.birthDate': '2009-01-05' });
    expect(brief(ps)).toEqual(['block:person.birthDate:age.under18']);
    expect(ps[0]!.message).toContain('第七条');
  });

  it('turning 18 on the start date is enough', () => {
    expect(brief(only('license', { 'person.birthDate': '2009-01-04' }))).toEqual([]);
  });

  it('over 60 warns without blocking', () => {
    const ps = only('recruitment', { 'person.birthDate': '1960-06-01' });
    expect(brief(ps)).toEqual(['warn:person.birthDate:age.over60']);
  });

  it('HMT: under 18 blocks; over 60 blocks without 超龄说明 (HMT Art. 6), passes with it', () => {
    expect(brief(only('hmt-permit', { 'hmt.birthDate': '2010-03-01' }))).toEqual(['block:hmt.birthDate:age.under18']);
    const old = only('hmt-permit', { 'hmt.birthDate': '1960-06-01' });
    expect(brief(old)).toEqual(['block:hmt.overAgeReason:age.over60.reason']);
    expect(old[0]!.message).toContain('《台湾香港澳门居民在内地就业管理规定》第六条');
    expect(brief(only('hmt-permit', { 'hmt.birthDate': '1960-06-01', 'hmt.overAgeReason': '本公司股东，直接参与经营的投资者' }))).toEqual([]);
  });
});

describe('passport', () => {
  it('expired (not after today) blocks', () => {
    expect(brief(only('license', { 'person.passportExpiry': '2026-11-28' }))).toEqual(['block:person.passportExpiry:passport.expired']);
  });

  it('expiring before the contract end warns', () => {
    expect(brief(only('license', { 'person.passportExpiry': '2027-06-30' }))).toEqual([
      'warn:person.passportExpiry:passport.beforeContractEnd',
    ]);
    expect(brief(only('extension', { 'person.passportExpiry': '2027-06-30' }))).toEqual([
      'warn:person.passportExpiry:passport.beforeContractEnd',
    ]);
  });
});

describe('employment', () => {
  it('contract over 5 years blocks (Art. 18)', () => {
    expect(brief(only('license', { 'job.end': '2032-01-05' }))).toEqual(['block:job.end:contract.tooLong']);
    expect(brief(only('license', { 'job.end': '2032-01-04' }))).toEqual([]);
  });

  it('contract end not after start blocks', () => {
    expect(brief(only('hmt-permit', { 'job.end': '2027-01-04' }))).toEqual(['block:job.end:contract.order']);
  });

  it('salary below the minimum wage blocks (Art. 22)', () => {
    expect(brief(only('registration-exempt', { 'job.salary': '2499.99' }))).toEqual(['block:job.salary:salary.belowMinimum']);
    expect(brief(only('registration-exempt', { 'job.salary': '2500' }))).toEqual([]);
    expect(brief(check('license', LICENSE_VALUES, { today: '2026-11-28', minimumWage: 40000 }))).toEqual([
      'block:job.salary:salary.belowMinimum',
    ]);
  });
});

describe('police opinion (license, recruitment)', () => {
  it.each(['license', 'recruitment'] as const)('%s: missing opinion blocks submission', (kind) => {
    const ps = only(kind, { 'police.opinion': '', 'police.date': '' });
    expect(brief(ps)).toEqual(['block:police.opinion:police.missing']);
  });

  it('不同意 blocks', () => {
    expect(brief(only('recruitment', { 'police.opinion': '不同意' }))).toEqual(['block:police.opinion:police.refused']);
  });

  it('意见日期 is required with the opinion', () => {
    expect(brief(only('license', { 'police.date': '' }))).toEqual(['block:police.date:police.dateMissing']);
  });

  it('other kinds have no police section', () => {
    expect(RECRUITMENT_VALUES['police.opinion']).toBe('同意');
    for (const kind of DOCUMENT_KINDS.filter((k) => k !== 'license' && k !== 'recruitment')) {
      expect(documentDef(kind).sections.flatMap((s) => s.fields).some((f) => f.key.startsWith('police.'))).toBe(false);
    }
  });
});

describe('visa and entry (registrations)', () => {
  it('visa other than Z warns (Art. 8)', () => {
    const ps = only('registration-licensed', { 'visa.type': '其他' });
    expect(brief(ps)).toEqual(['warn:visa.type:visa.notZ']);
    expect(blocks(ps)).toEqual([]);
  });

  it('entry more than 15 days ago warns (Art. 16); 15 days is fine', () => {
    expect(brief(only('registration-exempt', { 'visa.entryDate': '2026-11-12' }))).toEqual(['warn:visa.entryDate:entry.late']);
    expect(brief(only('registration-exempt', { 'visa.entryDate': '2026-11-13' }))).toEqual([]);
  });

  it('entry in the future blocks', () => {
    expect(brief(only('registration-licensed', { 'visa.entryDate': '2026-11-29' }))).toEqual(['block:visa.entryDate:entry.future']);
    expect(REGISTRATION_LICENSED_VALUES['visa.type']).toBe('Z');
    expect(REGISTRATION_EXEMPT_VALUES['visa.type']).toBe('Z');
  });
});

describe('extension rules', () => {
  it.each(['extension', 'hmt-extension'] as const)('%s: already-expired permit blocks: a new application is needed', (kind) => {
    const ps = only(kind, { 'permit.expiry': '2026-11-27' });
    expect(brief(blocks(ps))).toEqual(['block:permit.expiry:permit.expired']);
    expect(ps.find((p) => p.code === 'permit.expired')!.message).toContain('需重新申请');
  });

  it('expiring today is not expired', () => {
    expect(brief(only('extension', { 'permit.expiry': '2026-11-28' }))).toEqual([]);
  });

  it('asking more than 30 days before expiry warns (Art. 19)', () => {
    const ps = only('extension', { 'permit.expiry': '2026-12-29' });
    expect(brief(ps)).toEqual(['warn:permit.expiry:permit.early']);
    expect(ps[0]!.message).toContain('第十九条');
    expect(brief(only('extension', { 'permit.expiry': '2026-12-28' }))).toEqual([]);
    expect(brief(only('hmt-extension', { 'permit.expiry': '2027-03-01' }))).toEqual(['warn:permit.expiry:permit.early']);
  });

  it('申请延期至 must be after 原有效期至 and no later than 聘用期限至', () => {
    expect(brief(only('extension', { 'permit.newExpiry': '2026-12-20' }))).toEqual(['block:permit.newExpiry:permit.newExpiry.notAfter']);
    expect(brief(only('hmt-extension', { 'permit.newExpiry': '2028-01-01' }))).toEqual([
      'block:permit.newExpiry:permit.newExpiry.afterContract',
    ]);
    expect(brief(only('extension', { 'permit.newExpiry': '2027-12-31' }))).toEqual([]);
  });

  it('fixtures are within the 30 days', () => {
    expect(EXTENSION_VALUES['permit.expiry']).toBe('2026-12-20');
    expect(HMT_EXTENSION_VALUES['permit.expiry']).toBe('2026-12-15');
  });
});

describe('HMT document expiry', () => {
  it('not after today blocks', () => {
    expect(brief(only('hmt-permit', { 'hmt.docExpiry': '2026-11-28' }))).toEqual(['block:hmt.docExpiry:document.expired']);
    expect(HMT_PERMIT_VALUES['hmt.docExpiry']).toBe('2031-08-31');
  });
});

describe('severity split', () => {
  it('warnings never block', () => {
    const ps = check('registration-licensed', {
      ...REGISTRATION_LICENSED_VALUES,
      'person.birthDate': '1960-01-01',
      'visa.type': '其他',
      'visa.entryDate': '2026-10-01',
    });
    expect(blocks(ps)).toEqual([]);
    expect(warns(ps).map((p) => p.code).sort()).toEqual(['age.over60', 'entry.late', 'visa.notZ']);
  });
});

describe('dates against today (issue: everyday use)', () => {
  const withCtx = (kind: DocumentKind, change: FormValues, ctx: Partial<typeof FIXTURE_CONTEXT> & { createdOn?: string }) =>
    check(kind, { ...VALID_VALUES[kind], ...change }, { ...FIXTURE_CONTEXT, ...ctx });

  it('an employment start in the past warns, today or later does not', () => {
    const past = only('license', { 'job.start': '2020-01-01', 'job.end': '2021-01-01' });
    expect(brief(past)).toContain('warn:job.start:job.startPast');
    expect(brief(only('license', { 'job.start': FIXTURE_CONTEXT.today }))).toEqual([]);
  });

  it('an 意见日期 in the future blocks', () => {
    expect(brief(only('license', { 'police.date': '2026-12-01' }))).toEqual(['block:police.date:police.dateFuture']);
  });

  it('an 意见日期 before the form was created blocks; on or after it is fine; unknown creation day is not judged', () => {
    expect(brief(withCtx('license', { 'police.date': '2026-11-20' }, { createdOn: '2026-11-25' }))).toEqual(['block:police.date:police.dateBeforeForm']);
    expect(brief(withCtx('license', { 'police.date': '2026-11-25' }, { createdOn: '2026-11-25' }))).toEqual([]);
    expect(brief(withCtx('license', { 'police.date': '2026-11-20' }, {}))).toEqual([]);
  });

  it('a passport expiring before the employment ends warns', () => {
    expect(brief(only('license', { 'person.passportExpiry': '2028-06-30' }))).toEqual(['warn:person.passportExpiry:passport.beforeContractEnd']);
  });
});
