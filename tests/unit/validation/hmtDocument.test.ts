import { describe, it, expect } from 'vitest';
import { checkHmtDocNo, HMT_DOC_TYPES, HMT_RESIDENT_TYPES } from '../../../shared/validation';

const TW_PASS = '台湾居民来往大陆通行证';
const HKM_PASS = '港澳居民来往内地通行证';
const RES_PERMIT = '港澳台居民居住证';

// Residence-permit numbers, GB 11643 check digit worked by hand:
//   810000199901011236: Σ = 193, 193 mod 11 = 6 → '6'
//   820000200002021235: Σ = 128, 128 mod 11 = 7 → '5'
//   830000198805051237: Σ = 258, 258 mod 11 = 5 → '7'
describe('checkHmtDocNo', () => {
  it('exports the option lists of forms.md', () => {
    expect(HMT_RESIDENT_TYPES).toEqual(['台湾居民', '香港居民', '澳门居民']);
    expect(HMT_DOC_TYPES).toEqual([TW_PASS, HKM_PASS, RES_PERMIT]);
  });

  it.each([
    [TW_PASS, '台湾居民', '12345678'],
    [TW_PASS, '台湾居民', '00012345'],
    [HKM_PASS, '香港居民', 'H12345678'],
    [HKM_PASS, '香港居民', 'H1234567890'],
    [HKM_PASS, '澳门居民', 'M12345678'],
    [HKM_PASS, '澳门居民', 'M1234567801'],
    [RES_PERMIT, '香港居民', '810000199901011236'],
    [RES_PERMIT, '澳门居民', '820000200002021235'],
    [RES_PERMIT, '台湾居民', '830000198805051237'],
    [RES_PERMIT, '', '810000199901011236'], // 居民类别 not chosen yet: shape and checksum only
    [HKM_PASS, '', 'M12345678'],
    ['', '香港居民', 'anything'], // 证件类型 not chosen yet
  ])('%s / %s / %s is valid', (docType, residentType, value) => {
    expect(checkHmtDocNo(docType, residentType, value)).toBeNull();
  });

  it.each([
    // 台湾居民来往大陆通行证
    [TW_PASS, '台湾居民', '1234567', 'hmtdoc.format'],
    [TW_PASS, '台湾居民', '123456789', 'hmtdoc.format'],
    [TW_PASS, '台湾居民', 'T1234567', 'hmtdoc.format'],
    [TW_PASS, '台湾居民', '', 'hmtdoc.format'],
    [TW_PASS, '香港居民', '12345678', 'hmtdoc.type'],
    [TW_PASS, '澳门居民', '12345678', 'hmtdoc.type'],
    // 港澳居民来往内地通行证
    [HKM_PASS, '澳门居民', 'H12345678', 'hmtdoc.prefix'], // H number for a Macau resident
    [HKM_PASS, '香港居民', 'M12345678', 'hmtdoc.prefix'],
    [HKM_PASS, '香港居民', 'H123456789', 'hmtdoc.format'], // 9 digits
    [HKM_PASS, '香港居民', 'H1234567', 'hmtdoc.format'], // 7 digits
    [HKM_PASS, '香港居民', 'h12345678', 'hmtdoc.format'], // lowercase
    [HKM_PASS, '香港居民', 'X12345678', 'hmtdoc.format'],
    [HKM_PASS, '香港居民', '12345678', 'hmtdoc.format'],
    [HKM_PASS, '台湾居民', 'H12345678', 'hmtdoc.type'],
    // 港澳台居民居住证
    [RES_PERMIT, '澳门居民', '810000199901011236', 'hmtdoc.prefix'],
    [RES_PERMIT, '香港居民', '830000198805051237', 'hmtdoc.prefix'],
    [RES_PERMIT, '台湾居民', '820000200002021235', 'hmtdoc.prefix'],
    [RES_PERMIT, '香港居民', '440524188001010014', 'hmtdoc.prefix'], // mainland ID number
    [RES_PERMIT, '', '440524188001010014', 'hmtdoc.prefix'],
    [RES_PERMIT, '香港居民', '810000199901011237', 'hmtdoc.checksum'],
    [RES_PERMIT, '台湾居民', '830000198805051273', 'hmtdoc.checksum'],
    [RES_PERMIT, '香港居民', '810000199902301236', 'hmtdoc.birthdate'], // 1999-02-30
    [RES_PERMIT, '香港居民', '81000019990101123', 'hmtdoc.format'],
    [RES_PERMIT, '香港居民', '81000019990101123x', 'hmtdoc.format'],
    [RES_PERMIT, '香港居民', 'H12345678', 'hmtdoc.format'],
    // unknown document type
    ['香港身份证', '香港居民', 'A1234567', 'hmtdoc.type'],
  ])('%s / %s / %s → %s', (docType, residentType, value, code) => {
    expect(checkHmtDocNo(docType, residentType, value)?.code).toBe(code);
  });

  it('says which letter the resident type needs', () => {
    const f = checkHmtDocNo(HKM_PASS, '澳门居民', 'H12345678');
    expect(f?.message).toMatch(/^证件号码：澳门居民.*以 M 开头.* \/ Document number: .*starts with M/);
  });

  it('says which prefix the resident type needs', () => {
    expect(checkHmtDocNo(RES_PERMIT, '台湾居民', '810000199901011236')?.message).toContain('830000');
  });
});
