import { describe, it, expect } from 'vitest';
import { checkResidentId, residentIdCheckDigit } from '../../../shared/validation';

// GB 11643-1999, worked by hand (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; '10X98765432'[Σ mod 11]):
//   11010519491231002X: Σ = 167, 167 mod 11 = 2 → 'X'
//   440524188001010014: Σ = 195, 195 mod 11 = 8 → '4'
describe('residentIdCheckDigit', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['83000019880505123', '7'],
  ])('%s → %s', (first17, check) => {
    expect(residentIdCheckDigit(first17)).toBe(check);
  });

  it.each([['1101051949123100'], ['110105194912310021'], ['1101051949123100X'], ['']])('%s → null', (s) => {
    expect(residentIdCheckDigit(s)).toBeNull();
  });
});

describe('checkResidentId', () => {
  it.each([['11010519491231002X'], ['440524188001010014']])('%s is valid', (id) => {
    expect(checkResidentId(id)).toBeNull();
  });

  it.each([
    ['110105194912310021', 'id.checksum'], // X changed to 1
    ['11010519491231003X', 'id.checksum'], // sequence digit changed
    ['440524188001010015', 'id.checksum'],
    ['11010519491231002x', 'id.format'], // lowercase x
    ['11010519491231002', 'id.format'], // 17 characters
    ['11010519491231002XX', 'id.format'],
    ['1101051949123100X2', 'id.format'], // X not last
    ['110105194902300021', 'id.birthdate'], // 1949-02-30
    ['110105194913010021', 'id.birthdate'], // month 13
    ['', 'id.format'],
  ])('%s → %s', (id, code) => {
    expect(checkResidentId(id)?.code).toBe(code);
  });

  it('asks for a capital X', () => {
    expect(checkResidentId('11010519491231002x')?.message).toContain('大写 X');
  });
});
