/**
 * 证件号码 (hmt.docNo) of the hmt-permit form, checked against 证件类型 (hmt.docType) and
 * 居民类别 (hmt.residentType).
 */
import { finding, type Finding } from './finding';
import { RESIDENT_ID_FORMAT, residentIdCheckDigit, residentIdHasValidBirthDate } from './residentId';

export const HMT_RESIDENT_TYPES = ['台湾居民', '香港居民', '澳门居民'] as const;
export type HmtResidentType = (typeof HMT_RESIDENT_TYPES)[number];

export const HMT_DOC_TYPES = ['台湾居民来往大陆通行证', '港澳居民来往内地通行证', '港澳台居民居住证'] as const;
export type HmtDocType = (typeof HMT_DOC_TYPES)[number];

/** Which 证件类型 each 居民类别 may use. */
export const HMT_DOC_TYPES_BY_RESIDENT: Readonly<Record<HmtResidentType, readonly HmtDocType[]>> = {
  台湾居民: ['台湾居民来往大陆通行证', '港澳台居民居住证'],
  香港居民: ['港澳居民来往内地通行证', '港澳台居民居住证'],
  澳门居民: ['港澳居民来往内地通行证', '港澳台居民居住证'],
};

/** First letter of a 港澳居民来往内地通行证 number. */
const PERMIT_LETTER: Readonly<Record<'香港居民' | '澳门居民', 'H' | 'M'>> = { 香港居民: 'H', 澳门居民: 'M' };

/** Address-code prefix of a 港澳台居民居住证 number. */
export const RESIDENCE_PERMIT_PREFIX: Readonly<Record<HmtResidentType, string>> = {
  香港居民: '810000',
  澳门居民: '820000',
  台湾居民: '830000',
};

const RESIDENT_EN: Readonly<Record<HmtResidentType, string>> = {
  台湾居民: 'Taiwan resident',
  香港居民: 'Hong Kong resident',
  澳门居民: 'Macau resident',
};

const DOC_EN: Readonly<Record<HmtDocType, string>> = {
  台湾居民来往大陆通行证: 'Mainland Travel Permit for Taiwan Residents',
  港澳居民来往内地通行证: 'Mainland Travel Permit for Hong Kong and Macau Residents',
  港澳台居民居住证: 'Residence Permit for Hong Kong, Macau and Taiwan Residents',
};

export function isHmtResidentType(s: string): s is HmtResidentType {
  return (HMT_RESIDENT_TYPES as readonly string[]).includes(s);
}

export function isHmtDocType(s: string): s is HmtDocType {
  return (HMT_DOC_TYPES as readonly string[]).includes(s);
}

/**
 * Codes:
 * - 'hmtdoc.type': 证件类型 is not one of HMT_DOC_TYPES, or not valid for 居民类别
 *   (台湾居民 cannot use 港澳居民来往内地通行证; 香港/澳门居民 cannot use 台湾居民来往大陆通行证);
 * - 'hmtdoc.format': wrong shape for the type (8 digits / H or M + 8 or 10 digits / 18-char ID);
 * - 'hmtdoc.prefix': H/M letter or 810000/820000/830000 prefix does not match 居民类别;
 * - 'hmtdoc.birthdate': the birth date inside a 港澳台居民居住证 number is not a real date;
 * - 'hmtdoc.checksum': GB 11643 check character of a 港澳台居民居住证 number is wrong.
 *
 * An empty docType returns null (nothing to check against; 证件类型 being required is reported
 * by the form). When residentType is empty or unknown, the type and prefix checks are skipped and
 * only the number's own shape (and check character) is checked.
 */
export function checkHmtDocNo(docType: string, residentType: string, value: string): Finding | null {
  if (docType === '') return null;
  if (!isHmtDocType(docType)) {
    return finding(
      'hmtdoc.type',
      `证件类型“${docType}”无效，请选择台湾居民来往大陆通行证、港澳居民来往内地通行证或港澳台居民居住证`,
      `Document type is not valid; choose the Mainland Travel Permit for Taiwan Residents, the Mainland Travel Permit for Hong Kong and Macau Residents, or the Residence Permit for Hong Kong, Macau and Taiwan Residents`,
    );
  }
  const resident = isHmtResidentType(residentType) ? residentType : null;
  if (resident && !HMT_DOC_TYPES_BY_RESIDENT[resident].includes(docType)) {
    const allowed = HMT_DOC_TYPES_BY_RESIDENT[resident];
    return finding(
      'hmtdoc.type',
      `证件类型：${resident}不能使用${docType}，请改选${allowed.join('或')}，或核对居民类别`,
      `Document type: a ${RESIDENT_EN[resident]} cannot use the ${DOC_EN[docType]}; choose the ${allowed.map((d) => DOC_EN[d]).join(' or the ')}, or check the resident type`,
    );
  }

  switch (docType) {
    case '台湾居民来往大陆通行证':
      if (!/^\d{8}$/.test(value)) {
        return finding(
          'hmtdoc.format',
          '证件号码：台湾居民来往大陆通行证号码应为8位数字，请按证件填写',
          'Document number: a Mainland Travel Permit for Taiwan Residents number is 8 digits; copy it from the permit',
        );
      }
      return null;

    case '港澳居民来往内地通行证': {
      if (!/^[HM](\d{8}|\d{10})$/.test(value)) {
        return finding(
          'hmtdoc.format',
          '证件号码：港澳居民来往内地通行证号码应为字母 H（香港）或 M（澳门）加8位或10位数字，请按证件填写',
          'Document number: a Mainland Travel Permit for Hong Kong and Macau Residents number is H (Hong Kong) or M (Macau) followed by 8 or 10 digits; copy it from the permit',
        );
      }
      if (resident === '香港居民' || resident === '澳门居民') {
        const letter = PERMIT_LETTER[resident];
        if (value.charAt(0) !== letter) {
          return finding(
            'hmtdoc.prefix',
            `证件号码：${resident}的港澳居民来往内地通行证号码应以 ${letter} 开头，请核对证件号码或居民类别`,
            `Document number: a ${RESIDENT_EN[resident]}'s Mainland Travel Permit number starts with ${letter}; check the number or the resident type`,
          );
        }
      }
      return null;
    }

    case '港澳台居民居住证': {
      if (!RESIDENT_ID_FORMAT.test(value)) {
        return finding(
          'hmtdoc.format',
          '证件号码：港澳台居民居住证号码应为18位：17位数字加1位校验码（数字或大写 X），请按证件填写',
          'Document number: a Residence Permit for Hong Kong, Macau and Taiwan Residents number is 18 characters: 17 digits and a check character (a digit or capital X); copy it from the card',
        );
      }
      const prefix = value.slice(0, 6);
      if (resident) {
        const expected = RESIDENCE_PERMIT_PREFIX[resident];
        if (prefix !== expected) {
          return finding(
            'hmtdoc.prefix',
            `证件号码：${resident}的港澳台居民居住证号码应以 ${expected} 开头，请核对证件号码或居民类别`,
            `Document number: a ${RESIDENT_EN[resident]}'s residence permit number starts with ${expected}; check the number or the resident type`,
          );
        }
      } else if (!Object.values(RESIDENCE_PERMIT_PREFIX).includes(prefix)) {
        return finding(
          'hmtdoc.prefix',
          '证件号码：港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头，请核对证件号码',
          'Document number: a residence permit number starts with 810000 (Hong Kong), 820000 (Macau) or 830000 (Taiwan); check the number',
        );
      }
      if (!residentIdHasValidBirthDate(value)) {
        return finding(
          'hmtdoc.birthdate',
          `证件号码：第7至14位的出生日期（${value.slice(6, 14)}）不是有效日期，请核对证件`,
          `Document number: the birth date in characters 7–14 (${value.slice(6, 14)}) is not a real date; check the card`,
        );
      }
      if (residentIdCheckDigit(value.slice(0, 17)) !== value.charAt(17)) {
        return finding(
          'hmtdoc.checksum',
          '证件号码：港澳台居民居住证号码校验码（最后一位）错误，请核对证件',
          'Document number: the check character (last character) of the residence permit number is wrong; check the card',
        );
      }
      return null;
    }
  }
}
