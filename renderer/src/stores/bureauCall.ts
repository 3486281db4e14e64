/**
 * A call that waits on the bureau (a number lookup, a sync): after 1 s it says what it is doing,
 * after 3 s it offers 【取消】, which cancels main's task of that call (task:cancel aborts the
 * bureau request). Main labels those tasks BUREAU_TASKS.*; the one running while our call is
 * pending is ours (one lookup or sync at a time per window).
 */
import { computed, getCurrentScope, onScopeDispose, ref } from 'vue';
import { BUREAU_TASKS } from '../../../shared/bridge/contract';
import { invoke, onEvent } from '../bridge';

export const SHOW_PROGRESS_MS = 1000;
export const OFFER_CANCEL_MS = 3000;

export type BureauTask = keyof typeof BUREAU_TASKS;

export function useBureauCall(what: BureauTask) {
  const elapsed = ref<'quick' | 'slow' | 'cancellable'>('quick');
  const pending = ref(false);
  const cancelling = ref(false);
  let task = '';
  /** main started a task for this call (only then can it be cancelled) */
  const hasTask = ref(false);
  let timers: ReturnType<typeof setTimeout>[] = [];
  let stop: (() => void) | null = null;

  const clear = () => {
    for (const timer of timers) clearTimeout(timer);
    timers = [];
    stop?.();
    stop = null;
    task = '';
    hasTask.value = false;
  };

  async function run<T>(call: () => Promise<T>): Promise<T> {
    clear();
    pending.value = true;
    cancelling.value = false;
    elapsed.value = 'quick';
    stop = onEvent('task:progress', (p) => {
      if (p.label === BUREAU_TASKS[what] && p.state === 'running') {
        task = p.task;
        hasTask.value = true;
      }
    });
    timers = [
      setTimeout(() => (elapsed.value = 'slow'), SHOW_PROGRESS_MS),
      setTimeout(() => (elapsed.value = 'cancellable'), OFFER_CANCEL_MS),
    ];
    try {
      return await call();
    } finally {
      clear();
      pending.value = false;
      elapsed.value = 'quick';
    }
  }

  async function cancel(): Promise<void> {
    if (!task) return;
    cancelling.value = true;
    await invoke('task:cancel', { task }).catch(() => undefined);
  }

  if (getCurrentScope()) onScopeDispose(clear);

  return {
    pending,
    cancelling,
    /** show the progress text */
    slow: computed(() => pending.value && elapsed.value !== 'quick'),
    /** show 【取消】 */
    cancellable: computed(() => pending.value && hasTask.value && elapsed.value === 'cancellable'),
    run,
    cancel,
  };
}
