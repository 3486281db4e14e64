import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ReplyOf } from '../../../shared/bridge/contract';
import { invoke, onEvent, runsInElectron } from '../bridge';
import { t } from '../i18n';
import { adoptLanguage } from '../i18n/language';

export type AppInfo = ReplyOf<'app:info'>;

/**
 * App-wide facts: version and mode (footer), and whether the bureau can be reached
 * (`network:status` from main, combined with the browser's own navigator.onLine).
 */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** main's last word on reaching the network; null until it has said anything */
  const mainOnline = ref<boolean | null>(null);
  let started = false;

  const online = computed(() => browserOnline.value && mainOnline.value !== false);
  const mode = computed<'electron' | 'browser'>(() => info.value?.mode ?? (runsInElectron() ? 'electron' : 'browser'));
  const modeLabel = computed(() => (mode.value === 'electron' ? t('app.modeElectron') : t('app.modeBrowser')));
  const version = computed(() => info.value?.version ?? '');
  /** today's date as main sees it (YYYY-MM-DD); falls back to the local clock */
  const today = computed(() => info.value?.today ?? localToday());

  async function loadInfo(): Promise<void> {
    info.value = await invoke('app:info', {});
    adoptLanguage(info.value.language);
  }

  /** Subscribes to the network events; safe to call more than once. */
  function start(): void {
    if (started) return;
    started = true;
    window.addEventListener('online', () => (browserOnline.value = true));
    window.addEventListener('offline', () => (browserOnline.value = false));
    onEvent('network:status', (s) => {
      mainOnline.value = s.online;
    });
    void loadInfo().catch(() => undefined);
  }

  return { info, online, mode, modeLabel, version, today, start, loadInfo };
});

function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
