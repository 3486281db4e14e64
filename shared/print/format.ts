/**
 * How a stored value is printed: dates as 2027年1月4日 (the official style: no zero padding),
 * countries by their Chinese name, selects and radios as their text.
 */
import type { FieldDef } from '../documents/types';
import { countryByCode } from '../validation/countries';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2027-01-04` → `2027年1月4日`; anything else is returned trimmed, unchanged. */
export function formatDate(value: string): string {
  const v = value.trim();
  const m = ISO_DATE.exec(v);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : v;
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
    case 'attachment':
      return '已附';
    case 'photo':
      return '';
    default:
      return v;
  }
}

/** A title as printed: inside 《》 when the definition's title carries none. */
export function printedTitle(title: string): string {
  const t = title.trim();
  return t.includes('《') ? t : `《${t}》`;
}
