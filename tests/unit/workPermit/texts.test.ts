import { describe, expect, it } from 'vitest';
import { WP_TEXTS, formatWpText } from '../../../renderer/src/components/workPermit/texts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe("the work-permit panels' texts", () => {
  it('have both languages, English without Chinese, the same placeholders', () => {
    for (const [key, { zh, en }] of Object.entries(WP_TEXTS)) {
      expect(zh, key).toMatch(/\p{Script=Han}/u);
      expect(en, key).not.toMatch(/\p{Script=Han}/u);
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('fill their placeholders, and leave unknown ones visible', () => {
    expect(formatWpText('totalOf', false, { total: 92, max: 120 })).toBe('92 分（满分 120 分）');
    expect(formatWpText('totalOf', true, { total: 92, max: 120 })).toBe('92 of 120 points');
    expect(formatWpText('expired', false)).toBe('已过期');
    expect(formatWpText('validUntil', true, {})).toBe('Valid until {date}');
  });
});
