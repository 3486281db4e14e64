import { RECORD_REFUSAL_JOIN, RECORD_SYNC_ERROR_SQL, RECORD_SYNC_STATE_SQL } from '../sync/outbox';
import type { Db } from '../store/database';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { canDelete, type RecordStatus } from '../../../shared/lifecycle';
import { autosaveKey, type ListFilter } from '../../../shared/bridge/contract';
import { ensureDeletionLog } from './deletionLog';
import { blobsOf, type BlobStore } from '../store/blobs';
import { SEARCH_KIND_SLOTS } from '../store/searchIndexMigrations';

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
  syncState: '' | 'pending' | 'uploaded' | 'refused';
  /** the bureau's reason when it refused the upload */
  syncError: string | null;
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
  display_sync_state: '' | 'pending' | 'uploaded' | 'refused';
  sync_error: string | null;
  has_registration: number;
}

/**
 * a record's row, whether a registration was written from it, and its upload state (refused by
 * the bureau shows as such): the refusal is read once, by the join RECORD_SYNC_STATE_SQL expects
 */
const SELECT = `SELECT r.*, EXISTS (SELECT 1 FROM records c WHERE c.source_id = r.id) AS has_registration,
  ${RECORD_SYNC_STATE_SQL} AS display_sync_state, ${RECORD_SYNC_ERROR_SQL} AS sync_error FROM records r
  ${RECORD_REFUSAL_JOIN}`;

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
  syncState: r.display_sync_state,
  syncError: r.sync_error,
  hasRegistration: r.has_registration === 1,
});

type Statement = ReturnType<Db['prepare']>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const STATUSES: readonly RecordStatus[] = ['draft', 'submitted', 'approved', 'rejected'];
const REVIEW_STATUS = { 待预审: 'submitted', 预审通过: 'approved', 预审不通过: 'rejected' } as const;

/** A phrase of the FTS5 query language: the text as it is, quotes doubled. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The query page's filter: `clause` on the records `r` (kind, status, dates…); `search`, the
 * conditions on records_search (FTS5, trigram, its rowids carry the kind: searchIndexMigrations.ts)
 * when the 姓名 or 证件号码 box asks for one; `statuses` when nothing but the status is filtered
 * (the total then comes from record_counts); `searchOnly` when the search is the only filter
 * besides the kind (the total is then the index's own count).
 */
interface Where {
  clause: string;
  params: Record<string, unknown>;
  search: string | null;
  statuses: RecordStatus[] | null;
  searchOnly: boolean;
}

/**
 * Three characters or more use the trigram index (MATCH of a quoted phrase); shorter ones (two
 * Chinese characters are a whole name) scan the kind's short texts in the index. A part of the
 * document number that most numbers share ("P100", "E12") is read from the kind's number index
 * instead (`numberIndexed`): a trigram phrase found in tens of thousands of rows costs more.
 */
function listWhere(kind: DocumentKind, filter: ListFilter, numberIndexed: (phrase: string) => boolean): Where {
  const where = ['r.kind = @kind'];
  const params: Record<string, unknown> = { kind };
  const matches: string[] = [];
  const scans: string[] = [];
  let statuses = [...STATUSES];
  let countable = true;
  let other = false;
  // the 姓名 box finds any part of the Latin or Chinese name or of the document number
  const name = filter.name?.trim();
  if (name) {
    if ([...name].length >= 3) matches.push(phrase(name));
    else {
      scans.push("(name LIKE @nameLike ESCAPE '\\' OR number LIKE @nameLike ESCAPE '\\')");
      params.nameLike = `%${escapeLike(name)}%`;
    }
    countable = false;
  }
  // the 证件号码 box: a part of the document number only (the index's number column; the rows
  // are checked against the number itself too)
  const number = filter.documentNumber?.trim().toUpperCase();
  if (number) {
    where.push("r.document_number LIKE @documentNumber ESCAPE '\\'");
    params.documentNumber = `%${escapeLike(number)}%`;
    const match = `number : ${phrase(number)}`;
    if ([...number].length >= 3 && !numberIndexed(match)) matches.push(match);
    else other = true;
    countable = false;
  }
  if (matches.length > 0) {
    scans.unshift('records_search MATCH @match');
    params.match = matches.join(' AND ');
  }
  if (filter.submitState === '未提交') {
    where.push("r.status = 'draft'");
    statuses = statuses.filter((s) => s === 'draft');
    other = true;
  }
  if (filter.submitState === '已提交') {
    where.push("r.status <> 'draft'");
    statuses = statuses.filter((s) => s !== 'draft');
    other = true;
  }
  if (filter.reviewState) {
    const status = REVIEW_STATUS[filter.reviewState];
    where.push('r.status = @status');
    params.status = status;
    statuses = statuses.filter((s) => s === status);
    other = true;
  }
  if (filter.from) {
    where.push('r.submitted_at >= @from');
    params.from = filter.from;
    countable = false;
    other = true;
  }
  if (filter.to) {
    where.push('r.submitted_at < @toNext');
    params.toNext = `${filter.to}\uffff`;
    countable = false;
    other = true;
  }
  const search = scans.length > 0 ? `${scans.join(' AND ')} AND (records_search.rowid & ${SEARCH_KIND_SLOTS - 1}) = @kindNo` : null;
  return { clause: where.join(' AND '), params, search, statuses: countable ? statuses : null, searchOnly: search !== null && !other };
}

/**
 * Walking the kind's newest-first index and keeping the matches reads about (rows needed) ×
 * (kind's records / matches) index entries; sorting the matches reads every match's record,
 * several times dearer each. Measured in tests/bench/searchProbe.ts.
 */
const WALK_PER_MATCH = 4;
/** records of every kind whose number has the 证件号码 box's text, past which the number index is read instead */
const NUMBER_PROBE = 2000;

/** The SQL of the records table, and nothing else: prepared once, used by the services. */
export class RecordStore {
  /** photos and attachments: stored once, values hold references (store/blobs.ts) */
  readonly blobs: BlobStore;
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
  private readonly countsStmt;
  private readonly kindNumberStmt;
  private readonly numberProbeStmt;
  private readonly clearMatchesStmt;
  private readonly deletionLogStmt;
  private readonly deleteHistoryStmt;
  private readonly deleteAutosaveStmt;
  private readonly unlinkPersonHistoryStmt;
  private readonly deleteDraftStmt;
  private readonly statements = new Map<string, Statement>();
  private readonly readPage: (kind: DocumentKind, filter: ListFilter, page: number, pageSize: number) => { rows: RecordRow[]; total: number };

  constructor(readonly db: Db) {
    this.blobs = blobsOf(db);
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
    this.countsStmt = db.prepare('SELECT status, n FROM record_counts WHERE kind = ?');
    this.kindNumberStmt = db.prepare('SELECT n FROM search_kinds WHERE kind = ?');
    // a search's matches, for the one list call that reads them (per connection, in memory)
    db.exec('CREATE TEMP TABLE IF NOT EXISTS list_matches (id INTEGER PRIMARY KEY)');
    this.clearMatchesStmt = db.prepare('DELETE FROM temp.list_matches');
    this.numberProbeStmt = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM records_search WHERE records_search MATCH ? LIMIT ${NUMBER_PROBE})`);
    ensureDeletionLog(db);
    this.deletionLogStmt = db.prepare(
      `INSERT INTO deleted_drafts (record_id, kind, person_name, document_number, created_at, deleted_at, history_json)
       VALUES (@recordId, @kind, @personName, @documentNumber, @createdAt, @deletedAt, @history)`,
    );
    this.deleteHistoryStmt = db.prepare('DELETE FROM history WHERE record_id = ?');
    this.deleteAutosaveStmt = db.prepare('DELETE FROM autosave WHERE key = ?');
    // a person's history keeps its "关联" entry for a deleted draft, without the record it named
    this.unlinkPersonHistoryStmt = db.prepare('UPDATE person_history SET record_id = NULL WHERE record_id = ?');
    // the triggers refuse anything else too; the WHERE keeps a submitted record out whatever they say
    this.deleteDraftStmt = db.prepare("DELETE FROM records WHERE id = ? AND status = 'draft' AND revision = 0");
    this.readPage = db.transaction((kind: DocumentKind, filter: ListFilter, page: number, pageSize: number) => this.pageOf(kind, filter, page, pageSize));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The record with its photos and files as data URLs; `{ files: false }` leaves their references (for work that never looks at them). */
  get(id: string, options: { files?: boolean } = {}): RecordRow | null {
    const raw = this.byId.get(id) as RawRow | undefined;
    return raw ? this.withFiles(fromRaw(raw), options.files ?? true) : null;
  }

  private withFiles(row: RecordRow, files: boolean): RecordRow {
    return files ? { ...row, values: this.blobs.resolve(row.values) } : row;
  }

  insert(row: { id: string; kind: DocumentKind; values: FormValues; personName: string; documentNumber: string; sourceId: string | null; now: string }): void {
    this.insertStmt.run({ ...row, values: JSON.stringify(this.blobs.stash(row.values)) });
  }

  updateDraft(row: { id: string; values: FormValues; personName: string; documentNumber: string; now: string }): boolean {
    return this.updateDraftStmt.run({ ...row, values: JSON.stringify(this.blobs.stash(row.values)) }).changes === 1;
  }

  /** Marks the record submitted as a new revision, snapshots it and queues it for upload. */
  submit(id: string, values: FormValues, now: string): number {
    if (this.submitStmt.run({ id, now }).changes !== 1) return 0;
    const revision = (this.get(id, { files: false }) as RecordRow).revision;
    this.revisionStmt.run(id, revision, JSON.stringify(this.blobs.stash(values)), now);
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

  /**
   * Deletes a never-submitted draft (its history and autosaved form with it) and logs it in
   * deleted_drafts; false (nothing changed) for any other record. Call inside a transaction.
   */
  deleteDraft(row: RecordRow, now: string): boolean {
    if (!canDelete(row)) return false;
    this.deletionLogStmt.run({
      recordId: row.id,
      kind: row.kind,
      personName: row.personName,
      documentNumber: row.documentNumber,
      createdAt: row.createdAt,
      deletedAt: now,
      history: JSON.stringify(this.history(row.id)),
    });
    this.deleteHistoryStmt.run(row.id);
    this.unlinkPersonHistoryStmt.run(row.id);
    this.deleteAutosaveStmt.run(autosaveKey(row.kind, row.id));
    return this.deleteDraftStmt.run(row.id).changes === 1;
  }

  approvedByCertificate(number: string): RecordRow | null {
    const raw = this.byCertificateStmt.get(number) as RawRow | undefined;
    return raw ? this.withFiles(fromRaw(raw), true) : null;
  }

  /**
   * One page of the query page, newest first, with the number of matching records. At scale:
   * the total comes from `record_counts` when only the status is filtered, from the search index
   * alone when only a search is (its rowids carry the kind; the kind's matches are read from it
   * once, into a temporary table), else one COUNT(*); the page's rowids are picked before the
   * rows are read, from whichever end of the list is nearer (a short OFFSET instead of a long
   * one). A search's page walks the kind's newest-first index keeping the matches when they are
   * frequent, and sorts the matches when they are few. Count and rows
   * are read in one transaction, so they agree. The rows' photos and files stay references: a
   * list shows none of them.
   */
  list(kind: DocumentKind, filter: ListFilter, page: number, pageSize: number): { rows: RecordRow[]; total: number } {
    return this.readPage(kind, filter, page, pageSize);
  }

  private pageOf(kind: DocumentKind, filter: ListFilter, page: number, pageSize: number): { rows: RecordRow[]; total: number } {
    const where = listWhere(kind, filter, (match) => (this.numberProbeStmt.get(match) as { n: number }).n >= NUMBER_PROBE);
    const { clause, search, statuses } = where;
    const params = { ...where.params, ...this.kindNumber(kind) };
    try {
      // the kind's matches read from the index once: their number, and the set the page is picked from
      const matches = search ? this.cached(`INSERT INTO temp.list_matches (id) SELECT records_search.rowid / ${SEARCH_KIND_SLOTS} FROM records_search WHERE ${search}`).run(params).changes : 0;
      let total: number;
      if (statuses) total = this.tally(kind, statuses);
      else if (where.searchOnly || (search && matches === 0)) total = matches;
      else if (search) total = (this.cached(`SELECT COUNT(*) AS n FROM temp.list_matches m CROSS JOIN records r ON r.rowid = m.id WHERE ${clause}`).get(params) as { n: number }).n;
      else total = (this.cached(`SELECT COUNT(*) AS n FROM records r WHERE ${clause}`).get(params) as { n: number }).n;
      const offset = (page - 1) * pageSize;
      if (offset >= total || pageSize < 1) return { rows: [], total };
      const limit = Math.min(pageSize, total - offset);
      const fromOldest = total - offset - limit;
      const reverse = fromOldest < offset;
      const order = reverse ? 'ASC' : 'DESC';
      const ordered = `ORDER BY r.created_at ${order}, r.id ${order} LIMIT @limit OFFSET @offset`;
      let pick = `SELECT r.rowid FROM records r WHERE ${clause} ${ordered}`;
      if (search) {
        const walked = ((reverse ? fromOldest : offset) + limit) * (this.tally(kind, STATUSES) / total);
        pick =
          walked <= WALK_PER_MATCH * matches
            ? `SELECT r.rowid FROM records r INDEXED BY records_by_kind WHERE ${clause} AND r.rowid IN temp.list_matches ${ordered}`
            : `SELECT r.rowid FROM temp.list_matches m CROSS JOIN records r ON r.rowid = m.id WHERE ${clause} ${ordered}`;
      }
      const rows = this.cached(`${SELECT} WHERE r.rowid IN (${pick}) ORDER BY r.created_at DESC, r.id DESC`).all({
        ...params,
        limit,
        offset: reverse ? fromOldest : offset,
      }) as RawRow[];
      return { rows: rows.map(fromRaw), total };
    } finally {
      if (search) this.clearMatchesStmt.run();
    }
  }

  /** `kind`'s number in records_search's rowids (-1, no entries, when the kind has no records yet). */
  private kindNumber(kind: DocumentKind): { kindNo: number } {
    return { kindNo: (this.kindNumberStmt.get(kind) as { n: number } | undefined)?.n ?? -1 };
  }

  /** Records of `kind` in any of `statuses`, from the counts the triggers keep. */
  private tally(kind: DocumentKind, statuses: readonly RecordStatus[]): number {
    const counts = this.countsStmt.all(kind) as { status: RecordStatus; n: number }[];
    return counts.reduce((sum, c) => (statuses.includes(c.status) ? sum + c.n : sum), 0);
  }

  /** The list's statements, prepared once per shape of filter. */
  private cached(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
