/**
 * Asks before typed data is thrown away: leaving the route (menu, back button) and closing or
 * reloading the window (`beforeunload`). The form calls `allow()` once it has saved or the user
 * confirmed the discard.
 */
import { ElMessageBox } from 'element-plus';
import { onBeforeUnmount, onMounted } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { t } from '../i18n';

export async function confirmDiscard(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(t('common.discardQuestion'), t('common.confirmTitle'), {
      confirmButtonText: t('common.ok'),
      cancelButtonText: t('common.cancel'),
      type: 'warning',
      closeOnClickModal: false,
    });
    return true;
  } catch {
    return false;
  }
}

export function useLeaveGuard(isDirty: () => boolean, onDiscard: () => Promise<void>) {
  let allowed = false;

  onBeforeRouteLeave(async () => {
    if (allowed || !isDirty()) return true;
    if (!(await confirmDiscard())) return false;
    allowed = true;
    await onDiscard();
    return true;
  });

  const onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (allowed || !isDirty()) return;
    e.preventDefault();
    // older Chromium needs returnValue set to show the prompt
    e.returnValue = '';
  };
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload));

  return {
    /** the next navigation needs no question (saved, or discard confirmed) */
    allow(): void {
      allowed = true;
    },
    /** ask again from now on (a save failed) */
    guard(): void {
      allowed = false;
    },
  };
}
