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
/** The key of the document type (护照种类 / 证件类型) of a type. */
export const DOC_TYPE_KEY: Readonly<Record<PersonType, string>> = { foreign: 'person.passportType', hmt: 'hmt.docType' };
/** The key of the birth date (出生日期) of a type. */
export const BIRTH_KEY: Readonly<Record<PersonType, string>> = { foreign: 'person.birthDate', hmt: 'hmt.birthDate' };

/**
 * What the user answered when a document number already belongs to someone with another name
 * and birth date: the same person (update them, with history) or a different person (add one).
 */
export const PERSON_CHOICES = ['same', 'new'] as const;
export type PersonChoice = (typeof PERSON_CHOICES)[number];

/**
 * A name as the roster compares it: full-width forms folded (NFKC), case ignored, spaces
 * removed — "john  michael smith" is JOHN MICHAEL SMITH.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

/**
 * How well two sets of person values name the same person, given the same document number:
 * 1 for the same name (外文姓名 or 中文姓名 for foreign nationals, 姓名 for 台港澳人员; empty
 * names never match), plus 1 for the same birth date. 0 means another person: the number alone
 * never makes two people one, nor does a number of another document type (护照种类 / 证件类型,
 * when both name one).
 */
export function identityScore(type: PersonType, a: FormValues, b: FormValues): number {
  const same = (key: string, normalize: (s: string) => string) => {
    const x = normalize(a[key] ?? '');
    return x !== '' && x === normalize(b[key] ?? '');
  };
  const docA = (a[DOC_TYPE_KEY[type]] ?? '').trim();
  const docB = (b[DOC_TYPE_KEY[type]] ?? '').trim();
  if (docA && docB && docA !== docB) return 0;
  const name = NAME_KEYS[type].some((key) => same(key, normalizeName));
  const birth = same(BIRTH_KEY[type], (s) => s.trim());
  return (name ? 1 : 0) + (birth ? 1 : 0);
}

/** The person a CONFLICT refusal names: the one who holds the document number already. */
export interface ConflictCandidate {
  id: string;
  name: string;
  birthDate: string;
  documentNumber: string;
}

/** The keys of a CONFLICT refusal's `fields` that carry the candidate (besides the number field's message). */
export const CONFLICT_FIELDS: Readonly<Record<keyof ConflictCandidate, string>> = {
  id: 'candidate.id',
  name: 'candidate.name',
  birthDate: 'candidate.birthDate',
  documentNumber: 'candidate.documentNumber',
};

/**
 * "证件号码 H12345678 已属于人员名册中的 陈家明（出生日期 1990-01-01）。这是同一人吗？ / …"; with
 * `attached`, the application was linked to the candidate and names someone else.
 */
export function conflictMessage(c: Omit<ConflictCandidate, 'id'>, attached = false): string {
  const zhBirth = c.birthDate ? `（出生日期 ${c.birthDate}）` : '';
  const enBirth = c.birthDate ? ` (born ${c.birthDate})` : '';
  if (attached) {
    return (
      `该申请关联的是人员名册中的 ${c.name}${zhBirth}，但申请中的姓名、出生日期与其不同。这是同一人吗？` +
      ` / This application is linked to ${c.name}${enBirth} in the roster, but it names someone with another name and birth date. Is this the same person?`
    );
  }
  return (
    `证件号码 ${c.documentNumber} 已属于人员名册中的 ${c.name}${zhBirth}。这是同一人吗？` +
    ` / The document number ${c.documentNumber} already belongs to ${c.name}${enBirth} in the roster. Is this the same person?`
  );
}

/** The `fields` of a CONFLICT refusal: the message at the number field, and the candidate. */
export function conflictFields(type: PersonType, c: ConflictCandidate, attached = false): Record<string, string> {
  return {
    [NUMBER_KEY[type]]: conflictMessage(c, attached),
    [CONFLICT_FIELDS.id]: c.id,
    [CONFLICT_FIELDS.name]: c.name,
    [CONFLICT_FIELDS.birthDate]: c.birthDate,
    [CONFLICT_FIELDS.documentNumber]: c.documentNumber,
  };
}

/** The candidate of a CONFLICT refusal's `fields`, or null when they carry none. */
export function conflictCandidate(fields: Readonly<Record<string, string>>): ConflictCandidate | null {
  const id = fields[CONFLICT_FIELDS.id];
  if (!id) return null;
  return {
    id,
    name: fields[CONFLICT_FIELDS.name] ?? '',
    birthDate: fields[CONFLICT_FIELDS.birthDate] ?? '',
    documentNumber: fields[CONFLICT_FIELDS.documentNumber] ?? '',
  };
}

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
