/**
 * Typed-but-unsaved form state kept in main (`autosave:*`), so a reload, a crash or a closed
 * window loses nothing. Writes are debounced and run one after another, so a late write can
 * never land after the clear that follows a successful save.
 */
import { onBeforeUnmount, ref } from 'vue';
import type { FormValues } from '../../../shared/documents/types';
import { invoke } from '../bridge';

export { autosaveKey } from '../../../shared/bridge/contract';

export function readAutosave(key: string): Promise<FormValues | null> {
  return invoke('autosave:get', { key }).then((r) => r.values);
}

export function useAutosave(key: string, delayMs = 400) {
  const savedAt = ref<Date | null>(null);
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: FormValues | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const run = (job: () => Promise<unknown>): Promise<void> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next.then(() => undefined);
  };

  function write(values: FormValues): void {
    void run(() => invoke('autosave:put', { key, values }))
      .then(() => {
        savedAt.value = new Date();
        failed.value = false;
      })
      .catch(() => {
        failed.value = true;
      });
  }

  function cancel(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = null;
  }

  /** Remember `values` after `delayMs` of quiet. */
  function schedule(values: FormValues): void {
    if (stopped) return;
    cancel();
    pending = values;
    timer = setTimeout(() => {
      timer = undefined;
      const v = pending;
      pending = null;
      if (v && !stopped) write(v);
    }, delayMs);
  }

  /** Write a pending change now (page hidden or unloading). */
  function flush(): void {
    const v = pending;
    cancel();
    if (v && !stopped) write(v);
  }

  /** Forget the autosave (after a successful save or a confirmed discard); later changes are not kept. */
  async function clear(): Promise<void> {
    stopped = true;
    cancel();
    savedAt.value = null;
    await run(() => invoke('autosave:clear', { key }));
  }

  /** Start keeping changes again (e.g. after a failed save). */
  function resume(): void {
    stopped = false;
  }

  const onHide = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  onBeforeUnmount(() => {
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
    flush();
  });

  return { savedAt, failed, schedule, flush, cancel, clear, resume };
}
