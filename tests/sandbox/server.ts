/**
 * The sandbox bureau: a real HTTP server (node:http, bound to 127.0.0.1 only) with its own
 * SQLite database, implementing the contract of shared/api for tests, benchmarks and demos.
 *
 *   const sandbox = await createSandbox();              // port 0 = any free port, in-memory db
 *   sandbox.url                                         // http://127.0.0.1:PORT
 *   sandbox.faults.set({ fail5xx: 2 });                 // see faults.ts
 *   sandbox.review.approve(submissionId);               // or POST /review/api/{id}/approve
 *   await sandbox.close();
 *
 * Routes:
 *   POST /v1/sessions · POST /v1/submissions · GET /v1/review-results · GET /v1/certificates/{number}
 *   GET /v1/permits
 *   GET /review (reviewer console, HTML) · POST /review/{id}/approve · POST /review/{id}/reject
 *   GET /review/api/submissions[?state=pending|approved|rejected]
 *   POST /review/api/{id}/approve · POST /review/api/{id}/reject {reason}
 *   GET|POST|DELETE /_faults · GET /openapi.json
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { buildOpenApi } from '../../shared/api/openapi';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import {
  IDEMPOTENCY_KEY_PATTERN,
  idempotencyKeyOf,
  permitsQuery,
  reviewResultsQuery,
  sessionRequest,
  submissionRequest,
  type CertificateResponse,
  type ProblemDetails,
  type ReviewResult,
  type SessionResponse,
  type SubmissionReceipt,
  type SubmissionRequest,
} from '../../shared/api/schemas';
import { normalizeNumber } from '../../shared/documents/numbers';
import { documentDef } from '../../shared/documents/registry';
import type { FormValues } from '../../shared/documents/types';
import { DEFAULT_MINIMUM_WAGE } from '../../shared/validation/employment';
import { DEMO_ACCOUNTS, seedCertificates, type DemoAccount } from './accounts';
import { renderConsole, STATE_LABELS, type SubmissionView } from './console';
import { createFaults, faultPatch, type FaultController } from './faults';
import { BodyTooLarge, esc, readBody, redirect, sendHtml, sendJson, sendProblem, sleep } from './http';
import { permitOf } from './permits';
import { approveSubmission, rejectSubmission, ReviewError } from './review';
import { SandboxStore, type EnterpriseRow, type SubmissionRow, type SubmissionState } from './store';
import { chinaDate } from './time';

export const SANDBOX_HOST = '127.0.0.1';
export const TOKEN_TTL_MS = 3600_000;

export interface SandboxOptions {
  /** default 0: any free port */
  port?: number;
  /** SQLite file; default ':memory:' */
  dbFile?: string;
  /** the bureau's clock (token expiry, receivedAt, review dates, "today" of the rules) */
  clock?: () => Date;
  /** monthly minimum wage for the salary rule; default DEFAULT_MINIMUM_WAGE.amount (2500) */
  minimumWage?: number;
  /** token lifetime; default 1 hour */
  tokenTtlMs?: number;
  /** seed the demo accounts and their certificates (default true) */
  seed?: boolean;
}

export interface SandboxReview {
  /** submissions, oldest first */
  list(state?: SubmissionState): SubmissionView[];
  approve(submissionId: string): ReviewResult;
  reject(submissionId: string, reason: string): ReviewResult;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT (no trailing slash) */
  readonly url: string;
  readonly port: number;
  /** the reviewer console: `${url}/review` */
  readonly consoleUrl: string;
  readonly db: Database.Database;
  readonly store: SandboxStore;
  readonly faults: FaultController;
  readonly accounts: readonly DemoAccount[];
  readonly review: SandboxReview;
  close(): Promise<void>;
}

const SUBMISSION_STATES = ['pending', 'approved', 'rejected'] as const;
const rejectBody = z.object({ reason: z.string() });

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void> | void;

/** Zod issues as `errors` by field (dotted path; unknown keys by their own name). */
function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors[prefix + key] ??= `不认识的字段「${key}」，请删除 / Unknown field ${key}; remove it`;
      }
      continue;
    }
    const path = prefix + issue.path.map(String).join('.');
    errors[path || '(body)'] ??= `字段不符合接口约定 / ${issue.message}`;
  }
  return errors;
}

/** sha256 of the canonical body (keys of values sorted): equal for a byte-different but equal retry. */
function bodyHash(body: SubmissionRequest): string {
  const values = Object.fromEntries(Object.entries(body.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const canonical = JSON.stringify([body.kind, body.clientId, body.revision, body.employerUscc, body.submittedAt, values]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? (() => new Date());
  const minimumWage = options.minimumWage ?? DEFAULT_MINIMUM_WAGE.amount;
  const tokenTtlMs = options.tokenTtlMs ?? TOKEN_TTL_MS;
  const store = new SandboxStore(options.dbFile ?? ':memory:');
  const faults = createFaults();
  if (options.seed ?? true) {
    const now = clock();
    const today = chinaDate(now);
    store.seed(DEMO_ACCOUNTS, seedCertificates(today), now, Number(today.slice(0, 4)));
  }
  let closed = false;

  // ─── views ─────────────────────────────────────────────────────────────────────────────

  function toView(s: SubmissionRow, enterprises: Map<number, EnterpriseRow | null>): SubmissionView {
    if (!enterprises.has(s.enterpriseId)) enterprises.set(s.enterpriseId, store.enterprise(s.enterpriseId));
    const e = enterprises.get(s.enterpriseId);
    const def = documentDef(s.kind);
    return {
      submissionId: s.id,
      enterpriseId: s.enterpriseId,
      enterprise: { email: e?.profile.email ?? '', name: e?.profile.name ?? '', uscc: e?.profile.uscc ?? '' },
      kind: s.kind,
      title: def.title,
      personName: def.personName(s.values),
      clientId: s.clientId,
      revision: s.revision,
      submittedAt: s.submittedAt,
      receivedAt: s.receivedAt,
      state: s.state,
      stateLabel: STATE_LABELS[s.state],
      values: s.values,
      result: store.resultOf(s.id),
    };
  }

  const review: SandboxReview = {
    list(state) {
      const cache = new Map<number, EnterpriseRow | null>();
      return store.submissions(state).map((s) => toView(s, cache));
    },
    approve: (id) => approveSubmission(store, id, clock()),
    reject: (id, reason) => rejectSubmission(store, id, reason, clock()),
  };

  // ─── API helpers ───────────────────────────────────────────────────────────────────────

  function authenticate(req: http.IncomingMessage, res: http.ServerResponse): EnterpriseRow | null {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const session = m?.[1] ? store.session(m[1]) : null;
    if (!session) {
      sendProblem(res, 401, PROBLEM_TYPES.unauthorized, '未登录或登录凭证无效，请重新登录 / Not signed in or the token is unknown; sign in again', {}, {
        'WWW-Authenticate': 'Bearer realm="bureau"',
      });
      return null;
    }
    if (faults.get().expireTokens || Date.parse(session.expiresAt) <= clock().getTime()) {
      sendProblem(res, 401, PROBLEM_TYPES.tokenExpired, '登录已过期，请重新登录 / The session has expired; sign in again', {}, {
        'WWW-Authenticate': 'Bearer realm="bureau", error="invalid_token"',
      });
      return null;
    }
    const enterprise = store.enterprise(session.enterpriseId);
    if (!enterprise) {
      sendProblem(res, 401, PROBLEM_TYPES.unauthorized, '企业账号不存在，请重新登录 / The account no longer exists; sign in again');
      return null;
    }
    return enterprise;
  }

  function badJson(res: http.ServerResponse): void {
    sendProblem(res, 400, PROBLEM_TYPES.badRequest, '请求内容不是有效的 JSON / The request body is not valid JSON');
  }

  /** The kind's own rules: the storage schema and the blocking problems of check(). */
  function documentProblems(body: SubmissionRequest): NonNullable<ProblemDetails['problems']> {
    const def = documentDef(body.kind);
    const found: NonNullable<ProblemDetails['problems']> = [];
    const parsed = def.schema.safeParse(body.values);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues))) {
        found.push({ field, code: message.startsWith('不认识的字段') ? 'field.unknown' : 'field.invalid', message });
      }
    }
    const values: FormValues = body.values;
    for (const p of def.check(values, { today: chinaDate(clock()), minimumWage })) {
      if (p.severity === 'block') found.push({ field: p.field || '(record)', code: p.code, message: p.message });
    }
    return found;
  }

  // ─── API routes ────────────────────────────────────────────────────────────────────────

  const postSession: Handler = async (req, res) => {
    const json = parseJson(await readBody(req));
    if (!json.ok) return badJson(res);
    const parsed = sessionRequest.safeParse(json.value);
    if (!parsed.success) {
      return sendProblem(res, 422, PROBLEM_TYPES.validation, '请填写企业邮箱和密码 / Enter the enterprise email and password', {
        errors: issuesToErrors(parsed.error.issues),
      });
    }
    const enterprise = store.authenticate(parsed.data.email, parsed.data.password);
    if (!enterprise) {
      return sendProblem(res, 401, PROBLEM_TYPES.invalidCredentials, '企业邮箱或密码错误，请重新输入 / The enterprise email or the password is wrong; try again');
    }
    const { token, expiresAt } = store.createSession(enterprise.id, clock(), tokenTtlMs);
    const body: SessionResponse = { token, expiresAt, profile: enterprise.profile };
    sendJson(res, 201, body);
  };

  const postSubmission: Handler = async (req, res) => {
    const text = await readBody(req);
    const enterprise = authenticate(req, res);
    if (!enterprise) return;
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      const message = '缺少或格式错误的 Idempotency-Key 请求头，应为 <clientId>:<revision> / Missing or malformed Idempotency-Key header: <clientId>:<revision>';
      return sendProblem(res, 400, PROBLEM_TYPES.badRequest, message, { errors: { 'Idempotency-Key': message } });
    }
    const json = parseJson(text);
    if (!json.ok) return badJson(res);
    const parsed = submissionRequest.safeParse(json.value);
    if (!parsed.success) {
      return sendProblem(res, 422, PROBLEM_TYPES.validation, '提交内容不符合接口约定 / The submission does not follow the contract', {
        errors: issuesToErrors(parsed.error.issues),
      });
    }
    const body = parsed.data;
    if (key !== idempotencyKeyOf(body.clientId, body.revision)) {
      const message = `Idempotency-Key（${key}）与 clientId:revision（${idempotencyKeyOf(body.clientId, body.revision)}）不一致 / The Idempotency-Key does not match the body's clientId:revision`;
      return sendProblem(res, 400, PROBLEM_TYPES.badRequest, message, { errors: { 'Idempotency-Key': message } });
    }
    const named = (body.values['employer.uscc'] ?? '').trim().toUpperCase();
    if (body.employerUscc !== enterprise.profile.uscc || (named !== '' && named !== body.employerUscc)) {
      const who = named !== '' && named !== body.employerUscc ? `${body.employerUscc} / ${named}` : body.employerUscc;
      return sendProblem(
        res,
        403,
        PROBLEM_TYPES.employerMismatch,
        `申请的用人单位（统一社会信用代码 ${who}）不是当前登录的单位（${enterprise.profile.uscc}），已拒收 / The employer of this application (USCC ${who}) is not the signed-in enterprise (${enterprise.profile.uscc}); refused`,
        { errors: { 'employer.uscc': `应为 ${enterprise.profile.uscc} / must be ${enterprise.profile.uscc}` } },
      );
    }
    const hash = bodyHash(body);
    const earlier = store.submissionByKey(enterprise.id, key);
    let status: 200 | 201;
    let receipt: SubmissionReceipt;
    if (earlier) {
      if (earlier.bodyHash !== hash) {
        return sendProblem(
          res,
          409,
          PROBLEM_TYPES.idempotencyConflict,
          `该记录的第 ${body.revision} 版已以不同内容提交（${earlier.id}）；修改后请作为新版本提交 / Revision ${body.revision} of this record was already submitted with a different body (${earlier.id}); submit changes as a new revision`,
        );
      }
      status = 200;
      receipt = { submissionId: earlier.id, receivedAt: earlier.receivedAt };
    } else {
      const problems = documentProblems(body);
      if (problems.length > 0) {
        const errors: Record<string, string> = {};
        for (const p of problems) errors[p.field] ??= p.message;
        return sendProblem(res, 422, PROBLEM_TYPES.validation, `预审系统校验未通过（${Object.keys(errors).length} 个字段），请更正后重新提交 / The bureau refused the record (${Object.keys(errors).length} fields); correct it and submit again`, {
          errors,
          problems,
        });
      }
      const row = store.insertSubmission({
        enterpriseId: enterprise.id,
        idempotencyKey: key,
        bodyHash: hash,
        kind: body.kind,
        clientId: body.clientId,
        revision: body.revision,
        values: body.values,
        submittedAt: body.submittedAt,
        receivedAt: clock().toISOString(),
      });
      status = 201;
      receipt = { submissionId: row.id, receivedAt: row.receivedAt };
    }
    if (faults.take('dropAfterCommit')) {
      req.socket.destroy();
      return;
    }
    sendJson(res, status, receipt, status === 200 ? { 'Idempotent-Replayed': 'true' } : {});
  };

  const getReviewResults: Handler = (req, res, url) => {
    const enterprise = authenticate(req, res);
    if (!enterprise) return;
    const parsed = reviewResultsQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      return sendProblem(res, 400, PROBLEM_TYPES.badRequest, '查询参数错误：after 为非负整数，limit 为 1–500 / Bad query: after is a non-negative integer, limit 1–500', {
        errors: issuesToErrors(parsed.error.issues),
      });
    }
    const { after, limit } = parsed.data;
    const results = store.results(enterprise.id, after, limit);
    const nextCursor = results.at(-1)?.cursor ?? after;
    if (faults.take('malformedJson')) {
      const full = JSON.stringify({ results, nextCursor });
      const broken = full.slice(0, Math.floor(full.length / 2)); // a proper prefix of an object is never valid JSON
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(broken) });
      res.end(broken);
      return;
    }
    let items: unknown[] = faults.get().duplicateResults ? results.flatMap((r) => [r, r]) : [...results];
    if (faults.take('schemaBreaking')) {
      const broken = {
        cursor: nextCursor + 1_000_000,
        clientId: `unknown-${crypto.randomUUID()}`,
        revision: 1,
        kind: 'license',
        decision: 'MAYBE',
        reason: '',
        reviewedAt: clock().toISOString(),
      };
      const at = Math.floor(items.length / 2);
      items = [...items.slice(0, at), broken, ...items.slice(at)];
    }
    sendJson(res, 200, { results: items, nextCursor });
  };

  const getPermits: Handler = (req, res, url) => {
    const enterprise = authenticate(req, res);
    if (!enterprise) return;
    const parsed = permitsQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      return sendProblem(res, 400, PROBLEM_TYPES.badRequest, '查询参数错误：after 为非负整数，limit 为 1–500 / Bad query: after is a non-negative integer, limit 1–500', {
        errors: issuesToErrors(parsed.error.issues),
      });
    }
    const { after, limit } = parsed.data;
    const now = clock();
    const permits = store.certificateFeed(enterprise.id, after, limit).map((c) => permitOf(c, now));
    sendJson(res, 200, { permits, nextCursor: permits.at(-1)?.cursor ?? after });
  };

  const getCertificate = (number: string): Handler => (req, res) => {
    const enterprise = authenticate(req, res);
    if (!enterprise) return;
    const cert = store.certificate(normalizeNumber(number));
    if (!cert || cert.enterpriseId !== enterprise.id) {
      return sendProblem(res, 404, PROBLEM_TYPES.notFound, `未找到证书号码 ${number} / No certificate with number ${number} is known for this enterprise`);
    }
    const body: CertificateResponse = {
      number: cert.number,
      kind: cert.kind,
      documentKind: cert.documentKind,
      applicant: cert.applicant,
      holder: cert.holder,
      ...(cert.expiry ? { expiry: cert.expiry } : {}),
      issuedAt: cert.issuedAt,
    };
    sendJson(res, 200, body);
  };

  function methodNotAllowed(res: http.ServerResponse, allow: string): void {
    sendProblem(res, 405, PROBLEM_TYPES.methodNotAllowed, `只支持 ${allow} / Only ${allow} is allowed here`, {}, { Allow: allow });
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    // "the next n requests" counts arrivals: decided before the delay
    const unavailable = faults.take('fail5xx');
    const { latencyMs } = faults.get();
    if (latencyMs > 0) {
      await sleep(latencyMs);
      if (closed) {
        req.socket.destroy();
        return;
      }
    }
    if (unavailable) {
      req.resume();
      return sendProblem(res, 503, PROBLEM_TYPES.unavailable, '服务暂时不可用，请稍后重试 / The service is temporarily unavailable; retry later', {}, { 'Retry-After': '1' });
    }
    if (path === '/v1/health') {
      req.resume();
      return method === 'GET' ? sendJson(res, 200, { status: 'ok', time: clock().toISOString() }) : methodNotAllowed(res, 'GET');
    }
    if (path === '/v1/sessions') return method === 'POST' ? postSession(req, res, url) : methodNotAllowed(res, 'POST');
    if (path === '/v1/submissions') return method === 'POST' ? postSubmission(req, res, url) : methodNotAllowed(res, 'POST');
    if (path === '/v1/review-results') return method === 'GET' ? getReviewResults(req, res, url) : methodNotAllowed(res, 'GET');
    if (path === '/v1/permits') return method === 'GET' ? getPermits(req, res, url) : methodNotAllowed(res, 'GET');
    const cert = /^\/v1\/certificates\/([^/]+)$/.exec(path);
    if (cert?.[1]) {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      let number: string;
      try {
        number = decodeURIComponent(cert[1]);
      } catch {
        number = cert[1];
      }
      return getCertificate(number)(req, res, url);
    }
    req.resume();
    sendProblem(res, 404, PROBLEM_TYPES.notFound, `没有这个接口：${method} ${path} / No such endpoint`);
  }

  // ─── reviewer console and its JSON API ─────────────────────────────────────────────────

  function consolePage(res: http.ServerResponse, status: number, url: URL, extra: { flash?: string; alert?: string; error?: { submissionId: string; message: string } } = {}): void {
    const all = review.list();
    const stateParam = url.searchParams.get('state');
    const filter = (SUBMISSION_STATES as readonly string[]).includes(stateParam ?? '') ? (stateParam as SubmissionState) : 'all';
    const counts = { all: all.length, pending: 0, approved: 0, rejected: 0 };
    for (const v of all) counts[v.state] += 1;
    const views = (filter === 'all' ? all : all.filter((v) => v.state === filter)).reverse();
    let flash = extra.flash;
    const done = url.searchParams.get('done');
    const doneId = url.searchParams.get('id');
    if (!flash && done && doneId) {
      const r = store.resultOf(doneId);
      if (r?.decision === '预审通过') {
        const parts = [r.notice ? `通知书编号 ${r.notice.noticeNo}` : '', r.certificate ? `证书号码 ${r.certificate.number}` : ''].filter(Boolean);
        flash = `${doneId} 已预审通过${parts.length ? `：${parts.join('，')}` : ''}`;
      } else if (r) {
        flash = `${doneId} 已预审不通过：${r.reason}`;
      }
    }
    sendHtml(res, status, renderConsole({ views, counts, filter, ...extra, ...(flash ? { flash } : {}) }));
  }

  function reviewProblem(res: http.ServerResponse, e: unknown): void {
    if (e instanceof ReviewError) return sendProblem(res, e.status, e.type, e.message, e.errors ? { errors: e.errors } : {});
    throw e;
  }

  async function reviewRoutes(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/review' || path === '/review/') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return consolePage(res, 200, url);
    }
    if (path === '/review/api/submissions') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      const state = url.searchParams.get('state');
      if (state !== null && !(SUBMISSION_STATES as readonly string[]).includes(state)) {
        return sendProblem(res, 400, PROBLEM_TYPES.badRequest, 'state 只能是 pending、approved 或 rejected / state is pending, approved or rejected');
      }
      return sendJson(res, 200, { submissions: review.list((state ?? undefined) as SubmissionState | undefined) });
    }
    const apiAction = /^\/review\/api\/([^/]+)\/(approve|reject)$/.exec(path);
    if (apiAction?.[1] && apiAction[2]) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      const id = decodeURIComponent(apiAction[1]);
      const text = await readBody(req);
      try {
        if (apiAction[2] === 'approve') return sendJson(res, 200, { result: review.approve(id) });
        const json = parseJson(text || '{}');
        if (!json.ok) return badJson(res);
        const body = rejectBody.safeParse(json.value);
        return sendJson(res, 200, { result: review.reject(id, body.success ? body.data.reason : '') });
      } catch (e) {
        return reviewProblem(res, e);
      }
    }
    const formAction = /^\/review\/([^/]+)\/(approve|reject)$/.exec(path);
    if (formAction?.[1] && formAction[2]) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      const id = decodeURIComponent(formAction[1]);
      const form = new URLSearchParams(await readBody(req));
      try {
        if (formAction[2] === 'approve') review.approve(id);
        else review.reject(id, form.get('reason') ?? '');
        return redirect(res, `/review?done=${formAction[2]}&id=${encodeURIComponent(id)}#${encodeURIComponent(id)}`);
      } catch (e) {
        if (!(e instanceof ReviewError)) throw e;
        if (e.status === 422) return consolePage(res, 422, url, { error: { submissionId: id, message: e.message } });
        return consolePage(res, e.status, url, { alert: e.message });
      }
    }
    req.resume();
    sendHtml(res, 404, `<!doctype html><meta charset="utf-8"><title>404</title><p>页面不存在：${esc(path)}。<a href="/review">返回审核台</a></p>`);
  }

  async function faultRoutes(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'GET') return sendJson(res, 200, faults.get());
    if (method === 'DELETE') return sendJson(res, 200, faults.reset());
    if (method !== 'POST') return methodNotAllowed(res, 'GET, POST, DELETE');
    const json = parseJson(await readBody(req));
    if (!json.ok) return badJson(res);
    const patch = faultPatch.safeParse(json.value);
    if (!patch.success) {
      return sendProblem(res, 422, PROBLEM_TYPES.validation, '故障设置无效 / Invalid fault settings', { errors: issuesToErrors(patch.error.issues) });
    }
    sendJson(res, 200, faults.set(patch.data));
  }

  // ─── the server ────────────────────────────────────────────────────────────────────────

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${SANDBOX_HOST}`);
    const path = url.pathname;
    try {
      if (path.startsWith('/v1/')) return await api(req, res, url);
      if (path === '/review' || path.startsWith('/review/')) return await reviewRoutes(req, res, url);
      if (path === '/_faults') return await faultRoutes(req, res);
      if (path === '/openapi.json' && req.method === 'GET') return sendJson(res, 200, buildOpenApi());
      if (path === '/' && req.method === 'GET') return redirect(res, '/review');
      req.resume();
      sendProblem(res, 404, PROBLEM_TYPES.notFound, `没有这个地址：${path} / Not found`);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        return sendProblem(res, 413, PROBLEM_TYPES.payloadTooLarge, '请求内容过大（最多 8 MB） / The request body is too large (at most 8 MB)');
      }
      if (closed || res.headersSent) {
        res.destroy();
        return;
      }
      sendProblem(res, 500, PROBLEM_TYPES.internal, `沙箱内部错误 / Sandbox internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, SANDBOX_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${SANDBOX_HOST}:${port}`;

  return {
    url,
    port,
    consoleUrl: `${url}/review`,
    db: store.db,
    store,
    faults,
    accounts: DEMO_ACCOUNTS,
    review,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
