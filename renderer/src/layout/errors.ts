import { ElMessage } from 'element-plus';
import { BridgeError } from '../bridge';
import { localize, t } from '../i18n';
import { toastTarget } from './announcer';

/** The bilingual text of any thrown value: a BridgeError's message as it is. */
function bilingualMessage(e: unknown): string {
  const unexpected = t('app.unexpected');
  if (e instanceof BridgeError) return e.message;
  if (e instanceof Error) {
    // bridge-side texts are already "中文 / English"; anything else gets the bilingual prefix
    return e.message.includes(' / ') ? e.message : `${unexpected}: ${e.message}`;
  }
  return `${unexpected}: ${String(e)}`;
}

/** The text to show for any thrown value, in the interface's language. */
export function errorMessage(e: unknown): string {
  return localize(bilingualMessage(e));
}

/** Per-field refusals of a BridgeError, in the interface's language. */
export function fieldMessages(e: BridgeError): Record<string, string> {
  return Object.fromEntries(Object.entries(e.fields).map(([key, message]) => [key, localize(message)]));
}

/** Toasts open below the 64 px header, so they never cover 【同步】 or 【退出登录】. */
export const TOAST_OFFSET = 76;

/** Shows a refusal or failure as a toast (several identical ones collapse into one). */
export function showError(e: unknown): void {
  ElMessage({ type: 'error', message: errorMessage(e), grouping: true, showClose: true, duration: 6000, offset: TOAST_OFFSET, appendTo: toastTarget() });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true, offset: TOAST_OFFSET, appendTo: toastTarget() });
}
