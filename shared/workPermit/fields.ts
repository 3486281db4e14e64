/**
 * The form fields the points, the category and the materials checklist read, keyed and labelled
 * like shared/documents (dotted keys, exact Chinese label, English sub-label), so the work-permit
 * document kinds can put them in a section as they are; and the readers that turn a record's
 * string values into the typed inputs of points.ts, category.ts and materials.ts. Every value is
 * treated as hostile: wrong shapes read as "not entered" (options) or as an out-of-range number
 * that the points panel reports.
 */
import type { FieldDef, FieldType, FormValues } from '../documents/types';
import { ageOn, isIsoDate } from '../validation/dates';
import { A_QUALIFICATIONS, B_QUALIFICATIONS, type ApplicantInput, type Category } from './category';
import { MATERIAL_IDS, type ChecklistInput, type MaterialAttachment, type MaterialId, type WorkPermitProcedure } from './materials';
import { BONUS_FLAGS, CHINESE_LEVELS, CURRENT_POINTS_TABLE, DEGREES, REGIONS, SKILL_LEVELS, type BonusFlag, type FlagDef } from './pointsTable';

export const YES_NO = ['是', '否'] as const;

/** The keys, in one place. The birth date is the person section's own field. */
export const WP_KEYS = {
  annualSalaryWan: 'wp.annualSalaryWan',
  localAverageSalaryWan: 'wp.localAverageSalaryWan',
  education: 'wp.education',
  skill: 'wp.skill',
  experienceYears: 'wp.experienceYears',
  monthsInChinaPerYear: 'wp.monthsInChinaPerYear',
  chinese: 'wp.chinese',
  region: 'wp.region',
  birthDate: 'person.birthDate',
  filingDate: 'wp.filingDate',
  localBonus: 'wp.localBonus',
  aQualification: 'wp.aQualification',
  bQualification: 'wp.bQualification',
  familyAccompanying: 'wp.familyAccompanying',
  passportChanged: 'wp.passportChanged',
} as const;

/** 'wp.bonus.highLevelUniversity' … */
export const bonusKey = (flag: BonusFlag): string => `wp.bonus.${flag}`;

/** A material's attachment (a stored attachment's reference: non-empty = attached). */
export const materialKey = (id: MaterialId): string => `wp.material.${id}`;
/** Its date of issue (YYYY-MM-DD). */
export const materialIssuedKey = (id: MaterialId): string => `wp.material.${id}.issuedOn`;
/** '是' when a 承诺书 stands in for it (category A). */
export const materialCommitmentKey = (id: MaterialId): string => `wp.material.${id}.commitment`;

type FieldExtra = Omit<FieldDef, 'key' | 'label' | 'labelEn' | 'type'>;
const field = (key: string, label: string, labelEn: string, type: FieldType, extra: FieldExtra = {}): FieldDef => ({ key, label, labelEn, type, ...extra });

function bonusFlags(): readonly FlagDef[] {
  const item = CURRENT_POINTS_TABLE.items.find((i) => i.kind === 'flags');
  return item && item.kind === 'flags' ? item.flags : [];
}

/** The fields the points and the category read (plus person.birthDate from the person section). */
export const WP_POINTS_FIELDS: readonly FieldDef[] = [
  field(WP_KEYS.filingDate, '计划提交日期', 'Planned filing date', 'date', {
    hint: '用于计算年龄和核对证明材料有效期 / Used for the age and the documents’ validity',
  }),
  field(WP_KEYS.annualSalaryWan, '国内聘用单位支付年薪（万元）', 'Annual salary paid in China (10,000 yuan)', 'number', { maxLength: 12 }),
  field(WP_KEYS.localAverageSalaryWan, '本地区上年度社会平均工资（万元）', 'Local average salary of the previous year (10,000 yuan)', 'number', {
    maxLength: 12,
    hint: '用于判断年薪是否达到平均工资的4倍（B类）或6倍（A类） / To check whether the salary reaches 4 × (B) or 6 × (A) the average',
  }),
  field(WP_KEYS.education, '受教育程度', 'Education', 'select', { options: DEGREES }),
  field(WP_KEYS.skill, '职业技能资格证书', 'Vocational skill qualification', 'select', { options: SKILL_LEVELS }),
  field(WP_KEYS.experienceYears, '工作年限（年）', 'Years of related work experience', 'number', {
    maxLength: 5,
    hint: '与申请岗位相关的工作经历，按满年计 / Experience related to the post, in completed years',
  }),
  field(WP_KEYS.monthsInChinaPerYear, '每年在华工作时间（月）', 'Months worked in China per year', 'number', { maxLength: 5 }),
  field(WP_KEYS.chinese, '汉语水平', 'Chinese proficiency', 'select', { options: CHINESE_LEVELS }),
  field(WP_KEYS.region, '工作定向', 'Place of work', 'select', { options: REGIONS }),
  ...bonusFlags().map((f) => field(bonusKey(f.key), f.label, f.labelEn, 'radio', { options: YES_NO })),
  field(WP_KEYS.localBonus, '地方鼓励性加分', 'Local bonus points', 'number', {
    maxLength: 2,
    hint: '由省级外国人工作管理部门认定，0–10分 / Granted by the province, 0–10 points',
  }),
  field(WP_KEYS.aQualification, 'A类资格条件', 'Category A qualification', 'select', { options: A_QUALIFICATIONS }),
  field(WP_KEYS.bQualification, 'B类资格条件', 'Category B qualification', 'select', { options: B_QUALIFICATIONS }),
];

/** The circumstances that add materials. */
export const WP_CIRCUMSTANCE_FIELDS: readonly FieldDef[] = [
  field(WP_KEYS.familyAccompanying, '随行家属来华', 'Family members accompany', 'radio', { options: YES_NO }),
  field(WP_KEYS.passportChanged, '护照号码变更', 'Passport number changed', 'radio', { options: YES_NO }),
];

// ─── readers ────────────────────────────────────────────────────────────────────────────────

// long enough for an attachment reference (e.g. sha256:<64 hex>), short enough to bound the work
const MAX_TEXT = 256;
const DECIMAL = /^\d{1,9}(\.\d{1,4})?$/;

function text(values: FormValues, key: string): string {
  const v = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
  return typeof v === 'string' && v.length <= MAX_TEXT ? v.trim() : '';
}

/** '' → null (not entered); a malformed number → NaN (reported by the points as out of range). */
export function readNumber(values: FormValues, key: string): number | null {
  const raw = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const v = raw.trim();
  return v.length <= MAX_TEXT && DECIMAL.test(v) ? Number(v) : Number.NaN;
}

function readOption<T extends string>(values: FormValues, key: string, options: readonly T[]): T | null {
  const v = text(values, key);
  return (options as readonly string[]).includes(v) ? (v as T) : null;
}

const yes = (values: FormValues, key: string): boolean => text(values, key) === '是';

/** Whole years on the planned filing date, when both dates are real dates. */
export function readAge(values: FormValues): number | null {
  const birth = text(values, WP_KEYS.birthDate);
  const filing = text(values, WP_KEYS.filingDate);
  return isIsoDate(birth) && isIsoDate(filing) ? ageOn(birth, filing) : null;
}

/** The typed applicant a record's values describe. */
export function applicantFromValues(values: FormValues): ApplicantInput {
  const bonus = Object.fromEntries(BONUS_FLAGS.map((f) => [f, yes(values, bonusKey(f))])) as Record<BonusFlag, boolean>;
  return {
    annualSalaryWan: readNumber(values, WP_KEYS.annualSalaryWan),
    localAverageSalaryWan: readNumber(values, WP_KEYS.localAverageSalaryWan),
    education: readOption(values, WP_KEYS.education, DEGREES),
    skill: readOption(values, WP_KEYS.skill, SKILL_LEVELS),
    experienceYears: readNumber(values, WP_KEYS.experienceYears),
    monthsInChinaPerYear: readNumber(values, WP_KEYS.monthsInChinaPerYear),
    chinese: readOption(values, WP_KEYS.chinese, CHINESE_LEVELS),
    region: readOption(values, WP_KEYS.region, REGIONS),
    age: readAge(values),
    bonus,
    localBonus: readNumber(values, WP_KEYS.localBonus),
    aQualification: readOption(values, WP_KEYS.aQualification, A_QUALIFICATIONS),
    bQualification: readOption(values, WP_KEYS.bQualification, B_QUALIFICATIONS),
  };
}

/** The checklist input a record's values describe, for `procedure` and the category applied for. */
export function checklistInputFromValues(procedure: WorkPermitProcedure, category: Category | null, values: FormValues): ChecklistInput {
  const attachments: Partial<Record<MaterialId, MaterialAttachment>> = {};
  for (const id of MATERIAL_IDS) {
    const byCommitment = yes(values, materialCommitmentKey(id));
    const attached = text(values, materialKey(id)) !== '' || byCommitment;
    const issuedOn = text(values, materialIssuedKey(id));
    attachments[id] = { attached, byCommitment, ...(issuedOn ? { issuedOn } : {}) };
  }
  return {
    procedure,
    category,
    filingDate: text(values, WP_KEYS.filingDate),
    attachments,
    circumstances: { familyAccompanying: yes(values, WP_KEYS.familyAccompanying), passportChanged: yes(values, WP_KEYS.passportChanged) },
  };
}
