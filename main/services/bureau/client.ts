/**
 * The HTTP client of the bureau review API (shared/api), for the sync engine. Plain Node (axios),
 * no Electron. Every answer is validated with the contract's zod schemas; every failure is a
 * BureauError (errors.ts) and nothing else is thrown.
 *
 *   const bureau = createBureauClient({ baseUrl, timeoutMs: 15_000, getToken: () => secrets.get('bureau.token') });
 *   const { token, expiresAt, profile } = await bureau.login(email, password);   // store `token` as it is
 *   const receipt = await bureau.submit({ kind, clientId, revision, employerUscc, values, submittedAt });
 *   const page = await bureau.reviewResults(cursor);      // { valid, invalid, nextCursor }
 *   const permits = await bureau.permits(cursor);         // { valid, invalid, nextCursor }
 *   const cert = await bureau.certificate('E20250000456');
 *
 * Whether the bureau answered at all is for reachability.ts (the header's 在线 / 办事大厅无法访问).
 *
 * submit() sends `Idempotency-Key: <clientId>:<revision>`: after a network error or a timeout,
 * call it again with the same revision — the bureau answers the first receipt and creates nothing.
 *
 * The token login() returns is bound to the bureau's origin (origin.ts): the client sends it only
 * to that origin, over https or to loopback; any other address is refused before a byte is sent.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { PROBLEM_TYPES } from '../../../shared/api/problems';
import {
  certificateResponse,
  healthResponse,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyOf,
  problemDetails,
  REVIEW_RESULTS_DEFAULT_LIMIT,
  reviewResult,
  reviewResultsEnvelope,
  sessionResponse,
  submissionReceipt,
  submissionRequest,
  bureauPermit,
  permitsEnvelope,
  PERMITS_DEFAULT_LIMIT,
  type BureauPermit,
  type CertificateResponse,
  type HealthResponse,
  type ProblemDetails,
  type ReviewResult,
  type SessionResponse,
  type SubmissionReceipt,
  type SubmissionRequest,
} from '../../../shared/api/schemas';
import { normalizeNumber } from '../../../shared/documents/numbers';
import { BUREAU_ERROR_MESSAGES, BureauError, type BureauErrorKind } from './errors';
import { bindToken, bureauAddress, unbindToken } from './origin';

export { BureauError, isBureauError, BUREAU_ERROR_KINDS, BUREAU_ERROR_MESSAGES, type BureauErrorKind } from './errors';

export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface BureauClientOptions {
  /** e.g. http://127.0.0.1:47110 (Settings.bureauUrl) */
  baseUrl: string;
  /** per request, connection to last byte */
  timeoutMs: number;
  /** the credential login() returned, as stored; null/undefined = not signed in → auth-expired */
  getToken: TokenSource;
  /** the stored credential belongs to another bureau address (or is not bound to one): forget it */
  onTokenRefused?: () => void;
}

export interface SubmitResult extends SubmissionReceipt {
  /** true when the bureau had the key already (status 200): nothing new was created */
  replayed: boolean;
}

export interface InvalidReviewResult {
  /** the item exactly as received */
  raw: unknown;
  /** why it was refused, e.g. `decision: Invalid option: expected one of "预审通过"|"预审不通过"` */
  reason: string;
}

export interface InvalidPermit {
  raw: unknown;
  reason: string;
}

export interface PermitsPage {
  /** valid permits, in feed order, each number once (its latest change) */
  valid: BureauPermit[];
  /** items breaking the schema: reported, never stored */
  invalid: InvalidPermit[];
  /** pass as `after` next time */
  nextCursor: number;
}

export interface ReviewResultsPage {
  /** valid results, in feed order, each cursor once */
  valid: ReviewResult[];
  /** items breaking the schema: reported, never applied */
  invalid: InvalidReviewResult[];
  /** pass as `after` next time */
  nextCursor: number;
}

export interface BureauClient {
  /** the origin requests go to (and the only one the token is sent to); '' when the address is refused */
  readonly origin: string;
  /**
   * POST /v1/sessions. Wrong email or password: BureauError 'validation' (status 401). The token
   * returned is bound to this client's origin: store it as it is, pass it back through getToken.
   */
  login(email: string, password: string): Promise<SessionResponse>;
  /** POST /v1/submissions with Idempotency-Key `<clientId>:<revision>`. */
  submit(revision: SubmissionRequest, signal?: AbortSignal): Promise<SubmitResult>;
  /** GET /v1/review-results: items validated one by one. */
  reviewResults(after: number, limit?: number, signal?: AbortSignal): Promise<ReviewResultsPage>;
  /** GET /v1/permits: the enterprise's permits changed after `after`, items validated one by one. */
  permits(after: number, limit?: number, signal?: AbortSignal): Promise<PermitsPage>;
  /** GET /v1/certificates/{number}; unknown number: BureauError 'not-found'. `signal` aborts it ('cancelled'). */
  certificate(number: string, signal?: AbortSignal): Promise<CertificateResponse>;
  /** GET /v1/health: a light probe, no token sent. */
  health(signal?: AbortSignal): Promise<HealthResponse>;
}

const MAX_BYTES = 16 * 1024 * 1024;
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

interface Answer {
  status: number;
  text: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const parsed = problemDetails.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The BureauError for a non-2xx answer. */
function failure(answer: Answer): BureauError {
  const { status } = answer;
  const problem = parseProblem(answer.text);
  let kind: BureauErrorKind;
  if (status === 401) kind = problem?.type === PROBLEM_TYPES.invalidCredentials ? 'validation' : 'auth-expired';
  else if (status === 403 && problem?.type === PROBLEM_TYPES.employerMismatch) kind = 'refused';
  else if (status === 404) kind = 'not-found';
  else if (status === 409) kind = 'conflict';
  else if (status === 400 || status === 413 || status === 422) kind = 'validation';
  else kind = 'server';
  let message: string;
  if (kind === 'server') {
    const [zh, en] = BUREAU_ERROR_MESSAGES.server.split(' / ');
    message = `${zh}（HTTP ${status}） / ${en} (HTTP ${status})`;
  } else if (problem?.detail && problem.detail.includes(' / ')) {
    message = problem.detail;
  } else {
    message = BUREAU_ERROR_MESSAGES[kind];
  }
  return new BureauError(kind, message, { status, ...(problem ? { problem } : {}) });
}

function malformed(status: number, why: string, cause?: unknown): BureauError {
  const [zh, en] = BUREAU_ERROR_MESSAGES.malformed.split(' / ');
  return new BureauError('malformed', `${zh}（${why}） / ${en} (${why})`, { status, ...(cause === undefined ? {} : { cause }) });
}

/** JSON of a 2xx answer, validated with `schema`. */
function decode<T>(answer: Answer, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch (e) {
    throw malformed(answer.status, 'invalid JSON', e);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw malformed(answer.status, describeIssues(parsed.error), parsed.error);
  return parsed.data;
}

export function createBureauClient(options: BureauClientOptions): BureauClient {
  const timeoutMs = options.timeoutMs;
  const address = bureauAddress(options.baseUrl);
  const origin = address.ok ? address.origin : '';
  const http: AxiosInstance = axios.create({
    // a refused address is never requested (send() throws first): the discard port stands in
    baseURL: address.ok ? address.baseUrl : 'http://127.0.0.1:9',
    timeout: timeoutMs,
    adapter: 'http',
    proxy: false,
    maxRedirects: 0,
    maxBodyLength: MAX_BYTES,
    maxContentLength: MAX_BYTES,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    headers: { Accept: 'application/json, application/problem+json' },
  });

  async function token(): Promise<string> {
    if (!address.ok) throw new BureauError('address', address.message);
    let value: string | null | undefined;
    try {
      value = await options.getToken();
    } catch (e) {
      throw new BureauError('auth-expired', BUREAU_ERROR_MESSAGES['auth-expired'], { cause: e });
    }
    if (!value) throw new BureauError('auth-expired', '尚未登录，请先登录 / Not signed in; sign in first', { noToken: true });
    const bound = unbindToken(value);
    if (!bound) {
      options.onTokenRefused?.();
      throw new BureauError(
        'auth-expired',
        '保存的登录凭证没有记录签发它的预审系统地址，不会发送，已作废；请重新登录 / The stored token does not name the bureau that issued it: it is not sent and was dropped; sign in again',
      );
    }
    if (bound.origin !== origin) {
      options.onTokenRefused?.();
      throw new BureauError(
        'auth-expired',
        `预审系统地址已更改：原登录凭证是 ${bound.origin} 签发的，不会发送到 ${origin}，已作废；请重新登录 / The bureau address has changed: the token was issued by ${bound.origin} and is never sent to ${origin}; it was dropped, sign in again`,
      );
    }
    return bound.token;
  }

  async function send(config: {
    method: 'GET' | 'POST';
    url: string;
    data?: unknown;
    params?: Record<string, number>;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  }): Promise<Answer> {
    if (!address.ok) throw new BureauError('address', address.message);
    if (config.signal?.aborted) throw new BureauError('cancelled', BUREAU_ERROR_MESSAGES.cancelled);
    let response: AxiosResponse<unknown>;
    try {
      response = await http.request<unknown>({
        method: config.method,
        url: config.url,
        ...(config.data === undefined ? {} : { data: JSON.stringify(config.data) }),
        ...(config.params ? { params: config.params } : {}),
        headers: { ...(config.data === undefined ? {} : { 'Content-Type': 'application/json' }), ...config.headers },
        ...(config.signal ? { signal: config.signal } : {}),
      });
    } catch (e) {
      const code = axios.isAxiosError(e) ? (e.code ?? '') : '';
      if (axios.isCancel(e) || config.signal?.aborted) throw new BureauError('cancelled', BUREAU_ERROR_MESSAGES.cancelled, { cause: e });
      if (TIMEOUT_CODES.has(code)) {
        const s = Math.round(timeoutMs / 100) / 10;
        throw new BureauError('timeout', `预审系统在 ${s} 秒内没有响应，请稍后重试 / The bureau's review service did not answer within ${s} s; try again later`, { cause: e });
      }
      if (code === 'ERR_BAD_RESPONSE' && axios.isAxiosError(e) && /maxContentLength/.test(e.message)) {
        throw malformed(0, 'answer too large', e);
      }
      throw new BureauError('network', BUREAU_ERROR_MESSAGES.network, { cause: e });
    }
    const text = typeof response.data === 'string' ? response.data : response.data === undefined || response.data === null ? '' : String(response.data);
    return { status: response.status, text };
  }

  async function call<T>(
    config: Parameters<typeof send>[0],
    schema: z.ZodType<T>,
  ): Promise<{ status: number; body: T }> {
    const answer = await send(config);
    if (answer.status < 200 || answer.status > 299) throw failure(answer);
    return { status: answer.status, body: decode(answer, schema) };
  }

  return {
    origin,

    async login(email, password) {
      const { body } = await call({ method: 'POST', url: '/v1/sessions', data: { email, password } }, sessionResponse);
      return { ...body, token: bindToken(origin, body.token) };
    },

    async submit(revision, signal) {
      const parsed = submissionRequest.safeParse(revision);
      if (!parsed.success) {
        throw new BureauError('validation', `提交内容不符合接口约定（${describeIssues(parsed.error)}） / The submission does not follow the contract (${describeIssues(parsed.error)})`);
      }
      const body = parsed.data;
      const bearer = await token();
      const answer = await call(
        {
          method: 'POST',
          url: '/v1/submissions',
          data: body,
          headers: { Authorization: `Bearer ${bearer}`, [IDEMPOTENCY_KEY_HEADER]: idempotencyKeyOf(body.clientId, body.revision) },
          ...(signal ? { signal } : {}),
        },
        submissionReceipt,
      );
      return { ...answer.body, replayed: answer.status === 200 };
    },

    async reviewResults(after, limit = REVIEW_RESULTS_DEFAULT_LIMIT, signal) {
      const bearer = await token();
      const { body } = await call(
        { method: 'GET', url: '/v1/review-results', params: { after, limit }, headers: { Authorization: `Bearer ${bearer}` }, ...(signal ? { signal } : {}) },
        reviewResultsEnvelope,
      );
      const valid: ReviewResult[] = [];
      const invalid: InvalidReviewResult[] = [];
      const seen = new Set<number>();
      for (const raw of body.results) {
        const item = reviewResult.safeParse(raw);
        if (!item.success) {
          invalid.push({ raw, reason: describeIssues(item.error) });
          continue;
        }
        if (seen.has(item.data.cursor)) continue;
        seen.add(item.data.cursor);
        valid.push(item.data);
      }
      return { valid, invalid, nextCursor: body.nextCursor };
    },

    async permits(after, limit = PERMITS_DEFAULT_LIMIT, signal) {
      const bearer = await token();
      const { body } = await call(
        { method: 'GET', url: '/v1/permits', params: { after, limit }, headers: { Authorization: `Bearer ${bearer}` }, ...(signal ? { signal } : {}) },
        permitsEnvelope,
      );
      if (body.permits.length > limit) throw malformed(200, `${body.permits.length} permits on a page of ${limit}`);
      const latest = new Map<string, BureauPermit>();
      const invalid: InvalidPermit[] = [];
      let last = after;
      for (const raw of body.permits) {
        const item = bureauPermit.safeParse(raw);
        if (!item.success) {
          invalid.push({ raw, reason: describeIssues(item.error) });
          continue;
        }
        if (item.data.cursor <= after) {
          invalid.push({ raw, reason: `cursor ${item.data.cursor} is not after ${after}` });
          continue;
        }
        last = Math.max(last, item.data.cursor);
        const known = latest.get(item.data.number);
        if (!known || known.cursor < item.data.cursor) latest.set(item.data.number, item.data);
      }
      if (body.nextCursor < last) throw malformed(200, `nextCursor ${body.nextCursor} is before the page's last permit ${last}`);
      return { valid: [...latest.values()].sort((a, b) => a.cursor - b.cursor), invalid, nextCursor: body.nextCursor };
    },

    async certificate(number, signal) {
      const bearer = await token();
      const { body } = await call(
        {
          method: 'GET',
          url: `/v1/certificates/${encodeURIComponent(normalizeNumber(number))}`,
          headers: { Authorization: `Bearer ${bearer}` },
          ...(signal ? { signal } : {}),
        },
        certificateResponse,
      );
      return body;
    },

    async health(signal) {
      const { body } = await call({ method: 'GET', url: '/v1/health', ...(signal ? { signal } : {}) }, healthResponse);
      return body;
    },
  };
}
