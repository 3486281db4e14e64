/**
 * The 积分要素计分赋值表（暂行版） of 《外国人来华工作分类标准（试行）》 as data. A new edition is a
 * new constant of this shape (and `CURRENT_POINTS_TABLE` pointing at it): points.ts only reads it.
 *
 * Checked against the published table (国家外国专家局, 2017-03-29, in force 2017-04-01). An
 * earlier draft circulated in 2016–2017 as the 积分要素计分赋值表（试用版） differs: 相关工作年限
 * capped at 15, 汉语水平 capped at 10 (HSK 5 → 10, 4 → 8, 3 → 6, 2 → 4, 1 → 2, no 曾经具有中国国籍
 * row), ages written half-open ([18,25) …), and no 知识产权 / 连续在华工作 rows. We follow the
 * national 暂行版: work years capped at 20, Chinese at 5, ages in closed brackets of whole years.
 *
 * Intervals: `[min, below)` — min included, below excluded — exactly as the table writes 年薪
 * ([35,45) → 17; 45 及以上 → 20) and 每年工作时间 ([6,9) → 10; 9 及以上 → 15). Ages are whole
 * years (周岁), so the table's closed brackets [18,25], [26,45], [46,55], [56,60] are the
 * half-open [18,26), [26,46), [46,56), [56,61) here: 25 → 10, 26 → 15, 45 → 15, 46 → 10,
 * 55 → 10, 56 → 5, 60 → 5, 61 → 0.
 */
import { CLASSIFICATION_STANDARD, type RuleSource } from './source';

// ─── options, exactly as the table words them ─────────────────────────────────────────────

export const DEGREES = ['博士', '硕士', '学士', '其他'] as const;
export type Degree = (typeof DEGREES)[number];

export const SKILL_LEVELS = ['国际通用最高等级职业技能资格证书', '高级技师或相当', '技师或相当', '高级工或相当', '无'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const CHINESE_LEVELS = [
  '曾经具有中国国籍',
  '取得以汉语为教学语言的学士及以上学位',
  '汉语水平考试（HSK）五级或以上',
  '汉语水平考试（HSK）四级',
  '汉语水平考试（HSK）三级',
  '汉语水平考试（HSK）二级',
  '汉语水平考试（HSK）一级',
  '无',
] as const;
export type ChineseLevel = (typeof CHINESE_LEVELS)[number];

export const REGIONS = ['西部地区', '东北地区等老工业基地', '国家级贫困县等特别地区', '其他地区'] as const;
export type Region = (typeof REGIONS)[number];

export const BONUS_FLAGS = ['highLevelUniversity', 'fortune500', 'intellectualProperty', 'fiveYearsInChina'] as const;
export type BonusFlag = (typeof BONUS_FLAGS)[number];

// ─── the shape of a table ─────────────────────────────────────────────────────────────────

/** One band of a numeric item: values in [min, below) score `points`; below null = no upper end. */
export interface Band {
  readonly min: number;
  readonly below: number | null;
  readonly points: number;
  /** the band as the table prints it, e.g. [35,45) or 45及以上 */
  readonly text: string;
  readonly textEn: string;
}

export interface ChoiceOption<V extends string = string> {
  readonly value: V;
  readonly labelEn: string;
  readonly points: number;
}

export interface FlagDef {
  readonly key: BonusFlag;
  readonly label: string;
  readonly labelEn: string;
  readonly points: number;
}

interface ItemBase {
  readonly id: string;
  /** the 计分项 as printed */
  readonly label: string;
  readonly labelEn: string;
  /** 此项最高 n 分 */
  readonly cap: number;
}

export type PointsItemDef =
  | (ItemBase & {
      readonly kind: 'bands';
      readonly input: 'annualSalaryWan' | 'monthsInChinaPerYear' | 'age';
      readonly unit: string;
      readonly unitEn: string;
      readonly bands: readonly Band[];
    })
  | (ItemBase & {
      readonly kind: 'years';
      readonly input: 'experienceYears';
      /** completed years from which the item scores */
      readonly from: number;
      readonly pointsAtFrom: number;
      /** for each completed year beyond `from` */
      readonly perFurtherYear: number;
    })
  | (ItemBase & {
      /** one or more choices; the item scores the best of them (the table's "或") */
      readonly kind: 'choice';
      readonly choices: readonly (
        | { readonly input: 'education'; readonly options: readonly ChoiceOption<Degree>[] }
        | { readonly input: 'skill'; readonly options: readonly ChoiceOption<SkillLevel>[] }
        | { readonly input: 'chinese'; readonly options: readonly ChoiceOption<ChineseLevel>[] }
        | { readonly input: 'region'; readonly options: readonly ChoiceOption<Region>[] }
      )[];
    })
  | (ItemBase & { readonly kind: 'flags'; readonly input: 'bonus'; readonly flags: readonly FlagDef[] })
  | (ItemBase & { readonly kind: 'score'; readonly input: 'localBonus' });

export interface PointsTable {
  readonly name: string;
  readonly edition: string;
  readonly source: RuleSource;
  readonly items: readonly PointsItemDef[];
  /** total from which the points alone support a category */
  readonly thresholds: { readonly A: number; readonly B: number };
}

// ─── 积分要素计分赋值表（暂行版） ─────────────────────────────────────────────────────────

export const POINTS_TABLE_2017: PointsTable = {
  name: '积分要素计分赋值表',
  edition: '暂行版',
  source: { ...CLASSIFICATION_STANDARD, part: '附件：积分要素计分赋值表（暂行版）', partEn: 'Annex: points table (interim edition)' },
  thresholds: { A: 85, B: 60 },
  items: [
    {
      id: 'salary',
      kind: 'bands',
      label: '国内聘用单位支付年薪',
      labelEn: 'Annual salary paid by the employer in China',
      cap: 20,
      input: 'annualSalaryWan',
      unit: '万元',
      unitEn: '× 10,000 yuan',
      bands: [
        { min: 45, below: null, points: 20, text: '45及以上', textEn: '45 or more' },
        { min: 35, below: 45, points: 17, text: '[35,45)', textEn: '[35,45)' },
        { min: 25, below: 35, points: 14, text: '[25,35)', textEn: '[25,35)' },
        { min: 15, below: 25, points: 11, text: '[15,25)', textEn: '[15,25)' },
        { min: 7, below: 15, points: 8, text: '[7,15)', textEn: '[7,15)' },
        { min: 5, below: 7, points: 5, text: '[5,7)', textEn: '[5,7)' },
        { min: 0, below: 5, points: 0, text: '小于5', textEn: 'under 5' },
      ],
    },
    {
      id: 'education',
      kind: 'choice',
      label: '受教育程度或取得职业技能资格证书等',
      labelEn: 'Education or vocational skill qualification',
      cap: 20,
      choices: [
        {
          input: 'education',
          options: [
            { value: '博士', labelEn: "Doctor's degree", points: 20 },
            { value: '硕士', labelEn: "Master's degree", points: 15 },
            { value: '学士', labelEn: "Bachelor's degree", points: 10 },
            { value: '其他', labelEn: 'Other', points: 0 },
          ],
        },
        {
          input: 'skill',
          options: [
            { value: '国际通用最高等级职业技能资格证书', labelEn: 'Highest-level internationally recognised skill certificate', points: 20 },
            { value: '高级技师或相当', labelEn: 'Senior technician or equivalent', points: 20 },
            { value: '技师或相当', labelEn: 'Technician or equivalent', points: 15 },
            { value: '高级工或相当', labelEn: 'Senior worker or equivalent', points: 10 },
            { value: '无', labelEn: 'None', points: 0 },
          ],
        },
      ],
    },
    {
      id: 'experience',
      kind: 'years',
      label: '工作年限',
      labelEn: 'Years of work experience',
      cap: 20,
      input: 'experienceYears',
      from: 2,
      pointsAtFrom: 5,
      perFurtherYear: 1,
    },
    {
      id: 'months',
      kind: 'bands',
      label: '每年工作时间',
      labelEn: 'Months worked in China per year',
      cap: 15,
      input: 'monthsInChinaPerYear',
      unit: '月',
      unitEn: 'months',
      bands: [
        { min: 9, below: null, points: 15, text: '9及以上', textEn: '9 or more' },
        { min: 6, below: 9, points: 10, text: '[6,9)', textEn: '[6,9)' },
        { min: 3, below: 6, points: 5, text: '[3,6)', textEn: '[3,6)' },
        { min: 0, below: 3, points: 0, text: '小于3', textEn: 'under 3' },
      ],
    },
    {
      id: 'chinese',
      kind: 'choice',
      label: '汉语水平',
      labelEn: 'Chinese proficiency',
      cap: 5,
      choices: [
        {
          input: 'chinese',
          options: [
            { value: '曾经具有中国国籍', labelEn: 'Formerly a Chinese national', points: 5 },
            { value: '取得以汉语为教学语言的学士及以上学位', labelEn: "Bachelor's degree or higher taught in Chinese", points: 5 },
            { value: '汉语水平考试（HSK）五级或以上', labelEn: 'HSK level 5 or higher', points: 5 },
            { value: '汉语水平考试（HSK）四级', labelEn: 'HSK level 4', points: 4 },
            { value: '汉语水平考试（HSK）三级', labelEn: 'HSK level 3', points: 3 },
            { value: '汉语水平考试（HSK）二级', labelEn: 'HSK level 2', points: 2 },
            { value: '汉语水平考试（HSK）一级', labelEn: 'HSK level 1', points: 1 },
            { value: '无', labelEn: 'None', points: 0 },
          ],
        },
      ],
    },
    {
      id: 'region',
      kind: 'choice',
      label: '工作定向',
      labelEn: 'Place of work',
      cap: 10,
      choices: [
        {
          input: 'region',
          options: [
            { value: '西部地区', labelEn: 'Western region', points: 10 },
            { value: '东北地区等老工业基地', labelEn: 'Old industrial bases such as the Northeast', points: 10 },
            { value: '国家级贫困县等特别地区', labelEn: 'Special areas such as national poverty counties', points: 10 },
            { value: '其他地区', labelEn: 'Elsewhere', points: 0 },
          ],
        },
      ],
    },
    {
      id: 'age',
      kind: 'bands',
      label: '年龄',
      labelEn: 'Age',
      cap: 15,
      input: 'age',
      unit: '岁',
      unitEn: 'years',
      bands: [
        { min: 61, below: null, points: 0, text: '大于60', textEn: 'over 60' },
        { min: 56, below: 61, points: 5, text: '[56,60]', textEn: '[56,60]' },
        { min: 46, below: 56, points: 10, text: '[46,55]', textEn: '[46,55]' },
        { min: 26, below: 46, points: 15, text: '[26,45]', textEn: '[26,45]' },
        { min: 18, below: 26, points: 10, text: '[18,25]', textEn: '[18,25]' },
      ],
    },
    {
      id: 'bonus',
      kind: 'flags',
      label: '毕业于国（境）外高水平大学或有全球500强企业任职经验及其他规定条件的',
      labelEn: 'High-level university abroad, Fortune Global 500 experience and other listed conditions',
      cap: 5,
      input: 'bonus',
      flags: [
        { key: 'highLevelUniversity', label: '毕业于国（境）外高水平大学', labelEn: 'Graduated from a high-level university abroad', points: 5 },
        { key: 'fortune500', label: '有世界500强企业任职经验', labelEn: 'Worked for a Fortune Global 500 company', points: 5 },
        { key: 'intellectualProperty', label: '具有专利等知识产权的', labelEn: 'Holds patents or other intellectual property', points: 5 },
        { key: 'fiveYearsInChina', label: '已连续在华工作年限5年及以上的', labelEn: 'Has worked in China for 5 consecutive years or more', points: 5 },
      ],
    },
    {
      id: 'localBonus',
      kind: 'score',
      label: '地方鼓励性加分',
      labelEn: 'Local bonus for talent in short supply',
      cap: 10,
      input: 'localBonus',
    },
  ],
};

/** The edition in force. */
export const CURRENT_POINTS_TABLE: PointsTable = POINTS_TABLE_2017;

/** The most a candidate can score under `table` (120 under the 暂行版). */
export function maxTotal(table: PointsTable = CURRENT_POINTS_TABLE): number {
  return table.items.reduce((sum, item) => sum + item.cap, 0);
}
