import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KINDS,
  DOCUMENTS,
  documentDef,
  type DocumentKind,
  type FieldDef,
} from '../../../shared/documents';
import { VALID_VALUES } from '../../fixtures/documents';
import { MATERIALS, materialIssuedKey, materialKey, PROCEDURES, WP_CIRCUMSTANCE_FIELDS, WP_POINTS_FIELDS, type WorkPermitProcedure } from '../../../shared/workPermit';

/** forms.md: every label of the first column with its key. */
const FORMS_MD: Record<string, string> = {
  'employer.name': '单位名称',
  'employer.uscc': '统一社会信用代码',
  'employer.address': '单位地址',
  'employer.postcode': '邮政编码',
  'employer.type': '单位性质',
  'employer.legalRep': '法定代表人',
  'employer.contact': '联系人',
  'employer.phone': '联系电话',
  'employer.authority': '行业主管部门',
  'person.nameEn': '外文姓名',
  'person.nameZh': '中文姓名',
  'person.sex': '性别',
  'person.birthDate': '出生日期',
  'person.birthPlace': '出生地',
  'person.nationality': '国籍',
  'person.passportType': '护照种类',
  'person.passportNo': '护照号码',
  'person.passportExpiry': '护照有效期至',
  'person.education': '文化程度',
  'person.major': '所学专业',
  'person.marital': '婚姻状况',
  'person.health': '健康状况',
  'person.previousOccupation': '来华前从事的职业',
  'person.priorChinaWork': '有否在华就业经历',
  'person.photo': '照片',
  'job.title': '拟任职务',
  'job.district': '工作地点',
  'job.start': '聘用期限自',
  'job.end': '聘用期限至',
  'job.salary': '月工资（元）',
  'job.reason': '聘用理由',
  'police.opinion': '市公安出入境管理部门意见',
  'police.date': '意见日期',
  exemption: '免办类别',
  licenseNo: '就业许可证书编号',
  'visa.type': '签证种类',
  'visa.no': '签证号码',
  'visa.entryDate': '入境日期',
  'residence.address': '在华住址',
  'residence.permitNo': '居留许可号码',
  'permit.no': '就业证号码',
  'permit.expiry': '原有效期至',
  'permit.newExpiry': '申请延期至',
  'permit.reason': '延期理由',
  'hmt.name': '姓名',
  'hmt.sex': '性别',
  'hmt.birthDate': '出生日期',
  'hmt.overAgeReason': '超龄说明',
  'hmt.residentType': '居民类别',
  'hmt.docType': '证件类型',
  'hmt.docNo': '证件号码',
  'hmt.docExpiry': '证件有效期至',
  'hmt.education': '文化程度',
  'hmt.qualification': '职业资格证书',
  'hmt.address': '内地住址',
  'hmt.phone': '本人联系电话',
  'hmt.photo': '照片',
};

/** Today's 外国人来华工作许可 forms: the labels of the national system's forms (work-permit-today.md). */
const WORK_PERMIT_LABELS: Record<string, string> = {
  'wp.filingDate': '计划提交日期',
  'wp.annualSalaryWan': '国内聘用单位支付年薪（万元）',
  'wp.localAverageSalaryWan': '本地区上年度社会平均工资（万元）',
  'wp.education': '受教育程度',
  'wp.skill': '职业技能资格证书',
  'wp.experienceYears': '工作年限（年）',
  'wp.monthsInChinaPerYear': '每年在华工作时间（月）',
  'wp.chinese': '汉语水平',
  'wp.region': '工作定向',
  'wp.localBonus': '地方鼓励性加分',
  'wp.aQualification': 'A类资格条件',
  'wp.bQualification': 'B类资格条件',
  'wp.familyAccompanying': '随行家属来华',
  'wp.passportChanged': '护照号码变更',
  'wpNotice.no': '工作许可通知编号',
  'wpPermit.no': '工作许可证号码',
  'wpPermit.expiry': '工作许可证有效期至',
  'wpPermit.newExpiry': '申请延期至',
  'wpPermit.reason': '延期理由',
  'wpChange.item': '变更事项',
  'wpChange.before': '变更前',
  'wpChange.after': '变更后',
  'wpChange.eventDate': '变更发生日期',
  'wpCancel.reason': '注销原因',
  'wpCancel.eventDate': '聘用终止日期',
  'wpReissue.reason': '补办原因',
  'wpReissue.date': '遗失（损毁）日期',
  'wpReissue.statement': '遗失声明',
};
const BONUS_KEYS = WP_POINTS_FIELDS.filter((f) => f.key.startsWith('wp.bonus.')).map((f) => f.key);
/** 申请材料: an attachment per document of the procedure, and the date of issue of those valid 6 months. */
const materialKeys = (p: WorkPermitProcedure): string[] =>
  PROCEDURES[p].materials.flatMap((id) => [materialKey(id), ...(MATERIALS[id].validityMonths ? [materialIssuedKey(id)] : [])]);
const MATERIAL_LABELS = Object.fromEntries(
  Object.values(MATERIALS).flatMap((m) => [
    [materialKey(m.id), m.label],
    [materialIssuedKey(m.id), `${m.label}出具日期`],
  ]),
);
const LABELS: Record<string, string> = {
  ...FORMS_MD,
  ...WORK_PERMIT_LABELS,
  ...MATERIAL_LABELS,
  ...Object.fromEntries(WP_POINTS_FIELDS.filter((f) => BONUS_KEYS.includes(f.key)).map((f) => [f.key, f.label])),
};

const keys = (prefix: string) => Object.keys(FORMS_MD).filter((k) => k.startsWith(prefix));
const EMPLOYER = keys('employer.').filter((k) => k !== 'employer.authority');
const PERSON = keys('person.');
const JOB = keys('job.').filter((k) => k !== 'job.reason');
const VISA = ['visa.type', 'visa.no', 'visa.entryDate', 'residence.address', 'residence.permitNo'];
const PERMIT = ['permit.no', 'permit.expiry', 'permit.newExpiry', 'job.end', 'permit.reason'];
const HMT = keys('hmt.');
const POLICE = ['police.opinion', 'police.date'];
const WP = [...WP_POINTS_FIELDS, ...WP_CIRCUMSTANCE_FIELDS].map((f) => f.key);
const WP_HELD = [...EMPLOYER, ...PERSON, 'wpPermit.no', 'wpPermit.expiry'];

const EXPECTED_KEYS: Record<DocumentKind, string[]> = {
  license: [...EMPLOYER, 'employer.authority', ...PERSON, ...JOB, 'job.reason', ...POLICE],
  recruitment: [...EMPLOYER, 'employer.authority', ...PERSON, ...JOB, 'exemption', ...POLICE],
  'registration-licensed': [...EMPLOYER, ...PERSON, ...JOB, 'licenseNo', ...VISA],
  'registration-exempt': [...EMPLOYER, ...PERSON, ...JOB, ...VISA],
  extension: [...EMPLOYER, ...PERSON, ...PERMIT],
  'hmt-permit': [...EMPLOYER, ...HMT, ...JOB],
  'hmt-extension': [...EMPLOYER, ...HMT, ...PERMIT],
  'wp-notice': [...EMPLOYER, ...PERSON, ...JOB, 'job.reason', ...WP, ...materialKeys('notice')],
  'wp-permit': [...EMPLOYER, ...PERSON, ...JOB, 'job.reason', 'wpNotice.no', ...VISA, ...WP, ...materialKeys('permit')],
  'wp-extension': [...WP_HELD, 'wpPermit.newExpiry', 'job.end', 'wpPermit.reason'],
  'wp-change': [...WP_HELD, 'wpChange.item', 'wpChange.before', 'wpChange.after', 'wpChange.eventDate'],
  'wp-cancellation': [...WP_HELD, 'wpCancel.reason', 'wpCancel.eventDate'],
  'wp-reissue': [...WP_HELD, 'wpReissue.reason', 'wpReissue.date', 'wpReissue.statement'],
};

const fieldsOf = (kind: DocumentKind): FieldDef[] => documentDef(kind).sections.flatMap((s) => [...s.fields]);
const fieldOf = (kind: DocumentKind, key: string): FieldDef => {
  const f = fieldsOf(kind).find((x) => x.key === key);
  if (!f) throw new Error(`${kind} has no ${key}`);
  return f;
};

describe('registry', () => {
  it("has the manual's seven kinds and today's six work-permit kinds", () => {
    expect(Object.keys(DOCUMENTS).sort()).toEqual([...DOCUMENT_KINDS].sort());
    expect(DOCUMENT_KINDS).toHaveLength(13);
    expect(DOCUMENT_KINDS.filter((k) => k.startsWith('wp-'))).toEqual(['wp-notice', 'wp-permit', 'wp-extension', 'wp-change', 'wp-cancellation', 'wp-reissue']);
    for (const kind of DOCUMENT_KINDS) expect(documentDef(kind).kind).toBe(kind);
  });

  it('applicant decides the office on the notice', () => {
    expect(DOCUMENT_KINDS.filter((k) => documentDef(k).applicant === 'hmt')).toEqual(['hmt-permit', 'hmt-extension']);
  });
});

describe('fields', () => {
  it('every field label is the forms.md (or the national form\'s) label of its key, with an English sub-label', () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const f of fieldsOf(kind)) {
        expect(LABELS[f.key], `${kind} ${f.key}`).toBe(f.label);
        expect(f.label, `${kind} ${f.key}`).toMatch(/\p{Script=Han}/u);
        expect(f.labelEn.length, `${kind} ${f.key}`).toBeGreaterThan(1);
      }
    }
  });

  it.each(DOCUMENT_KINDS)('%s has exactly the fields of forms.md', (kind) => {
    expect(fieldsOf(kind).map((f) => f.key).sort()).toEqual([...EXPECTED_KEYS[kind]].sort());
  });

  it('types', () => {
    expect(fieldOf('license', 'person.nationality').type).toBe('country');
    expect(fieldOf('license', 'person.photo').type).toBe('photo');
    expect(fieldOf('hmt-permit', 'hmt.photo').type).toBe('photo');
    expect(fieldOf('license', 'job.salary').type).toBe('number');
    for (const kind of DOCUMENT_KINDS) {
      for (const f of fieldsOf(kind)) {
        if (/date|expiry|Expiry|job\.(start|end)|Date$/.test(f.key)) expect(f.type, f.key).toBe('date');
      }
    }
  });

  it('options exactly as forms.md lists them', () => {
    expect(fieldOf('license', 'employer.type').options).toEqual(['国有企业', '集体企业', '私营企业', '外商投资企业', '港澳台商投资企业', '事业单位', '社会团体', '其他']);
    expect(fieldOf('license', 'person.sex').options).toEqual(['男', '女']);
    expect(fieldOf('license', 'person.passportType').options).toEqual(['普通护照', '公务护照', '外交护照', '其他']);
    expect(fieldOf('license', 'person.education').options).toEqual(['博士研究生', '硕士研究生', '大学本科', '大学专科', '高中及以下']);
    expect(fieldOf('license', 'person.marital').options).toEqual(['未婚', '已婚', '离异', '丧偶']);
    expect(fieldOf('license', 'person.priorChinaWork').options).toEqual(['有', '无']);
    expect(fieldOf('license', 'job.district').options).toEqual(['越秀区', '海珠区', '荔湾区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区']);
    expect(fieldOf('license', 'police.opinion').options).toEqual(['同意', '不同意']);
    expect(fieldOf('recruitment', 'exemption').options).toEqual([
      '政府间、国际组织间协议项目的外国专业技术人员',
      '外国企业常驻中国代表机构的首席代表、代表',
      '其他经批准免办人员',
    ]);
    expect(fieldOf('registration-exempt', 'visa.type').options).toEqual(['Z', '其他']);
    expect(fieldOf('hmt-permit', 'hmt.residentType').options).toEqual(['台湾居民', '香港居民', '澳门居民']);
    expect(fieldOf('hmt-permit', 'hmt.docType').options).toEqual(['台湾居民来往大陆通行证', '港澳居民来往内地通行证', '港澳台居民居住证']);
    expect(fieldOf('hmt-permit', 'hmt.education').options).toEqual(fieldOf('license', 'person.education').options);
  });

  it('optional fields are not required', () => {
    const optional = ['employer.authority', 'person.nameZh', 'person.birthPlace', 'person.major', 'person.previousOccupation', 'residence.permitNo', 'hmt.qualification', 'hmt.overAgeReason', 'police.date'];
    for (const kind of DOCUMENT_KINDS) {
      // an extension's 聘用期限至 is the renewed contract's end: optional (taken as 申请延期至 when empty)
      const renewal = kind === 'extension' || kind === 'hmt-extension' || kind === 'wp-extension';
      // the points data is optional: the panel reports what is missing, the bureau decides
      const optionalHere = [...optional, ...(renewal ? ['job.end'] : []), ...WP, ...Object.keys(MATERIAL_LABELS), 'wpReissue.statement'];
      for (const f of fieldsOf(kind)) expect(!!f.required, `${kind} ${f.key}`).toBe(!optionalHere.includes(f.key));
    }
  });

  it('read-only fields', () => {
    expect(fieldOf('registration-licensed', 'licenseNo').readOnly).toBe(true);
    expect(fieldOf('extension', 'permit.no').readOnly).toBe(true);
    expect(fieldOf('hmt-extension', 'permit.no').readOnly).toBe(true);
    const editablePerson = fieldsOf('extension').filter((f) => f.key.startsWith('person.') && !f.readOnly).map((f) => f.key);
    expect(editablePerson).toEqual(['person.passportType', 'person.passportNo', 'person.passportExpiry']);
    const editableHmt = fieldsOf('hmt-extension').filter((f) => f.key.startsWith('hmt.') && !f.readOnly).map((f) => f.key);
    expect(editableHmt).toEqual(['hmt.docType', 'hmt.docNo', 'hmt.docExpiry']);
    expect(fieldOf('license', 'person.nameEn').readOnly).toBeFalsy();
    expect(fieldOf('extension', 'job.end').label).toBe('聘用期限至');
  });
});

describe('schema (storage shape)', () => {
  it.each(DOCUMENT_KINDS)('%s accepts its fixture and an empty draft, refuses an unknown key', (kind) => {
    const { schema } = documentDef(kind);
    expect(schema.parse(VALID_VALUES[kind])).toEqual(VALID_VALUES[kind]);
    expect(schema.parse({})).toEqual({});
    expect(schema.safeParse({ ...VALID_VALUES[kind], 'person.unknown': 'x' }).success).toBe(false);
    expect(schema.safeParse({ 'no.such.key': '' }).success).toBe(false);
  });

  it('refuses non-strings and over-long values, accepts a large photo', () => {
    const { schema } = documentDef('license');
    expect(schema.safeParse({ 'job.salary': 35000 }).success).toBe(false);
    expect(schema.safeParse({ 'employer.name': 'x'.repeat(101) }).success).toBe(false);
    expect(schema.safeParse({ 'person.photo': `data:image/jpeg;base64,${'A'.repeat(1_398_000)}` }).success).toBe(true);
    expect(schema.safeParse({ 'person.photo': 'A'.repeat(1_400_001) }).success).toBe(false);
    expect(documentDef('hmt-permit').schema.safeParse({ 'person.nameEn': 'X' }).success).toBe(false);
  });
});

describe('list columns', () => {
  it('personName and documentNumber', () => {
    expect(documentDef('license').personName(VALID_VALUES.license)).toBe('JOHN MICHAEL SMITH');
    expect(documentDef('license').documentNumber(VALID_VALUES.license)).toBe('533281947');
    expect(documentDef('hmt-permit').personName(VALID_VALUES['hmt-permit'])).toBe('陈家明');
    expect(documentDef('hmt-extension').documentNumber(VALID_VALUES['hmt-extension'])).toBe('08123456');
    expect(documentDef('extension').personName({})).toBe('');
  });
});
