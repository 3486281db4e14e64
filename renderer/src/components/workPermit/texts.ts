/**
 * The work-permit panels' own words, in both languages (kept beside the components rather than in
 * the catalogues: the panels are not wired into any page yet). Pure data and formatting; wpText.ts
 * picks the interface's language.
 */

const TEXTS = {
  item: { zh: '计分项', en: 'Item' },
  value: { zh: '填写值', en: 'Value' },
  band: { zh: '计分标准', en: 'Band' },
  points: { zh: '得分', en: 'Points' },
  cap: { zh: '此项最高', en: 'Cap' },
  total: { zh: '合计', en: 'Total' },
  totalOf: { zh: '{total} 分（满分 {max} 分）', en: '{total} of {max} points' },
  notEntered: { zh: '未填写', en: 'Not entered' },
  capped: { zh: '已达上限', en: 'capped' },
  category: { zh: '支持类别：', en: 'Category supported: ' },
  reasons: { zh: '依据', en: 'Reasons' },
  source: { zh: '规则来源：{citation}；{part}', en: 'Rule source: {citation}; {part}' },
  thresholds: { zh: 'A类 ≥ {a} 分，B类 ≥ {b} 分', en: 'A from {a} points, B from {b}' },
  checklist: { zh: '材料清单', en: 'Materials checklist' },
  document: { zh: '材料', en: 'Document' },
  requirement: { zh: '要求', en: 'Requirement' },
  state: { zh: '状态', en: 'State' },
  note: { zh: '说明', en: 'Note' },
  missing: { zh: '缺少', en: 'Missing' },
  attached: { zh: '已附', en: 'Attached' },
  expired: { zh: '已过期', en: 'Expired' },
  byCommitment: { zh: '以承诺书代替', en: 'Commitment letter instead' },
  commitmentAllowed: { zh: 'A类可以承诺书代替', en: 'Category A may give a commitment letter' },
  validUntil: { zh: '有效期至 {date}', en: 'Valid until {date}' },
  meta: { zh: '{category}；计划提交日期：{date}', en: '{category}; planned filing date: {date}' },
  counts: { zh: '{state}：已附 {attached} 项，缺少 {missing} 项，已过期 {expired} 项', en: '{state}: {attached} attached, {missing} missing, {expired} expired' },
  complete: { zh: '材料齐全', en: 'All documents in order' },
  incomplete: { zh: '材料未齐', en: 'Documents not yet in order' },
  basis: { zh: '清单依据：{basis}', en: 'Basis of the list: {basis}' },
  categoryApplied: { zh: '申请类别：{category}', en: 'Category applied for: {category}' },
  categoryUnknown: { zh: '申请类别未定', en: 'Category not yet known' },
} as const;

export type WpTextKey = keyof typeof TEXTS;

/** The text of `key` in English or Chinese, its {name} placeholders filled from `params`. */
export function formatWpText(key: WpTextKey, english: boolean, params: Record<string, string | number> = {}): string {
  const template = english ? TEXTS[key].en : TEXTS[key].zh;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Both languages of every text, for tests. */
export const WP_TEXTS: Readonly<Record<WpTextKey, { readonly zh: string; readonly en: string }>> = TEXTS;
