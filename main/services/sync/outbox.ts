import type { Db } from '../store/database';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';

export interface OutboxItem {
  recordId: string;
  revision: number;
  kind: DocumentKind;
  values: FormValues;
  submittedAt: string;
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

  constructor(private readonly db: Db) {
    this.pendingStmt = db.prepare(
      `SELECT o.record_id AS recordId, o.revision, r.kind, v.values_json AS valuesJson, v.submitted_at AS submittedAt, o.attempts
         FROM outbox o
         JOIN revisions v ON v.record_id = o.record_id AND v.revision = o.revision
         JOIN records r ON r.id = o.record_id
        WHERE o.state = 'pending'
        ORDER BY o.created_at, o.record_id
        LIMIT ?`,
    );
    this.countStmt = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'");
    this.uploadedStmt = db.prepare("UPDATE outbox SET state = 'uploaded', last_error = NULL WHERE record_id = ? AND revision = ? AND state = 'pending'");
    this.recordUploadedStmt = db.prepare("UPDATE records SET sync_state = 'uploaded' WHERE id = ? AND revision = ? AND sync_state = 'pending'");
    this.refusedStmt = db.prepare("UPDATE outbox SET state = 'refused', last_error = ? WHERE record_id = ? AND revision = ? AND state = 'pending'");
    this.attemptStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE record_id = ? AND revision = ?');
  }

  pending(limit: number): OutboxItem[] {
    return (this.pendingStmt.all(limit) as (Omit<OutboxItem, 'values'> & { valuesJson: string })[]).map(({ valuesJson, ...rest }) => ({
      ...rest,
      values: JSON.parse(valuesJson) as FormValues,
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

  markRefused(recordId: string, revision: number, reason: string): void {
    this.refusedStmt.run(reason, recordId, revision);
  }

  noteAttempt(recordId: string, revision: number, error: string): void {
    this.attemptStmt.run(error, recordId, revision);
  }
}
