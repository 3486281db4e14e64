/**
 * 公民身份号码 (citizen identity number), GB 11643-1999: 6-digit address code, 8-digit birth
 * date YYYYMMDD, 3-digit sequence code and a check character (ISO 7064 MOD 11-2: weights
 * 2^(17-i) mod 11, check = (12 - Σ mod 11) mod 11, where 10 is written X).
 *
 * The same layout is used by 港澳台居民居住证 (address code 810000 / 820000 / 830000), see
 * hmtDocument.ts.
 */
import { isIsoDate } from './dates';
import { finding, type FieldLabel, type Finding } from './finding';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by Σ mod 11. */
const CHECK = '10X98765432';

export const RESIDENT_ID_FORMAT = /^\d{17}[\dX]$/;

/** The check character ('0'–'9' or 'X') for 17 digits, or null if `first17` is not 17 digits. */
export function residentIdCheckDigit(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** The embedded birth date as YYYY-MM-DD (not validated), for an 18-character number. */
export function residentIdBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** True if the birth date embedded at positions 7–14 is a real calendar date. */
export function residentIdHasValidBirthDate(value: string): boolean {
  return isIsoDate(residentIdBirthDate(value));
}

/**
 * 18-character 公民身份号码. Codes 'id.format', 'id.birthdate' (positions 7–14 are not a real
 * date), 'id.checksum'. The label is 公民身份号码 unless another is given.
 */
export function checkResidentId(
  value: string,
  label: FieldLabel = { zh: '公民身份号码', en: 'Citizen ID number' },
): Finding | null {
  if (!RESIDENT_ID_FORMAT.test(value)) {
    const lowerX = /^\d{17}x$/.test(value);
    return finding(
      'id.format',
      lowerX
        ? `${label.zh}最后一位 x 应为大写 X，请改为大写`
        : `${label.zh}应为18位：17位数字加1位校验码（数字或大写 X），请按证件填写`,
      lowerX
        ? `${label.en}: the last character x must be a capital X`
        : `${label.en} must be 18 characters: 17 digits and a check character (a digit or capital X); copy it from the card`,
    );
  }
  if (!residentIdHasValidBirthDate(value)) {
    return finding(
      'id.birthdate',
      `${label.zh}第7至14位的出生日期（${value.slice(6, 14)}）不是有效日期，请核对证件`,
      `${label.en}: the birth date in characters 7–14 (${value.slice(6, 14)}) is not a real date; check the card`,
    );
  }
  if (residentIdCheckDigit(value.slice(0, 17)) !== value.charAt(17)) {
    return finding(
      'id.checksum',
      `${label.zh}校验码（最后一位）错误，请核对证件`,
      `${label.en}: the check character (last character) is wrong; check the card`,
    );
  }
  return null;
}
