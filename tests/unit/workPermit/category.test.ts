import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATION_STANDARD,
  EMPTY_POINTS_INPUT,
  assessValues,
  computePoints,
  determineCategory,
  type ApplicantInput,
} from '../../../shared/workPermit';
import { WORK_PERMIT_CANDIDATES } from '../../fixtures/workPermitCandidates';

const base: ApplicantInput = { ...EMPTY_POINTS_INPUT, aQualification: null, bQualification: null, localAverageSalaryWan: null };

function categorise(patch: Partial<ApplicantInput>) {
  const input = { ...base, ...patch };
  const points = computePoints(input);
  return { points, result: determineCategory(input, points) };
}

// 85 by hand: 年薪 45 → 20, 博士 → 20, 12 years → 5 + 10 = 15, 9 months → 15, age 30 → 15
const EIGHTY_FIVE: Partial<ApplicantInput> = { annualSalaryWan: 45, education: '博士', experienceYears: 12, monthsInChinaPerYear: 9, age: 30 };
// 60 by hand, with no degree: 年薪 25 → 14, 技师 → 15, 1 year → 0, 9 months → 15, age 30 → 15, HSK 1 → 1
const SIXTY: Partial<ApplicantInput> = {
  annualSalaryWan: 25,
  education: '其他',
  skill: '技师或相当',
  experienceYears: 1,
  monthsInChinaPerYear: 9,
  age: 30,
  chinese: '汉语水平考试（HSK）一级',
};

describe('category A', () => {
  it('85 points exactly is A; 84 is not', () => {
    const at = categorise(EIGHTY_FIVE);
    expect(at.points.total).toBe(85);
    expect(at.result.category).toBe('A');
    expect(at.result.reasons).toContain('计点积分85分以上 / 85 points or more');
    const below = categorise({ ...EIGHTY_FIVE, experienceYears: 11 }); // 14 instead of 15
    expect(below.points.total).toBe(84);
    expect(below.result.category).toBe('B');
  });

  it('a listed qualification is A whatever the points, age or experience', () => {
    const { points, result } = categorise({ aQualification: '入选国内人才引进计划', age: 72 });
    expect(points.total).toBe(0);
    expect(result.category).toBe('A');
    expect(result.label).toBe('外国高端人才（A类）');
    expect(result.reasons[1]).toBe('入选国内人才引进计划 / Meets a listed category-A qualification');
  });

  it('a salary of 6 × the local average is A; just under is B (4 ×)', () => {
    expect(categorise({ annualSalaryWan: 60, localAverageSalaryWan: 10, age: 40 }).result.category).toBe('A');
    const under = categorise({ annualSalaryWan: 59.99, localAverageSalaryWan: 10, age: 40 });
    expect(under.result.category).toBe('B');
    expect(under.result.routes.find((r) => r.id === 'b.salary')?.met).toBe(true);
  });

  it('"无" is no qualification', () => {
    expect(categorise({ aQualification: '无', bQualification: '无', age: 30 }).result.category).toBe('C');
  });
});

describe('category B', () => {
  it('60 points exactly is B; 59 is C', () => {
    const at = categorise(SIXTY);
    expect(at.points.total).toBe(60);
    expect(at.result.category).toBe('B');
    const below = categorise({ ...SIXTY, chinese: '无' });
    expect(below.points.total).toBe(59);
    expect(below.result.category).toBe('C');
    expect(below.result.reasons).toEqual([
      '积分合计 59 分 / 59 points in total',
      '低于60分 / Below 60 points',
      '不符合A类、B类所列其他条件 / Meets no other listed route of category A or B',
    ]);
  });

  it("a bachelor's degree with 2 years' experience is B at any points; 1.9 years or no degree is not", () => {
    expect(categorise({ education: '学士', experienceYears: 2, age: 30 }).result.category).toBe('B');
    expect(categorise({ education: '学士', experienceYears: 1.9, age: 30 }).result.category).toBe('C');
    expect(categorise({ education: '其他', experienceYears: 5, age: 30 }).result.category).toBe('C');
  });

  it('a salary of exactly 4 × the local average is B', () => {
    expect(categorise({ annualSalaryWan: 40, localAverageSalaryWan: 10, age: 30 }).result.category).toBe('B');
    expect(categorise({ annualSalaryWan: 39.9, localAverageSalaryWan: 10, age: 30 }).result.category).toBe('C');
  });

  it('a listed B qualification is B', () => {
    expect(categorise({ bQualification: '外国语言教学人员', age: 30 }).result.category).toBe('B');
  });

  it('the age limit of 60 applies to every B route: 60 is B, 61 is C with the reason', () => {
    expect(categorise({ education: '学士', experienceYears: 2, age: 60 }).result.category).toBe('B');
    const over = categorise({ education: '学士', experienceYears: 2, age: 61 });
    expect(over.result.category).toBe('C');
    expect(over.result.reasons.at(-1)).toBe('年龄 61 周岁，超过60周岁：B类原则上不超过60周岁，确有需要的须经批准放宽 / Aged 61, over 60: category B needs an approved exception');
    expect(categorise({ ...SIXTY, age: 61 }).result.category).toBe('C');
  });

  it('an unknown age does not pass the limit', () => {
    const r = categorise({ education: '硕士', experienceYears: 3, age: null }).result;
    expect(r.category).toBe('C');
    expect(r.reasons.at(-1)).toContain('无法确认是否不超过60周岁');
  });
});

describe('every result says which rule decided', () => {
  it('carries the standard as its source', () => {
    const r = categorise(SIXTY).result;
    expect(r.source).toBe(CLASSIFICATION_STANDARD);
    expect(r.source.citation).toContain('《外国人来华工作分类标准（试行）》');
    expect(r.routes.map((x) => x.id)).toEqual(['a.qualification', 'a.salary', 'a.points', 'b.degree', 'b.qualification', 'b.salary', 'b.points']);
  });

  it('warns about an applicant under 18', () => {
    expect(categorise({ age: 17 }).result.reasons.at(-1)).toBe('年龄 17 周岁：申请人应年满18周岁 / Aged 17: applicants must be at least 18');
  });
});

describe('the three sample candidates match the hand computation', () => {
  it.each(WORK_PERMIT_CANDIDATES.map((c) => [c.id, c] as const))('candidate %s', (_id, candidate) => {
    const { points, category } = assessValues(candidate.values);
    expect(Object.fromEntries(points.items.map((i) => [i.id, i.points]))).toEqual(candidate.expected.items);
    expect(points.total).toBe(candidate.expected.total);
    expect(category.category).toBe(candidate.expected.category);
  });
});
