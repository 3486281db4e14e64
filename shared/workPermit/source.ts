/**
 * Where each rule of today's 外国人来华工作许可 comes from. Every result this module computes
 * carries its source, so the screen can say which text (and which edition of it) decided.
 */

export interface RuleSource {
  /** the text as published, e.g. 《外国人来华工作分类标准（试行）》 */
  readonly title: string;
  /** the part of it the rule comes from, e.g. the attached table */
  readonly part: string;
  readonly partEn: string;
  readonly issuer: string;
  /** YYYY-MM-DD */
  readonly issued: string;
  /** YYYY-MM-DD */
  readonly inForce: string;
  /** one line for the screen, "中文 / English" */
  readonly citation: string;
}

/** 《外国人来华工作分类标准（试行）》: the categories A / B / C. */
export const CLASSIFICATION_STANDARD: RuleSource = {
  title: '《外国人来华工作分类标准（试行）》',
  part: '外国高端人才（A类）、外国专业人才（B类）、其他外国人员（C类）',
  partEn: 'Categories A, B and C',
  issuer: '国家外国专家局',
  issued: '2017-03-29',
  inForce: '2017-04-01',
  citation:
    '《外国人来华工作分类标准（试行）》，国家外国专家局 2017-03-29 发布，2017-04-01 施行 / ' +
    'Classification Standard for Foreigners Working in China (trial), State Administration of Foreign Experts Affairs, issued 2017-03-29, in force 2017-04-01',
};

/** 《外国人来华工作许可服务指南（暂行）》: procedures and materials. */
export const SERVICE_GUIDE: RuleSource = {
  title: '《外国人来华工作许可服务指南（暂行）》',
  part: '申请材料',
  partEn: 'Application materials',
  issuer: '国家外国专家局',
  issued: '2017-03-29',
  inForce: '2017-04-01',
  citation:
    '《外国人来华工作许可服务指南（暂行）》，国家外国专家局 2017-03-29 发布，2017-04-01 施行 / ' +
    'Service Guide for the Work Permit for Foreigners in China (interim), State Administration of Foreign Experts Affairs, issued 2017-03-29, in force 2017-04-01',
};
