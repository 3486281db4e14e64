import { describe, it, expect } from 'vitest';
import {
  checkHmtPhone,
  checkNameZh,
  checkMinimumAge,
  checkNameEn,
  checkOverAge,
  checkPassportNo,
  checkPhone,
  checkPostcode,
} from '../../../shared/validation';

describe('checkPassportNo', () => {
  it.each([['E12345678'], ['12345'], ['AB1234567890CDEFGHIJ'], ['K1234567'], ['PA0000000']])('%s is valid', (v) => {
    expect(checkPassportNo(v)).toBeNull();
  });

  it.each([
    ['1234'], // 4 characters
    ['AB1234567890CDEFGHIJK'], // 21 characters
    ['e12345678'], // lowercase
    ['E 1234567'],
    ['E-1234567'],
    [''],
  ])('%s → passport.format', (v) => {
    expect(checkPassportNo(v)?.code).toBe('passport.format');
  });

  it('asks for capitals when the number is lowercase', () => {
    expect(checkPassportNo('e12345678')?.message).toContain('大写');
  });
});

describe('checkNameEn', () => {
  it.each([["JOHN SMITH"], ["O'BRIEN"], ["JEAN-PAUL DUPONT"], ["MARY ANN D'ARCY-SMITH"], ["LI"], ["N'DIAYE"]])(
    '%s is valid',
    (v) => {
      expect(checkNameEn(v)).toBeNull();
    },
  );

  it.each([
    ['John Smith'],
    ['JOHN  SMITH'], // double space
    [' JOHN SMITH'],
    ['JOHN SMITH '],
    ['JOHN-'],
    ['-JOHN'],
    ['MÜLLER'],
    ['JOHN.SMITH'],
    ['约翰'],
    ['JOHN2'],
    [''],
  ])('%s → nameEn.format', (v) => {
    expect(checkNameEn(v)?.code).toBe('nameEn.format');
  });
});

describe('checkPhone', () => {
  it.each([
    ['13800138000'],
    ['19912345678'],
    ['02087654321'],
    ['020-87654321'],
    ['020-87654321-123'],
    ['0757-8123456'],
    ['0757-81234567'],
    ['075781234567'],
    ['010-62345678'],
  ])('%s is valid', (v) => {
    expect(checkPhone(v)).toBeNull();
  });

  it.each([
    ['12800138000'], // 1[3-9] required
    ['1380013800'], // 10 digits
    ['138001380001'], // 12 digits
    ['+8613800138000'],
    ['138 0013 8000'],
    ['87654321'], // no area code
    ['020-876543'], // 6-digit local number
    ['020-876543210'], // 9-digit local number
    ['020-07654321'], // local number cannot start with 0
    ['020-87654321-'],
    ['020-87654321-1234567'],
    ['(020)87654321'],
    [''],
  ])('%s → phone.format', (v) => {
    expect(checkPhone(v)?.code).toBe('phone.format');
  });

  it('names the field', () => {
    expect(checkPhone('123')?.message).toMatch(/^联系电话.* \/ Telephone/);
  });
});

describe('checkPostcode', () => {
  it.each([['510000'], ['510630'], ['100000']])('%s is valid', (v) => {
    expect(checkPostcode(v)).toBeNull();
  });
  it.each([['51063'], ['5106300'], ['51063A'], [' 510630'], ['']])('%s → postcode.format', (v) => {
    expect(checkPostcode(v)?.code).toBe('postcode.format');
  });
});

describe('checkMinimumAge (Art. 7: at least 18 on the contract start date)', () => {
  it.each([
    ['2007-03-01', '2025-03-01', null], // turns 18 exactly on the start date → ok
    ['2007-03-02', '2025-03-01', 'age.under18'], // one day short
    ['2007-02-28', '2025-03-01', null],
    ['2008-02-29', '2026-02-28', 'age.under18'], // leap-day birthday reached on 1 March
    ['2008-02-29', '2026-03-01', null],
    ['1990-01-01', '2025-03-01', null],
    ['not-a-date', '2025-03-01', null], // reported by the date field check instead
  ])('born %s, start %s → %s', (birth, start, code) => {
    expect(checkMinimumAge(birth, start)?.code ?? null).toBe(code);
  });

  it('cites Art. 7, or HMT Art. 6 for HMT residents, and names the earliest start', () => {
    const f = checkMinimumAge('2007-03-02', '2025-03-01');
    expect(f?.message).toContain('《外国人在中国就业管理规定》第七条');
    expect(f?.message).toContain('2025-03-02');
    expect(checkMinimumAge('2007-03-02', '2025-03-01', 'hmt')?.message).toContain(
      '《台湾香港澳门居民在内地就业管理规定》第六条',
    );
  });
});

describe('checkOverAge (over 60 = more than 60 completed years)', () => {
  it.each([
    ['1965-03-01', '2025-03-01', null], // exactly 60
    ['1964-03-02', '2025-03-01', null], // 60 years and 364 days
    ['1964-03-01', '2025-03-01', 'age.over60'], // 61
    ['1990-01-01', '2025-03-01', null],
  ])('born %s, start %s → %s', (birth, start, code) => {
    expect(checkOverAge(birth, start)?.code ?? null).toBe(code);
  });

  it('asks HMT residents for 超龄说明', () => {
    expect(checkOverAge('1950-01-01', '2025-03-01', 'hmt')?.message).toContain('超龄说明');
  });
});

describe('本人联系电话 of a Taiwan, Hong Kong or Macau resident (checkHmtPhone)', () => {
  it.each(['+852 9123 4567', '+85291234567', '00852-2123-4567', '+853 6612 3456', '+886 912 345 678', '+886-2-2345-6789', '13812345678', '020-87654321'])(
    'takes %s',
    (v) => expect(checkHmtPhone(v)).toBeNull(),
  );
  it.each(['+852 123 456', '+852 1123 4567', '+853 9123 4567', '+886 0912 345 678', '+44 20 7946 0958', '12345', '852 9123 4567'])('refuses %s', (v) =>
    expect(checkHmtPhone(v)?.code).toBe('phone.hmtFormat'),
  );
});

describe('中文姓名 (checkNameZh)', () => {
  it.each(['约翰', '约翰·史密斯', '玛丽•杜布瓦', '𠮷田'])('takes %s', (v) => expect(checkNameZh(v)).toBeNull());
  it.each(['John', '约翰 史密斯', '约翰😀', '约翰1', '·约翰', '约翰·', 'ジョン'])('refuses %s', (v) => expect(checkNameZh(v)?.code).toBe('nameZh.format'));
});
