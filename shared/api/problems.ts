/**
 * Problem types of the bureau API (RFC 9457 `application/problem+json`). The `type` URIs are
 * stable: clients branch on them, never on `title` or `detail` (which are bilingual prose).
 */
export const PROBLEM_BASE = 'https://permit-desk.local/problems/';

export const PROBLEM_TYPES = {
  /** 400: unreadable JSON, bad query parameters, missing or malformed Idempotency-Key */
  badRequest: `${PROBLEM_BASE}bad-request`,
  /** 401 on POST /v1/sessions: unknown email or wrong password */
  invalidCredentials: `${PROBLEM_BASE}invalid-credentials`,
  /** 401: no bearer token, or one the bureau does not know */
  unauthorized: `${PROBLEM_BASE}unauthorized`,
  /** 401: the token has expired; sign in again */
  tokenExpired: `${PROBLEM_BASE}token-expired`,
  /**
   * 403 on POST /v1/submissions: the submission's employer (employerUscc, employer.uscc) is not
   * the enterprise the token was issued to. Final for that revision: do not retry it.
   */
  employerMismatch: `${PROBLEM_BASE}employer-mismatch`,
  /** 404 */
  notFound: `${PROBLEM_BASE}not-found`,
  /** 405 */
  methodNotAllowed: `${PROBLEM_BASE}method-not-allowed`,
  /** 409: the Idempotency-Key was already used with a different body */
  idempotencyConflict: `${PROBLEM_BASE}idempotency-conflict`,
  /** 409 (sandbox review API): the submission has already been reviewed */
  alreadyReviewed: `${PROBLEM_BASE}already-reviewed`,
  /** 413 */
  payloadTooLarge: `${PROBLEM_BASE}payload-too-large`,
  /** 422: the body breaks the contract or the bureau's own rules; `errors` by field */
  validation: `${PROBLEM_BASE}validation`,
  /** 500 */
  internal: `${PROBLEM_BASE}internal`,
  /** 503: temporarily unavailable, retry later */
  unavailable: `${PROBLEM_BASE}unavailable`,
} as const;

export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
