import { ElMessage } from 'element-plus';
import { BridgeError } from '../bridge';

export const UNEXPECTED = '发生意外错误 / An unexpected error occurred';

/** The text to show for any thrown value: a BridgeError's bilingual message as it is. */
export function errorMessage(e: unknown): string {
  if (e instanceof BridgeError) return e.message;
  if (e instanceof Error) {
    // bridge-side texts are already "中文 / English"; anything else gets the bilingual prefix
    return e.message.includes(' / ') ? e.message : `${UNEXPECTED}: ${e.message}`;
  }
  return `${UNEXPECTED}: ${String(e)}`;
}

/** Shows a refusal or failure as a toast (several identical ones collapse into one). */
export function showError(e: unknown): void {
  ElMessage({ type: 'error', message: errorMessage(e), grouping: true, showClose: true, duration: 6000 });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}
