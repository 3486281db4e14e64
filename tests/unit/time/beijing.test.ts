import { describe, expect, it } from 'vitest';
import { beijingDateTime, beijingTime } from '../../../shared/time/beijing';

describe('Beijing time whatever the PC zone', () => {
  it('shows a UTC timestamp in UTC+8, across midnight and the year', () => {
    expect(beijingDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(beijingDateTime('2026-11-28T02:05:00Z')).toBe('2026-11-28 10:05');
    expect(beijingTime(new Date('2026-11-28T23:59:59Z'))).toBe('07:59:59');
  });
  it('empty stays empty, garbage is null', () => {
    expect(beijingDateTime('')).toBe('');
    expect(beijingDateTime(null)).toBe('');
    expect(beijingDateTime('yesterday')).toBeNull();
  });
});
