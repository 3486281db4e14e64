/**
 * Scores an applicant against a points table (pointsTable.ts): each item's value → its points,
 * capped at the item's 此项最高 n 分, and the total. Knows nothing of any edition: it only reads
 * the table it is given.
 */
import {
  CURRENT_POINTS_TABLE,
  maxTotal,
  type BonusFlag,
  type ChineseLevel,
  type ChoiceOption,
  type Degree,
  type PointsItemDef,
  type PointsTable,
  type Region,
  type SkillLevel,
} from './pointsTable';
import type { RuleSource } from './source';

/** What the points need. null = not entered (scores 0). */
export interface PointsInput {
  /** 国内聘用单位支付年薪, in 万元 (10,000 yuan) */
  readonly annualSalaryWan: number | null;
  readonly education: Degree | null;
  readonly skill: SkillLevel | null;
  /** related work experience in years; only completed years count */
  readonly experienceYears: number | null;
  readonly monthsInChinaPerYear: number | null;
  readonly chinese: ChineseLevel | null;
  readonly region: Region | null;
  /** whole years (周岁) on the planned filing date */
  readonly age: number | null;
  readonly bonus: Readonly<Record<BonusFlag, boolean>>;
  /** 地方鼓励性加分 granted by the province, 0–10 */
  readonly localBonus: number | null;
}

export const NO_BONUS: Readonly<Record<BonusFlag, boolean>> = {
  highLevelUniversity: false,
  fortune500: false,
  intellectualProperty: false,
  fiveYearsInChina: false,
};

/** An input with nothing entered. */
export const EMPTY_POINTS_INPUT: PointsInput = {
  annualSalaryWan: null,
  education: null,
  skill: null,
  experienceYears: null,
  monthsInChinaPerYear: null,
  chinese: null,
  region: null,
  age: null,
  bonus: NO_BONUS,
  localBonus: null,
};

/** Plausible ranges: a value outside scores nothing and says why. */
export const INPUT_LIMITS = {
  annualSalaryWan: { min: 0, max: 100_000 },
  experienceYears: { min: 0, max: 80 },
  monthsInChinaPerYear: { min: 0, max: 12 },
  age: { min: 0, max: 150 },
  localBonus: { min: 0, max: 10 },
} as const;

export interface ItemScore {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string;
  readonly cap: number;
  /** the value as entered, for display ('' when nothing was entered) */
  readonly value: string;
  readonly valueEn: string;
  /** the row of the table that scored, as printed (e.g. [35,45), 博士), '' when none */
  readonly matched: string;
  readonly matchedEn: string;
  /** points before the cap */
  readonly raw: number;
  readonly points: number;
  readonly capped: boolean;
  readonly entered: boolean;
  /** "中文 / English" when the value could not be scored */
  readonly problem?: string;
}

export interface PointsResult {
  readonly items: readonly ItemScore[];
  readonly total: number;
  readonly max: number;
  readonly tableName: string;
  readonly edition: string;
  readonly source: RuleSource;
  readonly thresholds: { readonly A: number; readonly B: number };
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

type Scored = Omit<ItemScore, 'id' | 'label' | 'labelEn' | 'cap' | 'points' | 'capped'>;

const nothing: Scored = { value: '', valueEn: '', matched: '', matchedEn: '', raw: 0, entered: false };

function outOfRange(item: PointsItemDef, value: number, limits: { min: number; max: number }, unit: string, unitEn: string): Scored {
  return {
    value: `${fmt(value)} ${unit}`,
    valueEn: `${fmt(value)} ${unitEn}`,
    matched: '',
    matchedEn: '',
    raw: 0,
    entered: true,
    problem: `${item.label}应在 ${limits.min}–${limits.max} ${unit}之间 / ${item.labelEn} must be between ${limits.min} and ${limits.max} ${unitEn}`,
  };
}

function scoreItem(item: PointsItemDef, input: PointsInput): Scored {
  switch (item.kind) {
    case 'bands': {
      const v = input[item.input];
      if (v === null) return nothing;
      const limits = INPUT_LIMITS[item.input];
      if (!Number.isFinite(v) || v < limits.min || v > limits.max) return outOfRange(item, v, limits, item.unit, item.unitEn);
      const band = item.bands.find((b) => v >= b.min && (b.below === null || v < b.below));
      const shown = { value: `${fmt(v)} ${item.unit}`, valueEn: `${fmt(v)} ${item.unitEn}`, entered: true };
      if (!band) {
        // only ages below the lowest bracket (18) fall through: the table gives them nothing
        return { ...shown, matched: '', matchedEn: '', raw: 0, problem: `${item.label}不在计分表范围内 / ${item.labelEn} is outside the table's brackets` };
      }
      return { ...shown, matched: band.text, matchedEn: band.textEn, raw: band.points };
    }
    case 'years': {
      const v = input[item.input];
      if (v === null) return nothing;
      const limits = INPUT_LIMITS[item.input];
      if (!Number.isFinite(v) || v < limits.min || v > limits.max) return outOfRange(item, v, limits, '年', 'years');
      const whole = Math.floor(v);
      const raw = whole < item.from ? 0 : item.pointsAtFrom + (whole - item.from) * item.perFurtherYear;
      const matched = whole < item.from ? `不满${item.from}年` : `${whole}年`;
      const matchedEn = whole < item.from ? `under ${item.from} years` : `${whole} years`;
      return { value: `${fmt(v)} 年`, valueEn: `${fmt(v)} years`, matched, matchedEn, raw, entered: true };
    }
    case 'choice': {
      const chosen: ChoiceOption[] = [];
      for (const choice of item.choices) {
        const value = input[choice.input];
        const option = (choice.options as readonly ChoiceOption[]).find((o) => o.value === value);
        if (value !== null && option) chosen.push(option);
      }
      if (chosen.length === 0) return nothing;
      const best = chosen.reduce((a, b) => (b.points > a.points ? b : a));
      // shown: the options that score (a 无 beside a 硕士 says nothing), or the one chosen
      const shown = chosen.some((o) => o.points > 0) ? chosen.filter((o) => o.points > 0) : [best];
      return {
        value: shown.map((o) => o.value).join('、'),
        valueEn: shown.map((o) => o.labelEn).join(', '),
        matched: best.value,
        matchedEn: best.labelEn,
        raw: best.points,
        entered: true,
      };
    }
    case 'flags': {
      const set = item.flags.filter((f) => input.bonus[f.key]);
      if (set.length === 0) return nothing;
      return {
        value: set.map((f) => f.label).join('、'),
        valueEn: set.map((f) => f.labelEn).join(', '),
        matched: set.map((f) => f.label).join('、'),
        matchedEn: set.map((f) => f.labelEn).join(', '),
        raw: set.reduce((sum, f) => sum + f.points, 0),
        entered: true,
      };
    }
    case 'score': {
      const v = input[item.input];
      if (v === null) return nothing;
      const limits = INPUT_LIMITS[item.input];
      if (!Number.isFinite(v) || v < limits.min || v > limits.max) return outOfRange(item, v, limits, '分', 'points');
      const whole = Math.floor(v);
      return { value: `${whole} 分`, valueEn: `${whole} points`, matched: `${whole}`, matchedEn: `${whole}`, raw: whole, entered: true };
    }
  }
}

/** Each item's value → points (capped) and the total, under `table` (the edition in force by default). */
export function computePoints(input: PointsInput, table: PointsTable = CURRENT_POINTS_TABLE): PointsResult {
  const items = table.items.map((item): ItemScore => {
    const scored = scoreItem(item, input);
    const points = Math.min(scored.raw, item.cap);
    return { id: item.id, label: item.label, labelEn: item.labelEn, cap: item.cap, ...scored, points, capped: scored.raw > item.cap };
  });
  return {
    items,
    total: items.reduce((sum, i) => sum + i.points, 0),
    max: maxTotal(table),
    tableName: table.name,
    edition: table.edition,
    source: table.source,
    thresholds: table.thresholds,
  };
}
