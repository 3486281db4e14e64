import { describe, it, expect } from 'vitest';
import {
  addDays,
  addYears,
  ageOn,
  checkIsoDate,
  compareDates,
  diffDays,
  isIsoDate,
} from '../../../shared/validation';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['2023-02-28', true],
    ['1999-12-31', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2023-02-29', false], // not a leap year
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024/01/01', false],
    [' 2024-01-01', false],
    ['2024-01-01T00:00', false],
    ['0000-01-01', false],
    ['', false],
  ])('%s → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });
});

describe('addYears (29 Feb in a common year → 1 Mar)', () => {
  it.each([
    ['2024-02-29', 1, '2025-03-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 5, '2029-03-01'],
    ['2024-02-29', -1, '2023-03-01'],
    ['2023-03-01', 1, '2024-03-01'],
    ['2025-03-01', 5, '2030-03-01'],
    ['2024-12-31', 1, '2025-12-31'],
    ['2024-01-15', 0, '2024-01-15'],
    ['1896-02-29', 4, '1900-03-01'], // 1900 is not a leap year
  ])('%s + %i years = %s', (d, n, expected) => {
    expect(addYears(d, n)).toBe(expected);
  });

  it('throws on an invalid date', () => {
    expect(() => addYears('2023-02-29', 1)).toThrow(RangeError);
  });
});

describe('addDays / diffDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2000-03-01', -1, '2000-02-29'],
    ['1900-03-01', -1, '1900-02-28'],
    ['2025-03-01', 0, '2025-03-01'],
  ])('%s + %i days = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(diffDays(d, expected)).toBe(n);
  });

  it.each([
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2000-01-01', '2100-01-01', 36525],
    ['1900-01-01', '2000-01-01', 36524],
    ['2026-01-01', '2025-01-01', -365],
  ])('diffDays(%s, %s) = %i', (a, b, n) => {
    expect(diffDays(a, b)).toBe(n);
  });

  it('agrees with Date.UTC over a long range', () => {
    const base = Date.UTC(1950, 0, 1);
    for (let n = 0; n < 365 * 120; n += 17) {
      const d = new Date(base + n * 86_400_000).toISOString().slice(0, 10);
      expect(addDays('1950-01-01', n)).toBe(d);
      expect(diffDays('1950-01-01', d)).toBe(n);
    }
  });
});

describe('ageOn (completed years)', () => {
  it.each([
    ['2006-03-01', '2024-03-01', 18], // birthday itself counts
    ['2006-03-01', '2024-02-29', 17],
    ['2004-02-29', '2022-02-28', 17], // leap-day birthday: reached on 1 March in common years
    ['2004-02-29', '2022-03-01', 18],
    ['2004-02-29', '2024-02-28', 19],
    ['2004-02-29', '2024-02-29', 20],
    ['1964-06-15', '2024-06-14', 59],
    ['1964-06-15', '2024-06-15', 60],
    ['1990-12-31', '1991-01-01', 0],
    ['2000-01-01', '1999-12-31', -1],
  ])('born %s, on %s → %i', (b, d, age) => {
    expect(ageOn(b, d)).toBe(age);
  });

  it('ageOn(b, d) >= n exactly when d >= addYears(b, n)', () => {
    for (const b of ['2004-02-29', '2006-03-01', '2006-02-28', '1999-12-31']) {
      for (let k = -3; k <= 3; k++) {
        const d = addDays(addYears(b, 18), k);
        expect(ageOn(b, d) >= 18).toBe(compareDates(d, addYears(b, 18)) >= 0);
      }
    }
  });
});

describe('compareDates', () => {
  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
    ['1999-12-31', '2000-01-01', -1],
  ])('compareDates(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareDates(a, b))).toBe(sign);
  });

  it('throws on an invalid date', () => {
    expect(() => compareDates('2024-02-30', '2024-01-01')).toThrow(RangeError);
  });
});

describe('checkIsoDate', () => {
  it('accepts a real date and names the field otherwise', () => {
    const label = { zh: '入境日期', en: 'Date of entry' };
    expect(checkIsoDate('2025-03-01', label)).toBeNull();
    const f = checkIsoDate('2025-02-30', label);
    expect(f?.code).toBe('date.format');
    expect(f?.message).toMatch(/^入境日期.* \/ Date of entry/);
  });
});
