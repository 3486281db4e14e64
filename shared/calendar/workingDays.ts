/**
 * Working days on the Chinese public-holiday calendar (the State Council's 放假安排, as published
 * in the `chinese-days` package's data), for "结果 5 个工作日后" (flows.md).
 *
 * A day is a working day when it is a make-up working day (调休上班, e.g. Sunday 2025-09-28), or
 * when it is Monday–Friday and not a public holiday. Outside the years the data covers
 * (CALENDAR_COVERAGE) only weekends are known: such dates count Monday–Friday as working days, and
 * results computed across them are flagged `beyondCalendar` so the UI can warn.
 *
 * Pure and timezone-free: dates are 'YYYY-MM-DD' strings (shared/validation/dates.ts arithmetic).
 *
 * Conventions
 * - addWorkingDays(date, n): the n-th working day after `date`; `date` itself never counts (it is
 *   day 0, whether or not it is a working day). n = 0 returns `date`; negative n counts backwards.
 * - reviewDue(submittedAt): the submission day is day 0 (期间开始之日不计算在内). A submission on a
 *   non-working day counts from the next working day, i.e. it is treated as received on that day
 *   (day 0), and the result is due on the 5th working day after it. A timestamp is taken on the
 *   China calendar (UTC+8, no daylight saving); the time of day is not considered.
 *   Example: submitted Tuesday 2025-09-30; 10-01…10-08 are holidays; Thursday 10-09 is day 1,
 *   Friday 10-10 day 2, make-up Saturday 10-11 day 3, Monday 10-13 day 4, due Tuesday 2025-10-14.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import { addDays, diffDays, isIsoDate } from '../validation/dates';

interface CalendarData {
  /** public holidays (including the weekend days inside a holiday period) */
  holidays: Record<string, string>;
  /** make-up working days on a weekend (调休上班) */
  workdays: Record<string, string>;
}

const DATA = calendarData as unknown as CalendarData;
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(DATA.holidays));
const MAKEUP_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(DATA.workdays));

function coverage(): { readonly from: number; readonly to: number } {
  const years = [...HOLIDAYS, ...MAKEUP_WORKDAYS].map((d) => Number(d.slice(0, 4))).filter(Number.isInteger);
  if (years.length === 0) return { from: 0, to: -1 };
  return { from: Math.min(...years), to: Math.max(...years) };
}

/** The years (inclusive) for which the package holds the published holiday schedule. */
export const CALENDAR_COVERAGE: { readonly from: number; readonly to: number } = Object.freeze(coverage());

/** The manual's "5 个工作日后". */
export const REVIEW_WORKING_DAYS = 5;

function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(date: string): number {
  const n = diffDays('1970-01-01', date);
  return (((n + 4) % 7) + 7) % 7;
}

/** Whether the holiday schedule of the date's year is known. */
export function isCovered(date: string): boolean {
  assertDate(date);
  const y = Number(date.slice(0, 4));
  return y >= CALENDAR_COVERAGE.from && y <= CALENDAR_COVERAGE.to;
}

export function isWorkingDay(date: string): boolean {
  assertDate(date);
  if (MAKEUP_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** `date` when it is a working day, else the next working day. */
export function nextWorkingDayOnOrAfter(date: string): string {
  assertDate(date);
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The n-th working day after `date` (before it for negative n); see the conventions above. */
export function addWorkingDays(date: string, n: number): string {
  assertDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** 'YYYY-MM-DD' as it is, or an ISO timestamp as its date in China (UTC+8). */
export function chinaDateOf(dateOrTimestamp: string): string {
  if (isIsoDate(dateOrTimestamp)) return dateOrTimestamp;
  const t = Date.parse(dateOrTimestamp);
  if (Number.isNaN(t)) throw new RangeError(`Not a date or timestamp: ${JSON.stringify(dateOrTimestamp)}`);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface ReviewDue {
  /** the submission's date in China */
  submittedOn: string;
  /** the working day the count starts from (day 0): the submission day, or the next working day */
  receivedOn: string;
  /** when the pre-review result is due */
  dueDate: string;
  /** part of the span lies in a year the holiday data does not cover: the date may be off */
  beyondCalendar: boolean;
}

/** When a pre-review result is due for a submission (date or ISO timestamp). */
export function reviewDue(submittedAt: string, workingDays: number = REVIEW_WORKING_DAYS): ReviewDue {
  const submittedOn = chinaDateOf(submittedAt);
  const receivedOn = nextWorkingDayOnOrAfter(submittedOn);
  const dueDate = addWorkingDays(receivedOn, workingDays);
  return { submittedOn, receivedOn, dueDate, beyondCalendar: !isCovered(submittedOn) || !isCovered(dueDate) };
}

/** The date a pre-review result is due ('YYYY-MM-DD'); see reviewDue. */
export function reviewDueDate(submittedAt: string): string {
  return reviewDue(submittedAt).dueDate;
}
