/**
 * The SQL of the roster (migration 2): `people`, `person_history` and `records.person_id`, plus
 * the read-only queries over `records` the roster and the deadlines need. Nothing here writes to
 * a record except the person link of a draft (the database refuses it on a submitted record).
 */
import type { Db } from '../store/database';
import { blobsOf, type BlobStore } from '../store/blobs';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import type { RecordStatus } from '../../../shared/lifecycle';
import type { PersonChange, PersonColumns, PersonType } from '../../../shared/roster/person';

export interface PersonRow extends PersonColumns {
  id: string;
  type: PersonType;
  /** 'bureau': created from a permit the bureau listed, not typed on this desk */
  source: 'desk' | 'bureau';
  values: FormValues;
  createdAt: string;
  updatedAt: string;
}

interface RawPerson {
  id: string;
  type: PersonType;
  name: string;
  name_zh: string;
  document_number: string;
  nationality: string;
  birth_date: string;
  source?: string | null;
  values_json: string;
  created_at: string;
  updated_at: string;
}

const fromRaw = (r: RawPerson): PersonRow => ({
  id: r.id,
  type: r.type,
  name: r.name,
  nameZh: r.name_zh,
  documentNumber: r.document_number,
  nationality: r.nationality,
  birthDate: r.birth_date,
  source: r.source === 'bureau' ? 'bureau' : 'desk',
  values: JSON.parse(r.values_json) as FormValues,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What the roster shows of an application (no form values). */
export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  revision: number;
  personId: string | null;
  personName: string;
  documentNumber: string;
  sourceId: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  certificateNo: string | null;
  certificateExpiry: string | null;
  /** licenseNo (registration-licensed) or permit.no (extensions): the number it follows from */
  basedOnNumber: string | null;
  hasRegistration: boolean;
}

interface RawDocument {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  revision: number;
  person_id: string | null;
  person_name: string;
  document_number: string;
  source_id: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  certificate_no: string | null;
  certificate_expiry: string | null;
  based_on: string | null;
  has_registration: number;
}

const DOCUMENT_SELECT = `SELECT r.id, r.kind, r.status, r.revision, r.person_id, r.person_name, r.document_number, r.source_id,
    r.created_at, r.updated_at, r.submitted_at, r.reviewed_at, r.certificate_no, r.certificate_expiry,
    COALESCE(json_extract(r.values_json, '$."licenseNo"'), json_extract(r.values_json, '$."permit.no"'),
      json_extract(r.values_json, '$."wpPermit.no"'), json_extract(r.values_json, '$."wpNotice.no"')) AS based_on,
    EXISTS (SELECT 1 FROM records c WHERE c.source_id = r.id) AS has_registration
  FROM records r`;

const documentFromRaw = (r: RawDocument): DocumentRow => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  revision: r.revision,
  personId: r.person_id,
  personName: r.person_name,
  documentNumber: r.document_number,
  sourceId: r.source_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
  certificateNo: r.certificate_no,
  certificateExpiry: r.certificate_expiry,
  basedOnNumber: typeof r.based_on === 'string' ? r.based_on.toUpperCase() : null,
  hasRegistration: r.has_registration === 1,
});

export interface HistoryRow {
  at: string;
  action: string;
  recordId: string | null;
  recordKind: DocumentKind | null;
  revision: number | null;
  changes: PersonChange[];
}

/** How many people sharing one document number are compared (different people rarely share one). */
const MAX_HOLDERS = 50;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PeopleStore {
  /** the person's photo is stored once, shared with their applications (store/blobs.ts) */
  private readonly blobs: BlobStore;
  private readonly byId;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byNumberStmt;
  private readonly holdersStmt;
  private readonly historyStmt;
  private readonly historyListStmt;
  private readonly linkStmt;
  private readonly personOfRecordStmt;
  private readonly documentsStmt;
  private readonly documentStmt;

  constructor(private readonly db: Db) {
    this.blobs = blobsOf(db);
    this.byId = db.prepare('SELECT * FROM people WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO people (id, type, name, name_zh, document_number, nationality, birth_date, values_json, created_at, updated_at)
       VALUES (@id, @type, @name, @nameZh, @documentNumber, @nationality, @birthDate, @values, @now, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE people SET name = @name, name_zh = @nameZh, document_number = @documentNumber, nationality = @nationality,
         birth_date = @birthDate, values_json = @values, updated_at = @now WHERE id = @id`,
    );
    this.byNumberStmt = db.prepare(
      `SELECT * FROM people WHERE type = ? AND document_number = ? AND id IS NOT ? ORDER BY updated_at DESC, id LIMIT 1`,
    );
    this.holdersStmt = db.prepare(
      `SELECT * FROM people WHERE type = ? AND document_number = ? AND id IS NOT ? ORDER BY updated_at DESC, rowid DESC LIMIT ${MAX_HOLDERS}`,
    );
    this.historyStmt = db.prepare(
      'INSERT INTO person_history (person_id, at, action, record_id, revision, changes_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.historyListStmt = db.prepare(
      `SELECT h.at, h.action, h.record_id, h.revision, h.changes_json, r.kind AS record_kind
         FROM person_history h LEFT JOIN records r ON r.id = h.record_id
        WHERE h.person_id = ? ORDER BY h.id DESC`,
    );
    this.linkStmt = db.prepare('UPDATE records SET person_id = ? WHERE id = ?');
    this.personOfRecordStmt = db.prepare('SELECT person_id FROM records WHERE id = ?');
    this.documentsStmt = db.prepare(`${DOCUMENT_SELECT} WHERE r.person_id = ? ORDER BY r.created_at DESC, r.id DESC`);
    this.documentStmt = db.prepare(`${DOCUMENT_SELECT} WHERE r.id = ?`);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The person with the photo as a data URL. */
  get(id: string): PersonRow | null {
    const raw = this.byId.get(id) as RawPerson | undefined;
    return raw ? this.withPhoto(fromRaw(raw)) : null;
  }

  private withPhoto(p: PersonRow): PersonRow {
    return { ...p, values: this.blobs.resolve(p.values) };
  }

  /**
   * The person of this type with this document number (the most recently updated one). The number
   * alone does not say it is the same person: match with identity.ts's matchPerson.
   */
  byNumber(type: PersonType, documentNumber: string, exceptId: string | null = null): PersonRow | null {
    if (!documentNumber) return null;
    const raw = this.byNumberStmt.get(type, documentNumber, exceptId) as RawPerson | undefined;
    return raw ? this.withPhoto(fromRaw(raw)) : null;
  }

  /** Everyone of this type holding this document number, the most recently updated first (bounded). */
  holders(type: PersonType, documentNumber: string, exceptId: string | null = null): PersonRow[] {
    if (!documentNumber) return [];
    return (this.holdersStmt.all(type, documentNumber, exceptId) as RawPerson[]).map((r) => this.withPhoto(fromRaw(r)));
  }

  insert(p: Omit<PersonRow, 'source'>): void {
    this.insertStmt.run({ ...p, values: JSON.stringify(this.blobs.stash(p.values)), now: p.createdAt });
  }

  update(p: PersonRow): void {
    this.updateStmt.run({ ...p, values: JSON.stringify(this.blobs.stash(p.values)), now: p.updatedAt });
  }

  addHistory(personId: string, at: string, action: string, changes: PersonChange[], record?: { id: string; revision: number | null }): void {
    this.historyStmt.run(personId, at, action, record?.id ?? null, record?.revision ?? null, JSON.stringify(changes));
  }

  history(personId: string): HistoryRow[] {
    const rows = this.historyListStmt.all(personId) as {
      at: string;
      action: string;
      record_id: string | null;
      revision: number | null;
      changes_json: string;
      record_kind: DocumentKind | null;
    }[];
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      recordId: r.record_id,
      recordKind: r.record_kind,
      revision: r.revision,
      changes: JSON.parse(r.changes_json) as PersonChange[],
    }));
  }

  list(query: string, type: PersonType | undefined, page: number, pageSize: number): { rows: PersonRow[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const q = query.trim();
    if (q) {
      // any part of the Latin name, the Chinese name or the document number (LIKE is
      // case-insensitive for Latin letters; one enterprise's roster is small enough to scan)
      where.push(
        `(p.name LIKE @part ESCAPE '\\' OR p.name_zh LIKE @part ESCAPE '\\' OR p.document_number LIKE @number ESCAPE '\\')`,
      );
      params.part = `%${escapeLike(q)}%`;
      params.number = `%${escapeLike(q.replace(/\s+/g, '').toUpperCase())}%`;
    }
    if (type) {
      where.push('p.type = @type');
      params.type = type;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM people p ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT p.* FROM people p ${clause} ORDER BY p.name COLLATE NOCASE, p.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as RawPerson[];
    return { rows: rows.map(fromRaw), total };
  }

  /** How many applications each of these people has. */
  documentCounts(personIds: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (personIds.length === 0) return out;
    const marks = personIds.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT person_id, COUNT(*) AS n FROM records WHERE person_id IN (${marks}) GROUP BY person_id`)
      .all(...personIds) as { person_id: string; n: number }[];
    for (const r of rows) out.set(r.person_id, r.n);
    return out;
  }

  link(recordId: string, personId: string): void {
    this.linkStmt.run(personId, recordId);
  }

  personOfRecord(recordId: string): string | null {
    const row = this.personOfRecordStmt.get(recordId) as { person_id: string | null } | undefined;
    return row?.person_id ?? null;
  }

  documents(personId: string): DocumentRow[] {
    return (this.documentsStmt.all(personId) as RawDocument[]).map(documentFromRaw);
  }

  document(recordId: string): DocumentRow | null {
    const raw = this.documentStmt.get(recordId) as RawDocument | undefined;
    return raw ? documentFromRaw(raw) : null;
  }

  /** Approved records carrying a certificate / permit number of these kinds. */
  approvedWithCertificate(kinds: readonly DocumentKind[]): DocumentRow[] {
    const marks = kinds.map(() => '?').join(', ');
    return (
      this.db
        .prepare(`${DOCUMENT_SELECT} WHERE r.status = 'approved' AND r.certificate_no IS NOT NULL AND r.kind IN (${marks})`)
        .all(...kinds) as RawDocument[]
    ).map(documentFromRaw);
  }

  /** Extensions not (yet) approved, with the permit number they extend. */
  openExtensions(): DocumentRow[] {
    return (
      this.db
        .prepare(`${DOCUMENT_SELECT} WHERE r.kind IN ('extension', 'hmt-extension', 'wp-extension') AND r.status <> 'approved' ORDER BY r.created_at DESC`)
        .all() as RawDocument[]
    ).map(documentFromRaw);
  }

  /** Records waiting for their pre-review result. */
  awaitingReview(): DocumentRow[] {
    return (this.db.prepare(`${DOCUMENT_SELECT} WHERE r.status = 'submitted' ORDER BY r.submitted_at, r.id`).all() as RawDocument[]).map(
      documentFromRaw,
    );
  }
}
