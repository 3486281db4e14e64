/**
 * The bureau's permits on the desk (migration 5, `bureau_permits`): what sync pulls from
 * GET /v1/permits, kept as the latest change of each number, each linked to its person in the
 * roster — the person of the same type and document number whose name or birth date also
 * matches, else a new person marked as coming from the bureau (people.source = 'bureau').
 *
 * The roster's people are read and created here with SQL of this module (the roster's own
 * matching lives in personLink.ts); nothing here changes an existing person or a record.
 */
import { randomUUID } from 'node:crypto';
import type { BureauPermit, PermitKind, PermitStatus } from '../../../shared/api/schemas';
import { documentDef } from '../../../shared/documents/registry';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { personChanges, personColumns, personValuesOf, type PersonType } from '../../../shared/roster/person';
import type { Db } from '../store/database';
import { blobsOf, type BlobStore } from '../store/blobs';

export const ACTION_CREATED_FROM_BUREAU = '由主管部门证件创建';

export interface BureauPermitRow {
  number: string;
  kind: PermitKind;
  applicant: PersonType;
  holderName: string;
  holderNameZh: string;
  documentType: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: string;
  issueDate: string;
  expiry: string | null;
  status: PermitStatus;
  personId: string | null;
  feedCursor: number;
  pulledAt: string;
}

interface RawRow {
  number: string;
  kind: PermitKind;
  applicant: PersonType;
  holder_name: string;
  holder_name_zh: string;
  document_type: string;
  document_number: string;
  nationality: string;
  birth_date: string;
  sex: string;
  issue_date: string;
  expiry: string | null;
  status: PermitStatus;
  person_id: string | null;
  feed_cursor: number;
  pulled_at: string;
}

const fromRaw = (r: RawRow): BureauPermitRow => ({
  number: r.number,
  kind: r.kind,
  applicant: r.applicant,
  holderName: r.holder_name,
  holderNameZh: r.holder_name_zh,
  documentType: r.document_type,
  documentNumber: r.document_number,
  nationality: r.nationality,
  birthDate: r.birth_date,
  sex: r.sex,
  issueDate: r.issue_date,
  expiry: r.expiry,
  status: r.status,
  personId: r.person_id,
  feedCursor: r.feed_cursor,
  pulledAt: r.pulled_at,
});

interface Candidate {
  id: string;
  name: string;
  name_zh: string;
  birth_date: string;
  /** the person's document type (证件种类), null when not given or the values do not read */
  document_type: unknown;
}


/** the people holding a permit's document number looked at, the most recently updated first */
const MAX_CANDIDATES = 50;
/** Names compared as people write them: case, spacing and the comma of "SURNAME, GIVEN" aside. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s,.·•]+/g, ' ').trim();
  return norm(a) !== '' && norm(a) === norm(b);
};

/** The key of the document type (护照类型 / 证件类型) in a person's values. */
const DOCUMENT_TYPE_KEY: Readonly<Record<PersonType, string>> = { foreign: 'person.passportType', hmt: 'hmt.docType' };

/** The person.* / hmt.* values a permit's holder gives. */
export function holderValues(p: Pick<BureauPermit, 'applicant' | 'holder'>): FormValues {
  const h = p.holder;
  const v: Record<string, string | undefined> =
    p.applicant === 'foreign'
      ? {
          'person.nameEn': h.name,
          'person.nameZh': h.nameZh,
          'person.sex': h.sex,
          'person.birthDate': h.birthDate,
          'person.nationality': h.nationality,
          'person.passportType': h.documentType,
          'person.passportNo': h.documentNumber,
        }
      : {
          'hmt.name': h.name,
          'hmt.sex': h.sex,
          'hmt.birthDate': h.birthDate,
          'hmt.residentType': h.nationality,
          'hmt.docType': h.documentType,
          'hmt.docNo': h.documentNumber,
        };
  return personValuesOf(p.applicant, v);
}

export interface ApplyReport {
  /** permits stored (new or changed) */
  stored: number;
  /** linked to a person already in the roster */
  linked: number;
  /** people created from a permit */
  created: number;
}

export class BureauPermitStore {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly knownStmt;
  private readonly allStmt;
  private readonly withExpiryStmt;
  private readonly candidatesStmt;
  private readonly personExistsStmt;
  private readonly insertPersonStmt;
  private readonly historyStmt;
  private readonly personValuesStmt;
  private readonly blobs: BlobStore;

  constructor(private readonly db: Db) {
    this.blobs = blobsOf(db);
    this.personValuesStmt = db.prepare('SELECT values_json FROM people WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO bureau_permits (number, kind, applicant, holder_name, holder_name_zh, document_type, document_number, nationality,
         birth_date, sex, issue_date, expiry, status, person_id, feed_cursor, pulled_at)
       VALUES (@number, @kind, @applicant, @holderName, @holderNameZh, @documentType, @documentNumber, @nationality,
         @birthDate, @sex, @issueDate, @expiry, @status, @personId, @feedCursor, @pulledAt)
       ON CONFLICT (number) DO UPDATE SET kind = excluded.kind, applicant = excluded.applicant, holder_name = excluded.holder_name,
         holder_name_zh = excluded.holder_name_zh, document_type = excluded.document_type, document_number = excluded.document_number,
         nationality = excluded.nationality, birth_date = excluded.birth_date, sex = excluded.sex, issue_date = excluded.issue_date,
         expiry = excluded.expiry, status = excluded.status, person_id = excluded.person_id, feed_cursor = excluded.feed_cursor,
         pulled_at = excluded.pulled_at
       WHERE excluded.feed_cursor > bureau_permits.feed_cursor`,
    );
    this.getStmt = db.prepare('SELECT * FROM bureau_permits WHERE number = ?');
    this.knownStmt = db.prepare(
      'SELECT feed_cursor AS feedCursor, person_id AS personId, document_number AS documentNumber FROM bureau_permits WHERE number = ?',
    );
    this.allStmt = db.prepare('SELECT * FROM bureau_permits ORDER BY number');
    this.withExpiryStmt = db.prepare("SELECT * FROM bureau_permits WHERE kind <> 'license' AND expiry IS NOT NULL ORDER BY number");
    this.candidatesStmt = db.prepare(
      // bounded like PeopleStore.holders: a number shared by thousands (bad data) must not make each permit read them all
      `SELECT id, name, name_zh, birth_date, CASE WHEN json_valid(values_json) THEN json_extract(values_json, ?) END AS document_type
         FROM people WHERE type = ? AND document_number = ? ORDER BY updated_at DESC, id LIMIT ${MAX_CANDIDATES}`,
    );
    this.personExistsStmt = db.prepare('SELECT 1 FROM people WHERE id = ? AND type = ? AND document_number = ?');
    this.insertPersonStmt = db.prepare(
      `INSERT INTO people (id, type, name, name_zh, document_number, nationality, birth_date, values_json, created_at, updated_at, source)
       VALUES (@id, @type, @name, @nameZh, @documentNumber, @nationality, @birthDate, @values, @at, @at, 'bureau')`,
    );
    this.historyStmt = db.prepare(
      'INSERT INTO person_history (person_id, at, action, record_id, revision, changes_json) VALUES (?, ?, ?, NULL, NULL, ?)',
    );
  }

  get(number: string): BureauPermitRow | null {
    const raw = this.getStmt.get(number) as RawRow | undefined;
    return raw ? fromRaw(raw) : null;
  }

  all(): BureauPermitRow[] {
    return (this.allStmt.all() as RawRow[]).map(fromRaw);
  }

  /** The 就业证 with an expiry (licenses left out): what 到期提醒 and the badge take (permits.ts). */
  withExpiry(): BureauPermitRow[] {
    return (this.withExpiryStmt.all() as RawRow[]).map(fromRaw);
  }

  /**
   * Stores a page of the feed (the caller's transaction keeps it together with the cursor). An
   * older change than the one stored is ignored; a permit keeps its person while that person
   * still has the permit's document number.
   */
  apply(permits: readonly BureauPermit[], at: string): ApplyReport {
    const report: ApplyReport = { stored: 0, linked: 0, created: 0 };
    for (const p of permits) {
      const known = this.knownStmt.get(p.number) as { feedCursor: number; personId: string | null; documentNumber: string } | undefined;
      if (known && known.feedCursor >= p.cursor) continue;
      const number = p.holder.documentNumber.toUpperCase();
      let personId =
        known?.personId && known.documentNumber === number && this.personExistsStmt.get(known.personId, p.applicant, number) ? known.personId : null;
      if (!personId) {
        personId = this.match(p);
        if (personId) report.linked += 1;
        else {
          personId = this.createPerson(p, at);
          report.created += 1;
        }
      }
      this.upsertStmt.run({
        number: p.number,
        kind: p.kind,
        applicant: p.applicant,
        holderName: p.holder.name,
        holderNameZh: p.holder.nameZh ?? '',
        documentType: p.holder.documentType,
        documentNumber: number,
        nationality: p.holder.nationality ?? '',
        birthDate: p.holder.birthDate ?? '',
        sex: p.holder.sex ?? '',
        issueDate: p.issueDate,
        expiry: p.expiry ?? null,
        status: p.status,
        personId,
        feedCursor: p.cursor,
        pulledAt: at,
      });
      report.stored += 1;
    }
    return report;
  }

  /**
   * The roster's person of a permit's holder: same type and document number, the same document
   * type when both name one, and the same name or the same birth date. Several: the most recently
   * updated. None: null.
   */
  match(p: Pick<BureauPermit, 'applicant' | 'holder'>): string | null {
    const h = p.holder;
    const rows = this.candidatesStmt.all(`$."${DOCUMENT_TYPE_KEY[p.applicant]}"`, p.applicant, h.documentNumber.toUpperCase()) as Candidate[];
    for (const c of rows) {
      // a person whose values do not read is still matched on its columns
      const theirType = typeof c.document_type === 'string' ? c.document_type.trim() : '';
      if (theirType && theirType !== h.documentType) continue;
      const named = sameName(h.name, c.name) || sameName(h.name, c.name_zh) || (h.nameZh !== undefined && sameName(h.nameZh, c.name_zh));
      const born = h.birthDate !== undefined && h.birthDate === c.birth_date;
      if (named || born) return c.id;
    }
    return null;
  }

  private createPerson(p: BureauPermit, at: string): string {
    const id = randomUUID();
    const values = holderValues(p);
    const columns = personColumns(p.applicant, values);
    this.insertPersonStmt.run({ id, type: p.applicant, ...columns, values: JSON.stringify(values), at });
    this.historyStmt.run(id, at, ACTION_CREATED_FROM_BUREAU, JSON.stringify(personChanges(p.applicant, {}, values)));
    return id;
  }

  /**
   * The values a new extension (`kind`) of a bureau permit starts with when no approved record of
   * the desk carries the number: the holder's person fields (the roster's person first, it is the
   * newest word), the permit's number and expiry. Null when the number is not a bureau 就业证 of
   * the kind's applicant type.
   */
  extensionValues(kind: DocumentKind, number: string): FormValues | null {
    const row = this.get(number.trim().toUpperCase());
    if (!row || row.kind === 'license' || !row.expiry) return null;
    const type: PersonType = kind === 'hmt-extension' ? 'hmt' : 'foreign';
    if ((kind !== 'extension' && kind !== 'hmt-extension') || row.applicant !== type) return null;
    const fromPermit = holderValues({
      applicant: row.applicant,
      holder: {
        name: row.holderName,
        ...(row.holderNameZh ? { nameZh: row.holderNameZh } : {}),
        documentType: row.documentType,
        documentNumber: row.documentNumber,
        ...(row.nationality ? { nationality: row.nationality } : {}),
        ...(row.birthDate ? { birthDate: row.birthDate } : {}),
        ...(row.sex === '男' || row.sex === '女' ? { sex: row.sex } : {}),
      },
    });
    let person: FormValues = {};
    if (row.personId) {
      const raw = this.personValuesStmt.get(row.personId) as { values_json: string } | undefined;
      try {
        person = raw ? this.blobs.resolve(JSON.parse(raw.values_json) as FormValues) : {};
      } catch {
        person = {};
      }
    }
    const all: FormValues = { ...fromPermit, ...personValuesOf(type, person), 'permit.no': row.number, 'permit.expiry': row.expiry };
    const def = documentDef(kind);
    return Object.fromEntries(Object.entries(all).filter(([key]) => def.field(key) !== undefined));
  }
}

const stores = new WeakMap<Db, BureauPermitStore>();

/** The bureau permits of a core's current database (one store per database). */
export function bureauPermitsOf(core: { db: Db }): BureauPermitStore {
  let s = stores.get(core.db);
  if (!s) {
    s = new BureauPermitStore(core.db);
    stores.set(core.db, s);
  }
  return s;
}
