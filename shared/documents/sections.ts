/**
 * The sections of forms.md, defined once and composed by the kind modules. Labels are the exact
 * Chinese text of forms.md's first column. `required` marks what must be filled to submit:
 * every field forms.md does not call optional (or conditional: 超龄说明, 意见日期).
 */
import type { SectionSpec } from './define';
import {
  employerRules,
  employmentRules,
  foreignPersonRules,
  hmtPersonRules,
  licenseNoRules,
  permitRules,
  policeRules,
  visaRules,
} from './rules';
import type { FieldDef, FieldType, SectionDef } from './types';

// ─── options, exactly as forms.md lists them ───────────────────────────────────────────────

export const EMPLOYER_TYPES = ['国有企业', '集体企业', '私营企业', '外商投资企业', '港澳台商投资企业', '事业单位', '社会团体', '其他'] as const;
export const SEXES = ['男', '女'] as const;
export const PASSPORT_TYPES = ['普通护照', '公务护照', '外交护照', '其他'] as const;
export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '高中及以下'] as const;
export const MARITAL_STATUSES = ['未婚', '已婚', '离异', '丧偶'] as const;
export const PRIOR_CHINA_WORK = ['有', '无'] as const;
export const GUANGZHOU_DISTRICTS = ['越秀区', '海珠区', '荔湾区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区'] as const;
export const POLICE_OPINIONS = ['同意', '不同意'] as const;
export const EXEMPTION_CATEGORIES = [
  '政府间、国际组织间协议项目的外国专业技术人员',
  '外国企业常驻中国代表机构的首席代表、代表',
  '其他经批准免办人员',
] as const;
export const VISA_TYPES = ['Z', '其他'] as const;
export const HMT_RESIDENT_TYPE_OPTIONS = ['台湾居民', '香港居民', '澳门居民'] as const;
export const HMT_DOC_TYPE_OPTIONS = ['台湾居民来往大陆通行证', '港澳居民来往内地通行证', '港澳台居民居住证'] as const;

// ─── field builder ─────────────────────────────────────────────────────────────────────────

type FieldExtra = Omit<FieldDef, 'key' | 'label' | 'labelEn' | 'type'>;

function field(key: string, label: string, labelEn: string, type: FieldType, extra: FieldExtra = {}): FieldDef {
  return { key, label, labelEn, type, ...extra };
}

const req = { required: true } as const;
const PHOTO_HINT = 'JPEG 或 PNG，不超过 1 MB，不小于 354×472 像素 / JPEG or PNG, at most 1 MB, at least 354×472 pixels';

/** A copy of `section` whose fields are read-only, except the listed keys. */
export function readOnlyExcept(section: SectionDef, editable: readonly string[]): SectionDef {
  return {
    ...section,
    fields: section.fields.map((f) => (editable.includes(f.key) ? f : { ...f, readOnly: true })),
  };
}

// ─── employer ──────────────────────────────────────────────────────────────────────────────

/** 用人单位 — every document; prefilled from the enterprise profile. 行业主管部门 on license and recruitment only. */
export function employerSection(opts: { authority?: boolean } = {}): SectionSpec {
  const fields: FieldDef[] = [
    field('employer.name', '单位名称', 'Employer name', 'text', { ...req, maxLength: 100 }),
    field('employer.uscc', '统一社会信用代码', 'Unified social credit code', 'text', { ...req, maxLength: 18 }),
    field('employer.address', '单位地址', 'Employer address', 'text', { ...req, maxLength: 200 }),
    field('employer.postcode', '邮政编码', 'Postcode', 'text', { ...req, maxLength: 6 }),
    field('employer.type', '单位性质', 'Type of employer', 'select', { ...req, options: EMPLOYER_TYPES }),
    field('employer.legalRep', '法定代表人', 'Legal representative', 'text', { ...req, maxLength: 50 }),
    field('employer.contact', '联系人', 'Contact person', 'text', { ...req, maxLength: 50 }),
    field('employer.phone', '联系电话', 'Telephone', 'text', {
      ...req,
      maxLength: 30,
      hint: '手机号码或带区号的固定电话，如 020-87654321 / Mobile, or landline with area code, e.g. 020-87654321',
    }),
  ];
  if (opts.authority) {
    fields.push(field('employer.authority', '行业主管部门', 'Competent authority of the industry', 'text', { maxLength: 100 }));
  }
  return { section: { id: 'employer', title: '用人单位', titleEn: 'Employer', fields }, rules: employerRules };
}

// ─── foreign national ──────────────────────────────────────────────────────────────────────

const FOREIGN_PERSON: SectionDef = {
  id: 'person',
  title: '外国人基本情况',
  titleEn: 'Foreign national',
  fields: [
    field('person.nameEn', '外文姓名', 'Name (in Latin letters)', 'text', {
      ...req,
      maxLength: 100,
      hint: '与护照一致，大写字母 / As in the passport, in capitals',
    }),
    field('person.nameZh', '中文姓名', 'Chinese name', 'text', { maxLength: 50 }),
    field('person.sex', '性别', 'Sex', 'radio', { ...req, options: SEXES }),
    field('person.birthDate', '出生日期', 'Date of birth', 'date', req),
    field('person.birthPlace', '出生地', 'Place of birth', 'text', { maxLength: 100 }),
    field('person.nationality', '国籍', 'Nationality', 'country', req),
    field('person.passportType', '护照种类', 'Passport type', 'select', { ...req, options: PASSPORT_TYPES }),
    field('person.passportNo', '护照号码', 'Passport number', 'text', { ...req, maxLength: 20 }),
    field('person.passportExpiry', '护照有效期至', 'Passport valid until', 'date', req),
    field('person.education', '文化程度', 'Education', 'select', { ...req, options: EDUCATION_LEVELS }),
    field('person.major', '所学专业', 'Major', 'text', { maxLength: 100 }),
    field('person.marital', '婚姻状况', 'Marital status', 'select', { ...req, options: MARITAL_STATUSES }),
    field('person.health', '健康状况', 'Health', 'text', { ...req, maxLength: 100 }),
    field('person.previousOccupation', '来华前从事的职业', 'Occupation before coming to China', 'text', { maxLength: 100 }),
    field('person.priorChinaWork', '有否在华就业经历', 'Employed in China before', 'radio', { ...req, options: PRIOR_CHINA_WORK }),
    field('person.photo', '照片', 'Photo', 'photo', { ...req, hint: PHOTO_HINT }),
  ],
};

/**
 * 外国人基本情况 — license, recruitment, registrations, extension. On the extension form it is
 * prefilled and read-only but for the passport data.
 */
export function foreignPersonSection(opts: { readOnlyButPassport?: boolean } = {}): SectionSpec {
  const section = opts.readOnlyButPassport
    ? readOnlyExcept(FOREIGN_PERSON, ['person.passportType', 'person.passportNo', 'person.passportExpiry'])
    : FOREIGN_PERSON;
  return { section, rules: foreignPersonRules };
}

// ─── employment ────────────────────────────────────────────────────────────────────────────

/** 聘用情况 — license, recruitment, registrations, hmt-permit. 聘用理由 on license only. */
export function employmentSection(opts: { reason?: boolean } = {}): SectionSpec {
  const fields: FieldDef[] = [
    field('job.title', '拟任职务', 'Position', 'text', { ...req, maxLength: 100 }),
    field('job.district', '工作地点', 'Place of work (district)', 'select', { ...req, options: GUANGZHOU_DISTRICTS }),
    field('job.start', '聘用期限自', 'Employment from', 'date', req),
    field('job.end', '聘用期限至', 'Employment until', 'date', { ...req, hint: '最长5年 / At most 5 years' }),
    field('job.salary', '月工资（元）', 'Monthly salary (yuan)', 'number', {
      ...req,
      maxLength: 15,
      hint: '不得低于当地最低工资标准 / Not below the local minimum wage',
    }),
  ];
  if (opts.reason) {
    fields.push(field('job.reason', '聘用理由', 'Reason for employment', 'textarea', { ...req, maxLength: 1000 }));
  }
  return { section: { id: 'job', title: '聘用情况', titleEn: 'Employment', fields }, rules: employmentRules };
}

// ─── police opinion (license, recruitment) ─────────────────────────────────────────────────

export function policeSection(): SectionSpec {
  return {
    section: {
      id: 'police',
      title: '市公安出入境管理部门意见',
      titleEn: 'Opinion of the municipal exit-entry administration',
      fields: [
        field('police.opinion', '市公安出入境管理部门意见', 'Opinion of the exit-entry administration', 'select', {
          ...req,
          options: POLICE_OPINIONS,
          hint: '首次保存时留空；打印申请表经市公安出入境管理部门盖章后，【修改】录入 / Leave empty on the first save; enter it after the exit-entry administration has stamped the printed form',
        }),
        field('police.date', '意见日期', 'Date of the opinion', 'date'),
      ],
    },
    rules: policeRules,
    requiredByRule: ['police.opinion'],
  };
}

// ─── recruitment: exemption ────────────────────────────────────────────────────────────────

export function exemptionSection(): SectionSpec {
  return {
    section: {
      id: 'exemption',
      title: '免办类别',
      titleEn: 'Exemption from the employment license',
      fields: [
        field('exemption', '免办类别', 'Exemption category', 'select', {
          ...req,
          options: EXEMPTION_CATEGORIES,
          hint: '《外国人在中国就业管理规定》第九条、第十条 / Art. 9–10',
        }),
      ],
    },
    rules: [],
  };
}

// ─── registration ──────────────────────────────────────────────────────────────────────────

/** 就业许可证书编号 — licensed registration: entered on the number page, read-only here. */
export function licenseNoSection(): SectionSpec {
  return {
    section: {
      id: 'license',
      title: '就业许可证书',
      titleEn: 'Employment license',
      fields: [
        field('licenseNo', '就业许可证书编号', 'Employment license number', 'text', { ...req, readOnly: true, maxLength: 13 }),
      ],
    },
    rules: licenseNoRules,
  };
}

/** 签证及居留 — registrations. */
export function visaSection(): SectionSpec {
  return {
    section: {
      id: 'visa',
      title: '签证及居留',
      titleEn: 'Visa and residence',
      fields: [
        field('visa.type', '签证种类', 'Visa type', 'select', { ...req, options: VISA_TYPES }),
        field('visa.no', '签证号码', 'Visa number', 'text', { ...req, maxLength: 30 }),
        field('visa.entryDate', '入境日期', 'Date of entry', 'date', req),
        field('residence.address', '在华住址', 'Address in China', 'text', { ...req, maxLength: 200 }),
        field('residence.permitNo', '居留许可号码', 'Residence permit number', 'text', { maxLength: 30 }),
      ],
    },
    rules: visaRules,
  };
}

// ─── extension ─────────────────────────────────────────────────────────────────────────────

/**
 * 延期申请 — extension and hmt-extension: the permit number (entered on the number page), its
 * current expiry, the date asked for, the contract end that caps it, and the reason.
 */
export function permitExtensionSection(): SectionSpec {
  return {
    section: {
      id: 'permit',
      title: '延期申请',
      titleEn: 'Extension',
      fields: [
        field('permit.no', '就业证号码', 'Employment permit number', 'text', { ...req, readOnly: true, maxLength: 12 }),
        field('permit.expiry', '原有效期至', 'Current permit valid until', 'date', req),
        field('permit.newExpiry', '申请延期至', 'Extend until', 'date', {
          ...req,
          hint: '须晚于原有效期至，且不晚于聘用期限至 / After the current expiry, not after the end of employment',
        }),
        // the renewed contract's end: a new date, so it is never copied from the approved record
        field('job.end', '聘用期限至', 'Employment until', 'date', {
          hint: '续订劳动合同的期限；未填写的，视为续订至申请延期至 / End of the renewed contract; when empty, taken as the date asked for',
        }),
        field('permit.reason', '延期理由', 'Reason for the extension', 'textarea', { ...req, maxLength: 1000 }),
      ],
    },
    rules: permitRules,
  };
}

// ─── Taiwan, Hong Kong and Macao residents ─────────────────────────────────────────────────

const HMT_PERSON: SectionDef = {
  id: 'hmt',
  title: '台港澳人员基本情况',
  titleEn: 'Taiwan, Hong Kong or Macao resident',
  fields: [
    field('hmt.name', '姓名', 'Name', 'text', { ...req, maxLength: 50 }),
    field('hmt.sex', '性别', 'Sex', 'radio', { ...req, options: SEXES }),
    field('hmt.birthDate', '出生日期', 'Date of birth', 'date', req),
    field('hmt.overAgeReason', '超龄说明', 'Explanation for age over 60', 'textarea', {
      maxLength: 500,
      hint: '超过60周岁时必填：直接参与经营的投资者或内地急需的专业技术人员 / Required over 60: investor taking part in the management, or professional urgently needed in the Mainland',
    }),
    field('hmt.residentType', '居民类别', 'Resident type', 'select', { ...req, options: HMT_RESIDENT_TYPE_OPTIONS }),
    field('hmt.docType', '证件类型', 'Document type', 'select', { ...req, options: HMT_DOC_TYPE_OPTIONS }),
    field('hmt.docNo', '证件号码', 'Document number', 'text', { ...req, maxLength: 18 }),
    field('hmt.docExpiry', '证件有效期至', 'Document valid until', 'date', req),
    field('hmt.education', '文化程度', 'Education', 'select', { ...req, options: EDUCATION_LEVELS }),
    field('hmt.qualification', '职业资格证书', 'Professional qualification certificate', 'text', { maxLength: 100 }),
    field('hmt.address', '内地住址', 'Address in the Mainland', 'text', { ...req, maxLength: 200 }),
    field('hmt.phone', '本人联系电话', 'Personal telephone', 'text', { ...req, maxLength: 30 }),
    field('hmt.photo', '照片', 'Photo', 'photo', { ...req, hint: PHOTO_HINT }),
  ],
};

/**
 * 台港澳人员基本情况 — hmt-permit; on hmt-extension prefilled and read-only but for the
 * document data (证件类型, 证件号码, 证件有效期至).
 */
export function hmtPersonSection(opts: { readOnlyButDocument?: boolean } = {}): SectionSpec {
  const section = opts.readOnlyButDocument
    ? readOnlyExcept(HMT_PERSON, ['hmt.docType', 'hmt.docNo', 'hmt.docExpiry'])
    : HMT_PERSON;
  return { section, rules: hmtPersonRules };
}
