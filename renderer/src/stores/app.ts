import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BureauStatus, ReplyOf } from '../../../shared/bridge/contract';
import { invoke, onEvent, runsInElectron } from '../bridge';
import { t } from '../i18n';
import { adoptLanguage } from '../i18n/language';

export type AppInfo = ReplyOf<'app:info'>;

/** how often the header probes the bureau (GET /v1/health through main) */
export const PROBE_INTERVAL_MS = 60_000;

/**
 * App-wide facts: version and mode (footer), and whether the bureau can be reached: main's
 * `bureau:status` (from the bureau's last request and a light probe) decides 在线 /
 * 办事大厅无法访问; the computer's own network flag only says 离线 when there is no network at all.
 */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** main's last word on reaching the network; null until it has said anything */
  const mainOnline = ref<boolean | null>(null);
  /** main's word on the bureau; null until the first probe or request */
  const bureau = ref<BureauStatus | null>(null);
  let started = false;

  const online = computed(() => browserOnline.value && mainOnline.value !== false);
  /** the header's state: 在线 / 办事大厅无法访问 / 离线 */
  const network = computed<'online' | 'unreachable' | 'offline'>(() => {
    if (!browserOnline.value || mainOnline.value === false) return 'offline';
    return bureau.value?.state === 'unreachable' ? 'unreachable' : 'online';
  });
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
    onEvent('bureau:status', (s) => {
      bureau.value = s;
    });
    window.addEventListener('online', () => void probe());
    setInterval(() => void probe(), PROBE_INTERVAL_MS);
    void loadInfo().catch(() => undefined);
  }

  /** Asks main to probe the bureau now (nothing before sign-in). */
  async function probe(): Promise<void> {
    try {
      bureau.value = await invoke('bureau:probe', {});
    } catch {
      // not signed in yet, or main is busy: the next probe or request tells
    }
  }

  return { info, online, network, bureau, mode, modeLabel, version, today, start, loadInfo, probe };
});

function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
