/**
 * "Issued within 6 months" for 无犯罪记录证明 and 体检证明, counted the way 《中华人民共和国民法典》
 * counts periods (第二百零一条: the day of issue does not count, the period starts the next day;
 * 第二百零二条: a period in months ends on the corresponding day of the last month, or on that
 * month's last day when it has no corresponding day; 第一千二百五十九条: "以内" includes the day
 * itself). The guides count from the date of issue, not from the date of authentication.
 *
 * So a certificate issued on D is still good on the last day `validUntil` = D + 6 months (same
 * day of the month, clamped to the month's end), and has lapsed from the next day `lapsedOn`:
 *   issued 2026-12-16 → good until 2027-06-16, lapsed on 2027-06-17;
 *   issued 2026-08-31 → good until 2027-02-28 (no 31 February), lapsed on 2027-03-01;
 *   issued 2027-08-31 → good until 2028-02-29 (leap year), lapsed on 2028-03-01.
 */
import { addDays, compareDates, daysInMonth, isIsoDate } from '../validation/dates';

export const VALIDITY_MONTHS = 6;

/** The same day `months` later, or the last day of that month when it is shorter. */
export function addMonthsClamped(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  if (ty < 1 || ty > 9999) throw new RangeError(`Date out of range (years 0001–9999): year ${ty}`);
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

export interface Validity {
  /** last day the document is accepted */
  readonly validUntil: string;
  /** first day it is no longer accepted */
  readonly lapsedOn: string;
  /** whether it is still accepted on the given day */
  readonly valid: boolean;
}

/** Validity on `onDate` of a document issued on `issuedOn` and good for `months` months. */
export function validityOn(issuedOn: string, onDate: string, months: number = VALIDITY_MONTHS): Validity {
  const validUntil = addMonthsClamped(issuedOn, months);
  return { validUntil, lapsedOn: addDays(validUntil, 1), valid: compareDates(onDate, validUntil) <= 0 };
}
