import { isEnglish } from '../../i18n';
import { formatWpText, type WpTextKey } from './texts';

/** A work-permit panel text in the interface's language. */
export const wpText = (key: WpTextKey, params: Record<string, string | number> = {}): string => formatWpText(key, isEnglish(), params);
