/**
 * 到期提醒: permits expiring within the thresholds (a setting, default 30/60/90 days) or already
 * expired, and every application waiting for pre-review with the day its result is due
 * (submission + 5 working days on the public-holiday calendar, shared/calendar/workingDays.ts).
 * The permits are those approved on this desk and those on the bureau's list (`bureau`, see
 * bureauPermits.ts: pass `bureauPermitsOf(core).withExpiry()`). Filings due within days of an
 * event (a work permit's 变更 and 注销: 10 days, their definitions' `deadline`) are listed while
 * their application is a draft or sent back (eventFilingsDue).
 *
 * What is due (dueNow) is the one source of both the list and the menu badge: the badge counts
 * exactly the permits and filings the list shows.
 */
import type { DeadlinesReply, EventFiling, PendingReview } from '../../../shared/bridge/channels/roster';
import { thresholds as thresholdsSchema } from '../../../shared/bridge/channels/roster';
import { ServiceError } from '../../../shared/bridge/envelope';
import { CALENDAR_COVERAGE, reviewDue } from '../../../shared/calendar/workingDays';
import { DOCUMENT_KINDS, documentDef } from '../../../shared/documents';
import { DEFAULT_THRESHOLDS } from '../../../shared/roster/person';
import { addDays, compareDates, diffDays, isIsoDate } from '../../../shared/validation/dates';
import type { Db } from '../store/database';
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
  filings: readonly EventFiling[] = [],
): Omit<DeadlinesReply, 'permits'> & { permits: DeskPermit[] } {
  const thresholds = getThresholds(meta);
  const due = dueNow(people, meta, today, bureau, filings);
  const pendingReviews = people
    .awaitingReview()
    .map((r) => pendingReviewOf(r, today))
    .filter((r): r is PendingReview => r !== null)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.submittedAt.localeCompare(b.submittedAt));
  return { today, thresholds, permits: due.permits, filings: due.filings, pendingReviews, coverage: { ...CALENDAR_COVERAGE } };
}

export type { EventFiling };

/** At most this many filings are listed (the most urgent first): the reply stays bounded. */
export const MAX_EVENT_FILINGS = 500;

/** Drafts (and rejected applications) of the kinds with an event deadline, whose event date is set. */
export function eventFilingsDue(db: Db, today: string): EventFiling[] {
  const out: EventFiling[] = [];
  for (const kind of DOCUMENT_KINDS) {
    const def = documentDef(kind);
    const deadline = def.deadline;
    if (!deadline) continue;
    const numberField = def.cancels?.numberField ?? def.renews?.numberField;
    const rows = db
      .prepare(
        `SELECT id, status, person_name AS name, person_id AS personId, json_extract(values_json, ?) AS eventDate,
                ${numberField ? 'json_extract(values_json, ?)' : 'NULL'} AS number
           FROM records WHERE kind = ? AND status IN ('draft', 'rejected') AND json_valid(values_json)
           ORDER BY created_at LIMIT ?`,
      )
      .all(`$."${deadline.eventField}"`, ...(numberField ? [`$."${numberField}"`] : []), kind, MAX_EVENT_FILINGS) as {
      id: string;
      status: 'draft' | 'rejected';
      name: string;
      personId: string | null;
      eventDate: unknown;
      number: unknown;
    }[];
    for (const r of rows) {
      const event = typeof r.eventDate === 'string' ? r.eventDate.trim() : '';
      if (!isIsoDate(event)) continue;
      const dueDate = addDays(event, deadline.withinDays);
      const daysLeft = diffDays(today, dueDate);
      const number = typeof r.number === 'string' ? r.number.trim() : '';
      out.push({ id: r.id, kind, status: r.status, name: r.name, personId: r.personId, number, eventDate: event, dueDate, daysLeft, overdue: daysLeft < 0 });
    }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id)).slice(0, MAX_EVENT_FILINGS);
}

/** What is due today: the permits 到期提醒 reminds of and the filings due after an event. */
export interface DueNow {
  permits: DeskPermit[];
  filings: EventFiling[];
}

/**
 * The one answer to "what is due" for the list, the badge and the desktop reminder: the permits to
 * remind of and `filings`, the store's filings due after an event (eventFilingsDue).
 */
export function dueNow(
  people: PeopleStore,
  meta: MetaStore,
  today: string,
  bureau: readonly BureauPermitRow[],
  filings: readonly EventFiling[],
): DueNow {
  return { permits: permitsToRemind(allPermits(people, today, getThresholds(meta), bureau)), filings: [...filings] };
}

/** The menu badge of what is due: everything listed, and apart the expired permits and overdue filings. */
export function countDue(due: DueNow): { count: number; expired: number } {
  const expired = due.permits.filter((p) => p.level === 'expired').length + due.filings.filter((f) => f.overdue).length;
  return { count: due.permits.length + due.filings.length, expired };
}

/** The menu badge: what 到期提醒 lists as due (dueNow), counted. */
export function deadlineBadge(
  people: PeopleStore,
  meta: MetaStore,
  today: string,
  bureau: readonly BureauPermitRow[] = [],
  filings: readonly EventFiling[] = [],
): { count: number; expired: number } {
  return countDue(dueNow(people, meta, today, bureau, filings));
}
