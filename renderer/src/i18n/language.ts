/**
 * Where the interface language comes from and goes to: main remembers it (settings, readable
 * before sign-in through `app:info`, changed with `app:setLanguage`); the switch changes it.
 */
import type { Language } from '../../../shared/bridge/contract';
import { invoke } from '../bridge';
import { applyLocale } from './index';

let chosenHere = false;

/** The user's choice: shown at once, then remembered in main. */
export async function chooseLanguage(next: Language): Promise<void> {
  chosenHere = true;
  applyLocale(next);
  await invoke('app:setLanguage', { language: next });
}

/** Main's remembered language at start, unless the user has already chosen in this window. */
export function adoptLanguage(remembered: Language): void {
  if (!chosenHere) applyLocale(remembered);
}
