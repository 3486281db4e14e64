/**
 * Person and contact fields. All check* functions take the value literally: an empty string is a
 * format error, so skip empty optional fields before calling them (required-ness is the form's job).
 */
import { addYears, ageOn, isIsoDate } from './dates';
import { finding, type FieldLabel, type Finding } from './finding';
import { article, FOREIGNERS_RULES, HMT_RULES } from './regulations';

/** 护照号码 (person.passportNo): 5–20 capital letters / digits. Code 'passport.format'. */
export function checkPassportNo(value: string): Finding | null {
  if (/^[A-Z0-9]{5,20}$/.test(value)) return null;
  const lower = /^[A-Za-z0-9]{5,20}$/.test(value);
  return finding(
    'passport.format',
    lower
      ? '护照号码应使用大写字母，请改为大写'
      : '护照号码应为5至20位大写字母或数字（不含空格和符号），请按护照填写',
    lower
      ? 'Passport number: use capital letters'
      : 'Passport number must be 5 to 20 capital letters or digits (no spaces or symbols); copy it from the passport',
  );
}

/**
 * 外文姓名 (person.nameEn): as in the passport, Latin capitals A–Z with single spaces, hyphens and
 * apostrophes, each single and between letters (e.g. "O'BRIEN", "JEAN-PAUL SMITH"). Code 'nameEn.format'.
 */
export function checkNameEn(value: string): Finding | null {
  if (/^[A-Z]+(?:[ '-][A-Z]+)*$/.test(value)) return null;
  if (value !== '' && /^[A-Za-z' -]+$/.test(value) && /[a-z]/.test(value)) {
    return finding(
      'nameEn.format',
      '外文姓名应使用大写字母，请改为大写（与护照一致）',
      'Name (in Latin letters) must be in capital letters, as in the passport',
    );
  }
  return finding(
    'nameEn.format',
    '外文姓名应与护照一致，只能使用大写英文字母，字母之间可用单个空格、连字符（-）或撇号（\'）',
    "Name (in Latin letters) must be written as in the passport: capital letters A–Z, with single spaces, hyphens (-) or apostrophes (') between letters",
  );
}

const MOBILE = /^1[3-9]\d{9}$/;
/** 0 + 2–3 digit area code, optional '-', 7–8 digit local number, optional '-' extension. */
const LANDLINE = /^0[1-9]\d{1,2}-?[2-9]\d{6,7}(?:-\d{1,6})?$/;

/**
 * 联系电话 (employer.phone): a mainland mobile number (11 digits, 1[3-9]…) or a landline with
 * its area code, e.g. 020-87654321, 02087654321, 0757-8123456, 020-87654321-123.
 * Code 'phone.format'. Pass another label for a different phone field.
 */
export function checkPhone(value: string, label: FieldLabel = { zh: '联系电话', en: 'Telephone' }): Finding | null {
  if (MOBILE.test(value) || LANDLINE.test(value)) return null;
  return finding(
    'phone.format',
    `${label.zh}应为11位手机号码（1开头），或带区号的固定电话（如 020-87654321，分机可写成 020-87654321-123），请勿加空格或国家代码`,
    `${label.en} must be an 11-digit mainland mobile number (starting with 1) or a landline with its area code (e.g. 020-87654321, extension as 020-87654321-123), without spaces or country code`,
  );
}

/** CJK ideographs (Unified, Extension A–G, compatibility) and the middle dot of transliterated names. */
const CHINESE_NAME = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]+(?:[·•・][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]+)*$/u;

/**
 * 中文姓名 (person.nameZh): Chinese characters, with a middle dot between the parts of a
 * transliterated name (约翰·史密斯); no Latin letters, digits, spaces or emoji. Code 'nameZh.format'.
 */
export function checkNameZh(value: string): Finding | null {
  if (CHINESE_NAME.test(value)) return null;
  return finding(
    'nameZh.format',
    '中文姓名只能由汉字组成，译名各部分之间用间隔号“·”分开（如 约翰·史密斯），不能含字母、数字、空格或表情符号',
    'The Chinese name may contain Chinese characters only, with a middle dot "·" between the parts of a transliterated name (e.g. 约翰·史密斯); no letters, digits, spaces or emoji',
  );
}

/** Hong Kong (+852, 8 digits), Macau (+853, 8 digits) and Taiwan (+886, 8–9 digits without the trunk 0). */
const HMT_NUMBERS: readonly RegExp[] = [/^(?:\+|00)852[2-9]\d{7}$/, /^(?:\+|00)853[2-8]\d{7}$/, /^(?:\+|00)886[2-9]\d{7,8}$/];

/**
 * 本人联系电话 of a Taiwan, Hong Kong or Macau resident: a mainland number as checkPhone takes, or
 * a Hong Kong, Macau or Taiwan number with its country code (+852 9123 4567, +853 6612 3456,
 * +886 912 345 678; spaces and hyphens allowed). Code 'phone.hmtFormat'.
 */
export function checkHmtPhone(value: string, label: FieldLabel = { zh: '本人联系电话', en: 'Personal telephone' }): Finding | null {
  if (checkPhone(value, label) === null) return null;
  const compact = value.replace(/[\s-]/g, '');
  if (HMT_NUMBERS.some((re) => re.test(compact))) return null;
  return finding(
    'phone.hmtFormat',
    `${label.zh}应为内地手机号码或带区号的固定电话，或带国际区号的香港（+852，8位）、澳门（+853，8位）、台湾（+886，8–9位，不加开头的0）号码，如 +852 9123 4567`,
    `${label.en} must be a mainland mobile or landline number, or a Hong Kong (+852, 8 digits), Macau (+853, 8 digits) or Taiwan (+886, 8–9 digits without the leading 0) number with its country code, e.g. +852 9123 4567`,
  );
}

/** 邮政编码 (employer.postcode): 6 digits. Code 'postcode.format'. */
export function checkPostcode(value: string): Finding | null {
  if (/^\d{6}$/.test(value)) return null;
  return finding(
    'postcode.format',
    '邮政编码应为6位数字（如广州市天河区 510630），请更正',
    'Postcode must be 6 digits (e.g. 510630); correct it',
  );
}

export const MIN_WORK_AGE = 18;
export const MAX_WORK_AGE = 60;

/** Which regulation the age rule comes from: foreigners (Art. 7) or HMT residents (HMT Art. 6). */
export type AgeBasis = 'foreign' | 'hmt';

const AGE_ARTICLE: Readonly<Record<AgeBasis, FieldLabel>> = {
  foreign: article(FOREIGNERS_RULES, 7),
  hmt: article(HMT_RULES, 6),
};

/**
 * 出生日期 vs 聘用期限自: the person must be at least 18 on the contract start date (turning 18 on
 * that very day is enough). Code 'age.under18'. Returns null when either date is not a real date
 * (report those with checkIsoDate).
 */
export function checkMinimumAge(birthDate: string, contractStart: string, basis: AgeBasis = 'foreign'): Finding | null {
  if (!isIsoDate(birthDate) || !isIsoDate(contractStart)) return null;
  if (ageOn(birthDate, contractStart) >= MIN_WORK_AGE) return null;
  const art = AGE_ARTICLE[basis];
  const adult = addYears(birthDate, MIN_WORK_AGE);
  return finding(
    'age.under18',
    `出生日期：聘用期限自（${contractStart}）时未满18周岁（${art.zh}），不能申请；请核对出生日期，或将聘用期限自改为 ${adult} 或以后`,
    `Date of birth: the person is under 18 on the employment start date ${contractStart} (${art.en}); check the date of birth, or start the employment on ${adult} or later`,
  );
}

/**
 * 出生日期 vs 聘用期限自: over 60 means more than 60 completed years on the contract start date
 * (a person aged 60 years and some months is still "60"). Code 'age.over60'. For foreigners it is
 * a warning; for HMT residents (basis 'hmt') the message asks for 超龄说明. Null for invalid dates.
 */
export function checkOverAge(birthDate: string, contractStart: string, basis: AgeBasis = 'foreign'): Finding | null {
  if (!isIsoDate(birthDate) || !isIsoDate(contractStart)) return null;
  if (ageOn(birthDate, contractStart) <= MAX_WORK_AGE) return null;
  if (basis === 'hmt') {
    return finding(
      'age.over60',
      `出生日期：聘用期限自（${contractStart}）时已超过60周岁（${AGE_ARTICLE.hmt.zh}），只有直接参与经营的投资者或内地急需的专业技术人员可以申请，请填写超龄说明`,
      `Date of birth: the person is over 60 on the employment start date ${contractStart} (${AGE_ARTICLE.hmt.en}); only investors taking part in the management or professionals urgently needed in the Mainland may apply: fill in the over-age explanation`,
    );
  }
  return finding(
    'age.over60',
    `出生日期：聘用期限自（${contractStart}）时已超过60周岁，请核对出生日期；如无误可继续提交`,
    `Date of birth: the person is over 60 on the employment start date ${contractStart}; check the date of birth, and submit anyway if it is right`,
  );
}
