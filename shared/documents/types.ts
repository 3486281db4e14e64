/**
 * The shape every document kind is described with. A document kind is data: its sections and
 * fields, its rules, and where it sits in the menu and the query pages. Renderer, main and the
 * sandbox bureau all read these definitions; nothing else knows a kind's fields.
 */
import type { z } from 'zod';
import type { WorkPermitProcedure } from '../workPermit/materials';

export const DOCUMENT_KINDS = [
  'license',
  'recruitment',
  'registration-licensed',
  'registration-exempt',
  'extension',
  'hmt-permit',
  'hmt-extension',
  // today's 外国人来华工作许可 (shared/documents/kinds/workPermit*.ts)
  'wp-notice',
  'wp-permit',
  'wp-extension',
  'wp-change',
  'wp-cancellation',
  'wp-reissue',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A record's form data: flat, keyed by the dotted field key of forms.md (`person.nameEn`). */
export type FormValues = Record<string, string>;

export type FieldType =
  | 'text'
  | 'textarea'
  | 'date' // YYYY-MM-DD
  | 'number'
  | 'select'
  | 'radio'
  | 'country' // ISO 3166-1 alpha-2 code, shown by its Chinese name
  | 'photo' // data URL (image/jpeg or image/png)
  | 'attachment'; // data URL of a scanned document (application/pdf, image/jpeg or image/png): attachments.ts

export interface FieldDef {
  /** dotted key from forms.md, e.g. `employer.uscc` */
  readonly key: string;
  /** exact Chinese label from forms.md */
  readonly label: string;
  /** English sub-label */
  readonly labelEn: string;
  readonly type: FieldType;
  readonly options?: readonly string[];
  /** required to submit (saving a draft never requires anything) */
  readonly required?: boolean;
  /** shown but not editable in the form (e.g. a number entered on the number page) */
  readonly readOnly?: boolean;
  readonly maxLength?: number;
  /** short help under the control, Chinese / English */
  readonly hint?: string;
}

export interface SectionDef {
  readonly id: string;
  readonly title: string;
  readonly titleEn: string;
  readonly fields: readonly FieldDef[];
}

export type Severity = 'block' | 'warn';

export interface Problem {
  /** field key the problem belongs to (`employer.uscc`), or '' for the whole record */
  readonly field: string;
  readonly severity: Severity;
  /** stable machine code, e.g. `uscc.checksum` */
  readonly code: string;
  /** "中文说明 / English explanation": names the field and says how to fix it */
  readonly message: string;
}

export interface RuleContext {
  /** today's date, YYYY-MM-DD (injected so tests control the clock) */
  readonly today: string;
  /** local monthly minimum wage in yuan (a setting) */
  readonly minimumWage: number;
  /** the day the record was created (China date, YYYY-MM-DD): a new form's is today; absent where unknown (the bureau) */
  readonly createdOn?: string;
}

/** The page a number is entered on before the form opens (licensed registration, extensions). */
export interface NumberEntryDef {
  /** label of the input, e.g. 就业许可证书号码 / 就业证号码 */
  readonly label: string;
  readonly labelEn: string;
  /** the form field the number is written into */
  readonly fieldKey: string;
  /** kinds whose approved records carry such a number and prefill the form */
  readonly sourceKinds: readonly DocumentKind[];
  /** format check; returns a bilingual message when malformed, null when fine */
  validate(value: string): string | null;
}

export interface TipsPageDef {
  /** link text of the manual, e.g. 外国人就业许可提示 tips */
  readonly link: string;
  readonly title: string;
  /** the title (and link) in the English interface; the items have no English */
  readonly titleEn: string;
  /** each item is one checkbox; the text cites its article */
  readonly items: readonly string[];
}

/**
 * A panel the form shows after one of its sections, computed from the values as they are typed:
 * the points and category of today's work permit, or the materials checklist of a procedure.
 */
export type FormPanel =
  | { readonly panel: 'points'; readonly afterSection: string }
  | { readonly panel: 'materials'; readonly afterSection: string; readonly procedure: WorkPermitProcedure };

export interface DocumentDef {
  readonly kind: DocumentKind;
  /** title as printed, e.g. 《外国人就业许可证书》申请表 */
  readonly title: string;
  readonly titleEn: string;
  /** foreign nationals or Taiwan/Hong Kong/Macau residents: decides the office on the notice */
  readonly applicant: 'foreign' | 'hmt';
  readonly sections: readonly SectionDef[];
  /** storage shape: what `records:save` accepts for this kind (keys known, values strings) */
  readonly schema: z.ZodType<FormValues>;
  /** every rule of forms.md for this kind: blocking problems and warnings */
  check(values: FormValues, ctx: RuleContext): Problem[];
  /** tips / requirements pages shown before the form (in order) */
  readonly tips: readonly TipsPageDef[];
  readonly numberEntry?: NumberEntryDef;
  /** the header of the print column on its query page, e.g. 就业许可表 */
  readonly printColumn: string;
  /** whether the 预约通知书 column exists (all but recruitment) */
  readonly hasNotice: boolean;
  /** columns used in lists and filters */
  personName(values: FormValues): string;
  documentNumber(values: FormValues): string;
  /** panels the form renders between its sections (none for the manual's kinds) */
  readonly panels?: readonly FormPanel[];
}
