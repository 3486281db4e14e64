/**
 * The category a candidate's data supports under 《外国人来华工作分类标准（试行）》:
 *
 * - A 外国高端人才: a listed qualification (国内人才引进计划, 国际公认的专业成就, 市场导向的鼓励类岗位 —
 *   which includes a salary of at least 6 × the local average of the previous year —, 创新创业人才,
 *   优秀青年人才), or 85 points or more. Not limited by age or experience.
 * - B 外国专业人才: a bachelor's degree or above and at least 2 years of related experience, an
 *   internationally recognised skill certificate or a skill in short supply, a qualified language
 *   teacher, a salary of at least 4 × the local average, or 60 points or more.
 * - C 其他外国人员: everyone else (quota-controlled).
 *
 * The standard sets the age limit of category B, "应当不超过60周岁" (exceptions need approval), for
 * the category as a whole, not only for the degree route: we apply it to every B route and say so
 * in the reasons. An unknown age is not assumed to be within the limit.
 */
import type { PointsInput, PointsResult } from './points';
import { CLASSIFICATION_STANDARD, type RuleSource } from './source';

export const A_QUALIFICATIONS = [
  '入选国内人才引进计划',
  '符合国际公认的专业成就认定标准',
  '符合市场导向的鼓励类岗位需求',
  '创新创业人才',
  '优秀青年人才',
  '无',
] as const;
export type AQualification = (typeof A_QUALIFICATIONS)[number];

export const B_QUALIFICATIONS = ['持有国际通用职业技能资格证书或急需紧缺的技能型人才', '外国语言教学人员', '无'] as const;
export type BQualification = (typeof B_QUALIFICATIONS)[number];

export type Category = 'A' | 'B' | 'C';

export const CATEGORY_NAMES: Readonly<Record<Category, { readonly label: string; readonly labelEn: string }>> = {
  A: { label: '外国高端人才（A类）', labelEn: 'Foreign high-end talent (category A)' },
  B: { label: '外国专业人才（B类）', labelEn: 'Foreign professional (category B)' },
  C: { label: '其他外国人员（C类）', labelEn: 'Other foreign personnel (category C)' },
};

/** Multiples of the local average salary of the previous year that qualify on their own. */
export const SALARY_MULTIPLES = { A: 6, B: 4 } as const;
export const B_AGE_LIMIT = 60;
export const B_MIN_EXPERIENCE_YEARS = 2;
export const MINIMUM_AGE = 18;

/** Everything the category needs beyond the points. */
export interface ApplicantInput extends PointsInput {
  readonly aQualification: AQualification | null;
  readonly bQualification: BQualification | null;
  /** 本地区上年度社会平均工资, in 万元 per year */
  readonly localAverageSalaryWan: number | null;
}

export interface CategoryRoute {
  readonly category: 'A' | 'B';
  readonly id: string;
  /** the route, "中文 / English" */
  readonly text: string;
  readonly met: boolean;
}

export interface CategoryResult {
  readonly category: Category;
  readonly label: string;
  readonly labelEn: string;
  /** why this category, one "中文 / English" line each */
  readonly reasons: readonly string[];
  /** every route of A and B, met or not */
  readonly routes: readonly CategoryRoute[];
  readonly total: number;
  readonly source: RuleSource;
}

const BACHELOR_OR_ABOVE = new Set(['博士', '硕士', '学士']);

function salaryMultiple(input: ApplicantInput): number | null {
  const { annualSalaryWan: salary, localAverageSalaryWan: average } = input;
  if (salary === null || average === null) return null;
  if (!Number.isFinite(salary) || !Number.isFinite(average) || salary < 0 || average <= 0) return null;
  return salary / average;
}

/** The category `input` supports, given its points (computePoints of the same input). */
export function determineCategory(input: ApplicantInput, points: PointsResult): CategoryResult {
  const total = points.total;
  const { A: aThreshold, B: bThreshold } = points.thresholds;
  const multiple = salaryMultiple(input);
  const age = input.age !== null && Number.isInteger(input.age) && input.age >= 0 ? input.age : null;
  const experience = input.experienceYears !== null && Number.isFinite(input.experienceYears) ? input.experienceYears : null;

  const aQualified = input.aQualification !== null && input.aQualification !== '无';
  const bQualified = input.bQualification !== null && input.bQualification !== '无';
  const routes: CategoryRoute[] = [
    { category: 'A', id: 'a.qualification', met: aQualified, text: aQualified ? `${input.aQualification} / Meets a listed category-A qualification` : '符合A类所列资格条件 / Meets a listed category-A qualification' },
    {
      category: 'A',
      id: 'a.salary',
      met: multiple !== null && multiple >= SALARY_MULTIPLES.A,
      text: `年薪不低于本地区上年度社会平均工资的${SALARY_MULTIPLES.A}倍 / Salary at least ${SALARY_MULTIPLES.A} × the local average of the previous year`,
    },
    { category: 'A', id: 'a.points', met: total >= aThreshold, text: `计点积分${aThreshold}分以上 / ${aThreshold} points or more` },
    {
      category: 'B',
      id: 'b.degree',
      met: input.education !== null && BACHELOR_OR_ABOVE.has(input.education) && experience !== null && experience >= B_MIN_EXPERIENCE_YEARS,
      text: `具有学士及以上学位和${B_MIN_EXPERIENCE_YEARS}年及以上相关工作经历 / Bachelor's degree or above and at least ${B_MIN_EXPERIENCE_YEARS} years of related experience`,
    },
    { category: 'B', id: 'b.qualification', met: bQualified, text: bQualified ? `${input.bQualification} / Meets a listed category-B qualification` : '符合B类所列资格条件 / Meets a listed category-B qualification' },
    {
      category: 'B',
      id: 'b.salary',
      met: multiple !== null && multiple >= SALARY_MULTIPLES.B,
      text: `年薪不低于本地区上年度社会平均工资的${SALARY_MULTIPLES.B}倍 / Salary at least ${SALARY_MULTIPLES.B} × the local average of the previous year`,
    },
    { category: 'B', id: 'b.points', met: total >= bThreshold, text: `计点积分${bThreshold}分以上 / ${bThreshold} points or more` },
  ];

  const metA = routes.filter((r) => r.category === 'A' && r.met);
  const metB = routes.filter((r) => r.category === 'B' && r.met);
  const pointsLine = `积分合计 ${total} 分 / ${total} points in total`;
  const reasons: string[] = [];
  let category: Category;

  if (metA.length > 0) {
    category = 'A';
    reasons.push(...metA.map((r) => r.text), 'A类不受年龄、工作经历限制 / Category A is not limited by age or experience');
  } else if (metB.length > 0 && age !== null && age <= B_AGE_LIMIT) {
    category = 'B';
    reasons.push(...metB.map((r) => r.text), `年龄 ${age} 周岁，不超过${B_AGE_LIMIT}周岁 / Aged ${age}, not over ${B_AGE_LIMIT}`);
  } else {
    category = 'C';
    if (metB.length > 0 && age === null) {
      reasons.push(...metB.map((r) => r.text), `未填写出生日期或计划提交日期，无法确认是否不超过${B_AGE_LIMIT}周岁 / Without the date of birth and the planned filing date the age limit of ${B_AGE_LIMIT} cannot be confirmed`);
    } else if (metB.length > 0) {
      reasons.push(
        ...metB.map((r) => r.text),
        `年龄 ${age} 周岁，超过${B_AGE_LIMIT}周岁：B类原则上不超过${B_AGE_LIMIT}周岁，确有需要的须经批准放宽 / Aged ${age}, over ${B_AGE_LIMIT}: category B needs an approved exception`,
      );
    } else {
      reasons.push(`低于${bThreshold}分 / Below ${bThreshold} points`, '不符合A类、B类所列其他条件 / Meets no other listed route of category A or B');
    }
  }
  reasons.unshift(pointsLine);
  if (age !== null && age < MINIMUM_AGE) {
    reasons.push(`年龄 ${age} 周岁：申请人应年满${MINIMUM_AGE}周岁 / Aged ${age}: applicants must be at least ${MINIMUM_AGE}`);
  }
  const name = CATEGORY_NAMES[category];
  return { category, label: name.label, labelEn: name.labelEn, reasons, routes, total, source: CLASSIFICATION_STANDARD };
}
