import { describe, it, expect } from 'vitest';
import { checkUscc, usccCheckCharacter } from '../../../shared/validation';

// Valid codes, each check character worked out by hand with GB 32100-2015
// (weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; C18 = 31 − Σ mod 31):
//   91350100M000100Y43: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3 → '3'
//   914403001922038216: Σ = 831,  831 mod 31 = 25,  31 − 25 = 6 → '6'
//   911100001000017858: Σ = 542,  542 mod 31 = 15,  31 − 15 = 16 → 'G', so '8' is wrong
const VALID = ['91350100M000100Y43', '914403001922038216', '9144030071526726XG'];

describe('usccCheckCharacter', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['91440300192203821', '6'],
    ['9144030071526726X', 'G'],
    ['91110000100001785', 'G'],
    ['00000000000000000', '0'], // Σ = 0 → 31 mod 31 = 0
  ])('%s → %s', (first17, check) => {
    expect(usccCheckCharacter(first17)).toBe(check);
  });

  it.each([
    ['91350100I000100Y4'], // I not in the alphabet
    ['91350100O000100Y4'], // O
    ['91350100Z000100Y4'], // Z
    ['91350100S000100Y4'], // S
    ['91350100V000100Y4'], // V
    ['91350100m000100Y4'], // lowercase
    ['91350100M000100Y'], // 16 characters
    ['91350100M000100Y43'], // 18 characters
  ])('%s → null', (first17) => {
    expect(usccCheckCharacter(first17)).toBeNull();
  });
});

describe('checkUscc', () => {
  it.each(VALID)('%s is valid', (code) => {
    expect(checkUscc(code)).toBeNull();
  });

  it.each([
    ['91350100M000100Y44', 'uscc.checksum'], // last character changed
    ['91350100M000100Y53', 'uscc.checksum'], // one character changed
    ['914403001922038261', 'uscc.checksum'], // two characters swapped
    ['911100001000017858', 'uscc.checksum'], // often quoted, but its check character is G
    ['91350100M000100Y4', 'uscc.format'], // 17 characters
    ['91350100M000100Y433', 'uscc.format'], // 19 characters
    ['91350100m000100y43', 'uscc.format'], // lowercase
    ['91350100I000100Y43', 'uscc.format'],
    ['91350100O000100Y43', 'uscc.format'],
    ['91350100Z000100Y43', 'uscc.format'],
    ['91350100S000100Y43', 'uscc.format'],
    ['91350100V000100Y43', 'uscc.format'],
    ['91350100M000100Y4 ', 'uscc.format'],
    ['', 'uscc.format'],
  ])('%s → %s', (code, expected) => {
    expect(checkUscc(code)?.code).toBe(expected);
  });

  it('uses the forms.md checksum message', () => {
    expect(checkUscc('91350100M000100Y44')?.message).toBe(
      '统一社会信用代码校验位错误，请核对营业执照 / The check character of the unified social credit code is wrong; check the business licence',
    );
  });
});
