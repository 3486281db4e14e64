/**
 * Desktop reminders of what 到期提醒 lists as due (dueNow), at most once a day: an hourly check
 * (unref'd, so it never keeps the process alive) notifies through `core.notify` when permits are
 * expired or within the thresholds or 变更 / 注销 filings are due, and remembers the day it did in meta.
 */
import type { Core, CoreGetter } from '../index';
import { bureauPermitsOf } from './bureauPermits';
import { WP_EVENT_DAYS } from '../../../shared/documents';
import { dueNow, eventFilingsDue, getThresholds } from './deadlines';
import { peopleOf } from './rosterService';

export const LAST_NOTIFIED_KEY = 'reminders.lastNotified';

/** One check; true when a notification was shown. */
export function remindOnce(core: Core): boolean {
  const notify = core.notify;
  const today = core.today();
  if (core.meta.get<string>(LAST_NOTIFIED_KEY) === today) return false;
  const { permits, filings } = dueNow(peopleOf(core), core.meta, today, bureauPermitsOf(core).withExpiry(), eventFilingsDue(core.db, today));
  const thresholds = getThresholds(core.meta);
  if (permits.length === 0 && filings.length === 0) return false;
  const expired = permits.filter((p) => p.level === 'expired').length;
  const soon = permits.length - expired;
  const within = Math.max(...thresholds);
  const zh = [
    soon ? `${soon} 个就业证将在 ${within} 天内到期` : '',
    expired ? `${expired} 个已过期` : '',
    filings.length ? `${filings.length} 项变更或注销须在事由发生后 ${WP_EVENT_DAYS} 日内提交` : '',
  ]
    .filter(Boolean)
    .join('，');
  const en = [
    soon ? `${soon} permit(s) expire within ${within} days` : '',
    expired ? `${expired} expired` : '',
    filings.length ? `${filings.length} change or cancellation filing(s) due within ${WP_EVENT_DAYS} days of the event` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const action = filings.length ? ['办理', 'see 到期提醒'] : ['申请延期', 'apply for extensions under 到期提醒'];
  notify('就业证到期提醒 / Permits expiring', `${zh}，请到「到期提醒」${action[0]} / ${en}: ${action[1]}`);
  core.meta.put(LAST_NOTIFIED_KEY, today);
  return true;
}

export interface ReminderOptions {
  /** how often to check (default hourly) */
  intervalMs?: number;
  /** the first check after start (default 10 s) */
  firstDelayMs?: number;
}

/**
 * Starts the daily reminders; returns the function that stops them. `get` is the core getter
 * (openApp's `get`, or `() => app.core`), so a restored store is picked up.
 */
export function startReminders(get: CoreGetter, options: ReminderOptions = {}): () => void {
  const tick = () => {
    try {
      remindOnce(get());
    } catch (e) {
      try {
        get().log(`reminders: ${e instanceof Error ? e.message : String(e)}`);
      } catch {
        // the store is closed: nothing to report to
      }
    }
  };
  const first = setTimeout(tick, options.firstDelayMs ?? 10_000);
  first.unref?.();
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
