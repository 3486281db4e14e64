/**
 * The renderer's copy of the interface language, so the first paint is already in it. Main's
 * setting is the one that counts (browser mode's origin, and with it localStorage, changes on
 * every launch); this copy only avoids a flash of the other language.
 */
import { LANGUAGES, type Language } from '../../../shared/bridge/contract';

const KEY = 'permit-desk.language';

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

export function readStoredLocale(): Language | null {
  try {
    const value = window.localStorage.getItem(KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Language): void {
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // storage refused (private mode, quota): main still remembers
  }
}
