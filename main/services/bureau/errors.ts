/**
 * Every failure of the bureau client is a BureauError with one of these kinds; nothing else is
 * ever thrown (a malformed or schema-breaking answer included).
 *
 * | kind | when | what the caller does |
 * | --- | --- | --- |
 * | network | connection refused/reset/dropped, DNS, no answer at all | retry later (same Idempotency-Key) |
 * | timeout | no complete answer within timeoutMs | retry later (same Idempotency-Key) |
 * | server | 5xx (and any other unexpected status) | retry later |
 * | auth-expired | 401 on a bearer request (token expired or unknown), or no token at all | sign in again |
 * | validation | 400/413/422: the bureau refused the request (field `errors` in `problem`); 401 on login = wrong email or password | show the problems; do not retry as is |
 * | malformed | a 2xx answer that is not JSON or breaks the contract's schema | retry later; report |
 * | conflict | 409: the Idempotency-Key was used with a different body | a programming error: a revision's body must not change |
 * | not-found | 404 (unknown certificate number) | tell the user |
 * | refused | 403: the bureau refuses this request for good (…/employer-mismatch: the submission's employer is not the token's enterprise) | mark it refused, never retry it |
 * | address | the bureau address cannot be used (plain http to a host that is not loopback, not http/https, malformed); nothing was sent | tell the user to correct 设置 |
 * | cancelled | the caller aborted the request (【取消】) | nothing; the user asked for it |
 */
import type { ProblemDetails } from '../../../shared/api/schemas';

export const BUREAU_ERROR_KINDS = ['network', 'timeout', 'server', 'auth-expired', 'validation', 'malformed', 'conflict', 'not-found', 'refused', 'address', 'cancelled'] as const;
export type BureauErrorKind = (typeof BUREAU_ERROR_KINDS)[number];

/** The default message of each kind, "中文 / English". */
export const BUREAU_ERROR_MESSAGES: Readonly<Record<BureauErrorKind, string>> = {
  network: '无法连接劳动就业管理机构的预审系统，请检查网络后重试 / Cannot reach the bureau\'s review service; check the network and try again',
  timeout: '预审系统响应超时，请稍后重试 / The bureau\'s review service did not answer in time; try again later',
  server: '预审系统暂时无法处理请求，请稍后重试 / The bureau\'s review service cannot handle the request right now; try again later',
  'auth-expired': '登录已过期，请重新登录 / The sign-in has expired; sign in again',
  validation: '预审系统拒绝了提交的数据，请按提示更正 / The bureau refused the data; correct it as indicated',
  malformed: '预审系统返回的数据无法识别，请稍后重试 / The bureau\'s answer could not be read; try again later',
  conflict: '该版本已以不同内容提交过，不能更改；请作为新版本提交 / This revision was already submitted with different content and cannot change; submit a new revision',
  'not-found': '预审系统中没有找到该记录 / The bureau does not know this record',
  refused: '预审系统拒收了该申请，不会重试 / The bureau refused this application for good; it is not retried',
  address: '预审系统地址不可用，请在「设置」中更正 / The bureau address cannot be used; correct it under 设置',
  cancelled: '已取消，未向预审系统查询 / Cancelled; the bureau was not asked',
};

export class BureauError extends Error {
  override readonly name = 'BureauError';
  readonly kind: BureauErrorKind;
  /** HTTP status, when the bureau answered */
  readonly status?: number;
  /** the problem document, when the bureau sent a readable one */
  readonly problem?: ProblemDetails;
  /** auth-expired because no token is kept at all (an offline sign-in, or the token is gone): nothing was sent */
  readonly noToken: boolean;

  constructor(kind: BureauErrorKind, message: string, opts: { status?: number; problem?: ProblemDetails; cause?: unknown; noToken?: boolean } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = kind;
    this.noToken = opts.noToken ?? false;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.problem !== undefined) this.problem = opts.problem;
  }

  /** network, timeout, server and malformed failures are worth retrying later as they are */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'malformed';
  }
}

export function isBureauError(e: unknown): e is BureauError {
  return e instanceof BureauError;
}
