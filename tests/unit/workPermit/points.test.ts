import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURRENT_POINTS_TABLE,
  EMPTY_POINTS_INPUT,
  POINTS_TABLE_2017,
  computePoints,
  maxTotal,
  type PointsInput,
  type PointsTable,
} from '../../../shared/workPermit';

const score = (patch: Partial<PointsInput>, id: string, table: PointsTable = CURRENT_POINTS_TABLE) => {
  const item = computePoints({ ...EMPTY_POINTS_INPUT, ...patch }, table).items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
};

describe('the points table as data', () => {
  it('is the 暂行版 of the national standard, with its source', () => {
    expect(CURRENT_POINTS_TABLE).toBe(POINTS_TABLE_2017);
    expect(POINTS_TABLE_2017.name).toBe('积分要素计分赋值表');
    expect(POINTS_TABLE_2017.edition).toBe('暂行版');
    expect(POINTS_TABLE_2017.source.title).toBe('《外国人来华工作分类标准（试行）》');
    expect(POINTS_TABLE_2017.source.issuer).toBe('国家外国专家局');
    expect([POINTS_TABLE_2017.source.issued, POINTS_TABLE_2017.source.inForce]).toEqual(['2017-03-29', '2017-04-01']);
    expect(POINTS_TABLE_2017.thresholds).toEqual({ A: 85, B: 60 });
  });

  it('caps each item as published: 20 / 20 / 20 / 15 / 5 / 10 / 15 / 5 / 10 = 120', () => {
    expect(Object.fromEntries(POINTS_TABLE_2017.items.map((i) => [i.id, i.cap]))).toEqual({
      salary: 20,
      education: 20,
      experience: 20,
      months: 15,
      chinese: 5,
      region: 10,
      age: 15,
      bonus: 5,
      localBonus: 10,
    });
    expect(maxTotal()).toBe(120);
  });

  it('every numeric value from 0 up falls in exactly one band of 年薪 and 每年工作时间', () => {
    for (const id of ['salary', 'months']) {
      const item = POINTS_TABLE_2017.items.find((i) => i.id === id);
      if (item?.kind !== 'bands') throw new Error(id);
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (v) => {
          const hits = item.bands.filter((b) => v >= b.min && (b.below === null || v < b.below));
          return hits.length === 1;
        }),
      );
    }
  });

  it('a new edition is a data change: the same code scores the edited table', () => {
    const edited: PointsTable = {
      ...POINTS_TABLE_2017,
      edition: '测试版',
      items: POINTS_TABLE_2017.items.map((i) =>
        i.kind === 'bands' && i.id === 'salary' ? { ...i, bands: [{ min: 0, below: null, points: 3, text: '全部', textEn: 'all' }] } : i,
      ),
    };
    expect(score({ annualSalaryWan: 50 }, 'salary', edited).points).toBe(3);
    expect(computePoints(EMPTY_POINTS_INPUT, edited).edition).toBe('测试版');
  });
});

describe('年薪 (万元): [min, below) bands', () => {
  it.each([
    [1000, 20],
    [45, 20], // 45及以上
    [44.99, 17],
    [35, 17], // [35,45)
    [34.99, 14],
    [25, 14], // [25,35)
    [24.99, 11],
    [15, 11],
    [14.99, 8],
    [7, 8],
    [6.99, 5],
    [5, 5],
    [4.99, 0], // 小于5
    [0, 0],
  ])('%s 万 → %s', (salary, points) => {
    expect(score({ annualSalaryWan: salary }, 'salary').points).toBe(points);
  });

  it('shows the band as printed', () => {
    expect(score({ annualSalaryWan: 35 }, 'salary').matched).toBe('[35,45)');
    expect(score({ annualSalaryWan: 45 }, 'salary').matched).toBe('45及以上');
    expect(score({ annualSalaryWan: 45 }, 'salary').matchedEn).toBe('45 or more');
    expect(score({ annualSalaryWan: 4 }, 'salary').matchedEn).toBe('under 5');
  });

  it('a negative or malformed salary scores nothing and says why', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const item = score({ annualSalaryWan: bad }, 'salary');
      expect(item.points).toBe(0);
      expect(item.problem).toMatch(/应在 0–100000 万元之间 \/ .* must be between 0 and 100000/);
    }
  });
});

describe('年龄: closed brackets of whole years', () => {
  it.each([
    [17, 0],
    [18, 10],
    [25, 10],
    [26, 15],
    [45, 15],
    [46, 10],
    [55, 10],
    [56, 5],
    [60, 5],
    [61, 0],
    [90, 0],
  ])('age %s → %s', (age, points) => {
    expect(score({ age }, 'age').points).toBe(points);
  });

  it('under 18 is outside the table, and says so', () => {
    expect(score({ age: 17 }, 'age').problem).toContain('不在计分表范围内');
    expect(score({ age: 18 }, 'age').problem).toBeUndefined();
  });
});

describe('工作年限: 2 years → 5, +1 per further completed year, cap 20', () => {
  it.each([
    [0, 0, false],
    [1.99, 0, false], // 不满两年
    [2, 5, false],
    [2.9, 5, false], // only completed years count
    [3, 6, false],
    [10, 13, false],
    [16, 19, false],
    [17, 20, false], // 5 + 15 = 20, the cap exactly
    [18, 20, true], // 21 → 20
    [40, 20, true],
  ])('%s years → %s (capped: %s)', (years, points, capped) => {
    const item = score({ experienceYears: years }, 'experience');
    expect(item.points).toBe(points);
    expect(item.capped).toBe(capped);
  });
});

describe('每年工作时间 (months)', () => {
  it.each([
    [12, 15],
    [9, 15],
    [8.99, 10],
    [6, 10],
    [5.99, 5],
    [3, 5],
    [2.99, 0],
    [0, 0],
  ])('%s months → %s', (months, points) => {
    expect(score({ monthsInChinaPerYear: months }, 'months').points).toBe(points);
  });

  it('more than 12 months a year is refused', () => {
    expect(score({ monthsInChinaPerYear: 13 }, 'months').problem).toMatch(/每年工作时间应在 0–12 月之间/);
  });
});

describe('受教育程度 or 职业技能: the better of the two, cap 20', () => {
  it.each([
    [{ education: '博士' as const }, 20],
    [{ education: '硕士' as const }, 15],
    [{ education: '学士' as const }, 10],
    [{ education: '其他' as const }, 0],
    [{ skill: '国际通用最高等级职业技能资格证书' as const }, 20],
    [{ skill: '高级技师或相当' as const }, 20],
    [{ skill: '技师或相当' as const }, 15],
    [{ skill: '高级工或相当' as const }, 10],
    [{ education: '学士' as const, skill: '技师或相当' as const }, 15],
    [{ education: '博士' as const, skill: '高级技师或相当' as const }, 20],
  ])('%o → %s', (patch, points) => {
    expect(score(patch, 'education').points).toBe(points);
  });

  it('shows what scores: 硕士 beside 无 is 硕士; both when both score', () => {
    expect(score({ education: '硕士', skill: '无' }, 'education')).toMatchObject({ value: '硕士', valueEn: "Master's degree", matched: '硕士' });
    expect(score({ education: '学士', skill: '技师或相当' }, 'education')).toMatchObject({ value: '学士、技师或相当', matched: '技师或相当' });
    expect(score({ education: '其他', skill: '无' }, 'education')).toMatchObject({ value: '其他', points: 0, entered: true });
  });
});

describe('汉语水平, 工作定向, 加分项, 地方鼓励性加分', () => {
  it.each([
    ['曾经具有中国国籍', 5],
    ['取得以汉语为教学语言的学士及以上学位', 5],
    ['汉语水平考试（HSK）五级或以上', 5],
    ['汉语水平考试（HSK）四级', 4],
    ['汉语水平考试（HSK）三级', 3],
    ['汉语水平考试（HSK）二级', 2],
    ['汉语水平考试（HSK）一级', 1],
    ['无', 0],
  ] as const)('汉语 %s → %s', (chinese, points) => {
    expect(score({ chinese }, 'chinese').points).toBe(points);
  });

  it.each([
    ['西部地区', 10],
    ['东北地区等老工业基地', 10],
    ['国家级贫困县等特别地区', 10],
    ['其他地区', 0],
  ] as const)('工作定向 %s → %s', (region, points) => {
    expect(score({ region }, 'region').points).toBe(points);
  });

  it('加分项: 5 each, capped at 5 together', () => {
    expect(score({ bonus: { highLevelUniversity: true, fortune500: false, intellectualProperty: false, fiveYearsInChina: false } }, 'bonus').points).toBe(5);
    const all = score({ bonus: { highLevelUniversity: true, fortune500: true, intellectualProperty: true, fiveYearsInChina: true } }, 'bonus');
    expect([all.raw, all.points, all.capped]).toEqual([20, 5, true]);
  });

  it('地方鼓励性加分: 0–10, whole points', () => {
    expect(score({ localBonus: 10 }, 'localBonus').points).toBe(10);
    expect(score({ localBonus: 7.5 }, 'localBonus').points).toBe(7);
    expect(score({ localBonus: 11 }, 'localBonus').points).toBe(0);
    expect(score({ localBonus: 11 }, 'localBonus').problem).toContain('0–10');
  });
});

describe('worked examples (by hand)', () => {
  it('nothing entered scores 0 of 120', () => {
    const r = computePoints(EMPTY_POINTS_INPUT);
    expect([r.total, r.max]).toEqual([0, 120]);
    expect(r.items.every((i) => !i.entered && i.value === '')).toBe(true);
  });

  it('everything at its best scores exactly 120', () => {
    // 20 (年薪 45) + 20 (博士) + 20 (17 years) + 15 (9 months) + 5 (HSK 5) + 10 (西部) + 15 (26) + 5 + 10 = 120
    const r = computePoints({
      annualSalaryWan: 45,
      education: '博士',
      skill: null,
      experienceYears: 17,
      monthsInChinaPerYear: 9,
      chinese: '汉语水平考试（HSK）五级或以上',
      region: '西部地区',
      age: 26,
      bonus: { highLevelUniversity: true, fortune500: true, intellectualProperty: true, fiveYearsInChina: true },
      localBonus: 10,
    });
    expect(r.total).toBe(120);
  });

  it('a 58-year-old engineer in the west', () => {
    // 年薪 20 → 11; 学士 + 技师 → max(10, 15) = 15; 25 years → 5 + 23 = 28 → cap 20; 8 months → 10;
    // HSK 3 → 3; 西部地区 → 10; age 58 → 5; 5 years in China → 5; local 2 → 2.
    // 11 + 15 + 20 + 10 + 3 + 10 + 5 + 5 + 2 = 81
    const r = computePoints({
      annualSalaryWan: 20,
      education: '学士',
      skill: '技师或相当',
      experienceYears: 25,
      monthsInChinaPerYear: 8,
      chinese: '汉语水平考试（HSK）三级',
      region: '西部地区',
      age: 58,
      bonus: { highLevelUniversity: false, fortune500: false, intellectualProperty: false, fiveYearsInChina: true },
      localBonus: 2,
    });
    expect(r.items.map((i) => i.points)).toEqual([11, 15, 20, 10, 3, 10, 5, 5, 2]);
    expect(r.total).toBe(81);
  });
});
