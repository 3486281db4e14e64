/**
 * Texts the shared definitions carry in both languages (menu items, document titles, sections,
 * fields, countries), in the interface's language. The "aside" is the other language, set small
 * beside a label: the printed forms stay Chinese, so English labels keep the Chinese in view.
 */
import { MENU_ROOT, MENU_ROOT_EN, TOOLS_ROOT, TOOLS_ROOT_EN } from '../../../shared/menu';
import type { Country } from '../../../shared/validation';
import { isEnglish } from './index';

const pick = (zh: string, en: string): string => (isEnglish() ? en : zh);

export const labelText = (x: { readonly label: string; readonly labelEn: string }): string => pick(x.label, x.labelEn);
export const labelAside = (x: { readonly label: string; readonly labelEn: string }): string => pick(x.labelEn, x.label);
export const titleText = (x: { readonly title: string; readonly titleEn: string }): string => pick(x.title, x.titleEn);
export const titleAside = (x: { readonly title: string; readonly titleEn: string }): string => pick(x.titleEn, x.title);
export const countryName = (c: Country): string => pick(c.zh, c.en);

export const menuRootText = (): string => pick(MENU_ROOT, MENU_ROOT_EN);
export const toolsRootText = (): string => pick(TOOLS_ROOT, TOOLS_ROOT_EN);
