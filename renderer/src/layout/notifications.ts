/**
 * Shows main's `app:notify` events (new review results, expiring permits) in browser mode, where
 * main has no desktop notifications of its own: the system's notification when the user allowed
 * them for this page, and always a notice in the window's corner.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { ElNotification } from 'element-plus';
import { onEvent } from '../bridge';
import { localize } from '../i18n';

export function useAppNotifications(): void {
  let stop: (() => void) | null = null;
  onMounted(() => {
    stop = onEvent('app:notify', (notice) => {
      const title = localize(notice.title);
      const body = localize(notice.body);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(title, { body });
      }
      ElNotification({ title, message: body, type: 'info', duration: 8000 });
    });
  });
  onBeforeUnmount(() => stop?.());
}
