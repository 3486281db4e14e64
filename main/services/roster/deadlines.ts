/**
 * 到期提醒: permits expiring within the thresholds (a setting, default 30/60/90 days) or already
 * expired, and every application waiting for pre-review with the day its result is due
 * (submission + 5 working days on the public-holiday calendar, shared/calendar/workingDays.ts).
 * The permits are those approved on this desk and those on the bureau's list (`bureau`, see
 * bureauPermits.ts: pass `bureauPermitsOf(core).withExpiry()`).
 */
import type { DeadlinesReply, PendingReview } from '../../../shared/bridge/channels/roster';
import { thresholds as thresholdsSchema } from '../../../shared/bridge/channels/roster';
import { ServiceError } from '../../../shared/bridge/envelope';
import { CALENDAR_COVERAGE, reviewDue } from '../../../shared/calendar/workingDays';
import { DEFAULT_THRESHOLDS } from '../../../shared/roster/person';
import { compareDates } from '../../../shared/validation/dates';
import type { MetaStore } from '../store/meta';
import type { BureauPermitRow } from './bureauPermits';
import type { DocumentRow, PeopleStore } from './peopleStore';
import { allPermits, permitsToRemind, type DeskPermit } from './permits';

export const THRESHOLDS_KEY = 'deadlines.thresholds';

export function getThresholds(meta: MetaStore): number[] {
  const stored = meta.get<unknown>(THRESHOLDS_KEY);
  const parsed = thresholdsSchema.safeParse(stored);
  return parsed.success ? [...parsed.data].sort((a, b) => a - b) : [...DEFAULT_THRESHOLDS];
}

export function saveThresholds(meta: MetaStore, thresholds: readonly number[]): number[] {
  const parsed = thresholdsSchema.safeParse([...thresholds]);
  if (!parsed.success) {
    throw new ServiceError(
      'INVALID_INPUT',
      '提醒天数应为 1 至 5 个互不相同的 1–366 之间的整数 / The reminder days are 1 to 5 different whole numbers from 1 to 366',
      { thresholds: parsed.error.issues[0]?.message ?? '' },
    );
  }
  const sorted = [...parsed.data].sort((a, b) => a - b);
  meta.put(THRESHOLDS_KEY, sorted);
  return sorted;
}

export function pendingReviewOf(r: DocumentRow, today: string): PendingReview | null {
  if (!r.submittedAt) return null;
  const due = reviewDue(r.submittedAt);
  return {
    id: r.id,
    kind: r.kind,
    name: r.personName,
    personId: r.personId,
    submittedAt: r.submittedAt,
    dueDate: due.dueDate,
    beyondCalendar: due.beyondCalendar,
    overdue: compareDates(today, due.dueDate) > 0,
  };
}

export function listDeadlines(
  people: PeopleStore,
  meta: MetaStore,
  today: string,
  bureau: readonly BureauPermitRow[] = [],
): Omit<DeadlinesReply, 'permits'> & { permits: DeskPermit[] } {
  const thresholds = getThresholds(meta);
  const permits = permitsToRemind(allPermits(people, today, thresholds, bureau));
  const pendingReviews = people
    .awaitingReview()
    .map((r) => pendingReviewOf(r, today))
    .filter((r): r is PendingReview => r !== null)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.submittedAt.localeCompare(b.submittedAt));
  return { today, thresholds, permits, pendingReviews, coverage: { ...CALENDAR_COVERAGE } };
}

/** The menu badge: permits listed on 到期提醒 (expired ones among them counted apart). */
export function deadlineBadge(
  people: PeopleStore,
  meta: MetaStore,
  today: string,
  bureau: readonly BureauPermitRow[] = [],
): { count: number; expired: number } {
  const permits = permitsToRemind(allPermits(people, today, getThresholds(meta), bureau));
  return { count: permits.length, expired: permits.filter((p) => p.level === 'expired').length };
}
