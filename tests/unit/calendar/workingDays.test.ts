import { describe, expect, it } from 'vitest';
import calendarData from 'chinese-days/dist/chinese-days.json';
import {
  addWorkingDays,
  CALENDAR_COVERAGE,
  chinaDateOf,
  isCovered,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  reviewDue,
  reviewDueDate,
  weekday,
} from '../../../shared/calendar/workingDays';

const data = calendarData as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };

describe('the holiday calendar (chinese-days data)', () => {
  it('covers the years the package has data for, with a schedule for every one of them', () => {
    expect(CALENDAR_COVERAGE.from).toBeLessThanOrEqual(2025);
    expect(CALENDAR_COVERAGE.to).toBeGreaterThanOrEqual(2026);
    for (let y = CALENDAR_COVERAGE.from; y <= CALENDAR_COVERAGE.to; y++) {
      expect(Object.keys(data.holidays).some((d) => d.startsWith(`${y}-`)), `holidays of ${y}`).toBe(true);
    }
    const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
    expect(Math.max(...years)).toBe(CALENDAR_COVERAGE.to);
    expect(Math.min(...years)).toBe(CALENDAR_COVERAGE.from);
    expect(isCovered(`${CALENDAR_COVERAGE.to}-12-31`)).toBe(true);
    expect(isCovered(`${CALENDAR_COVERAGE.to + 1}-01-01`)).toBe(false);
  });

  it('the package data has the 2025 National Day holiday and its make-up days as the tests assume', () => {
    for (let d = 1; d <= 8; d++) expect(data.holidays[`2025-10-0${d}`], `2025-10-0${d}`).toBeDefined();
    expect(data.workdays['2025-09-28']).toBeDefined();
    expect(data.workdays['2025-10-11']).toBeDefined();
  });

  it('weekday: 0 = Sunday … 6 = Saturday', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2025-09-28')).toBe(0);
    expect(weekday('2025-10-11')).toBe(6);
    expect(weekday('2026-11-28')).toBe(6);
  });
});

describe('isWorkingDay', () => {
  it('holidays are off, make-up weekend days are on, ordinary weekends are off', () => {
    expect(isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up working day
    expect(isWorkingDay('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(`2025-10-0${d}`), `2025-10-0${d}`).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up working day
    expect(isWorkingDay('2025-10-12')).toBe(false); // Sunday
  });

  it('outside the covered years only weekends are known', () => {
    const y = CALENDAR_COVERAGE.to + 1;
    // 1 January of an uncovered year: no holiday known, so a weekday counts as working
    const jan1 = `${y}-01-01`;
    expect(isWorkingDay(jan1)).toBe(weekday(jan1) !== 0 && weekday(jan1) !== 6);
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('x', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays across National Day 2025', () => {
  it('skips 10-01…10-08 and counts the make-up Saturday 10-11', () => {
    expect(addWorkingDays('2025-09-30', 0)).toBe('2025-09-30');
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 2)).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-30', 4)).toBe('2025-10-13');
    expect(addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
  });

  it('counts the make-up Sunday 09-28', () => {
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-27', 1)).toBe('2025-09-28');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(addWorkingDays('2025-10-14', -5)).toBe('2025-09-30');
    expect(addWorkingDays('2025-09-29', -1)).toBe('2025-09-28');
  });

  it('a start on a holiday is day 0 and does not count', () => {
    expect(addWorkingDays('2025-10-03', 1)).toBe('2025-10-09');
    expect(nextWorkingDayOnOrAfter('2025-10-03')).toBe('2025-10-09');
    expect(nextWorkingDayOnOrAfter('2025-09-30')).toBe('2025-09-30');
  });
});

describe('reviewDueDate: submission + 5 working days', () => {
  it('submitted on 2025-09-30 (a working day) → due 2025-10-14', () => {
    expect(reviewDueDate('2025-09-30')).toBe('2025-10-14');
    expect(reviewDueDate('2025-09-30T02:00:00.000Z')).toBe('2025-10-14'); // 10:00 in China
    expect(reviewDue('2025-09-30')).toEqual({
      submittedOn: '2025-09-30',
      receivedOn: '2025-09-30',
      dueDate: '2025-10-14',
      beyondCalendar: false,
    });
  });

  it('a timestamp is taken on the China calendar: 2025-09-30T17:00Z is 10-01 01:00, a holiday', () => {
    expect(chinaDateOf('2025-09-30T17:00:00.000Z')).toBe('2025-10-01');
    // counted from the next working day 10-09: 10-10, 10-11 (make-up), 10-13, 10-14, 10-15
    expect(reviewDue('2025-09-30T17:00:00.000Z')).toMatchObject({ receivedOn: '2025-10-09', dueDate: '2025-10-15' });
  });

  it('submitted on a Saturday counts from the make-up Sunday 2025-09-28', () => {
    // 09-29, 09-30, 10-09, 10-10, 10-11
    expect(reviewDue('2025-09-27')).toMatchObject({ receivedOn: '2025-09-28', dueDate: '2025-10-11' });
  });

  it('National Day 2026: submitted 2026-09-30 → due 2026-10-13 (make-up Saturday 10-10 counts)', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(reviewDueDate('2026-09-30')).toBe('2026-10-13');
  });

  it("the fixtures' Saturday 2026-11-28 counts from Monday 11-30 → due 2026-12-07", () => {
    expect(reviewDue('2026-11-28T02:00:00.000Z')).toMatchObject({ receivedOn: '2026-11-30', dueDate: '2026-12-07', beyondCalendar: false });
  });

  it('a due date past the covered years is flagged', () => {
    const y = CALENDAR_COVERAGE.to;
    const due = reviewDue(`${y}-12-29`);
    expect(due.beyondCalendar).toBe(true);
    expect(due.dueDate > `${y}-12-31`).toBe(true);
    expect(reviewDue(`${y}-06-01`).beyondCalendar).toBe(false);
  });
});
