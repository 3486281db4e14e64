/** Display helpers of the roster pages. */
import { documentDef } from '../../../../shared/documents';
import type { DocumentKind } from '../../../../shared/documents/types';
import { countryByCode } from '../../../../shared/validation';
import { PERSON_TYPE_LABELS, type PersonType } from '../../../../shared/roster/person';

/** 国籍 by its Chinese name (foreign), or the 居民类别 as it is (hmt). */
export function nationalityText(type: PersonType, value: string): string {
  if (!value) return '—';
  if (type === 'foreign') return countryByCode(value)?.zh ?? value;
  return value;
}

export const typeText = (type: PersonType): string => PERSON_TYPE_LABELS[type];

/** The document's printed title without its 《》, for tables. */
export function kindTitle(kind: DocumentKind): string {
  const def = documentDef(kind);
  return kind === 'registration-licensed'
    ? `${def.title}（已办就业许可证书）`
    : kind === 'registration-exempt'
      ? `${def.title}（免办就业许可证书）`
      : def.title;
}

/** ISO timestamp → local "YYYY-MM-DD HH:mm". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
