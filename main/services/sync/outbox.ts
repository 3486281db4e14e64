import type { Db } from '../store/database';
import { blobsOf, type BlobStore } from '../store/blobs';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';

export interface OutboxItem {
  recordId: string;
  revision: number;
  kind: DocumentKind;
  values: FormValues;
  submittedAt: string;
  attempts: number;
  /** when it was queued: with recordId and revision, its place in the queue (pendingAfter) */
  createdAt: string;
}

/** A place in the queue: read on after the item it names. */
export type QueuePlace = Pick<OutboxItem, 'createdAt' | 'recordId' | 'revision'>;

/**
 * 同步状态 of a record `r` as the query pages show it: the stored sync_state, except that a
 * submitted revision the bureau refused for good (an outbox row 'refused' with a refusal type:
 * 上传被拒) reads 'refused' instead of 'pending', and a rejected record edited and saved again
 * reads 'pending' (待上传): its changes are not at the bureau until it is submitted and uploaded,
 * whatever the rejected revision's upload said. For the record list's SELECT, which reads that
 * outbox row once, as `refusal` (RECORD_REFUSAL_JOIN).
 */
export const RECORD_SYNC_STATE_SQL = `CASE WHEN r.status = 'draft' AND r.revision > 0 THEN 'pending'
  WHEN r.sync_state = 'pending' AND refusal.record_id IS NOT NULL THEN 'refused' ELSE r.sync_state END`;

/** The join RECORD_SYNC_STATE_SQL and RECORD_SYNC_ERROR_SQL read (`FROM records r ${RECORD_REFUSAL_JOIN}`). */
export const RECORD_REFUSAL_JOIN = `LEFT JOIN outbox refusal ON refusal.record_id = r.id AND refusal.revision = r.revision
  AND refusal.state = 'refused' AND refusal.refusal IS NOT NULL`;

/** The bureau's message of that refusal (NULL when none), from the same `refusal` row. */
export const RECORD_SYNC_ERROR_SQL = 'refusal.last_error';

export interface OutboxRefusal {
  recordId: string;
  revision: number;
  /** the bureau's problem type, e.g. …/problems/employer-mismatch */
  refusal: string;
  /** the bureau's message ("中文 / English") */
  message: string;
  attempts: number;
}

/** The upload queue: one row per submitted revision, written in the submission's transaction. */
export class Outbox {
  private readonly pendingStmt;
  private readonly countStmt;
  private readonly uploadedStmt;
  private readonly recordUploadedStmt;
  private readonly refusedStmt;
  private readonly attemptStmt;
  private readonly refusalStmt;
  private readonly blobs: BlobStore;

  /** the store the queue lives in (the sync's other tables are in it too) */
  constructor(readonly db: Db) {
    this.blobs = blobsOf(db);
    this.pendingStmt = db.prepare(
      `SELECT o.record_id AS recordId, o.revision, r.kind, v.values_json AS valuesJson, v.submitted_at AS submittedAt, o.attempts,
              o.created_at AS createdAt
         FROM outbox o
         JOIN revisions v ON v.record_id = o.record_id AND v.revision = o.revision
         JOIN records r ON r.id = o.record_id
        WHERE o.state = 'pending' AND (o.created_at, o.record_id, o.revision) > (@createdAt, @recordId, @revision)
        ORDER BY o.created_at, o.record_id, o.revision
        LIMIT @limit`,
    );
    this.countStmt = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'");
    this.uploadedStmt = db.prepare("UPDATE outbox SET state = 'uploaded', last_error = NULL WHERE record_id = ? AND revision = ? AND state = 'pending'");
    this.recordUploadedStmt = db.prepare("UPDATE records SET sync_state = 'uploaded' WHERE id = ? AND revision = ? AND sync_state = 'pending'");
    this.refusedStmt = db.prepare("UPDATE outbox SET state = 'refused', last_error = ?, refusal = ? WHERE record_id = ? AND revision = ? AND state = 'pending'");
    this.refusalStmt = db.prepare(
      "SELECT record_id AS recordId, revision, refusal, last_error AS message, attempts FROM outbox WHERE record_id = ? AND revision = ? AND state = 'refused' AND refusal IS NOT NULL",
    );
    this.attemptStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE record_id = ? AND revision = ?');
  }

  /** The first `limit` queued revisions after `place` (null: from the start), in the queue's order. */
  pendingAfter(place: QueuePlace | null, limit: number): OutboxItem[] {
    const from = place ?? { createdAt: '', recordId: '', revision: 0 };
    return (this.pendingStmt.all({ ...from, limit }) as (Omit<OutboxItem, 'values'> & { valuesJson: string })[]).map(({ valuesJson, ...rest }) => ({
      ...rest,
      // the bureau receives the photo itself
      values: this.blobs.resolve(JSON.parse(valuesJson) as FormValues),
    }));
  }

  pendingCount(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /** Only on the bureau's acknowledgement. */
  markUploaded(recordId: string, revision: number): void {
    this.markAllUploaded([{ recordId, revision }]);
  }

  /** Several acknowledgements in one transaction: one write to disk instead of one each. */
  markAllUploaded(acknowledged: readonly { recordId: string; revision: number }[]): void {
    this.db.transaction(() => {
      for (const { recordId, revision } of acknowledged) {
        this.uploadedStmt.run(recordId, revision);
        this.recordUploadedStmt.run(recordId, revision);
      }
    })();
  }

  /**
   * The bureau refused the revision: it leaves the queue. `refusal` (the problem type) marks a
   * refusal that is final and shown as 上传被拒 on the row; without it the refusal comes back to
   * the user as a review (the caller applies it).
   */
  markRefused(recordId: string, revision: number, reason: string, refusal: string | null = null): void {
    this.refusedStmt.run(reason, refusal, recordId, revision);
  }

  /** The final refusal of a revision, if the bureau refused it so. */
  refusalOf(recordId: string, revision: number): OutboxRefusal | null {
    return (this.refusalStmt.get(recordId, revision) as OutboxRefusal | undefined) ?? null;
  }

  noteAttempt(recordId: string, revision: number, error: string): void {
    this.attemptStmt.run(error, recordId, revision);
  }
}
