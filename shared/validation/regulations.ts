/** Names of the regulations cited in messages (forms.md "Art. n" and "HMT Art. n"). */
export const FOREIGNERS_RULES = {
  zh: '《外国人在中国就业管理规定》',
  en: 'the Provisions on the Administration of Employment of Foreigners in China',
} as const;

export const HMT_RULES = {
  zh: '《台湾香港澳门居民在内地就业管理规定》',
  en: 'the Provisions on the Administration of Employment of Taiwan, Hong Kong and Macau Residents in the Mainland',
} as const;

/** "《外国人在中国就业管理规定》第十八条" / "Art. 18 of the Provisions on …". */
export function article(rules: { readonly zh: string; readonly en: string }, n: number): { zh: string; en: string } {
  return { zh: `${rules.zh}第${chineseNumber(n)}条`, en: `Art. ${n} of ${rules.en}` };
}

/** 1–99 in Chinese numerals as used for article numbers (十八, 二十二). */
export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? '' : tens === 1 ? '十' : `${digits.charAt(tens)}十`;
  return t + (ones === 0 ? '' : digits.charAt(ones));
}
