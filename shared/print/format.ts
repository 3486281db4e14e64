/**
 * How a stored value is printed: dates as YYYY年MM月DD日, countries by their Chinese name,
 * selects and radios as their text; and which size class a value needs to stay inside its cell.
 */
import type { FieldDef } from '../documents/types';
import { countryByCode } from '../validation/countries';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2027-01-04` → `2027年01月04日`; anything else is returned trimmed, unchanged. */
export function formatDate(value: string): string {
  const v = value.trim();
  const m = ISO_DATE.exec(v);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : v;
}

/** A blank date line for handwriting: `　　年　　月　　日`. */
export const BLANK_DATE = '\u3000\u3000年\u3000\u3000月\u3000\u3000日';

/** The printed text of one field's value ('' when empty; photos are not text). */
export function printedValue(field: Pick<FieldDef, 'type'>, raw: string | undefined): string {
  const v = (raw ?? '').trim();
  if (v === '') return '';
  switch (field.type) {
    case 'date':
      return formatDate(v);
    case 'country':
      return countryByCode(v.toUpperCase())?.zh ?? v;
    case 'photo':
      return '';
    default:
      return v;
  }
}

/** Width of a text in half-width units: CJK and full-width characters count 2, the rest 1. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    units += cp >= 0x1100 && (cp <= 0x115f || cp >= 0x2e80) ? 2 : 1;
  }
  return units;
}

/** Size classes of a value cell, largest first: '' (10pt), fit-1 (9pt), fit-2 (8pt), fit-3 (7pt). */
export type FitClass = '' | 'fit-1' | 'fit-2' | 'fit-3';

/** Longest run of characters a line cannot break inside (Latin letters, digits, symbols), in units. */
function longestWord(text: string): number {
  let longest = 0;
  for (const word of text.split(/[\s\u3000]+/)) {
    let run = 0;
    for (const ch of word) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x1100) {
        run += 1;
        longest = Math.max(longest, run);
      } else {
        run = 0; // CJK text breaks between any two characters
      }
    }
  }
  return longest;
}

const SCALES: ReadonlyArray<readonly [FitClass, number, number]> = [
  ['', 1, 0],
  ['fit-1', 10 / 9, 1],
  ['fit-2', 10 / 8, 2],
];

/**
 * The size class a value needs in a cell holding `capacity` half-width units per line at the
 * normal size and `lines` lines before it should shrink. Smaller type holds more per line and
 * more lines in the same height; a number or word that would have to break mid-word shrinks
 * until it fits on one line.
 */
export function fitClass(text: string, capacity: number, lines = 2): FitClass {
  const paragraphs = text.split(/\r?\n/);
  const word = longestWord(text);
  for (const [cls, scale, extraLines] of SCALES) {
    const cap = Math.max(1, capacity) * scale;
    const needed = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil(textUnits(p) / cap)), 0);
    if (needed <= lines + extraLines && word <= cap) return cls;
  }
  return 'fit-3';
}
