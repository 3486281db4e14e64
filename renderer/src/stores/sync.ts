import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventOf, ReplyOf } from '../../../shared/bridge/contract';
import { invoke, onEvent } from '../bridge';
import { useBureauCall } from './bureauCall';

export type SyncState = EventOf<'sync:status'>['state'];

/**
 * Sync with the bureau: 【同步】, the timer in main, and a run whenever the network comes back.
 * Main publishes progress as `sync:status`; an expired sign-in asks for the password again.
 */
export const useSyncStore = defineStore('sync', () => {
  const enabled = ref(true);
  const state = ref<SyncState>('idle');
  const lastSyncAt = ref<string | null>(null);
  const message = ref('');
  const pending = ref(0);
  const lastResult = ref<ReplyOf<'sync:run'> | null>(null);
  /** 【同步】 waiting on the bureau: progress text after 1 s, 【取消】 after 3 s */
  const call = useBureauCall('sync');
  let started = false;

  const running = computed(() => state.value === 'running');
  const needsPassword = computed(() => state.value === 'auth-required');

  const apply = (s: EventOf<'sync:status'>) => {
    state.value = s.state;
    lastSyncAt.value = s.lastSyncAt;
    message.value = s.message;
    pending.value = s.pending;
  };

  function start(): void {
    if (started) return;
    started = true;
    onEvent('sync:status', apply);
    void invoke('sync:status', {}).then(apply, () => undefined);
    window.addEventListener('online', () => void run().catch(() => undefined));
  }

  /** Runs one sync; throws the BridgeError (bilingual message) when refused. */
  async function run(): Promise<ReplyOf<'sync:run'>> {
    state.value = 'running';
    try {
      const result = await call.run(() => invoke('sync:run', {}));
      lastResult.value = result;
      return result;
    } finally {
      void invoke('sync:status', {}).then(apply, () => undefined);
    }
  }

  /** Asks main for the current status (the pending count before signing out). */
  async function refresh(): Promise<void> {
    apply(await invoke('sync:status', {}));
  }

  return {
    enabled,
    state,
    lastSyncAt,
    message,
    pending,
    lastResult,
    running,
    needsPassword,
    slow: call.slow,
    cancellable: call.cancellable,
    cancelling: call.cancelling,
    cancel: call.cancel,
    start,
    run,
    refresh,
  };
});
