import type { SyncStatus } from '../../../shared/bridge/contract';
import { PERMITS_MAX_LIMIT, REVIEW_RESULTS_MAX_LIMIT, type BureauPermit, type ReviewResult } from '../../../shared/api/schemas';
import { PROBLEM_TYPES } from '../../../shared/api/problems';
import type { DocumentKind } from '../../../shared/documents/types';
import { isBureauError, reachabilityOf, tracked, type BureauClient } from '../bureau';
import { BUREAU_TASKS } from '../../../shared/bridge/contract';
import type { Tasks } from '../tasks';
import type { RecordService, ReviewDecision } from '../records/recordService';
import type { MetaStore } from '../store/meta';
import { isGuardRefusal } from '../store/refusals';
import type { EventHub } from '../events';
import { BureauPermitStore } from '../roster/bureauPermits';
import type { Outbox, OutboxItem, QueuePlace } from './outbox';
import { DEFAULT_RETRY, inPool, withRetry, type RetryPolicy } from './retry';

/** Where the permits pulled from GET /v1/permits go (roster/bureauPermits.ts), in the sync's transaction. */
export interface PermitSink {
  apply(permits: readonly BureauPermit[], at: string): { stored: number };
}

export interface SyncDeps {
  outbox: Outbox;
  /** where the bureau's permit list goes; default: bureau_permits of the outbox's store (roster/bureauPermits.ts) */
  permits?: PermitSink;
  /**
   * the 统一社会信用代码 of the signed-in enterprise: a revision naming another employer is
   * refused here, before it is sent (the bureau refuses it too)
   */
  enterpriseUscc?: () => string | null | undefined;
  records: RecordService;
  meta: MetaStore;
  transaction: <T>(fn: () => T) => T;
  /** the bureau client for the current settings; null when no bureau is configured */
  client: () => BureauClient | null;
  events: EventHub;
  /** a sync runs as a cancellable task (【取消】) when given */
  tasks?: Tasks;
  notify?: (title: string, body: string) => void;
  log: (line: string) => void;
  now: () => Date;
  retry?: RetryPolicy;
  concurrency?: number;
  /** review results per page of GET /v1/review-results (at most REVIEW_RESULTS_MAX_LIMIT) */
  pageSize?: number;
  /** permits per page of GET /v1/permits (at most PERMITS_MAX_LIMIT) */
  permitPageSize?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncReport {
  uploaded: number;
  results: number;
  /** permits stored from the bureau's list (new or changed) */
  permits: number;
}

const CURSOR_KEY = 'sync.cursor';
export const PERMIT_CURSOR_KEY = 'sync.permitCursor';
/** a sync reads at most this many pages of permits; the rest come with the next sync */
const MAX_PERMIT_PAGES = 1000;
const LAST_SYNC_KEY = 'sync.lastSyncAt';

/** a sync uploads at most this many revisions; the rest go with the next one */
const MAX_UPLOADS_PER_RUN = 5000;
/** revisions read from the queue (with their values and photos) at a time */
export const UPLOAD_WINDOW = 64;

/** Upload acknowledgements written together: this many, or whatever came within this many ms. */
const ACK_BATCH = 50;
const ACK_BATCH_MS = 200;

class AuthRequired extends Error {}

const SIGN_IN_ONLINE =
  '本次为离线登录（或本机没有保存登录凭证），主管部门系统现在可以访问：请输入密码联网登录后再同步；待上传的申请不会丢失 / You signed in offline (or no sign-in is kept on this computer) and the bureau can be reached now: enter the password to sign in online, then sync; nothing queued is lost';
const BUREAU_UNREACHABLE = '无法连接主管部门预审系统，请稍后再同步 / The bureau cannot be reached; sync later';
const SYNC_CANCELLED = '同步已取消；已上传的申请不受影响，其余下次同步 / Sync cancelled; what was uploaded stays uploaded, the rest goes with the next sync';

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Uploads the outbox and pulls review results. Idempotent by construction: every upload carries
 * its Idempotency-Key, a revision is marked uploaded only on the bureau's acknowledgement, each
 * result is applied in one transaction with the cursor, and a result that does not match a
 * waiting revision changes nothing.
 */
export class SyncEngine {
  private running: Promise<SyncReport> | null = null;
  private current: SyncStatus;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly permits: PermitSink;
  /** revisions refused for good during the current run, for its closing message */
  private refusedThisRun = 0;

  constructor(private readonly deps: SyncDeps) {
    this.permits = deps.permits ?? new BureauPermitStore(deps.outbox.db);
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.current = { state: 'idle', lastSyncAt: deps.meta.get<string>(LAST_SYNC_KEY), message: '', pending: deps.outbox.pendingCount() };
  }

  status(): SyncStatus {
    return { ...this.current, pending: this.deps.outbox.pendingCount() };
  }

  private publish(patch: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...patch, pending: this.deps.outbox.pendingCount() };
    this.deps.events.emit('sync:status', this.current);
  }

  /** One sync; a call while one runs joins it. */
  run(): Promise<SyncReport> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Periodic sync; restarts with a new interval. */
  schedule(minutes: number): void {
    this.stop();
    this.timer = setInterval(() => void this.run().catch(() => undefined), minutes * 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private retrying<T>(fn: () => Promise<T>, what: string): Promise<T> {
    return withRetry(fn, {
      policy: this.retry,
      random: this.random,
      sleep: this.sleep,
      isRetryable: (e) => isBureauError(e) && e.retryable,
      onRetry: (e, attempt, delay) => this.deps.log(`sync: ${what} failed (${describe(e)}); retry ${attempt} in ${Math.round(delay)} ms`),
    });
  }

  private async runOnce(): Promise<SyncReport> {
    const bare = this.deps.client();
    if (!bare) {
      const message = '未设置主管部门预审系统地址，无法同步；请在「设置」中填写 / No bureau address is set; fill it in under 设置';
      this.publish({ state: 'error', message });
      throw Object.assign(new Error(message), { code: 'NOT_AVAILABLE' });
    }
    this.publish({ state: 'running', message: '正在同步… / Syncing…' });
    this.refusedThisRun = 0;
    const reachability = reachabilityOf(this.deps.events);
    const task = this.deps.tasks?.start(BUREAU_TASKS.sync, 1);
    const client = tracked(bare, reachability, task?.signal);
    try {
      const uploaded = await this.upload(client);
      // the first page of permits is asked for now: the bureau prepares it while the results are written
      const permitsAhead = this.permitsFrom(client);
      const results = await this.pull(client);
      const permits = await this.pullPermits(permitsAhead);
      const lastSyncAt = this.deps.now().toISOString();
      this.deps.meta.put(LAST_SYNC_KEY, lastSyncAt);
      const refused = this.refusedThisRun;
      const extraZh = `${permits > 0 ? `，更新 ${permits} 个证件` : ''}${refused > 0 ? `，${refused} 份被拒收（单位不符）` : ''}`;
      const extraEn = `${permits > 0 ? `, ${permits} permit(s) updated` : ''}${refused > 0 ? `, ${refused} refused (employer mismatch)` : ''}`;
      this.publish({
        state: 'idle',
        lastSyncAt,
        message: `同步完成：上传 ${uploaded} 份，收到 ${results} 条预审结果${extraZh} / Synced: ${uploaded} uploaded, ${results} result(s)${extraEn}`,
      });
      task?.finish('done');
      if (results > 0) {
        this.deps.notify?.('预审结果已更新 / New review results', `${results} 份申请有新的预审结果，请到查询页面查看 / ${results} application(s) have new pre-review results`);
      }
      return { uploaded, results, permits };
    } catch (e) {
      task?.finish('failed');
      if (isBureauError(e) && e.kind === 'cancelled') {
        this.publish({ state: 'idle', message: SYNC_CANCELLED });
        throw Object.assign(new Error(SYNC_CANCELLED), { code: 'NOT_AVAILABLE' });
      }
      if (isBureauError(e) && e.noToken) {
        // nothing was sent: ask for an online sign-in only when one can succeed now
        const now = await reachability.probe(bare);
        if (now.state !== 'reachable') {
          const message = now.message || BUREAU_UNREACHABLE;
          this.publish({ state: 'error', message });
          throw Object.assign(new Error(message), { code: 'OFFLINE' });
        }
        this.publish({ state: 'auth-required', message: SIGN_IN_ONLINE });
        throw Object.assign(new Error(SIGN_IN_ONLINE), { code: 'NOT_SIGNED_IN' });
      }
      if (e instanceof AuthRequired || (isBureauError(e) && e.kind === 'auth-expired')) {
        const message = '登录已过期，请重新输入密码后再同步；待上传的申请不会丢失 / The sign-in has expired: enter the password again to sync; nothing queued is lost';
        this.publish({ state: 'auth-required', message });
        throw Object.assign(new Error(message), { code: 'NOT_SIGNED_IN' });
      }
      const message = describe(e);
      this.publish({ state: 'error', message });
      throw Object.assign(new Error(message), { code: 'OFFLINE' });
    }
  }

  private async upload(client: BureauClient): Promise<number> {
    // the queue is read a window at a time: each revision carries its photos, so reading all of
    // them at once held every photo in memory for the whole upload
    const total = Math.min(MAX_UPLOADS_PER_RUN, this.deps.outbox.pendingCount());
    let done = 0;
    let authExpired = false;
    /** no token at all, or the user's 【取消】: the run stops with this error as it is */
    let stopped: unknown = null;
    const failures: string[] = [];
    // Acknowledgements are written in batches (one transaction, one fsync, per batch rather than per
    // revision), at the latest ACK_BATCH_MS after the first of a batch. A crash before a batch is
    // written only means its revisions are sent again: the bureau answers the first receipt for
    // their Idempotency-Key and creates nothing.
    let acknowledged: OutboxItem[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (acknowledged.length === 0) return;
      this.deps.outbox.markAllUploaded(acknowledged); // on a throw the batch stays for the next flush
      const batch = acknowledged;
      acknowledged = [];
      done += batch.length;
      for (const item of batch) this.changed(item.recordId, item.kind);
      this.publish({ state: 'running', message: `正在上传 ${done}/${total} / Uploading ${done}/${total}` });
    };
    const acknowledge = (item: OutboxItem) => {
      acknowledged.push(item);
      if (acknowledged.length >= ACK_BATCH) flush();
      else
        timer ??= setTimeout(() => {
          timer = undefined;
          try {
            flush();
          } catch (e) {
            this.deps.log(`sync: recording uploads failed (${describe(e)}); retried at the end of the upload`);
          }
        }, ACK_BATCH_MS);
    };
    const upload = async (item: OutboxItem) => {
        if (authExpired || stopped) return;
        const employerUscc = (item.values['employer.uscc'] ?? '').trim().toUpperCase();
        const ours = this.deps.enterpriseUscc?.()?.trim().toUpperCase();
        if (ours && employerUscc !== ours) {
          this.refuseForGood(
            item,
            PROBLEM_TYPES.employerMismatch,
            `申请的用人单位（统一社会信用代码 ${employerUscc || '未填写'}）不是当前登录的单位（${ours}），未上传 / The employer of this application (USCC ${employerUscc || 'none'}) is not the signed-in enterprise (${ours}); not uploaded`,
          );
          return;
        }
        try {
          await this.retrying(
            () =>
              client.submit({
                kind: item.kind,
                clientId: item.recordId,
                revision: item.revision,
                employerUscc,
                values: item.values,
                submittedAt: item.submittedAt,
              }),
            `upload ${item.recordId}#${item.revision}`,
          );
          acknowledge(item);
        } catch (e) {
          if (isBureauError(e) && (e.kind === 'cancelled' || e.noToken)) {
            stopped ??= e;
            return;
          }
          this.deps.outbox.noteAttempt(item.recordId, item.revision, describe(e));
          if (isBureauError(e) && e.kind === 'auth-expired') {
            authExpired = true;
          } else if (isBureauError(e) && e.kind === 'refused') {
            this.refuseForGood(item, e.problem?.type ?? PROBLEM_TYPES.employerMismatch, describe(e));
          } else if (isBureauError(e) && (e.kind === 'validation' || e.kind === 'conflict')) {
            this.refuse(item, e.problem?.errors ? Object.values(e.problem.errors).join('；') : describe(e));
          } else {
            failures.push(describe(e));
          }
        }
    };
    // read on after the last revision tried, so that one still queued (failed, or acknowledged but
    // not yet recorded) is not read again in this run
    let after: QueuePlace | null = null;
    let left = total;
    try {
      while (left > 0 && !authExpired && !stopped) {
        flush(); // what was acknowledged leaves the queue before the next window is read
        const window = this.deps.outbox.pendingAfter(after, Math.min(left, UPLOAD_WINDOW));
        const last = window.at(-1);
        if (!last) break;
        after = { createdAt: last.createdAt, recordId: last.recordId, revision: last.revision };
        left -= window.length;
        await inPool(window, this.deps.concurrency ?? 4, upload);
      }
    } finally {
      flush();
    }
    if (stopped) throw stopped;
    if (authExpired) throw new AuthRequired();
    if (failures.length > 0) throw new Error(`${failures.length} 份申请未能上传，稍后会自动重试：${failures[0]}`);
    return done;
  }

  /** The bureau's own checks refused a revision: it comes back to the user as 预审不通过 to fix. */
  private refuse(item: OutboxItem, reason: string): void {
    this.deps.transaction(() => {
      this.deps.outbox.markRefused(item.recordId, item.revision, reason);
      this.deps.records.applyReview({
        id: item.recordId,
        revision: item.revision,
        decision: 'rejected',
        reason: `主管部门系统校验未通过，请修改后重新提交：${reason}`,
      });
    });
    this.deps.log(`sync: ${item.recordId}#${item.revision} refused by the bureau: ${reason}`);
    this.changed(item.recordId, item.kind);
  }

  /**
   * The bureau refused a revision for good (403, e.g. the employer is not the token's enterprise):
   * no retry; the row shows 上传被拒 with the bureau's message; the record stays as submitted.
   */
  private refuseForGood(item: OutboxItem, refusal: string, message: string): void {
    this.deps.outbox.markRefused(item.recordId, item.revision, message, refusal);
    this.refusedThisRun += 1;
    this.deps.log(`sync: ${item.recordId}#${item.revision} refused for good (${refusal}): ${message}`);
    this.changed(item.recordId, item.kind);
  }

  private changed(id: string, kind: DocumentKind): void {
    this.deps.events.emit('records:changed', { id, kind });
  }

  /**
   * GET /v1/review-results page by page, each page applied in one transaction with its cursor. The
   * next page is asked for before the current one is written, so the bureau prepares it meanwhile.
   */
  private async pull(client: BureauClient): Promise<number> {
    const limit = pageLimit(this.deps.pageSize, REVIEW_RESULTS_MAX_LIMIT);
    const fetch = (after: number) => this.retrying(() => client.reviewResults(after, limit), 'review results');
    let applied = 0;
    let cursor = this.deps.meta.get<number>(CURSOR_KEY) ?? 0;
    let next = fetch(cursor);
    for (;;) {
      const page = await next;
      const more = page.valid.length + page.invalid.length > 0 && page.nextCursor > cursor;
      if (more) {
        next = fetch(page.nextCursor);
        await handedOver(next);
      }
      for (const bad of page.invalid) this.deps.log(`sync: skipped a review result that breaks the contract (${bad.reason})`);
      const now = this.deps.now().toISOString();
      const changed = this.applyPage(page.valid, page.nextCursor, now);
      applied += changed.length;
      for (const r of changed) this.changed(r.clientId, r.kind);
      if (!more) break;
      cursor = page.nextCursor;
      this.publish({ state: 'running', message: `已收到 ${applied} 条预审结果 / ${applied} result(s) received` });
    }
    return applied;
  }

  /** The permit list from the stored cursor: its first page asked for at once. */
  private permitsFrom(client: BureauClient): PermitFeed {
    const limit = pageLimit(this.deps.permitPageSize, PERMITS_MAX_LIMIT);
    const cursor = this.deps.meta.get<number>(PERMIT_CURSOR_KEY) ?? 0;
    const fetch = (after: number) => this.retrying(() => client.permits(after, limit), 'permits');
    const first = fetch(cursor);
    // awaited later (or never, when the results fail first): not an unhandled rejection meanwhile
    first.catch(() => undefined);
    return { cursor, fetch, first };
  }

  /** GET /v1/permits into the permit sink, page by page, each page in one transaction with its cursor. */
  private async pullPermits(feed: PermitFeed): Promise<number> {
    const sink = this.permits;
    const { fetch } = feed;
    let stored = 0;
    let cursor = feed.cursor;
    let next = feed.first;
    for (let pages = 0; pages < MAX_PERMIT_PAGES; pages++) {
      let page: PermitPage;
      try {
        page = await next;
      } catch (e) {
        // a bureau without the permit list: nothing to pull, the rest of the sync stands
        if (isBureauError(e) && e.kind === 'not-found' && pages === 0) {
          this.deps.log(`sync: the bureau offers no permit list (${describe(e)})`);
          return 0;
        }
        throw e;
      }
      const more = page.valid.length + page.invalid.length > 0 && page.nextCursor > cursor;
      if (more && pages + 1 < MAX_PERMIT_PAGES) {
        next = fetch(page.nextCursor);
        await handedOver(next);
      }
      for (const bad of page.invalid.slice(0, 20)) this.deps.log(`sync: skipped a permit that breaks the contract (${bad.reason})`);
      if (page.invalid.length > 20) this.deps.log(`sync: … and ${page.invalid.length - 20} more permits that break the contract`);
      const at = this.deps.now().toISOString();
      this.deps.transaction(() => {
        stored += sink.apply(page.valid, at).stored;
        if (page.nextCursor > cursor) this.deps.meta.put(PERMIT_CURSOR_KEY, page.nextCursor);
      });
      if (!more) break;
      cursor = page.nextCursor;
      this.publish({ state: 'running', message: `已收到 ${stored} 个证件 / ${stored} permit(s) received` });
    }
    return stored;
  }

  /**
   * A page of results and its cursor in one transaction, without a savepoint per result; when the
   * store's guards refuse one, the page is rolled back and written again result by result, so that
   * one bad result is skipped alone and never stops the cursor for the rest. The applied results.
   */
  private applyPage(results: readonly ReviewResult[], nextCursor: number, now: string): ReviewResult[] {
    /** per result: applied, not applicable (false), or refused by the store (null, logged already) */
    let applied: (boolean | null)[] = [];
    try {
      this.deps.transaction(() => {
        applied = this.deps.records.applyReviewsInTransaction(results.map(decisionOf), now);
        this.deps.meta.put(CURSOR_KEY, nextCursor);
      });
    } catch (e) {
      if (!isGuardRefusal(e)) throw e;
      this.deps.transaction(() => {
        applied = results.map((r) => this.applyAlone(r, now));
        this.deps.meta.put(CURSOR_KEY, nextCursor);
      });
    }
    results.forEach((r, i) => {
      if (applied[i] === false) this.deps.log(`sync: ignored a result for ${r.clientId}#${r.revision} (unknown record, or not the revision waiting for review)`);
    });
    return results.filter((_, i) => applied[i] === true);
  }

  /** One result in its own savepoint: a refused result leaves nothing half-written (null). */
  private applyAlone(r: ReviewResult, now: string): boolean | null {
    try {
      return this.deps.records.applyReview(decisionOf(r), now);
    } catch (e) {
      // the store's own guard refused it (e.g. a certificate number of another kind)
      if (!isGuardRefusal(e)) throw e;
      this.deps.log(`sync: refused a result for ${r.clientId}#${r.revision}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }
}

const decisionOf = (r: ReviewResult): ReviewDecision => ({
  id: r.clientId,
  revision: r.revision,
  decision: r.decision === '预审通过' ? 'approved' : 'rejected',
  reason: r.decision === '预审不通过' ? r.reason : null,
  certificateNo: r.certificate?.number ?? null,
  certificateExpiry: r.certificate?.expiry ?? null,
  notice: r.notice ?? null,
});

type PermitPage = Awaited<ReturnType<BureauClient['permits']>>;
interface PermitFeed {
  cursor: number;
  fetch: (after: number) => Promise<PermitPage>;
  first: Promise<PermitPage>;
}

const pageLimit = (wanted: number | undefined, max: number) => Math.max(1, Math.min(max, wanted ?? max));

/**
 * Resolves once `request` has been handed to the socket (a turn of the event loop), and keeps it
 * from counting as unhandled while the caller writes the previous page: awaiting it later still
 * throws its error.
 */
async function handedOver(request: Promise<unknown>): Promise<void> {
  request.catch(() => undefined);
  await new Promise<void>((resolve) => setImmediate(resolve));
}
