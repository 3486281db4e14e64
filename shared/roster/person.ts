/**
 * The people roster (人员名册), as data: a person is the person section of the document forms —
 * 外国人基本情况 (person.*) for foreign nationals, 台港澳人员基本情况 (hmt.*) for Taiwan, Hong Kong
 * and Macao residents — stored once and copied into every application of that person. The field
 * definitions and rules are those of shared/documents; nothing here redefines a field.
 */
import { documentDef } from '../documents/registry';
import { DOCUMENT_KINDS, type DocumentKind, type FieldDef, type FormValues, type Problem, type RuleContext, type SectionDef } from '../documents/types';

export const PERSON_TYPES = ['foreign', 'hmt'] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

export const PERSON_TYPE_LABELS: Readonly<Record<PersonType, string>> = {
  foreign: '外国人',
  hmt: '台港澳人员',
};

/** The kind whose (editable, complete) person section defines the roster's fields of a type. */
const SECTION_SOURCE: Readonly<Record<PersonType, { kind: DocumentKind; section: string }>> = {
  foreign: { kind: 'license', section: 'person' },
  hmt: { kind: 'hmt-permit', section: 'hmt' },
};

export const PERSON_PREFIX: Readonly<Record<PersonType, string>> = { foreign: 'person.', hmt: 'hmt.' };

/** The extension kind that renews a permit of this type. */
export const EXTENSION_KIND: Readonly<Record<PersonType, 'extension' | 'hmt-extension'>> = {
  foreign: 'extension',
  hmt: 'hmt-extension',
};

/** The person section of a type, as the document forms define it. */
export function personSection(type: PersonType): SectionDef {
  const { kind, section } = SECTION_SOURCE[type];
  const found = documentDef(kind).sections.find((s) => s.id === section);
  if (!found) throw new Error(`no ${section} section on ${kind}`);
  return found;
}

export function personFields(type: PersonType): readonly FieldDef[] {
  return personSection(type).fields;
}

export function personTypeOf(kind: DocumentKind): PersonType {
  return documentDef(kind).applicant;
}

/** The document kinds a person of this type applies with. */
export function kindsOf(type: PersonType): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => personTypeOf(k) === type);
}

const isPersonKey = (type: PersonType, key: string) => personFields(type).some((f) => f.key === key);

/** The person fields found in `values` (an application's or a person's), empty ones left out. */
export function personValuesOf(type: PersonType, values: Readonly<Record<string, string | undefined>>): FormValues {
  const out: FormValues = {};
  for (const f of personFields(type)) {
    const v = values[f.key];
    if (typeof v === 'string' && v.trim() !== '') out[f.key] = v;
  }
  return out;
}

/** The person fields that an application of `kind` has (the keys it can take from a person). */
export function personKeysOfKind(kind: DocumentKind): string[] {
  const type = personTypeOf(kind);
  const def = documentDef(kind);
  return def.sections.flatMap((s) => s.fields.map((f) => f.key)).filter((k) => isPersonKey(type, k));
}

/** The columns the roster lists and searches by. */
export interface PersonColumns {
  name: string;
  nameZh: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
}

export function personColumns(type: PersonType, values: FormValues): PersonColumns {
  const v = (k: string) => (values[k] ?? '').trim();
  if (type === 'foreign') {
    return {
      name: v('person.nameEn') || v('person.nameZh'),
      nameZh: v('person.nameZh'),
      documentNumber: v('person.passportNo').toUpperCase(),
      nationality: v('person.nationality'),
      birthDate: v('person.birthDate'),
    };
  }
  return {
    name: v('hmt.name'),
    nameZh: '',
    documentNumber: v('hmt.docNo').toUpperCase(),
    nationality: v('hmt.residentType'),
    birthDate: v('hmt.birthDate'),
  };
}

/** The key of the document number (护照号码 / 证件号码) of a type. */
export const NUMBER_KEY: Readonly<Record<PersonType, string>> = { foreign: 'person.passportNo', hmt: 'hmt.docNo' };
/** The key(s) a person's name is entered in. */
export const NAME_KEYS: Readonly<Record<PersonType, readonly string[]>> = {
  foreign: ['person.nameEn', 'person.nameZh'],
  hmt: ['hmt.name'],
};

/**
 * The problems of a person's fields: the same rules the forms run, limited to the person
 * section (rules that need an application's other fields — age on the contract start, passport
 * against the contract end — wait for the application).
 */
export function personProblems(type: PersonType, values: FormValues, ctx: RuleContext): Problem[] {
  const { kind } = SECTION_SOURCE[type];
  return documentDef(kind)
    .check(personValuesOf(type, values), ctx)
    .filter((p) => p.field !== '' && isPersonKey(type, p.field));
}

/** One changed field of a person. Photos are not copied into the history ("已更换"). */
export interface PersonChange {
  key: string;
  label: string;
  from: string;
  to: string;
}

export function personChanges(type: PersonType, before: FormValues, after: FormValues): PersonChange[] {
  const out: PersonChange[] = [];
  for (const f of personFields(type)) {
    const a = before[f.key] ?? '';
    const b = after[f.key] ?? '';
    if (a === b) continue;
    if (f.type === 'photo') out.push({ key: f.key, label: f.label, from: a ? '（照片）' : '', to: b ? '（已更换）' : '' });
    else out.push({ key: f.key, label: f.label, from: a, to: b });
  }
  return out;
}

// ─── deadlines ─────────────────────────────────────────────────────────────────────────────

/** Days before expiry at which a permit is listed on 到期提醒, by default. */
export const DEFAULT_THRESHOLDS: readonly number[] = [30, 60, 90];

/**
 * The level of a permit `daysLeft` days from expiry: 'expired' once past, else the smallest
 * threshold it is within (as text: '30'), else null (not listed). A permit expiring today
 * (daysLeft 0) is still valid today.
 */
export function deadlineLevel(daysLeft: number, thresholds: readonly number[]): string | null {
  if (daysLeft < 0) return 'expired';
  const within = [...thresholds].sort((a, b) => a - b).find((t) => daysLeft <= t);
  return within === undefined ? null : String(within);
}

export function deadlineLevelLabel(level: string): string {
  return level === 'expired' ? '已过期 / Expired' : `${level} 天内到期 / Within ${level} days`;
}
