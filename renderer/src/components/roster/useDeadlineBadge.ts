/**
 * The menu badge of 到期提醒: how many rows the page lists as due — permits expired or within the
 * largest reminder threshold, and 变更 / 注销 filings due after their event (main's dueNow, the one
 * source of both); `expired` counts the expired permits and overdue filings. One shared state for
 * every user of the composable; refreshed on mount, when a record changes or a sync ends, every 10
 * minutes (the date moves), and on refreshDeadlineBadge().
 */
import { onBeforeUnmount, onMounted, readonly, ref } from 'vue';
import { invoke, onEvent } from '../../bridge';

const count = ref(0);
const expired = ref(0);
const failed = ref(false);
let users = 0;
let stopEvents: (() => void)[] = [];
let timer: ReturnType<typeof setInterval> | undefined;
let debounce: ReturnType<typeof setTimeout> | undefined;
let seq = 0;

async function load(): Promise<void> {
  const ticket = ++seq;
  try {
    const reply = await invoke('deadlines:badge', {});
    if (ticket !== seq) return;
    count.value = reply.count;
    expired.value = reply.expired;
    failed.value = false;
  } catch {
    // signed out or the service is away: keep the last count, try again on the next change
    if (ticket === seq) failed.value = true;
  }
}

/** Reloads the badge soon (several calls collapse into one). */
export function refreshDeadlineBadge(): void {
  clearTimeout(debounce);
  debounce = setTimeout(() => void load(), 200);
}

function start(): void {
  void load();
  stopEvents = [
    onEvent('records:changed', refreshDeadlineBadge),
    onEvent('sync:status', (s) => {
      if (s.state === 'idle') refreshDeadlineBadge();
    }),
  ];
  timer = setInterval(() => void load(), 10 * 60_000);
}

function stop(): void {
  for (const s of stopEvents) s();
  stopEvents = [];
  clearInterval(timer);
  clearTimeout(debounce);
}

export function useDeadlineBadge() {
  onMounted(() => {
    if (users++ === 0) start();
  });
  onBeforeUnmount(() => {
    if (--users === 0) stop();
  });
  return { count: readonly(count), expired: readonly(expired), failed: readonly(failed), refresh: refreshDeadlineBadge };
}
