/**
 * The builder every kind module uses: a kind is declared as sections (each carrying its rules),
 * optional kind-level rules, tips, the number page, its list page and where it is prefilled
 * from. `defineDocument` derives the storage schema, the generic field checks (required, date
 * format, option, length) and the combined `check`.
 *
 * An eighth kind needs only a module calling `defineDocument` and a line in registry.ts (plus
 * its code in DOCUMENT_KINDS).
 */
import { z } from 'zod';
import { checkIsoDate } from '../validation';
import { checkAttachment } from './attachments';
import type { CertificateKind } from './numbers';
import type {
  DocumentDef,
  DocumentKind,
  FieldDef,
  FormPanel,
  FormValues,
  NumberEntryDef,
  Problem,
  RuleContext,
  SectionDef,
  TipsPageDef,
} from './types';

/** What a rule may know about the form it runs on. */
export interface FormInfo {
  readonly kind: DocumentKind;
  readonly applicant: 'foreign' | 'hmt';
  /** the field with this key, when the kind has it */
  field(key: string): FieldDef | undefined;
}

/**
 * One rule: reads the kind's own values (keys the kind does not have are never present) and
 * returns its problems. Rules skip empty values (the required check reports those) and dates
 * that are not real dates (the date check reports those).
 */
export type Rule = (values: FormValues, ctx: RuleContext, form: FormInfo) => Problem[];

/** A section as composed into a kind: its fields and the rules that belong to them. */
export interface SectionSpec {
  readonly section: SectionDef;
  readonly rules: readonly Rule[];
  /** required fields whose absence a rule reports with its own code (not the generic `required`) */
  readonly requiredByRule?: readonly string[];
}

/** The kind's list (query) page. */
export interface ListSpec {
  /** page title, e.g. 《外国人就业许可证书》查询 */
  readonly title: string;
  readonly titleEn: string;
  /** route of the query page: where 【保存】 and 【返回】 go */
  readonly route: string;
  /** the 就业登记表 column (recruitment only): the kind its 【填写】 link creates */
  readonly registrationKind?: DocumentKind;
}

/** Where a new record of this kind is prefilled from (an approved record of another kind). */
export interface PrefillSpec {
  readonly from: readonly DocumentKind[];
  /** keys copied from the source: exact keys, or prefixes ending with '.' (`person.`) */
  readonly copy: readonly string[];
  /** field receiving the source's certificate / permit number */
  readonly numberField?: string;
  /** field receiving the certificate's expiry date */
  readonly expiryField?: string;
}

/**
 * A kind whose approval keeps the number of the permit it concerns (an extension, a work
 * permit's 变更 or 补办): the bureau answers with that number and the expiry in `expiryField`,
 * and the roster counts the approval as the permit's latest state.
 */
export interface RenewalSpec {
  /** the field holding the permit's number (entered on the number page) */
  readonly numberField: string;
  /** the field holding the expiry the approval gives the permit */
  readonly expiryField: string;
  /** the kind whose approval issued the number (decides its format) */
  readonly permitKind: CertificateKind;
}

/**
 * A kind whose approval ends a permit (a work permit's 注销): the bureau answers with the
 * permit's number and no expiry, and the roster stops tracking that number.
 */
export interface CancellationSpec {
  readonly numberField: string;
  readonly permitKind: CertificateKind;
}

/** A filing due within `withinDays` of an event the form records (变更, 注销: 10 days). */
export interface EventDeadlineSpec {
  readonly eventField: string;
  readonly withinDays: number;
}

/** A DocumentDef plus the data this folder's helpers (query pages, prefill) read. */
export interface DocumentKindDef extends DocumentDef {
  readonly list: ListSpec;
  readonly prefill?: PrefillSpec;
  readonly renews?: RenewalSpec;
  readonly cancels?: CancellationSpec;
  readonly deadline?: EventDeadlineSpec;
  /** the materials the 网上办理通知书 lists, when the kind defines them itself */
  readonly noticeMaterials?: readonly string[];
  /** every field of the kind, in form order */
  readonly fields: readonly FieldDef[];
  field(key: string): FieldDef | undefined;
}

export interface DocumentSpec {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly titleEn: string;
  readonly applicant: 'foreign' | 'hmt';
  readonly sections: readonly SectionSpec[];
  /** rules of the kind beyond those of its sections */
  readonly rules?: readonly Rule[];
  readonly tips: readonly TipsPageDef[];
  readonly numberEntry?: NumberEntryDef;
  readonly printColumn: string;
  readonly hasNotice: boolean;
  readonly list: ListSpec;
  readonly prefill?: PrefillSpec;
  readonly renews?: RenewalSpec;
  readonly cancels?: CancellationSpec;
  readonly deadline?: EventDeadlineSpec;
  readonly noticeMaterials?: readonly string[];
  readonly panels?: readonly FormPanel[];
  /** field shown in the name column; default person.nameEn (foreign) / hmt.name (hmt) */
  readonly nameKey?: string;
  /** field shown in the document-number column; default person.passportNo / hmt.docNo */
  readonly numberKey?: string;
}

/** Storage length limits by type when a field sets none. */
const DEFAULT_MAX: Record<FieldDef['type'], number> = {
  text: 100,
  textarea: 500,
  date: 10,
  number: 12,
  select: 100,
  radio: 20,
  country: 2,
  photo: 1_400_000,
  attachment: 700_000,
};

export function maxLengthOf(field: FieldDef): number {
  return field.maxLength ?? DEFAULT_MAX[field.type];
}

/** A value as the rules see it: trimmed, '' when absent. */
export function valueOf(values: FormValues, key: string): string {
  return (values[key] ?? '').trim();
}

export function labelOf(form: FormInfo, key: string): { zh: string; en: string } {
  const f = form.field(key);
  return { zh: f?.label ?? key, en: f?.labelEn ?? key };
}

export function problem(field: string, severity: Problem['severity'], code: string, zh: string, en: string): Problem {
  return { field, severity, code, message: `${zh} / ${en}` };
}

/**
 * A validator's finding as a problem of `key`. The validators name the field by its forms.md
 * label; when the message does not contain this field's label (a shared validator used for a
 * differently labelled field), the label is put in front of both halves.
 */
export function fromFinding(
  form: FormInfo,
  key: string,
  found: { code: string; message: string },
  severity: Problem['severity'] = 'block',
): Problem {
  const { zh, en } = labelOf(form, key);
  if (found.message.includes(zh)) return { field: key, severity, code: found.code, message: found.message };
  const cut = found.message.indexOf(' / ');
  const message =
    cut < 0
      ? `「${zh}」：${found.message} / ${en}`
      : `「${zh}」：${found.message.slice(0, cut)} / ${en}: ${found.message.slice(cut + 3)}`;
  return { field: key, severity, code: found.code, message };
}

/** The generic checks every field gets: required, length, date format, listed option. */
function fieldProblems(field: FieldDef, raw: string | undefined, skipRequired: boolean): Problem[] {
  const value = (raw ?? '').trim();
  if (value === '') {
    if (field.required && !skipRequired) {
      return [problem(field.key, 'block', 'required', `请填写「${field.label}」`, `Please fill in ${field.labelEn}`)];
    }
    return [];
  }
  if (field.type === 'attachment') {
    const found = checkAttachment(raw ?? '', maxLengthOf(field), { zh: field.label, en: field.labelEn });
    return found ? [{ field: field.key, severity: 'block', code: found.code, message: found.message }] : [];
  }
  const max = maxLengthOf(field);
  if ((raw ?? '').length > max) {
    return [
      problem(
        field.key,
        'block',
        'text.tooLong',
        `「${field.label}」不能超过 ${max} 个字符，请删减`,
        `${field.labelEn} must be at most ${max} characters; shorten it`,
      ),
    ];
  }
  if (field.type === 'date') {
    const found = checkIsoDate(value, { zh: field.label, en: field.labelEn });
    if (found) return [{ field: field.key, severity: 'block', code: found.code, message: found.message }];
  }
  if ((field.type === 'select' || field.type === 'radio') && field.options && !field.options.includes(value)) {
    return [
      problem(
        field.key,
        'block',
        'option.invalid',
        `「${field.label}」请从列表中选择：${field.options.join('、')}`,
        `${field.labelEn}: choose one of the listed options`,
      ),
    ];
  }
  return [];
}

export function defineDocument(spec: DocumentSpec): DocumentKindDef {
  const sections = spec.sections.map((s) => s.section);
  const fields = sections.flatMap((s) => s.fields);
  const byKey = new Map<string, FieldDef>();
  for (const f of fields) {
    if (byKey.has(f.key)) throw new Error(`document ${spec.kind}: field ${f.key} is defined twice`);
    byKey.set(f.key, f);
  }
  const order = new Map(fields.map((f, i) => [f.key, i] as const));
  const requiredByRule = new Set(spec.sections.flatMap((s) => s.requiredByRule ?? []));
  const rules: Rule[] = [...spec.sections.flatMap((s) => s.rules), ...(spec.rules ?? [])];
  const form: FormInfo = { kind: spec.kind, applicant: spec.applicant, field: (key) => byKey.get(key) };

  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const f of fields) shape[f.key] = z.string().max(maxLengthOf(f)).optional();
  const schema = z.strictObject(shape).transform((parsed): FormValues => {
    const out: FormValues = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  });

  const nameKey = spec.nameKey ?? (spec.applicant === 'hmt' ? 'hmt.name' : 'person.nameEn');
  const numberKey = spec.numberKey ?? (spec.applicant === 'hmt' ? 'hmt.docNo' : 'person.passportNo');

  function check(values: FormValues, ctx: RuleContext): Problem[] {
    // Only the kind's own keys take part: stray keys are the schema's business.
    const own: FormValues = {};
    for (const key of byKey.keys()) {
      const v = values[key];
      if (typeof v === 'string') own[key] = v;
    }
    const found: Problem[] = [];
    for (const f of fields) found.push(...fieldProblems(f, own[f.key], requiredByRule.has(f.key)));
    for (const rule of rules) found.push(...rule(own, ctx, form));
    const rank = (p: Problem) => order.get(p.field) ?? fields.length;
    return found
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
      .map(({ p }) => p);
  }

  return {
    kind: spec.kind,
    title: spec.title,
    titleEn: spec.titleEn,
    applicant: spec.applicant,
    sections,
    schema,
    check,
    tips: spec.tips,
    ...(spec.numberEntry ? { numberEntry: spec.numberEntry } : {}),
    printColumn: spec.printColumn,
    hasNotice: spec.hasNotice,
    personName: (values) => valueOf(values, nameKey) || (spec.applicant === 'foreign' ? valueOf(values, 'person.nameZh') : ''),
    documentNumber: (values) => valueOf(values, numberKey),
    list: spec.list,
    ...(spec.prefill ? { prefill: spec.prefill } : {}),
    ...(spec.renews ? { renews: spec.renews } : {}),
    ...(spec.cancels ? { cancels: spec.cancels } : {}),
    ...(spec.deadline ? { deadline: spec.deadline } : {}),
    ...(spec.noticeMaterials ? { noticeMaterials: spec.noticeMaterials } : {}),
    ...(spec.panels ? { panels: spec.panels } : {}),
    fields,
    field: (key) => byKey.get(key),
  };
}
