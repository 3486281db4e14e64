/**
 * The rules of forms.md, one function per rule group. Each is composed into the sections of
 * sections.ts; a rule only looks at keys its kind has and skips empty or malformed values (the
 * generic checks of define.ts report those), so one rule serves every kind that has its fields.
 */
import {
  ageOn,
  checkContractPeriod,
  checkHmtDocNo,
  checkNameEn,
  checkNameZh,
  checkNationality,
  checkPassportNo,
  checkHmtPhone,
  checkPhone,
  checkPhoto,
  checkPostcode,
  checkSalary,
  checkUscc,
  compareDates,
  diffDays,
  isIsoDate,
} from '../validation';
import { fromFinding, labelOf, problem, valueOf, type FormInfo, type Rule } from './define';
import { validateLicenseNo, validatePermitNo } from './numbers';
import type { FormValues, Problem } from './types';

/** 《外国人在中国就业管理规定》 article n, Chinese / English. */
export function foreignArticle(n: number): { zh: string; en: string } {
  return { zh: `《外国人在中国就业管理规定》第${chineseNumeral(n)}条`, en: `Art. ${n} of the Provisions on the Administration of Employment of Foreigners in China` };
}

/** 《台湾香港澳门居民在内地就业管理规定》 article n, Chinese / English. */
export function hmtArticle(n: number): { zh: string; en: string } {
  return {
    zh: `《台湾香港澳门居民在内地就业管理规定》第${chineseNumeral(n)}条`,
    en: `Art. ${n} of the Provisions on the Administration of Employment of Taiwan, Hong Kong and Macao Residents in the Mainland`,
  };
}

function chineseNumeral(n: number): string {
  const d = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 0 ? '' : tens === 1 ? '十' : `${d.charAt(tens)}十`) + (ones === 0 ? '' : d.charAt(ones));
}

/** The value of `key` when it is a real date, else null. */
function dateOf(values: FormValues, key: string): string | null {
  const v = valueOf(values, key);
  return v !== '' && isIsoDate(v) ? v : null;
}

/** Runs a validator on a non-empty value and turns its finding into a problem of `key`. */
function simple(key: string, validate: (value: string, form: FormInfo) => { code: string; message: string } | null): Rule {
  return (values, _ctx, form) => {
    const v = valueOf(values, key);
    if (v === '') return [];
    const found = validate(v, form);
    return found ? [fromFinding(form, key, found)] : [];
  };
}

const asLabel = (form: FormInfo, key: string) => labelOf(form, key);

// ─── employer ──────────────────────────────────────────────────────────────────────────────

export const employerRules: readonly Rule[] = [
  simple('employer.uscc', (v) => checkUscc(v)),
  simple('employer.postcode', (v) => checkPostcode(v)),
  simple('employer.phone', (v, form) => checkPhone(v, asLabel(form, 'employer.phone'))),
];

// ─── foreign national ──────────────────────────────────────────────────────────────────────

/** 出生日期 against 聘用期限自: under 18 blocks (Art. 7), over 60 warns. */
const foreignAge: Rule = (values, _ctx, form) => {
  const birth = dateOf(values, 'person.birthDate');
  const start = dateOf(values, 'job.start');
  if (!birth || !start) return [];
  const age = ageOn(birth, start);
  const b = labelOf(form, 'person.birthDate');
  const art = foreignArticle(7);
  if (age < 18) {
    return [
      problem(
        'person.birthDate',
        'block',
        'age.under18',
        `「${b.zh}」：聘用期限自（${start}）时未满18周岁，不能在中国就业（${art.zh}），请核对出生日期或聘用期限`,
        `${b.en}: the person is under 18 on the employment start date ${start} and may not be employed (${art.en}); check the date of birth or the employment period`,
      ),
    ];
  }
  if (age > 60) {
    return [
      problem(
        'person.birthDate',
        'warn',
        'age.over60',
        `「${b.zh}」：聘用期限自（${start}）时已满${age}周岁，超过60周岁，请核对出生日期；如无误可继续提交`,
        `${b.en}: the person is ${age} on the employment start date ${start}, over 60; check the date of birth, and submit anyway if it is right`,
      ),
    ];
  }
  return [];
};

/** 护照有效期至: after today (blocks); before 聘用期限至 warns. */
const passportExpiry: Rule = (values, ctx, form) => {
  const expiry = dateOf(values, 'person.passportExpiry');
  if (!expiry) return [];
  const p = labelOf(form, 'person.passportExpiry');
  if (compareDates(expiry, ctx.today) <= 0) {
    return [
      problem(
        'person.passportExpiry',
        'block',
        'passport.expired',
        `「${p.zh}」（${expiry}）须晚于今天（${ctx.today}），护照已过期，请换发护照后填写新护照的种类、号码和有效期`,
        `${p.en} (${expiry}) must be after today (${ctx.today}); the passport has expired: renew it and enter the new passport's type, number and expiry`,
      ),
    ];
  }
  const end = dateOf(values, 'job.end');
  if (end && compareDates(expiry, end) < 0) {
    const e = labelOf(form, 'job.end');
    return [
      problem(
        'person.passportExpiry',
        'warn',
        'passport.beforeContractEnd',
        `「${p.zh}」（${expiry}）早于「${e.zh}」（${end}），聘用期间护照将到期，请提醒本人及时换发护照`,
        `${p.en} (${expiry}) is before ${e.en} (${end}): the passport expires during the employment; remind the person to renew it in time`,
      ),
    ];
  }
  return [];
};

export const foreignPersonRules: readonly Rule[] = [
  simple('person.nameEn', (v) => checkNameEn(v)),
  simple('person.nameZh', (v) => checkNameZh(v)),
  simple('person.nationality', (v) => checkNationality(v)),
  simple('person.passportNo', (v) => checkPassportNo(v)),
  simple('person.photo', (v) => checkPhoto(v)),
  foreignAge,
  passportExpiry,
];

// ─── employment ────────────────────────────────────────────────────────────────────────────

/** 聘用期限: end after start, at most 5 years (Art. 18). Reported on 聘用期限至. */
const contractPeriod: Rule = (values, _ctx, form) => {
  const start = dateOf(values, 'job.start');
  const end = dateOf(values, 'job.end');
  if (!start || !end) return [];
  const found = checkContractPeriod(start, end);
  return found ? [fromFinding(form, 'job.end', found)] : [];
};

/** 聘用期限自 in the past: warns (an application is filed before the employment starts). */
const startInPast: Rule = (values, ctx, form) => {
  const start = dateOf(values, 'job.start');
  if (!start || compareDates(start, ctx.today) >= 0) return [];
  const l = labelOf(form, 'job.start');
  return [
    problem(
      'job.start',
      'warn',
      'job.startPast',
      `「${l.zh}」（${start}）早于今天（${ctx.today}）：就业许可应在聘用开始前申请，请核对日期`,
      `${l.en} (${start}) is before today (${ctx.today}): the permit should be applied for before the employment starts; check the date`,
    ),
  ];
};

export const employmentRules: readonly Rule[] = [
  contractPeriod,
  startInPast,
  (values, ctx, form) => {
    const v = valueOf(values, 'job.salary');
    if (v === '') return [];
    const found = checkSalary(v, ctx.minimumWage);
    return found ? [fromFinding(form, 'job.salary', found)] : [];
  },
];

// ─── police opinion (license, recruitment) ─────────────────────────────────────────────────

export const policeRules: readonly Rule[] = [
  (values, ctx, form) => {
    const o = labelOf(form, 'police.opinion');
    const opinion = valueOf(values, 'police.opinion');
    const out: Problem[] = [];
    if (opinion === '') {
      out.push(
        problem(
          'police.opinion',
          'block',
          'police.missing',
          `提交前须录入「${o.zh}」：打印申请表，经市公安出入境管理部门盖章后，点击【修改】录入意见和意见日期`,
          `${o.en} is required to submit: print the form, have the municipal exit-entry administration stamp it, then 【修改】 (edit) and enter the opinion and its date`,
        ),
      );
      return out;
    }
    if (opinion === '不同意') {
      out.push(
        problem(
          'police.opinion',
          'block',
          'police.refused',
          `「${o.zh}」为“不同意”，不能提交本申请；请与市公安出入境管理部门核实`,
          `${o.en} is "不同意" (not agreed): the application cannot be submitted; check with the municipal exit-entry administration`,
        ),
      );
    }
    const date = dateOf(values, 'police.date');
    if (date) {
      const d = labelOf(form, 'police.date');
      if (compareDates(date, ctx.today) > 0) {
        out.push(
          problem(
            'police.date',
            'block',
            'police.dateFuture',
            `「${d.zh}」（${date}）不能晚于今天（${ctx.today}），请按盖章表格上的日期填写`,
            `${d.en} (${date}) cannot be after today (${ctx.today}); copy the date on the stamped form`,
          ),
        );
      } else if (ctx.createdOn && compareDates(date, ctx.createdOn) < 0) {
        out.push(
          problem(
            'police.date',
            'block',
            'police.dateBeforeForm',
            `「${d.zh}」（${date}）早于本申请的填写日期（${ctx.createdOn}）：公安部门只能在打印本表后签署意见，请核对盖章表格上的日期`,
            `${d.en} (${date}) is before this application was written (${ctx.createdOn}): the police can only give their opinion on the printed form; check the date on the stamped form`,
          ),
        );
      }
    }
    if (valueOf(values, 'police.date') === '') {
      const d = labelOf(form, 'police.date');
      out.push(
        problem(
          'police.date',
          'block',
          'police.dateMissing',
          `已录入「${o.zh}」，请同时填写「${d.zh}」（盖章表格上的日期）`,
          `${o.en} is entered: also fill in ${d.en} (the date on the stamped form)`,
        ),
      );
    }
    return out;
  },
];

// ─── registration: license number, visa and residence ──────────────────────────────────────

export const licenseNoRules: readonly Rule[] = [
  simple('licenseNo', (v, form) => {
    const msg = validateLicenseNo(v, labelOf(form, 'licenseNo'));
    return msg ? { code: 'licenseNo.format', message: msg } : null;
  }),
];

export const visaRules: readonly Rule[] = [
  (values, _ctx, form) => {
    const type = valueOf(values, 'visa.type');
    if (type === '' || type === 'Z') return [];
    const t = labelOf(form, 'visa.type');
    const art = foreignArticle(8);
    return [
      problem(
        'visa.type',
        'warn',
        'visa.notZ',
        `「${t.zh}」不是 Z 字签证：在中国就业应持 Z 字签证入境（${art.zh}；有互免签证协议的按协议办理），请核对`,
        `${t.en} is not a Z visa: foreigners employed in China enter with a Z visa (${art.en}; unless a visa-exemption agreement applies); check it`,
      ),
    ];
  },
  (values, ctx, form) => {
    const entry = dateOf(values, 'visa.entryDate');
    if (!entry) return [];
    const l = labelOf(form, 'visa.entryDate');
    if (compareDates(entry, ctx.today) > 0) {
      return [
        problem(
          'visa.entryDate',
          'block',
          'entry.future',
          `「${l.zh}」（${entry}）不能晚于今天（${ctx.today}），请按护照上的入境验讫章填写`,
          `${l.en} (${entry}) cannot be after today (${ctx.today}); copy it from the entry stamp in the passport`,
        ),
      ];
    }
    const days = diffDays(entry, ctx.today);
    if (days > 15) {
      const art = foreignArticle(16);
      return [
        problem(
          'visa.entryDate',
          'warn',
          'entry.late',
          `「${l.zh}」（${entry}）距今已${days}天：用人单位应在入境后15日内办理就业证（${art.zh}），请尽快提交`,
          `${l.en} (${entry}) was ${days} days ago: the employer should apply for the employment permit within 15 days of entry (${art.en}); submit as soon as possible`,
        ),
      ];
    }
    return [];
  },
];

// ─── extension (extension, hmt-extension) ──────────────────────────────────────────────────

export const permitRules: readonly Rule[] = [
  simple('permit.no', (v, form) => {
    const msg = validatePermitNo(v, form.applicant);
    return msg ? { code: 'permitNo.format', message: msg } : null;
  }),
  // 原有效期至: already expired blocks; more than 30 days ahead warns (Art. 19).
  (values, ctx, form) => {
    const expiry = dateOf(values, 'permit.expiry');
    if (!expiry) return [];
    const l = labelOf(form, 'permit.expiry');
    if (compareDates(expiry, ctx.today) < 0) {
      return [
        problem(
          'permit.expiry',
          'block',
          'permit.expired',
          `「${l.zh}」（${expiry}）已过，就业证已失效，不能延期，需重新申请`,
          `${l.en} (${expiry}) has passed: the permit has lapsed and cannot be extended — a new application is needed`,
        ),
      ];
    }
    const days = diffDays(ctx.today, expiry);
    if (days > 30) {
      const basis = form.applicant === 'foreign' ? foreignArticle(19) : null;
      return [
        problem(
          'permit.expiry',
          'warn',
          'permit.early',
          `距「${l.zh}」（${expiry}）还有${days}天：延期申请应在有效期届满前30日内提出${basis ? `（${basis.zh}）` : ''}，请确认申请时间`,
          `${days} days remain before ${l.en} (${expiry}): an extension is applied for within the 30 days before expiry${basis ? ` (${basis.en})` : ''}; confirm the timing`,
        ),
      ];
    }
    return [];
  },
  // 申请延期至: after 原有效期至, no later than 聘用期限至.
  (values, _ctx, form) => {
    const asked = dateOf(values, 'permit.newExpiry');
    if (!asked) return [];
    const l = labelOf(form, 'permit.newExpiry');
    const expiry = dateOf(values, 'permit.expiry');
    if (expiry && compareDates(asked, expiry) <= 0) {
      const e = labelOf(form, 'permit.expiry');
      return [
        problem(
          'permit.newExpiry',
          'block',
          'permit.newExpiry.notAfter',
          `「${l.zh}」（${asked}）须晚于「${e.zh}」（${expiry}），请更正`,
          `${l.en} (${asked}) must be after ${e.en} (${expiry}); correct it`,
        ),
      ];
    }
    const end = dateOf(values, 'job.end');
    if (!end) {
      const e = labelOf(form, 'job.end');
      return [
        problem(
          'job.end',
          'warn',
          'permit.contractRenewed',
          `未填写「${e.zh}」：视为劳动合同已续订至 ${asked}，请确认并备好续订的劳动合同`,
          `${e.en} is empty: the contract is taken as renewed until ${asked}; confirm it and bring the renewed contract`,
        ),
      ];
    }
    if (compareDates(asked, end) > 0) {
      const e = labelOf(form, 'job.end');
      return [
        problem(
          'permit.newExpiry',
          'block',
          'permit.newExpiry.afterContract',
          `「${l.zh}」（${asked}）不能晚于「${e.zh}」（${end}），请改为 ${end} 或以前；劳动合同已续订的，请先更正聘用期限至`,
          `${l.en} (${asked}) cannot be after ${e.en} (${end}); change it to ${end} or earlier, or, if the contract was renewed, correct ${e.en} first`,
        ),
      ];
    }
    return [];
  },
];

// ─── Taiwan, Hong Kong and Macao residents ─────────────────────────────────────────────────

/** 出生日期 against 聘用期限自: under 18 blocks; over 60 blocks unless 超龄说明 is given (HMT Art. 6). */
const hmtAge: Rule = (values, _ctx, form) => {
  const birth = dateOf(values, 'hmt.birthDate');
  const start = dateOf(values, 'job.start');
  if (!birth || !start) return [];
  const age = ageOn(birth, start);
  const b = labelOf(form, 'hmt.birthDate');
  const art = hmtArticle(6);
  if (age < 18) {
    return [
      problem(
        'hmt.birthDate',
        'block',
        'age.under18',
        `「${b.zh}」：聘用期限自（${start}）时未满18周岁（${art.zh}），不能申请，请核对出生日期或聘用期限`,
        `${b.en}: the person is under 18 on the employment start date ${start} (${art.en}); check the date of birth or the employment period`,
      ),
    ];
  }
  if (age > 60 && valueOf(values, 'hmt.overAgeReason') === '' && form.field('hmt.overAgeReason')) {
    const r = labelOf(form, 'hmt.overAgeReason');
    return [
      problem(
        'hmt.overAgeReason',
        'block',
        'age.over60.reason',
        `聘用期限自（${start}）时已满${age}周岁，超过60周岁（${art.zh}）：只有直接参与经营的投资者或内地急需的专业技术人员可以申请，请填写「${r.zh}」`,
        `The person is ${age} on the employment start date ${start}, over 60 (${art.en}): only investors taking part in the management or professionals urgently needed in the Mainland may apply; fill in ${r.en}`,
      ),
    ];
  }
  return [];
};

export const hmtPersonRules: readonly Rule[] = [
  (values, _ctx, form) => {
    const v = valueOf(values, 'hmt.docNo');
    const docType = valueOf(values, 'hmt.docType');
    // an unlisted 证件类型 is already reported on its own field (option.invalid)
    if (v === '' || !(form.field('hmt.docType')?.options ?? []).includes(docType)) return [];
    const found = checkHmtDocNo(docType, valueOf(values, 'hmt.residentType'), v);
    if (!found) return [];
    // a 证件类型 that does not suit 居民类别 belongs to 证件类型
    return [fromFinding(form, found.code === 'hmtdoc.type' ? 'hmt.docType' : 'hmt.docNo', found)];
  },
  (values, ctx, form) => {
    const expiry = dateOf(values, 'hmt.docExpiry');
    if (!expiry || compareDates(expiry, ctx.today) > 0) return [];
    const l = labelOf(form, 'hmt.docExpiry');
    return [
      problem(
        'hmt.docExpiry',
        'block',
        'document.expired',
        `「${l.zh}」（${expiry}）须晚于今天（${ctx.today}），证件已过期，请换领证件后填写新证件的类型、号码和有效期`,
        `${l.en} (${expiry}) must be after today (${ctx.today}); the document has expired: renew it and enter the new document's type, number and expiry`,
      ),
    ];
  },
  simple('hmt.phone', (v, form) => checkHmtPhone(v, asLabel(form, 'hmt.phone'))),
  simple('hmt.photo', (v) => checkPhoto(v)),
  hmtAge,
];
