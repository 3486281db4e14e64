/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings (proleptic Gregorian calendar, years 0001–9999).
 *
 * Everything is done on whole day numbers, never on local-time Date objects, so there are no
 * timezone or DST surprises and the results are identical in the browser and in Node.
 *
 * The arithmetic functions (addYears, addDays, diffDays, ageOn, compareDates) throw a RangeError
 * for a string that is not a real date: call isIsoDate (or checkIsoDate) first on user input.
 *
 * Leap-day convention (used consistently by addYears and ageOn): an anniversary of 29 February in
 * a common year falls on 1 March. So addYears('2024-02-29', 1) === '2025-03-01', and a person
 * born on 2004-02-29 turns 18 on 2022-03-01. This makes `ageOn(b, d) >= n` exactly equivalent to
 * `compareDates(d, addYears(b, n)) >= 0`, and it is the conservative choice for the "at least 18"
 * rule. (It is also what Date.UTC does with an overflowing day: Date.UTC(2025, 1, 29) is 1 March.)
 */
import { finding, type FieldLabel, type Finding } from './finding';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

function parse(s: string): Ymd | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

function parseOrThrow(s: string): Ymd {
  const p = parse(s);
  if (!p) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return p;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ y, m, d }: Ymd): string {
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range (years 0001–9999): year ${y}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Days since 1970-01-01 (may be negative). Epoch-day algorithm on a March-based year. */
function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const mp = (m + 9) % 12; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

/** True for a real calendar date written as YYYY-MM-DD (e.g. '2023-02-29' is false). */
export function isIsoDate(s: string): boolean {
  return parse(s) !== null;
}

/**
 * The same month and day `years` later (or earlier, if negative). 29 February in a target year
 * that is not a leap year becomes 1 March (see the module comment).
 */
export function addYears(date: string, years: number): string {
  if (!Number.isInteger(years)) throw new RangeError(`years must be an integer: ${years}`);
  const { y, m, d } = parseOrThrow(date);
  const ty = y + years;
  if (d > daysInMonth(ty, m)) return format({ y: ty, m: m + 1, d: 1 }); // only 29 Feb → 1 Mar
  return format({ y: ty, m, d });
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return format(fromDayNumber(toDayNumber(parseOrThrow(date)) + days));
}

/** `to - from` in days: diffDays('2024-01-01', '2024-01-02') === 1. */
export function diffDays(from: string, to: string): number {
  return toDayNumber(parseOrThrow(to)) - toDayNumber(parseOrThrow(from));
}

/**
 * Age in completed years on `onDate`. A person is n years old from the n-th anniversary of the
 * birth date on (the birthday itself counts: born 2006-03-01 is 18 on 2024-03-01). A 29 February
 * birthday is reached on 1 March in common years. Negative if onDate is before the birth date.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const b = parseOrThrow(birthDate);
  const o = parseOrThrow(onDate);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

/** Negative if a is before b, 0 if equal, positive if a is after b. */
export function compareDates(a: string, b: string): number {
  const diff = toDayNumber(parseOrThrow(a)) - toDayNumber(parseOrThrow(b));
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** Field check for a date input: code 'date.format' when `value` is not a real YYYY-MM-DD date. */
export function checkIsoDate(value: string, label: FieldLabel): Finding | null {
  if (isIsoDate(value)) return null;
  return finding(
    'date.format',
    `${label.zh}不是有效日期，请按“年-月-日”（如 2025-03-01）选择或填写`,
    `${label.en} is not a valid date; pick or type it as YYYY-MM-DD (e.g. 2025-03-01)`,
  );
}

/** A 提交日期 range (起 … 止): both optional; a start after the end is refused. Code 'dateRange.reversed'. */
export function checkDateRange(from: string | undefined, to: string | undefined): Finding | null {
  if (!from || !to || compareDates(from, to) <= 0) return null;
  return finding(
    'dateRange.reversed',
    `日期范围有误：开始日期（${from}）晚于结束日期（${to}），请对调或更正`,
    `The date range is reversed: the start (${from}) is after the end (${to}); swap or correct them`,
  );
}
