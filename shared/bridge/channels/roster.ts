/**
 * The people roster, prefill chains and deadlines (issue: roster, deadlines and reminders).
 *
 *   people:list             人员名册: search by name / document-number prefix, paged
 *   people:get              a person, all their applications, current permit, history, next steps
 *   people:ofRecord         the person an application belongs to (null when none yet)
 *   people:save             create or edit a person (the person.* / hmt.* fields); a new person whose
 *                           document number another person holds is refused with CONFLICT until
 *                           `person` says 'same' or 'new' (records:submit takes the same answer)
 *   people:startApplication the values a new application of `kind` starts with for a person
 *   people:attach           link a draft (or rejected) application to a person
 *   deadlines:list          到期提醒: permits by level, 变更 / 注销 filings due after their event,
 *                           pending pre-reviews with their due dates
 *   deadlines:badge         the menu badge: what deadlines:list lists as due (permits expired or
 *                           within the largest threshold, and the filings due)
 *   deadlines:settings:*    the thresholds (days), e.g. [30, 60, 90]
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../documents/types';
import { RECORD_STATUSES } from '../../lifecycle';
import { PERSON_CHOICES, PERSON_TYPES } from '../../roster/person';
import { date, formValues, id } from '../common';

const kind = z.enum(DOCUMENT_KINDS);
export const personType = z.enum(PERSON_TYPES);

/** A permit (就业证) as it stands: the latest approval of its number wins. */
export const permitInfo = z.object({
  number: z.string(),
  /** kind of the approved record that set the current expiry */
  kind,
  /** the application that renews it */
  extensionKind: kind,
  expiry: date,
  /** expiry − today, in days (negative once expired) */
  daysLeft: z.number().int(),
  /** 'expired', or the threshold it is within ('30', '60', '90'…); null beyond the thresholds */
  level: z.string().nullable(),
  /** the approved record that set the current expiry */
  recordId: id,
  personId: id.nullable(),
  name: z.string(),
  /** an extension of this permit already written and not yet approved */
  pendingExtension: z.object({ id, status: z.enum(RECORD_STATUSES) }).nullable(),
});
export type PermitInfo = z.infer<typeof permitInfo>;

export const personSummary = z.object({
  id,
  type: personType,
  name: z.string(),
  nameZh: z.string(),
  documentNumber: z.string(),
  /** ISO country code (foreign) or 居民类别 (hmt) */
  nationality: z.string(),
  birthDate: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  documentCount: z.number().int(),
  permit: permitInfo.nullable(),
  /** bureau: the person came with a permit the bureau listed (同步), not typed on this desk */
  source: z.enum(['desk', 'bureau']),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const personDocument = z.object({
  id,
  kind,
  status: z.enum(RECORD_STATUSES),
  revision: z.number().int(),
  personName: z.string(),
  documentNumber: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateExpiry: z.string().nullable(),
  /** while waiting for pre-review: submission + 5 working days */
  dueDate: z.string().nullable(),
  beyondCalendar: z.boolean(),
});
export type PersonDocument = z.infer<typeof personDocument>;

export const personHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  recordId: z.string().nullable(),
  recordKind: kind.nullable(),
  revision: z.number().int().nullable(),
  changes: z.array(z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() })),
});
export type PersonHistoryEntry = z.infer<typeof personHistoryEntry>;

/** An application to start from this person, with the query its form page opens with. */
export const nextStep = z.object({
  kind,
  /** 【申请延期】, 【填写《外国人就业登记表》】… */
  label: z.string(),
  /** number / sourceId for the form page, besides personId */
  query: z.record(z.string(), z.string()),
  /** why it is offered (which approved document it follows) */
  note: z.string(),
});
export type NextStep = z.infer<typeof nextStep>;

const problem = z.object({ field: z.string(), severity: z.enum(['block', 'warn']), code: z.string(), message: z.string() });

export const personDetail = z.object({
  person: personSummary.extend({ values: formValues }),
  documents: z.array(personDocument),
  /** the current permit: the one expiring last (possibly expired) */
  permit: permitInfo.nullable(),
  history: z.array(personHistoryEntry),
  problems: z.array(problem),
  nextSteps: z.array(nextStep),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const pendingReview = z.object({
  id,
  kind,
  name: z.string(),
  personId: id.nullable(),
  submittedAt: z.string(),
  dueDate: date,
  /** the due date lies in a year the holiday calendar does not cover: it may be off */
  beyondCalendar: z.boolean(),
  overdue: z.boolean(),
});
export type PendingReview = z.infer<typeof pendingReview>;

/**
 * An application due within days of the event it records (a work permit's 变更 and 注销: 10 days,
 * their definitions' `deadline`), still to be filed: a draft, or one the bureau sent back.
 */
export const eventFiling = z.object({
  id,
  kind,
  /** draft or rejected: what is still to file */
  status: z.enum(RECORD_STATUSES),
  name: z.string(),
  personId: id.nullable(),
  /** the permit it changes or cancels (wpPermit.no), '' when not typed yet */
  number: z.string(),
  /** the event: 变更发生日期, 聘用终止日期 */
  eventDate: date,
  /** the last day to file */
  dueDate: date,
  /** dueDate − today, in days (negative once overdue) */
  daysLeft: z.number().int(),
  overdue: z.boolean(),
});
export type EventFiling = z.infer<typeof eventFiling>;

export const thresholds = z
  .array(z.number().int().min(1).max(366))
  .min(1)
  .max(5)
  .refine((t) => new Set(t).size === t.length, { message: '提醒天数不能重复 / The reminder days must differ' });

export const calendarCoverage = z.object({ from: z.number().int(), to: z.number().int() });

export const deadlinesReply = z.object({
  today: date,
  thresholds: z.array(z.number().int()),
  /** expired first, then by days left */
  permits: z.array(permitInfo),
  /** the 变更 / 注销 filings due, by due date (the badge counts them with the permits) */
  filings: z.array(eventFiling),
  /** by due date */
  pendingReviews: z.array(pendingReview),
  /** years the public-holiday calendar covers */
  coverage: calendarCoverage,
});
export type DeadlinesReply = z.infer<typeof deadlinesReply>;

export const rosterChannels = {
  'people:list': {
    request: z
      .object({
        query: z.string().max(100).default(''),
        type: personType.optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    reply: z.object({ rows: z.array(personSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  },
  'people:get': { request: z.object({ id }).strict(), reply: personDetail },
  'people:ofRecord': { request: z.object({ recordId: id }).strict(), reply: z.object({ person: personSummary.nullable() }) },
  'people:save': {
    /** person: the answer to a CONFLICT refusal (a new person whose number someone else holds): 'same' updates personId / the one shown, 'new' adds a person */
    request: z
      .object({ id: id.optional(), type: personType, values: formValues, person: z.enum(PERSON_CHOICES).optional(), personId: id.optional() })
      .strict(),
    reply: personDetail,
  },
  'people:startApplication': {
    request: z.object({ personId: id, kind }).strict(),
    reply: z.object({
      /** the person's fields, plus what the person's approved documents prefill (chain) */
      values: formValues,
      /** exempt registration: the approved recruitment it is written from (records:save sourceId) */
      sourceId: id.nullable(),
      /** the certificate / permit number the values were prefilled from */
      number: z.string().nullable(),
    }),
  },
  'people:attach': {
    request: z.object({ recordId: id, personId: id }).strict(),
    reply: z.object({ recordId: id, personId: id }),
  },
  'deadlines:list': { request: z.object({}).strict(), reply: deadlinesReply },
  'deadlines:badge': { request: z.object({}).strict(), reply: z.object({ count: z.number().int(), expired: z.number().int() }) },
  'deadlines:settings:get': { request: z.object({}).strict(), reply: z.object({ thresholds: z.array(z.number().int()) }) },
  'deadlines:settings:save': {
    request: z.object({ thresholds }).strict(),
    reply: z.object({ thresholds: z.array(z.number().int()) }),
  },
} as const;
