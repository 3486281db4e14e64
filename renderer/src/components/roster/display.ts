/** Display helpers of the roster pages. */
import { documentDef } from '../../../../shared/documents';
import type { DocumentKind } from '../../../../shared/documents/types';
import { countryByCode } from '../../../../shared/validation';
import type { PersonType } from '../../../../shared/roster/person';
import { t } from '../../i18n';
import { countryName, titleText } from '../../i18n/bilingual';

/** 国籍 by its name in the interface's language (foreign), or the 居民类别 as it is (hmt). */
export function nationalityText(type: PersonType, value: string): string {
  if (!value) return '—';
  if (type !== 'foreign') return value;
  const country = countryByCode(value);
  return country ? countryName(country) : value;
}

/** 外国人 / 台港澳人员 (PERSON_TYPE_LABELS) in the interface's language. */
export const typeText = (type: PersonType): string => t(`personType.${type}`);

/** The document's title, for tables; the two registrations say which route they follow. */
export function kindTitle(kind: DocumentKind): string {
  const title = titleText(documentDef(kind));
  if (kind === 'registration-licensed') return `${title}${t('person.registrationLicensed')}`;
  if (kind === 'registration-exempt') return `${title}${t('person.registrationExempt')}`;
  return title;
}

/** ISO timestamp → "YYYY-MM-DD HH:mm" in Beijing time, as everywhere else (composables/format.ts). */
export { formatDateTime as dateTime } from '../../composables/format';
