import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { COUNTRIES } from '../../../shared/validation/countries';
import { COUNTRY_INITIALS, FREQUENT_COUNTRIES, PICKABLE_COUNTRIES, searchCountries } from '../../../shared/validation/countryPicker';

const codes = (q: string, lang: 'zh-CN' | 'en' = 'zh-CN') => searchCountries(q, lang).map((c) => c.code);

describe('the 国籍 picker', () => {
  it('offers no China, no Hong Kong, Macau or Taiwan, no uninhabited territory', () => {
    const offered = PICKABLE_COUNTRIES.map((c) => c.code);
    for (const code of ['CN', 'HK', 'MO', 'TW', 'AQ', 'BV', 'HM', 'GS', 'TF', 'UM']) expect(offered).not.toContain(code);
    expect(offered).toContain('GB');
    expect(codes('中国')).toEqual([]);
    expect(codes('南极')).toEqual([]);
  });

  it('lists the frequent nationalities first when nothing is typed', () => {
    expect(codes('').slice(0, FREQUENT_COUNTRIES.length)).toEqual([...FREQUENT_COUNTRIES]);
    expect(codes('')).toHaveLength(PICKABLE_COUNTRIES.length);
  });

  it('finds 英国 by Chinese, pinyin initials, English and the ISO code, first', () => {
    expect(codes('英国')[0]).toBe('GB');
    expect(codes('yg')[0]).toBe('GB');
    expect(codes('YG')[0]).toBe('GB');
    expect(codes('united k', 'en')[0]).toBe('GB');
    expect(codes('GB')[0]).toBe('GB');
    expect(codes('gb').slice(0, 2)).toEqual(['CU', 'GB']); // 古巴's initials, then the code
    expect(codes('kingdom', 'en')).toContain('GB');
    expect(codes('mg')[0]).toBe('US');
    expect(codes('德')[0]).toBe('DE');
  });

  it('the pinyin initials are those of each Chinese name (regenerate with pinyin-pro when a name changes)', () => {
    for (const c of COUNTRIES) {
      const expected = pinyin(c.zh, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').replace(/[^a-z]/g, '');
      expect(COUNTRY_INITIALS[c.code], `${c.code} ${c.zh}`).toBe(expected);
    }
  });
});
