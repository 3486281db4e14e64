/**
 * Deterministic application data for the bench: a kind and status mix, varied names and numbers,
 * and rows written straight into the app's own schema (records, revisions, history, outbox) with
 * prepared statements in one transaction, the way a store that has lived for years looks.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../main/services/store/database';
import { documentDef } from '../../shared/documents/registry';
import { issuesCertificate, formatCertificateNumber } from '../../shared/documents/numbers';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import type { RecordStatus } from '../../shared/lifecycle';
import { VALID_VALUES } from '../fixtures/documents';
import { letters } from '../helpers/letters';
import { prng } from '../helpers/prng';

export { prng };
import { BlobStore } from '../../main/services/store/blobs';
import { personColumns, personValuesOf, type PersonType } from '../../shared/roster/person';

function pick<T>(weights: readonly (readonly [T, number])[], r: number): T {
  let acc = 0;
  for (const [value, w] of weights) {
    acc += w;
    if (r < acc) return value;
  }
  return (weights[weights.length - 1] as readonly [T, number])[0];
}

/** Share of each kind in a busy enterprise's store (sums to 1). */
export const KIND_MIX: readonly (readonly [DocumentKind, number])[] = [
  ['license', 0.3],
  ['registration-licensed', 0.25],
  ['extension', 0.15],
  ['hmt-permit', 0.1],
  ['recruitment', 0.08],
  ['registration-exempt', 0.07],
  ['hmt-extension', 0.05],
];

export const STATUS_MIX: readonly (readonly [RecordStatus, number])[] = [
  ['approved', 0.8],
  ['draft', 0.1],
  ['submitted', 0.05],
  ['rejected', 0.05],
];

export const GIVEN_NAMES = [
  'OLIVIA', 'JAMES', 'SOPHIA', 'WILLIAM', 'EMMA', 'LUCAS', 'MIA', 'HENRY', 'AMELIA', 'DANIEL',
  'CHLOE', 'THOMAS', 'HANNAH', 'PETER', 'GRACE', 'DAVID', 'ELENA', 'KENJI', 'YUNA', 'RAFAEL',
] as const;
const SURNAMES = ['SMITH', 'DUBOIS', 'MUELLER', 'ROSSI', 'TANAKA', 'KIM', 'GARCIA', 'NOVAK', 'SILVA', 'JOHNSON', 'BROWN', 'PETROV'] as const;
const HMT_SURNAMES = '陈林黄张李王吴刘蔡杨许郑谢郭洪邱曾廖赖周'.split('');
const HMT_GIVEN = '家明雅婷志伟淑芬俊杰美玲建宏惠敏文华嘉欣宇轩佩珊'.split('');

/** A 居住证 number of its own for `n` (18 characters like the fixture's; distinct for 30,000 consecutive n). */
const hmtDocNo = (n: number): string => `810000${19_700_101 + (n % 300) * 100}${String(n % 10_000).padStart(4, '0')}`;

/** The fixture of `kind` with a person name and document number of its own. */
export function applicationValues(kind: DocumentKind, i: number, random: () => number): FormValues {
  const values: FormValues = { ...VALID_VALUES[kind] };
  if (documentDef(kind).applicant === 'hmt') {
    const given = () => HMT_GIVEN[Math.floor(random() * HMT_GIVEN.length)] as string;
    values['hmt.name'] = `${HMT_SURNAMES[Math.floor(random() * HMT_SURNAMES.length)]}${given()}${given()}`;
    values['hmt.docNo'] = hmtDocNo(i);
  } else {
    const given = GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)] as string;
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] as string;
    values['person.nameEn'] = `${given} ${surname} ${letters(i)}`;
    values['person.passportNo'] = `P${String(10_000_000 + i)}`;
  }
  return values;
}

export interface SeedSummary {
  count: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  /** people written (0 without `people`), and their photos' own bytes */
  people: number;
  photoBytes: number;
}

/** Share of the roster who are 台港澳 residents (the rest are foreign nationals). */
const HMT_SHARE = 0.15;

/**
 * Writes `count` applications created over the `days` before `until`, in one transaction:
 * the record, its history, and for every submitted one its revision and (uploaded) outbox row.
 */
export interface SeedOptions {
  /** how far back the applications go (default 3 years) */
  days?: number;
  seed?: number;
  /** every application in this status instead of STATUS_MIX */
  status?: RecordStatus;
  /** told of every application written */
  onRow?: (row: SeededRow) => void;
  /**
   * A roster: `count` people, each with the photo `photo(i)` stored once (as the app stores it),
   * every application belonging to one of them (its name, document number and photo).
   * Without it, applications carry the fixture's small inline photo and no person.
   */
  people?: { count: number; photo: (i: number) => Buffer };
  /** applications without any photo (the growth run at 1,000,000) */
  withoutPhotos?: boolean;
}

interface SeedPerson {
  id: string;
  type: PersonType;
  identity: FormValues;
}

/** Person `p`'s own fields: a name and number of their own, their photo's reference. */
function personIdentity(p: number, type: PersonType, photoRef: string): FormValues {
  const random = prng(7919 * (p + 1));
  if (type === 'hmt') {
    const given = () => HMT_GIVEN[Math.floor(random() * HMT_GIVEN.length)] as string;
    return { 'hmt.name': `${HMT_SURNAMES[Math.floor(random() * HMT_SURNAMES.length)]}${given()}${given()}`, 'hmt.docNo': hmtDocNo(p), 'hmt.photo': photoRef };
  }
  const given = GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)] as string;
  const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] as string;
  return { 'person.nameEn': `${given} ${surname} ${letters(p)}`, 'person.passportNo': `P${String(10_000_000 + p)}`, 'person.photo': photoRef };
}

/** Writes the roster (photos stored once through the app's BlobStore); returns the foreign and HMT pools. */
function seedPeople(db: Db, people: NonNullable<SeedOptions['people']>, at: string, summary: SeedSummary): { foreign: SeedPerson[]; hmt: SeedPerson[] } {
  const blobs = new BlobStore(db);
  const insert = db.prepare(
    `INSERT INTO people (id, type, name, name_zh, document_number, nationality, birth_date, values_json, created_at, updated_at)
     VALUES (@id, @type, @name, @nameZh, @documentNumber, @nationality, @birthDate, @values, @at, @at)`,
  );
  const pools = { foreign: [] as SeedPerson[], hmt: [] as SeedPerson[] };
  const hmtFrom = Math.round(people.count * (1 - HMT_SHARE));
  for (let p = 0; p < people.count; p++) {
    const type: PersonType = p >= hmtFrom ? 'hmt' : 'foreign';
    const photo = people.photo(p);
    summary.photoBytes += photo.length;
    const identity = personIdentity(p, type, blobs.put(photo, 'image/jpeg', at));
    const values = personValuesOf(type, { ...VALID_VALUES[type === 'hmt' ? 'hmt-permit' : 'license'], ...identity });
    const id = randomUUID();
    insert.run({ id, type, ...personColumns(type, values), values: JSON.stringify(values), at });
    pools[type].push({ id, type, identity });
  }
  summary.people = people.count;
  return pools;
}

export interface SeededRow {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  values: FormValues;
  submittedAt: string | null;
}

export function seedApplications(db: Db, count: number, until: Date, options: SeedOptions = {}): SeedSummary {
  const random = prng(options.seed ?? 20261128);
  const spanMs = (options.days ?? 3 * 365) * 86_400_000;
  const start = until.getTime() - spanMs;
  const insertRecord = db.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at,
       submitted_at, review_reason, reviewed_at, certificate_no, certificate_expiry, notice_json, sync_state, person_id)
     VALUES (@id, @kind, @status, @revision, @values, @personName, @documentNumber, @createdAt, @updatedAt,
       @submittedAt, @reviewReason, @reviewedAt, @certificateNo, @certificateExpiry, @notice, @syncState, @personId)`,
  );
  const insertRevision = db.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, 1, ?, ?)');
  const insertHistory = db.prepare('INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, ?, ?, ?)');
  const insertOutbox = db.prepare("INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, 1, 'uploaded', ?)");
  const summary: SeedSummary = { count, byKind: {}, byStatus: {}, people: 0, photoBytes: 0 };
  const certificateSeq = new Map<string, number>();

  db.transaction(() => {
    const pools = options.people ? seedPeople(db, options.people, new Date(start).toISOString(), summary) : null;
    for (let i = 0; i < count; i++) {
      const kind = pick(KIND_MIX, random());
      const status = options.status ?? pick(STATUS_MIX, random());
      const def = documentDef(kind);
      let values = applicationValues(kind, i, random);
      let person: SeedPerson | null = null;
      if (pools) {
        const pool = pools[def.applicant === 'hmt' ? 'hmt' : 'foreign'];
        person = pool[Math.floor(random() * pool.length)] ?? null;
        if (person) values = { ...values, ...person.identity };
      }
      if (options.withoutPhotos) {
        delete values['person.photo'];
        delete values['hmt.photo'];
      }
      const valuesJson = JSON.stringify(values);
      const created = new Date(start + (spanMs * i) / count + Math.floor(random() * 60_000));
      const submitted = status === 'draft' ? null : new Date(created.getTime() + 86_400_000);
      const reviewed = status === 'approved' || status === 'rejected' ? new Date(created.getTime() + 5 * 86_400_000) : null;
      let certificateNo: string | null = null;
      if (status === 'approved' && issuesCertificate(kind)) {
        const year = (reviewed as Date).getUTCFullYear();
        const key = `${kind}${year}`;
        const seq = (certificateSeq.get(key) ?? 0) + 1;
        certificateSeq.set(key, seq);
        certificateNo = formatCertificateNumber(kind, year, seq);
      }
      const id = randomUUID();
      const createdAt = created.toISOString();
      insertRecord.run({
        id,
        kind,
        status,
        revision: submitted ? 1 : 0,
        values: valuesJson,
        personName: def.personName(values),
        documentNumber: def.documentNumber(values).toUpperCase(),
        createdAt,
        updatedAt: (reviewed ?? submitted ?? created).toISOString(),
        submittedAt: submitted?.toISOString() ?? null,
        reviewReason: status === 'rejected' ? '材料不齐，请补充护照复印件' : null,
        reviewedAt: reviewed?.toISOString() ?? null,
        certificateNo,
        certificateExpiry: certificateNo && kind !== 'license' ? '2027-12-31' : null,
        notice: status === 'approved' && def.hasNotice ? JSON.stringify({ noticeNo: `WB${String(i).padStart(11, '0')}`, documentTitle: def.title }) : null,
        syncState: submitted ? 'uploaded' : '',
        personId: person?.id ?? null,
      });
      insertHistory.run(id, createdAt, 0, '新建', `创建${def.title}`);
      if (submitted) {
        const at = submitted.toISOString();
        insertRevision.run(id, valuesJson, at);
        insertOutbox.run(id, at);
        insertHistory.run(id, at, 1, '提交', '提交第 1 版，等待预审');
      }
      if (reviewed) insertHistory.run(id, reviewed.toISOString(), 1, status === 'approved' ? '预审通过' : '预审不通过', '');
      options.onRow?.({ id, kind, status, values, submittedAt: submitted?.toISOString() ?? null });
      summary.byKind[kind] = (summary.byKind[kind] ?? 0) + 1;
      summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
    }
  })();
  return summary;
}
