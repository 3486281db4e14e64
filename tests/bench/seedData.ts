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

/** A small seeded PRNG (mulberry32): the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** The fixture of `kind` with a person name and document number of its own. */
export function applicationValues(kind: DocumentKind, i: number, random: () => number): FormValues {
  const values: FormValues = { ...VALID_VALUES[kind] };
  if (documentDef(kind).applicant === 'hmt') {
    const given = () => HMT_GIVEN[Math.floor(random() * HMT_GIVEN.length)] as string;
    values['hmt.name'] = `${HMT_SURNAMES[Math.floor(random() * HMT_SURNAMES.length)]}${given()}${given()}`;
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
}

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
       submitted_at, review_reason, reviewed_at, certificate_no, certificate_expiry, notice_json, sync_state)
     VALUES (@id, @kind, @status, @revision, @values, @personName, @documentNumber, @createdAt, @updatedAt,
       @submittedAt, @reviewReason, @reviewedAt, @certificateNo, @certificateExpiry, @notice, @syncState)`,
  );
  const insertRevision = db.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, 1, ?, ?)');
  const insertHistory = db.prepare('INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, ?, ?, ?)');
  const insertOutbox = db.prepare("INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, 1, 'uploaded', ?)");
  const summary: SeedSummary = { count, byKind: {}, byStatus: {} };
  const certificateSeq = new Map<string, number>();

  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const kind = pick(KIND_MIX, random());
      const status = options.status ?? pick(STATUS_MIX, random());
      const def = documentDef(kind);
      const values = applicationValues(kind, i, random);
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
