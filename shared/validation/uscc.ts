/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-character alphabet (digits and capital letters without I, O, Z, S, V):
 * registration authority (1), organisation type (1), administrative division (6), organisation
 * code (9) and a check character. The check character is computed over the first 17 characters
 * with weights 3^(i-1) mod 31 and C18 = 31 - (Σ value×weight mod 31), where 31 maps to 0.
 */
import { finding, type Finding } from './finding';

/** The GB 32100-2015 code alphabet; a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i-1) mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or null if they are not 17 valid characters. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(check);
}

/** Field 统一社会信用代码 (employer.uscc). Codes 'uscc.format', 'uscc.checksum'. */
export function checkUscc(value: string): Finding | null {
  if (!USCC_FORMAT.test(value)) {
    return finding(
      'uscc.format',
      '统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、Z、S、V），请按营业执照填写',
      'The unified social credit code must be 18 digits and capital letters (no I, O, Z, S or V); copy it from the business licence',
    );
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    return finding(
      'uscc.checksum',
      '统一社会信用代码校验位错误，请核对营业执照',
      'The check character of the unified social credit code is wrong; check the business licence',
    );
  }
  return null;
}
