import { describe, it, expect } from 'vitest';
import { checkNationality, COUNTRIES, countryByCode, REFUSED_NATIONALITIES } from '../../../shared/validation';

describe('COUNTRIES', () => {
  it('has every officially assigned ISO 3166-1 alpha-2 code once', () => {
    expect(COUNTRIES).toHaveLength(249);
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(249);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes); // kept in code order
  });

  it('has a unique Chinese name and an English name for each', () => {
    expect(new Set(COUNTRIES.map((c) => c.zh)).size).toBe(249);
    expect(COUNTRIES.every((c) => c.zh.length > 0 && c.en.length > 0)).toBe(true);
  });

  it.each([
    ['US', '美国'],
    ['GB', '英国'],
    ['DE', '德国'],
    ['JP', '日本'],
    ['KR', '韩国'],
    ['KP', '朝鲜'],
    ['FR', '法国'],
    ['RU', '俄罗斯'],
    ['IN', '印度'],
    ['CD', '刚果（金）'],
    ['CG', '刚果（布）'],
    ['CN', '中国'],
    ['TW', '中国台湾'],
    ['HK', '中国香港'],
    ['MO', '中国澳门'],
  ])('%s is %s', (code, zh) => {
    expect(countryByCode(code)?.zh).toBe(zh);
  });

  it.each([['UK'], ['EU'], ['XK'], ['AN'], ['us'], ['USA'], ['']])('%s is not a code', (code) => {
    expect(countryByCode(code)).toBeUndefined();
  });
});

describe('checkNationality', () => {
  it('refuses China, Taiwan, Hong Kong and Macau', () => {
    expect(REFUSED_NATIONALITIES).toEqual(['CN', 'TW', 'HK', 'MO']);
  });

  it.each([
    ['US', null],
    ['GB', null],
    ['SG', null],
    ['CN', 'nationality.refused'],
    ['TW', 'nationality.refused'],
    ['HK', 'nationality.refused'],
    ['MO', 'nationality.refused'],
    ['UK', 'nationality.unknown'],
    ['us', 'nationality.unknown'],
    ['', 'nationality.unknown'],
  ])('%s → %s', (code, expected) => {
    expect(checkNationality(code)?.code ?? null).toBe(expected);
  });

  it('points HMT residents to the other process', () => {
    expect(checkNationality('HK')?.message).toContain('请改用台港澳人员就业许可');
  });
});
