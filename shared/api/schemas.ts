/**
 * The bureau review API (预审) contract: a zod schema for every request and response body.
 *
 * The sandbox bureau (tests/sandbox) parses requests with these schemas, the bureau client
 * (main/services/bureau) validates every response with them, and shared/api/openapi.ts derives
 * the OpenAPI 3.1 document from them. Change the contract here and nowhere else, then regenerate
 * shared/api/openapi.json (see openapi.ts).
 *
 * Conventions:
 * - request bodies are strict (unknown keys refused); response objects are open (a client strips
 *   keys it does not know, so the bureau may add fields without breaking older clients);
 * - instants are ISO 8601 date-times (`2026-11-28T02:00:00.000Z`); calendar dates are
 *   `YYYY-MM-DD` in China Standard Time;
 * - messages (`detail`, `errors`, `reason`) are "中文 / English".
 */
import { z } from 'zod';
import { enterpriseProfile } from '../bridge/contract';
import { ANY_CERTIFICATE_NO, CERTIFICATE_KINDS, CERTIFICATE_PREFIXES } from '../documents/numbers';
import { DOCUMENT_KINDS } from '../documents/types';

// ─── building blocks ───────────────────────────────────────────────────────────────────────

export const documentKind = z.enum(DOCUMENT_KINDS);
export const instant = z.iso.datetime({ offset: true });
export const calendarDate = z.iso.date();

/** The app's record id (a UUID today): letters, digits, '-' and '_'. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const clientId = z.string().regex(CLIENT_ID_PATTERN, 'clientId: 1–64 letters, digits, "-" or "_"');
/** Revision of a record: 1 for the first submission, +1 for every re-submission after 预审不通过. */
export const revision = z.number().int().min(1).max(999_999_999);

/** `Idempotency-Key: <clientId>:<revision>` */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}:[1-9]\d{0,8}$/;
export const idempotencyKey = z.string().regex(IDEMPOTENCY_KEY_PATTERN, 'Idempotency-Key: <clientId>:<revision>');
export function idempotencyKeyOf(id: string, rev: number): string {
  return `${id}:${rev}`;
}

/**
 * 统一社会信用代码: 18 characters of GB 32100-2015's alphabet (the check character is the
 * bureau's business, shared/validation/uscc.ts).
 */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
export const uscc = z.string().regex(USCC_PATTERN, 'USCC: 18 characters, digits and capitals without I, O, S, V, Z');

/** Form data as the app stores it: flat, keyed by dotted field key; the photo is a data URL. */
export const formValues = z.record(z.string().min(1).max(64), z.string().max(2_000_000));

/**
 * 就业许可证书号码 (GZ…), 外国人就业证号码 (E…), 台港澳人员就业证号码 (T…), 外国人来华工作许可通知编号
 * (WN…) or 外国人工作许可证号码 (WP…): see shared/documents/numbers.ts.
 */
export const certificateNumber = z.string().regex(ANY_CERTIFICATE_NO, `certificate number: ${CERTIFICATE_PREFIXES.join(', ')} followed by 11 digits`);
/** 网上办理通知书 number: WB + 4-digit year + 7-digit sequence. */
export const NOTICE_NUMBER_PATTERN = /^WB\d{11}$/;

// ─── errors ────────────────────────────────────────────────────────────────────────────────

/** RFC 9457 problem document, served as application/problem+json. */
export const problemDetails = z.object({
  /** stable URI, one of PROBLEM_TYPES (shared/api/problems.ts) */
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  /** "中文 / English": what went wrong and what to do */
  detail: z.string().optional(),
  /** field → message; for a submission the keys are the form's field keys (`employer.uscc`) */
  errors: z.record(z.string(), z.string()).optional(),
  /** 422 on a submission: the bureau's blocking problems with their stable codes */
  problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type ProblemDetails = z.infer<typeof problemDetails>;

// ─── POST /v1/sessions ─────────────────────────────────────────────────────────────────────

export const sessionRequest = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(256),
});
export type SessionRequest = z.infer<typeof sessionRequest>;

export const sessionResponse = z.object({
  /** bearer token for the Authorization header */
  token: z.string().min(16).max(512),
  expiresAt: instant,
  profile: enterpriseProfile,
});
export type SessionResponse = z.infer<typeof sessionResponse>;

// ─── POST /v1/submissions ──────────────────────────────────────────────────────────────────

export const submissionRequest = z.strictObject({
  kind: documentKind,
  clientId,
  revision,
  /**
   * The employer's 统一社会信用代码 (the record's `employer.uscc`). The bureau refuses, with 403
   * …/employer-mismatch, a submission whose employer is not the enterprise of the token, or whose
   * values name another employer.
   */
  employerUscc: uscc,
  /** the record's values at submission, photo included; checked with documentDef(kind) */
  values: formValues,
  /** when the user pressed 【提交】 */
  submittedAt: instant,
});
export type SubmissionRequest = z.infer<typeof submissionRequest>;

/** 201 on the first request of a key; 200 with the same body on every repeat. */
export const submissionReceipt = z.object({
  submissionId: z.string().min(1).max(64),
  receivedAt: instant,
});
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

// ─── GET /v1/review-results ────────────────────────────────────────────────────────────────

export const REVIEW_DECISIONS = ['预审通过', '预审不通过'] as const;
export const reviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof reviewDecision>;

export const FOREIGN_OFFICE = '市一级劳动就业服务管理机构';
export const HMT_OFFICE = '市或所在区（县级市）劳动就业服务管理机构';

/** The data of the 《网上办理通知书》, for approvals of every kind but recruitment. */
export const notice = z.object({
  noticeNo: z.string().regex(NOTICE_NUMBER_PATTERN),
  /** FOREIGN_OFFICE for foreigners, HMT_OFFICE for Taiwan/Hong Kong/Macao residents */
  office: z.string().min(1),
  officeAddress: z.string().min(1),
  /** the materials to bring to the window */
  materials: z.array(z.string().min(1)),
  /** last day the notice is honoured (review date + 30 days) */
  validUntil: calendarDate,
  applicantName: z.string(),
  /** the document's printed title, e.g. 《外国人就业许可证书》申请表 */
  documentTitle: z.string(),
});
export type Notice = z.infer<typeof notice>;

/**
 * The number issued with an approval: license → 就业许可证书号码; registration-licensed,
 * registration-exempt → 外国人就业证号码; hmt-permit → 台港澳人员就业证号码 (with the permit's
 * expiry); extension, hmt-extension → the extended permit's number and its new expiry. Today's
 * work permits: wp-notice → 工作许可通知编号 (WN…); wp-permit → 外国人工作许可证号码 (WP…) with its
 * expiry; wp-extension, wp-change, wp-reissue → the permit's number and its (new) expiry;
 * wp-cancellation → the number of the permit it ends, without an expiry.
 */
export const issuedCertificate = z.object({
  number: certificateNumber,
  expiry: calendarDate.optional(),
});
export type IssuedCertificate = z.infer<typeof issuedCertificate>;

export const reviewResult = z
  .object({
    /** position in the bureau's result feed: strictly increasing, never reused */
    cursor: z.number().int().min(1),
    clientId,
    revision,
    kind: documentKind,
    decision: reviewDecision,
    /** why 预审不通过 (never empty then); '' for 预审通过 */
    reason: z.string().max(2000),
    reviewedAt: instant,
    notice: notice.optional(),
    certificate: issuedCertificate.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision === '预审不通过') {
      if (r.reason.trim() === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection carries its reason' });
      if (r.notice || r.certificate) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'a rejection issues no notice or certificate' });
    }
  });
export type ReviewResult = z.infer<typeof reviewResult>;

export const REVIEW_RESULTS_DEFAULT_LIMIT = 100;
export const REVIEW_RESULTS_MAX_LIMIT = 500;

/** Query of GET /v1/review-results: results with cursor > after, oldest first, at most limit. */
export const reviewResultsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(REVIEW_RESULTS_MAX_LIMIT).default(REVIEW_RESULTS_DEFAULT_LIMIT),
});
export type ReviewResultsQuery = z.infer<typeof reviewResultsQuery>;

export const reviewResultsResponse = z.object({
  results: z.array(reviewResult),
  /** pass as `after` next time: the last result's cursor, or `after` itself when none */
  nextCursor: z.number().int().min(0),
});
export type ReviewResultsResponse = z.infer<typeof reviewResultsResponse>;

/**
 * The page envelope alone, items unchecked: clients validate items one by one so a single bad
 * item does not hide the others (see main/services/bureau/client.ts).
 */
export const reviewResultsEnvelope = z.object({
  results: z.array(z.unknown()),
  nextCursor: z.number().int().min(0),
});

// ─── GET /v1/certificates/{number} ─────────────────────────────────────────────────────────

export const certificateDocumentKind = z.enum(CERTIFICATE_KINDS);

/** GET /v1/health: the review service answers; no sign-in needed, nothing about any enterprise */
export const healthResponse = z.object({
  status: z.literal('ok'),
  /** the bureau's clock, ISO 8601 */
  time: z.string().max(40),
});
export type HealthResponse = z.infer<typeof healthResponse>;

export const certificateResponse = z.object({
  number: certificateNumber,
  /** license: 就业许可证书; permit: 就业证 */
  kind: z.enum(['license', 'permit']),
  /** the kind of the document whose approval issued it (the source for prefillFrom) */
  documentKind: certificateDocumentKind,
  applicant: z.enum(['foreign', 'hmt']),
  /** values to prefill the follow-up form: person.* or hmt.*, job.*, employer.* */
  holder: formValues,
  /** 就业证: valid until (the end of employment, or as extended); absent for a license */
  expiry: calendarDate.optional(),
  issuedAt: instant,
});
export type CertificateResponse = z.infer<typeof certificateResponse>;

// ─── GET /v1/permits ───────────────────────────────────────────────────────────────────────

/**
 * 就业许可证书 (license), 外国人就业证 (permit), 台港澳人员就业证 (hmt-permit). Today's work permits
 * come as the same kinds: a 工作许可通知 (WN…) is a license, a 外国人工作许可证 (WP…) a permit.
 */
export const PERMIT_KINDS = ['license', 'permit', 'hmt-permit'] as const;
export const permitKind = z.enum(PERMIT_KINDS);
export type PermitKind = z.infer<typeof permitKind>;

/** valid; expired (past its expiry, not renewed); revoked (注销: the employment ended) */
export const PERMIT_STATUSES = ['valid', 'expired', 'revoked'] as const;
export const permitStatus = z.enum(PERMIT_STATUSES);
export type PermitStatus = z.infer<typeof permitStatus>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** The holder of a permit, as the bureau registered them. */
export const permitHolder = z.object({
  /** foreign: the name in the passport (person.nameEn); hmt: hmt.name */
  name: text(100),
  /** foreign: the Chinese name, when registered */
  nameZh: z.string().max(50).optional(),
  /** foreign: 护照类型 (e.g. 普通护照); hmt: 证件类型 (e.g. 港澳居民来往内地通行证) */
  documentType: text(50),
  /** passport or travel-permit number, in capitals */
  documentNumber: z.string().regex(/^[A-Z0-9]{5,20}$/, 'document number: 5–20 capitals and digits'),
  /** foreign: ISO 3166-1 alpha-2 country code; hmt: 居民类别 (香港居民, 澳门居民, 台湾居民) */
  nationality: z.string().max(20).optional(),
  birthDate: calendarDate.optional(),
  sex: z.enum(['男', '女']).optional(),
});
export type PermitHolder = z.infer<typeof permitHolder>;

export const bureauPermit = z
  .object({
    /** position in the enterprise's permit feed: strictly increasing; a permit that changes comes again with a new cursor */
    cursor: z.number().int().min(1),
    number: certificateNumber,
    kind: permitKind,
    /** foreign national or Taiwan/Hong Kong/Macao resident */
    applicant: z.enum(['foreign', 'hmt']),
    holder: permitHolder,
    issueDate: calendarDate,
    /** 就业证: valid until (as extended); a license carries none */
    expiry: calendarDate.optional(),
    status: permitStatus,
  })
  .superRefine((p, ctx) => {
    const prefixes = p.kind === 'license' ? ['GZ', 'WN'] : p.kind === 'permit' ? ['E', 'WP'] : ['T'];
    if (!prefixes.some((x) => p.number.startsWith(x))) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: `a ${p.kind} number starts with ${prefixes.join(' or ')}` });
    }
    if ((p.kind === 'hmt-permit') !== (p.applicant === 'hmt')) ctx.addIssue({ code: 'custom', path: ['applicant'], message: 'hmt-permits and only they are held by hmt applicants' });
    if (p.kind !== 'license' && !p.expiry) ctx.addIssue({ code: 'custom', path: ['expiry'], message: 'a permit carries its expiry' });
    if (p.expiry && p.expiry < p.issueDate) ctx.addIssue({ code: 'custom', path: ['expiry'], message: 'expiry before the issue date' });
  });
export type BureauPermit = z.infer<typeof bureauPermit>;

export const PERMITS_DEFAULT_LIMIT = 100;
export const PERMITS_MAX_LIMIT = 500;

/** Query of GET /v1/permits: the permits that changed after `after` (0: all current ones), oldest change first. */
export const permitsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PERMITS_MAX_LIMIT).default(PERMITS_DEFAULT_LIMIT),
});
export type PermitsQuery = z.infer<typeof permitsQuery>;

export const permitsResponse = z.object({
  permits: z.array(bureauPermit),
  /** pass as `after` next time: the last permit's cursor, or `after` itself when none */
  nextCursor: z.number().int().min(0),
});
export type PermitsResponse = z.infer<typeof permitsResponse>;

/** The page envelope alone, items unchecked (validated one by one, as review results are). */
export const permitsEnvelope = z.object({
  permits: z.array(z.unknown()).max(PERMITS_MAX_LIMIT),
  nextCursor: z.number().int().min(0),
});
