/**
 * The interface language (vue-i18n, composition mode): zh-CN by default, or en. Components and
 * modules call `t(key, params)` (typed keys; reactive in templates and computeds), `localize()` for
 * a "中文 / English" text from main, and `isEnglish()` where data carries both languages.
 * Printed forms are made by main and stay Chinese.
 */
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from '../../../shared/bridge/contract';
import { zh, type Messages } from './zh';
import { en } from './en';
import type { MessageKey } from './keys';
import { localizeMessage } from './localizeMessage';
import { readStoredLocale, storeLocale } from './storedLocale';

export type { MessageKey };

export const DEFAULT_LOCALE: Language = 'zh-CN';

export const i18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: readStoredLocale() ?? DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zh, en },
});

const composer = i18n.global;

export const locale = computed<Language>(() => composer.locale.value);

export const isEnglish = (): boolean => composer.locale.value === 'en';

export function t(key: MessageKey, params: Record<string, unknown> = {}): string {
  return composer.t(key, params);
}

/** A "中文 / English" text from main in the interface's language. */
export function localize(text: string): string {
  return localizeMessage(text, composer.locale.value);
}

/** Shows the interface in `next` now and keeps the renderer's copy of the choice. */
export function applyLocale(next: Language): void {
  composer.locale.value = next;
  storeLocale(next);
  document.documentElement.lang = next;
  document.title = t('app.documentTitle');
}
