import type { Db } from '../store/database';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import type { RecordStatus } from '../../../shared/lifecycle';
import type { ListFilter } from '../../../shared/bridge/contract';

/** One row of `records`, as the services see it. */
export interface RecordRow {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  revision: number;
  values: FormValues;
  personName: string;
  documentNumber: string;
  sourceId: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewReason: string | null;
  reviewedAt: string | null;
  certificateNo: string | null;
  certificateExpiry: string | null;
  notice: unknown;
  syncState: '' | 'pending' | 'uploaded';
  hasRegistration: boolean;
}

interface RawRow {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  revision: number;
  values_json: string;
  person_name: string;
  document_number: string;
  source_id: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  review_reason: string | null;
  reviewed_at: string | null;
  certificate_no: string | null;
  certificate_expiry: string | null;
  notice_json: string | null;
  sync_state: '' | 'pending' | 'uploaded';
  has_registration: number;
}

const SELECT = `SELECT r.*, EXISTS (SELECT 1 FROM records c WHERE c.source_id = r.id) AS has_registration FROM records r`;

const fromRaw = (r: RawRow): RecordRow => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  revision: r.revision,
  values: JSON.parse(r.values_json) as FormValues,
  personName: r.person_name,
  documentNumber: r.document_number,
  sourceId: r.source_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  reviewReason: r.review_reason,
  reviewedAt: r.reviewed_at,
  certificateNo: r.certificate_no,
  certificateExpiry: r.certificate_expiry,
  notice: r.notice_json ? (JSON.parse(r.notice_json) as unknown) : null,
  syncState: r.sync_state,
  hasRegistration: r.has_registration === 1,
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The SQL of the records table, and nothing else: prepared once, used by the services. */
export class RecordStore {
  private readonly byId;
  private readonly insertStmt;
  private readonly updateDraftStmt;
  private readonly submitStmt;
  private readonly reviewStmt;
  private readonly revisionStmt;
  private readonly historyStmt;
  private readonly historyListStmt;
  private readonly outboxStmt;
  private readonly byCertificateStmt;

  constructor(readonly db: Db) {
    this.byId = db.prepare(`${SELECT} WHERE r.id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, source_id, created_at, updated_at)
       VALUES (@id, @kind, 'draft', 0, @values, @personName, @documentNumber, @sourceId, @now, @now)`,
    );
    this.updateDraftStmt = db.prepare(
      `UPDATE records SET values_json = @values, person_name = @personName, document_number = @documentNumber,
         status = 'draft', updated_at = @now WHERE id = @id AND status IN ('draft', 'rejected')`,
    );
    this.submitStmt = db.prepare(
      `UPDATE records SET status = 'submitted', revision = revision + 1, submitted_at = @now, updated_at = @now,
         review_reason = NULL, reviewed_at = NULL, sync_state = 'pending' WHERE id = @id AND status = 'draft'`,
    );
    this.reviewStmt = db.prepare(
      `UPDATE records SET status = @status, review_reason = @reason, reviewed_at = @now, updated_at = @now,
         certificate_no = COALESCE(@certificateNo, certificate_no), certificate_expiry = COALESCE(@certificateExpiry, certificate_expiry),
         notice_json = @notice WHERE id = @id AND status = 'submitted' AND revision = @revision`,
    );
    this.revisionStmt = db.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, ?, ?, ?)');
    this.historyStmt = db.prepare('INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, ?, ?, ?)');
    this.historyListStmt = db.prepare('SELECT at, revision, action, detail FROM history WHERE record_id = ? ORDER BY id');
    this.outboxStmt = db.prepare("INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, ?, 'pending', ?)");
    this.byCertificateStmt = db.prepare(
      `${SELECT} WHERE r.certificate_no = ? AND r.status = 'approved' ORDER BY r.reviewed_at DESC LIMIT 1`,
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get(id: string): RecordRow | null {
    const raw = this.byId.get(id) as RawRow | undefined;
    return raw ? fromRaw(raw) : null;
  }

  insert(row: { id: string; kind: DocumentKind; values: FormValues; personName: string; documentNumber: string; sourceId: string | null; now: string }): void {
    this.insertStmt.run({ ...row, values: JSON.stringify(row.values) });
  }

  updateDraft(row: { id: string; values: FormValues; personName: string; documentNumber: string; now: string }): boolean {
    return this.updateDraftStmt.run({ ...row, values: JSON.stringify(row.values) }).changes === 1;
  }

  /** Marks the record submitted as a new revision, snapshots it and queues it for upload. */
  submit(id: string, values: FormValues, now: string): number {
    if (this.submitStmt.run({ id, now }).changes !== 1) return 0;
    const revision = (this.get(id) as RecordRow).revision;
    this.revisionStmt.run(id, revision, JSON.stringify(values), now);
    this.outboxStmt.run(id, revision, now);
    return revision;
  }

  review(r: {
    id: string;
    revision: number;
    status: 'approved' | 'rejected';
    reason: string | null;
    certificateNo: string | null;
    certificateExpiry: string | null;
    notice: unknown;
    now: string;
  }): boolean {
    return (
      this.reviewStmt.run({ ...r, notice: r.notice === null || r.notice === undefined ? null : JSON.stringify(r.notice) }).changes === 1
    );
  }

  addHistory(id: string, at: string, revision: number, action: string, detail: string): void {
    this.historyStmt.run(id, at, revision, action, detail);
  }

  history(id: string): { at: string; revision: number; action: string; detail: string }[] {
    return this.historyListStmt.all(id) as { at: string; revision: number; action: string; detail: string }[];
  }

  approvedByCertificate(number: string): RecordRow | null {
    const raw = this.byCertificateStmt.get(number) as RawRow | undefined;
    return raw ? fromRaw(raw) : null;
  }

  list(kind: DocumentKind, filter: ListFilter, page: number, pageSize: number): { rows: RecordRow[]; total: number } {
    const where = ['r.kind = @kind'];
    const params: Record<string, unknown> = { kind };
    if (filter.name?.trim()) {
      where.push("r.person_name LIKE @name ESCAPE '\\'");
      params.name = `${escapeLike(filter.name.trim())}%`;
    }
    if (filter.documentNumber?.trim()) {
      where.push("r.document_number LIKE @documentNumber ESCAPE '\\'");
      params.documentNumber = `${escapeLike(filter.documentNumber.trim().toUpperCase())}%`;
    }
    if (filter.submitState === '未提交') where.push("r.status = 'draft'");
    if (filter.submitState === '已提交') where.push("r.status <> 'draft'");
    if (filter.reviewState) {
      const status = { 待预审: 'submitted', 预审通过: 'approved', 预审不通过: 'rejected' }[filter.reviewState];
      where.push('r.status = @status');
      params.status = status;
    }
    if (filter.from) {
      where.push('r.submitted_at >= @from');
      params.from = filter.from;
    }
    if (filter.to) {
      where.push('r.submitted_at < @toNext');
      params.toNext = `${filter.to}\uffff`;
    }
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM records r WHERE ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`${SELECT} WHERE ${clause} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as RawRow[];
    return { rows: rows.map(fromRaw), total };
  }
}
