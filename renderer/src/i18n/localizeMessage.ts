import type { Language } from '../../../shared/bridge/contract';

/** " / " between the two languages; after Chinese punctuation the space before "/" may be missing */
const SEPARATOR = /(?: |(?<=[\u3000-\u303f\uff00-\uffef]))\/ /g;
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/**
 * A "中文 / English" text (main's errors, rule problems, notices) in the interface's language:
 * in English, the part after the last separator when the text has that shape; otherwise, and
 * always in Chinese, the text as it is.
 */
export function localizeMessage(text: string, locale: Language): string {
  if (locale !== 'en') return text;
  const last = [...text.matchAll(SEPARATOR)].pop();
  if (last?.index === undefined) return text;
  const zh = text.slice(0, last.index);
  const en = text.slice(last.index + last[0].length).trim();
  return HAN.test(zh) && LATIN.test(en) ? en : text;
}
