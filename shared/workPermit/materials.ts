/**
 * The materials checklist a clerk ticks before filing, per procedure and category: each item is
 * missing, attached or expired (无犯罪记录证明 and 体检证明 must have been issued within 6 months
 * on the planned filing date: validity.ts).
 *
 * Lists: 《外国人来华工作许可服务指南（暂行）》 for the notice and the permit; the provincial and city
 * guides (Guangdong / Shenzhen, Shanghai, Jilin) for 延期, 变更, 注销 and 补办, which the national
 * guide leaves to them. Category A: the Guangdong (Shenzhen) and Hangzhou checklists let a
 * 承诺书 stand in for 工作资历证明, 最高学位（学历）证书 and 无犯罪记录证明 (承诺制), and A-category
 * applicants present no paper originals for verification.
 */
import type { Category } from './category';
import { SERVICE_GUIDE, type RuleSource } from './source';
import { VALIDITY_MONTHS, validityOn } from './validity';
import { isIsoDate, compareDates } from '../validation/dates';

export const WORK_PERMIT_PROCEDURES = ['notice', 'permit', 'extension', 'change', 'cancellation', 'reissue'] as const;
export type WorkPermitProcedure = (typeof WORK_PERMIT_PROCEDURES)[number];

export const MATERIAL_IDS = [
  'applicationForm',
  'workExperience',
  'highestDegree',
  'criminalRecord',
  'healthCheck',
  'contract',
  'passport',
  'photo',
  'family',
  'workPermitNotice',
  'visaEntry',
  'currentPermit',
  'residencePermit',
  'changeProof',
  'oldAndNewPassport',
  'terminationProof',
  'lossStatement',
  'lossNotice',
] as const;
export type MaterialId = (typeof MATERIAL_IDS)[number];

/** Circumstances that add an item. */
export type Circumstance = 'familyAccompanying' | 'passportChanged';

export interface MaterialDef {
  readonly id: MaterialId;
  readonly label: string;
  readonly labelEn: string;
  /** what the document must be, "中文 / English" */
  readonly requirement: string;
  /** months from the date of issue it is accepted for */
  readonly validityMonths?: number;
  /** category A may give a 承诺书 (commitment letter) instead */
  readonly commitmentForA?: boolean;
  /** only listed when this circumstance applies */
  readonly appliesWhen?: Circumstance;
}

const m = (def: MaterialDef): MaterialDef => def;

export const MATERIALS: Readonly<Record<MaterialId, MaterialDef>> = {
  applicationForm: m({
    id: 'applicationForm',
    label: '申请表',
    labelEn: 'Application form',
    requirement: '系统生成后打印，申请人签字，加盖用人单位公章 / Generated and printed, signed by the applicant, stamped by the employer',
  }),
  workExperience: m({
    id: 'workExperience',
    label: '工作资历证明',
    labelEn: 'Proof of work experience',
    requirement:
      '原工作单位出具，写明职位、工作时间，加盖公章或负责人签字，并留有证明人联系方式 / Issued by the former employer with position and dates, stamped or signed, with a contact',
    commitmentForA: true,
  }),
  highestDegree: m({
    id: 'highestDegree',
    label: '最高学位（学历）证书或相关批准文书、职业资格证明',
    labelEn: 'Highest degree certificate, or approval document, or professional qualification',
    requirement: '境外取得的须经认证 / Authenticated where obtained abroad',
    commitmentForA: true,
  }),
  criminalRecord: m({
    id: 'criminalRecord',
    label: '无犯罪记录证明',
    labelEn: 'Certificate of no criminal record',
    requirement: `国籍国或经常居住地出具并经认证，签发${VALIDITY_MONTHS}个月内有效 / Issued by the country of nationality or residence, authenticated, valid ${VALIDITY_MONTHS} months from issue`,
    validityMonths: VALIDITY_MONTHS,
    commitmentForA: true,
  }),
  healthCheck: m({
    id: 'healthCheck',
    label: '体检证明',
    labelEn: 'Health certificate',
    requirement: `检验检疫机构或其认可的医疗机构出具，签发${VALIDITY_MONTHS}个月内有效 / Issued by a quarantine office or a recognised clinic, valid ${VALIDITY_MONTHS} months from issue`,
    validityMonths: VALIDITY_MONTHS,
  }),
  contract: m({
    id: 'contract',
    label: '聘用合同或任职证明',
    labelEn: 'Employment contract or letter of appointment',
    requirement: '中文合同、任职证明或派遣函，申请人签字并加盖用人单位公章 / In Chinese (contract, appointment or secondment letter), signed and stamped',
  }),
  passport: m({
    id: 'passport',
    label: '护照或国际旅行证件信息页',
    labelEn: 'Passport information page',
    requirement: '有效护照或国际旅行证件 / A valid passport or international travel document',
  }),
  photo: m({
    id: 'photo',
    label: '申请人近期照片',
    labelEn: 'Recent photo of the applicant',
    requirement: '近6个月内正面免冠照片 / Taken within the last 6 months, full face, no hat',
  }),
  family: m({
    id: 'family',
    label: '随行家属相关证明材料',
    labelEn: 'Documents of accompanying family members',
    requirement: '结婚证、出生证明等，随行家属来华的提供 / Marriage or birth certificates, where family members accompany',
    appliesWhen: 'familyAccompanying',
  }),
  workPermitNotice: m({
    id: 'workPermitNotice',
    label: '《外国人工作许可通知》',
    labelEn: 'Notice of Work Permit for Foreigners',
    requirement: '已取得的工作许可通知 / The notice already granted',
  }),
  visaEntry: m({
    id: 'visaEntry',
    label: '工作签证（Z字）页及入境章页',
    labelEn: 'Z visa page and entry stamp page',
    requirement: '持Z字签证入境后申请 / Filed after entering on a Z visa',
  }),
  currentPermit: m({
    id: 'currentPermit',
    label: '《外国人工作许可证》',
    labelEn: 'Work Permit for Foreigners',
    requirement: '现持有的工作许可证 / The permit currently held',
  }),
  residencePermit: m({
    id: 'residencePermit',
    label: '有效居留许可',
    labelEn: 'Valid residence permit',
    requirement: '居留许可信息页 / Residence permit page',
  }),
  changeProof: m({
    id: 'changeProof',
    label: '变更事项的证明文件',
    labelEn: 'Proof of the change',
    requirement: '如任职证明、更名证明 / E.g. the new appointment, proof of the change of name',
  }),
  oldAndNewPassport: m({
    id: 'oldAndNewPassport',
    label: '新旧护照信息页',
    labelEn: 'Old and new passport information pages',
    requirement: '护照号码变更的提供 / Where the passport number changed',
    appliesWhen: 'passportChanged',
  }),
  terminationProof: m({
    id: 'terminationProof',
    label: '解除聘用关系、终止合同或其他注销原因的证明材料',
    labelEn: 'Proof of the end of employment or other reason for cancellation',
    requirement: '事项发生之日起10个工作日内申请注销 / File within 10 working days of the event',
  }),
  lossStatement: m({
    id: 'lossStatement',
    label: '遗失或损毁情况说明',
    labelEn: 'Statement of loss or damage',
    requirement: '申请人签字 / Signed by the applicant',
  }),
  lossNotice: m({
    id: 'lossNotice',
    label: '《外国人工作许可证》遗失声明',
    labelEn: 'Loss notice of the Work Permit',
    requirement: '先在外国人来华工作管理服务系统登载 / Published in the national system first',
  }),
};

export interface ProcedureDef {
  readonly procedure: WorkPermitProcedure;
  readonly label: string;
  readonly labelEn: string;
  /** the application form's title for this procedure */
  readonly formLabel: string;
  readonly materials: readonly MaterialId[];
  /** where the list comes from, "中文 / English" */
  readonly basis: string;
}

const NATIONAL = '《外国人来华工作许可服务指南（暂行）》 / National service guide (interim)';
const LOCAL = '各省市《外国人工作许可证》办事指南（广东、上海、吉林） / Provincial and city guides (Guangdong, Shanghai, Jilin)';

export const PROCEDURES: Readonly<Record<WorkPermitProcedure, ProcedureDef>> = {
  notice: {
    procedure: 'notice',
    label: '外国人来华工作许可通知申请',
    labelEn: 'Application for the Notice of Work Permit',
    formLabel: '外国人来华工作许可申请表',
    materials: ['applicationForm', 'workExperience', 'highestDegree', 'criminalRecord', 'healthCheck', 'contract', 'passport', 'photo', 'family'],
    basis: NATIONAL,
  },
  permit: {
    procedure: 'permit',
    label: '外国人工作许可证申请',
    labelEn: 'Application for the Work Permit',
    formLabel: '外国人来华工作许可申请表',
    materials: ['applicationForm', 'workPermitNotice', 'passport', 'visaEntry', 'healthCheck', 'photo'],
    basis: NATIONAL,
  },
  extension: {
    procedure: 'extension',
    label: '外国人工作许可证延期',
    labelEn: 'Extension of the Work Permit',
    formLabel: '外国人来华工作许可延期申请表',
    materials: ['applicationForm', 'currentPermit', 'contract', 'passport', 'residencePermit', 'healthCheck'],
    basis: LOCAL,
  },
  change: {
    procedure: 'change',
    label: '外国人工作许可证变更',
    labelEn: 'Change of the Work Permit',
    formLabel: '外国人来华工作许可变更申请表',
    materials: ['applicationForm', 'currentPermit', 'changeProof', 'oldAndNewPassport'],
    basis: LOCAL,
  },
  cancellation: {
    procedure: 'cancellation',
    label: '外国人工作许可证注销',
    labelEn: 'Cancellation of the Work Permit',
    formLabel: '外国人来华工作许可注销申请表',
    materials: ['applicationForm', 'currentPermit', 'terminationProof'],
    basis: LOCAL,
  },
  reissue: {
    procedure: 'reissue',
    label: '外国人工作许可证补办',
    labelEn: 'Reissue of the Work Permit',
    formLabel: '外国人工作许可证补办申请表',
    materials: ['applicationForm', 'lossStatement', 'lossNotice'],
    basis: LOCAL,
  },
};

/** What is on file for one item. */
export interface MaterialAttachment {
  readonly attached: boolean;
  /** YYYY-MM-DD: the date of issue, for documents accepted for a number of months from it */
  readonly issuedOn?: string;
  /** a 承诺书 was given instead of the document (category A only, where allowed) */
  readonly byCommitment?: boolean;
}

export interface ChecklistInput {
  readonly procedure: WorkPermitProcedure;
  /** the category applied for (null while unknown: no A exemptions) */
  readonly category: Category | null;
  /** YYYY-MM-DD, the planned filing date the validity is checked on */
  readonly filingDate: string;
  readonly attachments: Readonly<Partial<Record<MaterialId, MaterialAttachment>>>;
  readonly circumstances?: Readonly<Partial<Record<Circumstance, boolean>>>;
}

export type MaterialState = 'missing' | 'attached' | 'expired';

export interface ChecklistItem {
  readonly id: MaterialId;
  readonly label: string;
  readonly labelEn: string;
  readonly requirement: string;
  readonly state: MaterialState;
  /** a 承诺书 may replace it (category A) */
  readonly commitmentAllowed: boolean;
  readonly byCommitment: boolean;
  readonly issuedOn?: string;
  /** last day accepted, for documents with a validity */
  readonly validUntil?: string;
  /** first day no longer accepted */
  readonly lapsedOn?: string;
  /** what to do, "中文 / English" */
  readonly message?: string;
}

export interface Checklist {
  readonly procedure: WorkPermitProcedure;
  readonly label: string;
  readonly labelEn: string;
  readonly category: Category | null;
  readonly filingDate: string;
  readonly items: readonly ChecklistItem[];
  readonly counts: Readonly<Record<MaterialState, number>>;
  /** every item attached, none expired, nothing to fix */
  readonly complete: boolean;
  /** general rules, "中文 / English" */
  readonly notes: readonly string[];
  readonly basis: string;
  readonly source: RuleSource;
}

const TRANSLATION_NOTE = '非中文证明材料须附中文翻译件并加盖用人单位公章（护照除外） / Documents not in Chinese need a Chinese translation stamped by the employer (passports excepted)';
const A_PAPER_NOTE = '外国高端人才（A类）无需提交纸质材料原件核验 / Category A presents no paper originals for verification';

function checkItem(def: MaterialDef, input: ChecklistInput, filingOk: boolean): ChecklistItem {
  const isA = input.category === 'A';
  const commitmentAllowed = isA && def.commitmentForA === true;
  const base = { id: def.id, label: def.label, labelEn: def.labelEn, requirement: def.requirement, commitmentAllowed };
  const on = input.attachments[def.id];
  if (!on || on.attached !== true) {
    return { ...base, state: 'missing', byCommitment: false, message: `请附上${def.label} / Attach: ${def.labelEn}` };
  }
  if (on.byCommitment === true) {
    if (!commitmentAllowed) {
      return {
        ...base,
        state: 'missing',
        byCommitment: false,
        message: `${def.label}只有A类可以承诺书代替，请附上原件扫描件 / Only category A may give a commitment letter for this: attach the document`,
      };
    }
    // a commitment letter has no date of issue to lapse from
    return { ...base, state: 'attached', byCommitment: true };
  }
  if (def.validityMonths === undefined) return { ...base, state: 'attached', byCommitment: false };
  const issuedOn = typeof on.issuedOn === 'string' ? on.issuedOn : '';
  if (!isIsoDate(issuedOn)) {
    return {
      ...base,
      state: 'attached',
      byCommitment: false,
      message: `请填写${def.label}的签发日期（YYYY-MM-DD），以核对${def.validityMonths}个月有效期 / Enter its date of issue (YYYY-MM-DD) to check the ${def.validityMonths}-month validity`,
    };
  }
  if (!filingOk) return { ...base, state: 'attached', byCommitment: false, issuedOn };
  if (compareDates(issuedOn, input.filingDate) > 0) {
    return {
      ...base,
      state: 'attached',
      byCommitment: false,
      issuedOn,
      message: `签发日期 ${issuedOn} 晚于计划提交日期 ${input.filingDate}，请核对 / The date of issue ${issuedOn} is after the planned filing date ${input.filingDate}: check it`,
    };
  }
  const v = validityOn(issuedOn, input.filingDate, def.validityMonths);
  if (!v.valid) {
    return {
      ...base,
      state: 'expired',
      byCommitment: false,
      issuedOn,
      validUntil: v.validUntil,
      lapsedOn: v.lapsedOn,
      message: `${def.label}签发于 ${issuedOn}，有效期至 ${v.validUntil}，已于 ${v.lapsedOn} 失效：请重新开具 / Issued ${issuedOn}, valid until ${v.validUntil}, lapsed on ${v.lapsedOn}: obtain a new one`,
    };
  }
  return { ...base, state: 'attached', byCommitment: false, issuedOn, validUntil: v.validUntil, lapsedOn: v.lapsedOn };
}

/** The checklist of `input.procedure` for `input.category`, each item's state on the planned filing date. */
export function buildChecklist(input: ChecklistInput): Checklist {
  const procedure = PROCEDURES[input.procedure];
  const filingOk = isIsoDate(input.filingDate);
  const defs = procedure.materials
    .map((id) => MATERIALS[id])
    .filter((def) => def.appliesWhen === undefined || input.circumstances?.[def.appliesWhen] === true)
    .map((def) => (def.id === 'applicationForm' ? { ...def, label: procedure.formLabel } : def));
  const items = defs.map((def) => checkItem(def, input, filingOk));
  const counts: Record<MaterialState, number> = { missing: 0, attached: 0, expired: 0 };
  for (const item of items) counts[item.state] += 1;
  const notes = [TRANSLATION_NOTE];
  if (input.category === 'A') notes.push(A_PAPER_NOTE);
  if (!filingOk) {
    notes.unshift('请填写计划提交日期（YYYY-MM-DD），以核对证明材料的有效期 / Enter the planned filing date (YYYY-MM-DD) to check the documents’ validity');
  }
  return {
    procedure: input.procedure,
    label: procedure.label,
    labelEn: procedure.labelEn,
    category: input.category,
    filingDate: input.filingDate,
    items,
    counts,
    complete: filingOk && items.every((i) => i.state === 'attached' && i.message === undefined),
    notes,
    basis: procedure.basis,
    source: SERVICE_GUIDE,
  };
}
