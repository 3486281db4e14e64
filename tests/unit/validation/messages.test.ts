import { describe, it, expect } from 'vitest';
import {
  checkContractPeriod,
  checkHmtDocNo,
  checkIsoDate,
  checkMinimumAge,
  checkNameEn,
  checkNationality,
  checkOverAge,
  checkPassportNo,
  checkPhone,
  checkPhoto,
  checkPostcode,
  checkResidentId,
  checkSalary,
  checkUscc,
  type Finding,
} from '../../../shared/validation';

/** One finding per code (and message variant), with the forms.md label its message must start with. */
const CASES: ReadonlyArray<[Finding | null, string]> = [
  [checkUscc('X'), '统一社会信用代码'],
  [checkUscc('91350100M000100Y44'), '统一社会信用代码'],
  [checkResidentId('1'), '公民身份号码'],
  [checkResidentId('11010519491231002x'), '公民身份号码'],
  [checkResidentId('110105194902300021'), '公民身份号码'],
  [checkResidentId('110105194912310021'), '公民身份号码'],
  [checkHmtDocNo('台湾居民来往大陆通行证', '香港居民', '12345678'), '证件类型'],
  [checkHmtDocNo('其他', '香港居民', '12345678'), '证件类型'],
  [checkHmtDocNo('台湾居民来往大陆通行证', '台湾居民', '1'), '证件号码'],
  [checkHmtDocNo('港澳居民来往内地通行证', '香港居民', '1'), '证件号码'],
  [checkHmtDocNo('港澳居民来往内地通行证', '香港居民', 'M12345678'), '证件号码'],
  [checkHmtDocNo('港澳台居民居住证', '香港居民', '1'), '证件号码'],
  [checkHmtDocNo('港澳台居民居住证', '香港居民', '820000200002021235'), '证件号码'],
  [checkHmtDocNo('港澳台居民居住证', '', '440524188001010014'), '证件号码'],
  [checkHmtDocNo('港澳台居民居住证', '香港居民', '810000199902301236'), '证件号码'],
  [checkHmtDocNo('港澳台居民居住证', '香港居民', '810000199901011237'), '证件号码'],
  [checkPassportNo('1'), '护照号码'],
  [checkPassportNo('e12345678'), '护照号码'],
  [checkNameEn('1'), '外文姓名'],
  [checkNameEn('John'), '外文姓名'],
  [checkPhone('1'), '联系电话'],
  [checkPhone('1', { zh: '本人联系电话', en: 'Personal telephone' }), '本人联系电话'],
  [checkPostcode('1'), '邮政编码'],
  [checkMinimumAge('2010-01-01', '2025-01-01'), '出生日期'],
  [checkOverAge('1950-01-01', '2025-01-01'), '出生日期'],
  [checkOverAge('1950-01-01', '2025-01-01', 'hmt'), '出生日期'],
  [checkIsoDate('x', { zh: '护照有效期至', en: 'Passport valid until' }), '护照有效期至'],
  [checkContractPeriod('x', '2025-01-01'), '聘用期限自'],
  [checkContractPeriod('2025-01-01', '2024-01-01'), '聘用期限至'],
  [checkContractPeriod('2025-01-01', '2031-01-01'), '聘用期限至'],
  [checkSalary('x', 2500), '月工资（元）'],
  [checkSalary('1', 2500), '月工资（元）'],
  [checkPhoto(''), '照片'],
  [checkPhoto('data:image/gif;base64,R0lGODlh'), '照片'],
  [checkNationality('XX'), '国籍'],
  [checkNationality('CN'), '国籍'],
];

describe('messages', () => {
  it.each(CASES.map(([f, label]) => [f?.code ?? '(none)', label, f] as const))(
    '%s: "中文 / English", starting with the label %s',
    (_code, label, f) => {
      expect(f).not.toBeNull();
      const parts = f?.message.split(' / ') ?? [];
      expect(parts).toHaveLength(2);
      const [zh = '', en = ''] = parts;
      expect(zh.startsWith(label)).toBe(true);
      expect(en).toMatch(/^[A-Z]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    },
  );
});
