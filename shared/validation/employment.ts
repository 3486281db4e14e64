/** Employment section rules: 聘用期限 (Art. 18) and 月工资（元） (Art. 22). */
import { addYears, checkIsoDate, compareDates } from './dates';
import { finding, type Finding } from './finding';
import { article, FOREIGNERS_RULES } from './regulations';

const ART_18 = article(FOREIGNERS_RULES, 18);
const ART_22 = article(FOREIGNERS_RULES, 22);

/** 《外国人在中国就业管理规定》第十八条: 劳动合同的期限最长不得超过五年. */
export const MAX_CONTRACT_YEARS = 5;

const START = { zh: '聘用期限自', en: 'Employment from' } as const;
const END = { zh: '聘用期限至', en: 'Employment until' } as const;

/**
 * 聘用期限自 (job.start) / 聘用期限至 (job.end).
 * - 'date.format': either is not a real YYYY-MM-DD date (start is reported first);
 * - 'contract.order': end is not after start;
 * - 'contract.tooLong': end is after addYears(start, 5), i.e. more than five years (Art. 18).
 *   2025-03-01 → 2030-03-01 is exactly five years and allowed; 2030-03-02 blocks. A 29 February
 *   start ends at the latest on 1 March five years later (see dates.ts).
 */
export function checkContractPeriod(start: string, end: string): Finding | null {
  const badDate = checkIsoDate(start, START) ?? checkIsoDate(end, END);
  if (badDate) return badDate;
  if (compareDates(end, start) <= 0) {
    return finding(
      'contract.order',
      `聘用期限至（${end}）必须晚于聘用期限自（${start}），请更正聘用期限`,
      `Employment until (${end}) must be after Employment from (${start}); correct the employment period`,
    );
  }
  const latest = addYears(start, MAX_CONTRACT_YEARS);
  if (compareDates(end, latest) > 0) {
    return finding(
      'contract.tooLong',
      `聘用期限至不能晚于 ${latest}：聘用期限最长为5年（${ART_18.zh}），请更正`,
      `Employment until must be ${latest} or earlier: the employment period may be at most 5 years (${ART_18.en})`,
    );
  }
  return null;
}

/** A positive amount in yuan with up to 2 decimals, no sign, separators or leading zeros. */
const AMOUNT = /^(0|[1-9]\d{0,11})(?:\.(\d{1,2}))?$/;

/** Amount in fen (1/100 yuan) of a string matching AMOUNT, or null. */
export function parseYuanToFen(value: string): number | null {
  const m = AMOUNT.exec(value);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen;
}

function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

/**
 * 月工资（元） (job.salary), a string as typed.
 * - 'salary.format': not a positive number of yuan with at most 2 decimals (e.g. 8000 or 8000.50);
 * - 'salary.belowMinimum': below `minimumWage` (Art. 22); equal to it is allowed.
 * If `minimumWage` is not a positive finite number the minimum check is skipped.
 */
export function checkSalary(value: string, minimumWage: number): Finding | null {
  const fen = parseYuanToFen(value);
  if (fen === null || fen <= 0) {
    return finding(
      'salary.format',
      '月工资（元）应为大于0的数字，最多两位小数，不要加逗号或单位（如 8000 或 8000.50），请更正',
      'Monthly salary (yuan) must be a number above 0 with at most 2 decimals, without commas or units (e.g. 8000 or 8000.50); correct it',
    );
  }
  if (Number.isFinite(minimumWage) && minimumWage > 0 && fen < Math.round(minimumWage * 100)) {
    const min = formatYuan(minimumWage);
    return finding(
      'salary.belowMinimum',
      `月工资（元）低于当地最低工资标准 ${min} 元（${ART_22.zh}），请填写不低于 ${min} 元的金额`,
      `Monthly salary (yuan) is below the local minimum wage of ${min} yuan (${ART_22.en}); enter at least ${min} yuan`,
    );
  }
  return null;
}

/**
 * Default for the minimum-wage setting: the Guangzhou monthly minimum wage for full-time employees
 * (广州市, 第一类地区).
 *
 * What is known with confidence: 粤府函〔2021〕1号 (广东省人民政府关于调整我省企业职工最低工资
 * 标准的通知) set Guangzhou at 2300 yuan/month from 2021-12-01; Guangdong's next adjustment raised
 * Guangzhou to 2500 yuan/month from 2025-03-01. The document number of the 2025 notice could not
 * be verified offline while writing this, so it is left as 〔2025〕…号: staff should confirm it (and
 * any later adjustment) in the settings, where the source and date are shown.
 */
export const DEFAULT_MINIMUM_WAGE: { amount: number; source: string; effective: string } = {
  amount: 2500,
  source:
    '广东省人民政府关于调整我省企业职工最低工资标准的通知（粤府函〔2025〕…号）：广州市月最低工资标准2500元（此前为2300元，粤府函〔2021〕1号，2021-12-01起）',
  effective: '2025-03-01',
};
