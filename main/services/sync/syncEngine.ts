import type { SyncStatus } from '../../../shared/bridge/contract';
import type { ReviewResult } from '../../../shared/api/schemas';
import type { DocumentKind } from '../../../shared/documents/types';
import { isBureauError, type BureauClient } from '../bureau';
import type { RecordService } from '../records/recordService';
import type { MetaStore } from '../store/meta';
import type { EventHub } from '../events';
import type { Outbox, OutboxItem } from './outbox';
import { DEFAULT_RETRY, inPool, withRetry, type RetryPolicy } from './retry';

export interface SyncDeps {
  outbox: Outbox;
  records: RecordService;
  meta: MetaStore;
  transaction: <T>(fn: () => T) => T;
  /** the bureau client for the current settings; null when no bureau is configured */
  client: () => BureauClient | null;
  events: EventHub;
  notify?: (title: string, body: string) => void;
  log: (line: string) => void;
  now: () => Date;
  retry?: RetryPolicy;
  concurrency?: number;
  pageSize?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncReport {
  uploaded: number;
  results: number;
}

const CURSOR_KEY = 'sync.cursor';
const LAST_SYNC_KEY = 'sync.lastSyncAt';

/** Upload acknowledgements written together: this many, or whatever came within this many ms. */
const ACK_BATCH = 50;
const ACK_BATCH_MS = 200;

class AuthRequired extends Error {}

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

  constructor(private readonly deps: SyncDeps) {
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
    const client = this.deps.client();
    if (!client) {
      const message = '未设置主管部门预审系统地址，无法同步；请在「设置」中填写 / No bureau address is set; fill it in under 设置';
      this.publish({ state: 'error', message });
      throw Object.assign(new Error(message), { code: 'NOT_AVAILABLE' });
    }
    this.publish({ state: 'running', message: '正在同步… / Syncing…' });
    try {
      const uploaded = await this.upload(client);
      const results = await this.pull(client);
      const lastSyncAt = this.deps.now().toISOString();
      this.deps.meta.put(LAST_SYNC_KEY, lastSyncAt);
      this.publish({
        state: 'idle',
        lastSyncAt,
        message: `同步完成：上传 ${uploaded} 份，收到 ${results} 条预审结果 / Synced: ${uploaded} uploaded, ${results} result(s)`,
      });
      if (results > 0) {
        this.deps.notify?.('预审结果已更新 / New review results', `${results} 份申请有新的预审结果，请到查询页面查看 / ${results} application(s) have new pre-review results`);
      }
      return { uploaded, results };
    } catch (e) {
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
    const items = this.deps.outbox.pending(5000);
    let done = 0;
    let authExpired = false;
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
      this.publish({ state: 'running', message: `正在上传 ${done}/${items.length} / Uploading ${done}/${items.length}` });
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
    try {
      await inPool(items, this.deps.concurrency ?? 4, async (item) => {
        if (authExpired) return;
        try {
          await this.retrying(
            () =>
              client.submit({
                kind: item.kind,
                clientId: item.recordId,
                revision: item.revision,
                values: item.values,
                submittedAt: item.submittedAt,
              }),
            `upload ${item.recordId}#${item.revision}`,
          );
          acknowledge(item);
        } catch (e) {
          this.deps.outbox.noteAttempt(item.recordId, item.revision, describe(e));
          if (isBureauError(e) && e.kind === 'auth-expired') {
            authExpired = true;
          } else if (isBureauError(e) && (e.kind === 'validation' || e.kind === 'conflict')) {
            this.refuse(item, e.problem?.errors ? Object.values(e.problem.errors).join('；') : describe(e));
          } else {
            failures.push(describe(e));
          }
        }
      });
    } finally {
      flush();
    }
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

  private changed(id: string, kind: DocumentKind): void {
    this.deps.events.emit('records:changed', { id, kind });
  }

  private async pull(client: BureauClient): Promise<number> {
    let applied = 0;
    let cursor = this.deps.meta.get<number>(CURSOR_KEY) ?? 0;
    for (;;) {
      const page = await this.retrying(() => client.reviewResults(cursor, this.deps.pageSize ?? 200), 'review results');
      for (const bad of page.invalid) this.deps.log(`sync: skipped a review result that breaks the contract (${bad.reason})`);
      const changed: ReviewResult[] = [];
      this.deps.transaction(() => {
        for (const r of page.valid) if (this.apply(r)) changed.push(r);
        this.deps.meta.put(CURSOR_KEY, page.nextCursor);
      });
      applied += changed.length;
      for (const r of changed) this.changed(r.clientId, r.kind);
      if (page.valid.length + page.invalid.length === 0 || page.nextCursor <= cursor) break;
      cursor = page.nextCursor;
      this.publish({ state: 'running', message: `已收到 ${applied} 条预审结果 / ${applied} result(s) received` });
    }
    return applied;
  }

  private apply(r: ReviewResult): boolean {
    const ok = this.deps.records.applyReview({
      id: r.clientId,
      revision: r.revision,
      decision: r.decision === '预审通过' ? 'approved' : 'rejected',
      reason: r.decision === '预审不通过' ? r.reason : null,
      certificateNo: r.certificate?.number ?? null,
      certificateExpiry: r.certificate?.expiry ?? null,
      notice: r.notice ?? null,
    });
    if (!ok) this.deps.log(`sync: ignored a result for ${r.clientId}#${r.revision} (unknown record, or not the revision waiting for review)`);
    return ok;
  }
}
