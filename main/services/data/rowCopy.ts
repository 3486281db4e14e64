/**
 * A restore's row copy: the data tables of a backup (opened read-only) into a fresh store made by
 * the app's own migrations, row by row, each row checked as an import or a save would check it:
 * types and sizes read before a value is loaded, a record's values against its kind's storage
 * schema (by SQLite's JSON functions: a photo never becomes a JavaScript string), the derived
 * columns recomputed, a submitted record's values against its stored
 * revision, the lifecycle as the store's own triggers (guardMigrations.ts) enforce it, every
 * reference resolved. Nothing of the file's schema (triggers, views, indexes) and none of its
 * settings is taken; columns the app does not know are ignored; columns of older schema versions
 * are mapped (v1 has no roster). Batches of rows, one transaction each, between two looks at the
 * event loop: memory stays bounded whatever the file's size, and 【取消】 is seen within a batch.
 */
import type Database from 'better-sqlite3';
import { ServiceError } from '../../../shared/bridge/envelope';
import { documentDef, isDocumentKind, maxLengthOf } from '../../../shared/documents';
import type { DocumentKind, FieldDef } from '../../../shared/documents/types';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/lifecycle';
import { PERSON_TYPES, personColumns, personFields, type PersonType } from '../../../shared/roster/person';
import { sha256Hex } from '../store/blobs';
import { dropUnreferencedBlobs, storeFilesOnce } from '../store/blobMigrations';

type Db = Database.Database;

/** the largest text value read from a backup (a record with two photos is under 3 MB) */
export const MAX_CELL_BYTES = 8 * 1024 * 1024;
/** rows (or bytes) per transaction of the copy */
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;
const MAX_ID = 128;
const MAX_SMALL_TEXT = 4000;
const MAX_JSON = 1024 * 1024;

/** The tables a restore copies, in the order the store's rules need (guardMigrations.ts). */
export const COPIED_TABLES = ['blobs', 'people', 'bureau_permits', 'records', 'revisions', 'outbox', 'history', 'person_history', 'autosave', 'meta'] as const;
/**
 * The app's tables a restore does not copy: kept by triggers (the counts, the search index and its
 * shadow tables), or the migrations' own (their versions, the certificate formats they define).
 */
export const DERIVED_TABLES = ['record_counts', 'schema_version', 'records_search', 'search_kinds', 'certificate_formats', 'blob_refs'] as const;

/**
 * Meta keys the backup brings (the enterprise's data); every other key comes from the live store
 * (sign-in state, this desk's settings, the printer) and none is ever taken from a file.
 */
export const BACKUP_META_KEYS = ['profile', 'deadlines.thresholds', 'data.backup.settings', 'sync.cursor', 'sync.permitCursor'] as const;
/** the bureau feeds' positions: they go with the data they brought, so they come from the backup or not at all */
export const CURSOR_KEYS: readonly string[] = ['sync.cursor', 'sync.permitCursor'];

const unchanged = '，数据未作任何更改 / ';
/** what to do about a backup whose content cannot be taken */
export const USE_ANOTHER = ['请改用另一份备份（例如备份文件夹中较早的一份）', 'Use another backup (an earlier one in the backup folder, for example)'] as const;
export const refuse = (zh: string, en: string): never => {
  throw new ServiceError('INVALID_INPUT', `${zh}${unchanged}${en}; nothing was changed`);
};

/** Where a refused row is, in both languages. */
interface RowPlace {
  table: string;
  n: number;
  key: string;
}

const refuseRow = (at: RowPlace, zh: string, en: string): never =>
  refuse(
    `备份中的数据不符合规则：${at.table} 表第 ${at.n} 行（${at.key}）${zh}。${USE_ANOTHER[0]}`,
    `The backup's data breaks a rule: table ${at.table}, row ${at.n} (${at.key}): ${en}. ${USE_ANOTHER[1]}`,
  );

// ─── reading values whose type and size are checked before they are loaded ─────────────────

interface Col {
  name: string;
  /** json: a JSON object of texts (form values), checked by SQLite and never loaded as a string */
  type: 'text' | 'int' | 'json' | 'blob';
  nullable?: boolean;
  /** bytes, for text */
  max?: number;
  /** the file's schema may not have it (older versions): read as null */
  optional?: boolean;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function selectList(cols: readonly Col[], present: ReadonlySet<string>, at: { table: string }): string {
  return cols
    .map((c) => {
      if (!present.has(c.name)) {
        if (!c.optional) {
          refuse(
            `备份中 ${at.table} 表缺少必需的列 ${c.name}，不是完整的 Permit Desk 备份`,
            `The backup's table ${at.table} lacks the required column ${c.name}; it is not a complete Permit Desk backup`,
          );
        }
        return `NULL AS ${q(c.name)}, 'null' AS ${q(`${c.name}:t`)}, 0 AS ${q(`${c.name}:n`)}`;
      }
      const col = q(c.name);
      if (c.type === 'json') {
        const fits = `typeof(${col}) = 'text' AND octet_length(${col}) <= ${c.max ?? MAX_JSON}`;
        const object = `${fits} AND json_valid(${col}) AND json_type(${col}) = 'object'`;
        return [
          `CASE WHEN ${fits} THEN CAST(${col} AS BLOB) END AS ${col}`,
          `typeof(${col}) AS ${q(`${c.name}:t`)}`,
          `octet_length(${col}) AS ${q(`${c.name}:n`)}`,
          `CASE WHEN ${object} THEN 1 ELSE 0 END AS ${q(`${c.name}:object`)}`,
          // [key, type, characters] of each member, and the short texts (every field but a photo)
          `CASE WHEN ${object} THEN (SELECT json_group_array(json_array(key, type, length(value))) FROM json_each(${col})) END AS ${q(`${c.name}:members`)}`,
          `CASE WHEN ${object} THEN (SELECT json_group_object(key, value) FROM json_each(${col}) WHERE type = 'text' AND length(value) <= ${SHORT_TEXT}) END AS ${q(`${c.name}:short`)}`,
        ].join(', ');
      }
      const guarded =
        c.type === 'text' || c.type === 'blob'
          ? `CASE WHEN typeof(${col}) = '${c.type}' AND octet_length(${col}) <= ${c.max ?? MAX_SMALL_TEXT} THEN ${col} END`
          : `CASE WHEN typeof(${col}) = 'integer' AND ${col} BETWEEN -9007199254740991 AND 9007199254740991 THEN ${col} END`;
      return `${guarded} AS ${col}, typeof(${col}) AS ${q(`${c.name}:t`)}, octet_length(${col}) AS ${q(`${c.name}:n`)}`;
    })
    .join(', ');
}

type Raw = Record<string, unknown>;

/** The checked value of a column of a row read with selectList. */
function value(row: Raw, col: Col, at: RowPlace): string | number | null {
  const t = row[`${col.name}:t`];
  if (t === 'null') {
    if (col.nullable || col.optional) return null;
    return refuseRow(at, `的 ${col.name} 为空`, `${col.name} is empty`);
  }
  const expected = col.type === 'int' ? 'integer' : col.type === 'blob' ? 'blob' : 'text';
  if (t !== expected) {
    return refuseRow(at, `的 ${col.name} 类型不对（${String(t)}，应为 ${expected}）`, `${col.name} has the wrong type (${String(t)}, expected ${expected})`);
  }
  const v = row[col.name];
  if (v === null || v === undefined) {
    if (col.type !== 'int') {
      const n = Number(row[`${col.name}:n`]);
      return refuseRow(at, `的 ${col.name} 过大（${n} 字节，上限 ${col.max ?? MAX_SMALL_TEXT}）`, `${col.name} is too large (${n} bytes; the limit is ${col.max ?? MAX_SMALL_TEXT})`);
    }
    return refuseRow(at, `的 ${col.name} 超出范围`, `${col.name} is out of range`);
  }
  return v as string | number;
}

const text = (row: Raw, col: Col, at: RowPlace) => value(row, col, at) as string | null;
const int = (row: Raw, col: Col, at: RowPlace) => value(row, col, at) as number | null;

/** a JSON object of texts as SQLite read it: its bytes (never a JS string), its members, its short texts */
interface JsonCell {
  bytes: Buffer;
  members: [key: string, type: string, chars: number][];
  short: Record<string, string>;
}

const SHORT_TEXT = 4096;

function jsonCell(row: Raw, col: Col, at: RowPlace): JsonCell {
  const bytes = value(row, col, at) as unknown as Buffer;
  if (row[`${col.name}:object`] !== 1) return refuseRow(at, `的 ${col.name} 不是有效的 JSON 对象`, `${col.name} is not a valid JSON object`);
  const members = JSON.parse(String(row[`${col.name}:members`] ?? '[]')) as JsonCell['members'];
  const short = JSON.parse(String(row[`${col.name}:short`] ?? '{}')) as Record<string, string>;
  if (new Set(members.map((m) => m[0])).size !== members.length) refuseRow(at, `的 ${col.name} 有重复的字段`, `${col.name} repeats a field`);
  return { bytes, members, short };
}

/** The members are texts of the given fields, none longer than its field allows (the storage schema's rule). */
function checkMembers(cell: JsonCell, fields: ReadonlyMap<string, number> | null, title: { zh: string; en: string }, col: string, at: RowPlace): void {
  for (const [key, type, chars] of cell.members) {
    const max = fields ? fields.get(key) : Number.MAX_SAFE_INTEGER;
    if (max === undefined) {
      refuseRow(at, `的 ${col} 不符合${title.zh}的数据格式（未知字段 ${key.slice(0, 80)}）`, `${col} does not fit ${title.en} (unknown field ${key.slice(0, 80)})`);
    }
    if (type !== 'text') refuseRow(at, `的 ${col} 不符合${title.zh}的数据格式（${key.slice(0, 80)} 不是文字）`, `${col} does not fit ${title.en} (${key.slice(0, 80)} is not text)`);
    // the form counts UTF-16 units (a character beyond the BMP is two), SQLite counts characters:
    // the short texts are measured as the form measures them
    const length = typeof cell.short[key] === 'string' ? (cell.short[key] as string).length : chars;
    if (length > (max as number)) {
      refuseRow(at, `的 ${col} 不符合${title.zh}的数据格式（${key.slice(0, 80)} 超过 ${max} 个字符）`, `${col} does not fit ${title.en} (${key.slice(0, 80)} is longer than ${max} characters)`);
    }
  }
}

const fieldLimits = (fields: readonly FieldDef[]): Map<string, number> => new Map(fields.map((f) => [f.key, maxLengthOf(f)]));
const kindLimits = new Map<DocumentKind, Map<string, number>>();
/** A kind's form values, checked as records:save checks them (its storage schema: known fields, texts, lengths). */
function checkForm(kind: DocumentKind, cell: JsonCell, col: string, at: RowPlace): void {
  let limits = kindLimits.get(kind);
  if (!limits) kindLimits.set(kind, (limits = fieldLimits(documentDef(kind).sections.flatMap((s) => s.fields))));
  const def = documentDef(kind);
  checkMembers(cell, limits, { zh: `「${def.title}」`, en: `the form of ${def.titleEn}` }, col, at);
}

// ─── shared checks ──────────────────────────────────────────────────────────────────────────

const CONTROL = /[\u0000-\u001f\u007f]/;

function checkId(v: string | null, name: string, at: RowPlace): void {
  if (v === null) return;
  if (v.length === 0 || v.length > MAX_ID || CONTROL.test(v)) refuseRow(at, `的 ${name} 不是有效的编号`, `${name} is not a valid id`);
}

/** ISO timestamps as the app writes them (and dates, for older rows). */
function checkTime(v: string | null, name: string, at: RowPlace): void {
  if (v === null) return;
  if (v.length > 40 || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) {
    refuseRow(at, `的 ${name} 不是有效的时间（${v.slice(0, 40)}）`, `${name} is not a valid time (${v.slice(0, 40)})`);
  }
}

function parseJson(v: string, name: string, at: RowPlace): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return refuseRow(at, `的 ${name} 不是有效的 JSON`, `${name} is not valid JSON`);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A store trigger's refusal ("CODE: 中文 / English") or a constraint, as a refusal of the row. */
function refuseFromSqlite(e: unknown, at: RowPlace): never {
  if (e instanceof ServiceError) throw e;
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY/.test(message)) {
    return refuseRow(at, '引用了备份中不存在的数据', 'refers to a row the backup does not hold');
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return refuseRow(at, '与另一行重复', 'duplicates another row');
  }
  const body = message.replace(/^[A-Z_]+: /, '');
  const split = body.indexOf(' / ');
  if (code.startsWith('SQLITE_CONSTRAINT') && split > 0) return refuseRow(at, `：${body.slice(0, split)}`, body.slice(split + 3));
  if (code.startsWith('SQLITE_CONSTRAINT')) return refuseRow(at, `不符合数据库的约束（${body}）`, `breaks a constraint of the store (${body})`);
  throw e;
}

// ─── the copy ───────────────────────────────────────────────────────────────────────────────

export interface CopyProgress {
  /** rows copied so far, of `total` */
  (copied: number, total: number): void;
}

export interface CopyContext {
  src: Db;
  dst: Db;
  /** the file's schema version */
  version: number;
  /** between batches: progress, and a throw when cancelled */
  between: (copied: number, total: number) => Promise<void>;
}

interface TablePlan {
  table: string;
  /** the schema version that created the table */
  since: number;
  cols: readonly Col[];
  where?: string;
  order?: string;
  /** the app's columns computed from the others, never read from the file */
  derived?: readonly string[];
  /** one row: checked, and written through `dst` (prepared statements in the closure) */
  write: (row: Raw, at: RowPlace) => number;
  key: (row: Raw) => string;
}

function tableColumns(src: Db, table: string): Set<string> | null {
  const found = src.prepare("SELECT type, sql FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(table) as { type: string; sql: string | null } | undefined;
  if (!found) return null;
  if (found.type !== 'table' || /^\s*CREATE\s+VIRTUAL/i.test(found.sql ?? '')) {
    return refuse(`备份中的 ${table} 不是普通数据表，不是 Permit Desk 备份`, `The backup's ${table} is not a plain table; it is not a Permit Desk backup`);
  }
  return new Set((src.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map((c) => c.name));
}

const RECORD_COLS = {
  id: { name: 'id', type: 'text', max: MAX_ID },
  kind: { name: 'kind', type: 'text', max: 64 },
  status: { name: 'status', type: 'text', max: 32 },
  revision: { name: 'revision', type: 'int' },
  values: { name: 'values_json', type: 'json', max: MAX_CELL_BYTES },
  sourceId: { name: 'source_id', type: 'text', nullable: true, max: MAX_ID },
  createdAt: { name: 'created_at', type: 'text', max: 64 },
  updatedAt: { name: 'updated_at', type: 'text', max: 64 },
  submittedAt: { name: 'submitted_at', type: 'text', nullable: true, max: 64 },
  reviewReason: { name: 'review_reason', type: 'text', nullable: true, max: MAX_SMALL_TEXT },
  reviewedAt: { name: 'reviewed_at', type: 'text', nullable: true, max: 64 },
  certificateNo: { name: 'certificate_no', type: 'text', nullable: true, max: 64 },
  certificateExpiry: { name: 'certificate_expiry', type: 'text', nullable: true, max: 64 },
  notice: { name: 'notice_json', type: 'text', nullable: true, max: MAX_JSON },
  syncState: { name: 'sync_state', type: 'text', max: 32 },
  personId: { name: 'person_id', type: 'text', nullable: true, optional: true, max: MAX_ID },
} as const satisfies Record<string, Col>;

function recordsPlan(dst: Db, where: string): TablePlan {
  const c = RECORD_COLS;
  const insert = dst.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, source_id, created_at, updated_at,
       submitted_at, review_reason, reviewed_at, certificate_no, certificate_expiry, notice_json, sync_state, person_id)
     VALUES (@id, @kind, @status, @revision, CAST(@values AS TEXT), @personName, @documentNumber, @sourceId, @createdAt, @updatedAt,
       @submittedAt, @reviewReason, @reviewedAt, @certificateNo, @certificateExpiry, @notice, @syncState, @personId)`,
  );
  const source = dst.prepare('SELECT kind, status, EXISTS (SELECT 1 FROM records x WHERE x.source_id = r.id) AS used FROM records r WHERE id = ?');
  return {
    table: 'records',
    since: 1,
    cols: Object.values(c),
    derived: ['person_name', 'document_number'],
    where,
    key: (row) => `id ${String(row.id ?? '?')}`,
    write: (row, at) => {
      const id = text(row, c.id, at) as string;
      checkId(id, 'id', at);
      const kind = text(row, c.kind, at) as string;
      if (!isDocumentKind(kind)) return refuseRow(at, `的申请类型未知（${kind.slice(0, 64)}）`, `has an unknown document kind (${kind.slice(0, 64)})`);
      const status = text(row, c.status, at) as string;
      if (!(RECORD_STATUSES as readonly string[]).includes(status)) return refuseRow(at, `的状态未知（${status}）`, `has an unknown status (${status})`);
      const revision = int(row, c.revision, at) as number;
      if (revision < 0 || revision > 100_000) refuseRow(at, '的版本号超出范围', 'has a revision out of range');
      const values = jsonCell(row, c.values, at);
      checkForm(kind, values, 'values_json', at);
      const sourceId = text(row, c.sourceId, at);
      checkId(sourceId, 'source_id', at);
      const personId = text(row, c.personId, at);
      checkId(personId, 'person_id', at);
      const times = { createdAt: c.createdAt, updatedAt: c.updatedAt, submittedAt: c.submittedAt, reviewedAt: c.reviewedAt } as const;
      const t = Object.fromEntries(Object.entries(times).map(([k, col]) => [k, text(row, col, at)])) as Record<keyof typeof times, string | null>;
      for (const [k, col] of Object.entries(times)) checkTime(t[k as keyof typeof times], col.name, at);
      const syncState = text(row, c.syncState, at) as string;
      if (!['', 'pending', 'uploaded'].includes(syncState)) refuseRow(at, `的同步状态未知（${syncState}）`, `has an unknown sync state (${syncState})`);
      if (status === 'draft' && revision === 0 && syncState !== '') refuseRow(at, '从未提交，却有同步状态', 'was never submitted but has a sync state');
      const notice = text(row, c.notice, at);
      if (notice !== null) parseJson(notice, 'notice_json', at);
      if (sourceId !== null) {
        // the service's rule: an exempt registration follows one approved recruitment application
        const src = source.get(sourceId) as { kind: string; status: RecordStatus; used: number } | undefined;
        if (kind !== 'registration-exempt' || !src || src.kind !== 'recruitment' || src.status !== 'approved' || src.used) {
          refuseRow(
            at,
            '的来源申请不是唯一对应的预审通过的《聘用外国人就业申请表》',
            'has a source that is not an approved recruitment application of its own',
          );
        }
      }
      const def = documentDef(kind);
      const params = {
        id,
        kind,
        status,
        revision,
        values: values.bytes,
        personName: def.personName(values.short),
        documentNumber: def.documentNumber(values.short).toUpperCase(),
        sourceId,
        ...t,
        reviewReason: text(row, c.reviewReason, at),
        certificateNo: text(row, c.certificateNo, at),
        certificateExpiry: text(row, c.certificateExpiry, at),
        notice,
        syncState,
        personId,
      };
      try {
        insert.run(params);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return values.bytes.length;
    },
  };
}

function revisionsPlan(dst: Db): TablePlan {
  const c = {
    recordId: { name: 'record_id', type: 'text', max: MAX_ID },
    revision: { name: 'revision', type: 'int' },
    values: { name: 'values_json', type: 'json', max: MAX_CELL_BYTES },
    submittedAt: { name: 'submitted_at', type: 'text', max: 64 },
  } as const satisfies Record<string, Col>;
  const record = dst.prepare('SELECT kind, status, revision, values_json = CAST(? AS TEXT) AS same, submitted_at AS submittedAt FROM records WHERE id = ?');
  const insert = dst.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, ?, CAST(? AS TEXT), ?)');
  return {
    table: 'revisions',
    since: 1,
    cols: Object.values(c),
    key: (row) => `record_id ${String(row.record_id ?? '?')}, revision ${String(row.revision ?? '?')}`,
    write: (row, at) => {
      const recordId = text(row, c.recordId, at) as string;
      checkId(recordId, 'record_id', at);
      const revision = int(row, c.revision, at) as number;
      const submittedAt = text(row, c.submittedAt, at) as string;
      checkTime(submittedAt, 'submitted_at', at);
      const values = jsonCell(row, c.values, at);
      const r = record.get(values.bytes, recordId) as { kind: DocumentKind; status: RecordStatus; revision: number; same: number; submittedAt: string | null } | undefined;
      if (!r) return refuseRow(at, '属于备份中不存在的申请', 'belongs to an application the backup does not hold');
      if (revision < 1 || revision > r.revision) refuseRow(at, `的版本号不在 1 至 ${r.revision} 之间`, `is not numbered between 1 and ${r.revision}`);
      checkForm(r.kind, values, 'values_json', at);
      if (revision === r.revision && r.status !== 'draft' && (r.same !== 1 || submittedAt !== r.submittedAt)) {
        refuseRow(
          at,
          '：已提交申请的内容与其提交的版本不一致（提交后的内容被改动过）',
          "a submitted application's content differs from its submitted revision (it was changed after the submission)",
        );
      }
      try {
        insert.run(recordId, revision, values.bytes, submittedAt);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return values.bytes.length;
    },
  };
}

function outboxPlan(dst: Db): TablePlan {
  const c = {
    recordId: { name: 'record_id', type: 'text', max: MAX_ID },
    revision: { name: 'revision', type: 'int' },
    state: { name: 'state', type: 'text', max: 32 },
    attempts: { name: 'attempts', type: 'int' },
    lastError: { name: 'last_error', type: 'text', nullable: true, max: MAX_SMALL_TEXT },
    createdAt: { name: 'created_at', type: 'text', max: 64 },
    refusal: { name: 'refusal', type: 'text', nullable: true, optional: true, max: MAX_SMALL_TEXT },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare('INSERT INTO outbox (record_id, revision, state, attempts, last_error, created_at, refusal) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    table: 'outbox',
    since: 1,
    cols: Object.values(c),
    key: (row) => `record_id ${String(row.record_id ?? '?')}, revision ${String(row.revision ?? '?')}`,
    write: (row, at) => {
      const recordId = text(row, c.recordId, at) as string;
      checkId(recordId, 'record_id', at);
      const state = text(row, c.state, at) as string;
      if (!['pending', 'uploaded', 'refused'].includes(state)) refuseRow(at, `的上传状态未知（${state}）`, `has an unknown upload state (${state})`);
      const attempts = int(row, c.attempts, at) as number;
      if (attempts < 0) refuseRow(at, '的尝试次数为负数', 'has a negative number of attempts');
      const createdAt = text(row, c.createdAt, at);
      checkTime(createdAt, 'created_at', at);
      try {
        insert.run(recordId, int(row, c.revision, at), state, attempts, text(row, c.lastError, at), createdAt, text(row, c.refusal, at));
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return 64;
    },
  };
}

function historyPlan(dst: Db): TablePlan {
  const c = {
    id: { name: 'id', type: 'int' },
    recordId: { name: 'record_id', type: 'text', max: MAX_ID },
    at: { name: 'at', type: 'text', max: 64 },
    revision: { name: 'revision', type: 'int' },
    action: { name: 'action', type: 'text', max: 400 },
    detail: { name: 'detail', type: 'text', max: MAX_JSON },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare('INSERT INTO history (id, record_id, at, revision, action, detail) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    table: 'history',
    since: 1,
    cols: Object.values(c),
    order: 'id',
    key: (row) => `id ${String(row.id ?? '?')}`,
    write: (row, at) => {
      const recordId = text(row, c.recordId, at) as string;
      checkId(recordId, 'record_id', at);
      const when = text(row, c.at, at);
      checkTime(when, 'at', at);
      const detail = text(row, c.detail, at) as string;
      try {
        insert.run(int(row, c.id, at), recordId, when, int(row, c.revision, at), text(row, c.action, at), detail);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return detail.length + 64;
    },
  };
}

const personLimitsOf = new Map<PersonType, Map<string, number>>();
function personLimits(type: PersonType): Map<string, number> {
  let limits = personLimitsOf.get(type);
  if (!limits) personLimitsOf.set(type, (limits = fieldLimits(personFields(type))));
  return limits;
}

function peoplePlan(dst: Db): TablePlan {
  const c = {
    id: { name: 'id', type: 'text', max: MAX_ID },
    type: { name: 'type', type: 'text', max: 32 },
    values: { name: 'values_json', type: 'json', max: MAX_CELL_BYTES },
    createdAt: { name: 'created_at', type: 'text', max: 64 },
    updatedAt: { name: 'updated_at', type: 'text', max: 64 },
    source: { name: 'source', type: 'text', optional: true, max: 32 },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare(
    `INSERT INTO people (id, type, name, name_zh, document_number, nationality, birth_date, values_json, created_at, updated_at, source)
     VALUES (@id, @type, @name, @nameZh, @documentNumber, @nationality, @birthDate, CAST(@values AS TEXT), @createdAt, @updatedAt, COALESCE(@source, 'desk'))`,
  );
  return {
    table: 'people',
    since: 2,
    cols: Object.values(c),
    derived: ['name', 'name_zh', 'document_number', 'nationality', 'birth_date'],
    key: (row) => `id ${String(row.id ?? '?')}`,
    write: (row, at) => {
      const id = text(row, c.id, at) as string;
      checkId(id, 'id', at);
      const type = text(row, c.type, at) as string;
      if (!(PERSON_TYPES as readonly string[]).includes(type)) return refuseRow(at, `的人员类别未知（${type}）`, `has an unknown person type (${type})`);
      const values = jsonCell(row, c.values, at);
      checkMembers(values, personLimits(type as PersonType), { zh: '人员信息', en: "a person's fields" }, 'values_json', at);
      const createdAt = text(row, c.createdAt, at);
      const updatedAt = text(row, c.updatedAt, at);
      checkTime(createdAt, 'created_at', at);
      checkTime(updatedAt, 'updated_at', at);
      try {
        insert.run({ id, type, ...personColumns(type as PersonType, values.short), values: values.bytes, createdAt, updatedAt, source: text(row, c.source, at) });
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return values.bytes.length;
    },
  };
}

function personHistoryPlan(dst: Db): TablePlan {
  const c = {
    id: { name: 'id', type: 'int' },
    personId: { name: 'person_id', type: 'text', max: MAX_ID },
    at: { name: 'at', type: 'text', max: 64 },
    action: { name: 'action', type: 'text', max: 400 },
    recordId: { name: 'record_id', type: 'text', nullable: true, max: MAX_ID },
    revision: { name: 'revision', type: 'int', nullable: true },
    changes: { name: 'changes_json', type: 'text', max: MAX_JSON },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare('INSERT INTO person_history (id, person_id, at, action, record_id, revision, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    table: 'person_history',
    since: 2,
    cols: Object.values(c),
    order: 'id',
    key: (row) => `id ${String(row.id ?? '?')}`,
    write: (row, at) => {
      const personId = text(row, c.personId, at);
      const recordId = text(row, c.recordId, at);
      checkId(personId, 'person_id', at);
      checkId(recordId, 'record_id', at);
      const when = text(row, c.at, at);
      checkTime(when, 'at', at);
      const changes = text(row, c.changes, at) as string;
      if (!Array.isArray(parseJson(changes, 'changes_json', at))) refuseRow(at, '的 changes_json 不是列表', 'changes_json is not a list');
      try {
        insert.run(int(row, c.id, at), personId, when, text(row, c.action, at), recordId, int(row, c.revision, at), changes);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return changes.length + 64;
    },
  };
}

function autosavePlan(dst: Db): TablePlan {
  const c = {
    key: { name: 'key', type: 'text', max: 400 },
    values: { name: 'values_json', type: 'json', max: MAX_CELL_BYTES },
    updatedAt: { name: 'updated_at', type: 'text', max: 64 },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare('INSERT INTO autosave (key, values_json, updated_at) VALUES (?, CAST(? AS TEXT), ?)');
  return {
    table: 'autosave',
    since: 1,
    cols: Object.values(c),
    key: (row) => `key ${String(row.key ?? '?').slice(0, 80)}`,
    write: (row, at) => {
      const values = jsonCell(row, c.values, at);
      checkMembers(values, null, { zh: '表单内容', en: 'form content' }, 'values_json', at);
      const updatedAt = text(row, c.updatedAt, at);
      checkTime(updatedAt, 'updated_at', at);
      try {
        insert.run(text(row, c.key, at), values.bytes, updatedAt);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return values.bytes.length;
    },
  };
}

/**
 * A table whose rows need no more than their types and sizes checked here: the store's own
 * constraints (CHECK, NOT NULL, foreign keys) refuse the rest as each row is inserted.
 */
function plainPlan(dst: Db, table: string, since: number, cols: readonly Col[], keyCol: string): TablePlan {
  const names = cols.map((c) => q(c.name));
  const insert = dst.prepare(`INSERT INTO ${q(table)} (${names.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  return {
    table,
    since,
    cols,
    key: (row) => `${keyCol} ${String(row[keyCol] ?? '?').slice(0, 80)}`,
    write: (row, at) => {
      const values = cols.map((c) => value(row, c, at));
      try {
        insert.run(...values);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return values.reduce<number>((a, v) => a + (typeof v === 'string' ? v.length : 8), 0);
    },
  };
}

/** v5: the bureau's list of the enterprise's licenses and permits. */
const BUREAU_PERMIT_COLS: readonly Col[] = [
  ...['number', 'kind', 'applicant', 'holder_name', 'holder_name_zh', 'document_type', 'document_number', 'nationality', 'birth_date', 'sex', 'issue_date'].map(
    (name): Col => ({ name, type: 'text', max: 400 }),
  ),
  { name: 'expiry', type: 'text', nullable: true, max: 64 },
  { name: 'status', type: 'text', max: 32 },
  { name: 'person_id', type: 'text', nullable: true, max: MAX_ID },
  { name: 'feed_cursor', type: 'int' },
  { name: 'pulled_at', type: 'text', max: 64 },
];

/** v8: photos and files, each once; its bytes must be what its name (their sha-256) says. */
function blobsPlan(dst: Db): TablePlan {
  const c = {
    sha256: { name: 'sha256', type: 'text', max: 64 },
    mime: { name: 'mime', type: 'text', max: 200 },
    size: { name: 'size', type: 'int' },
    bytes: { name: 'bytes', type: 'blob', max: MAX_CELL_BYTES },
    createdAt: { name: 'created_at', type: 'text', max: 64 },
  } as const satisfies Record<string, Col>;
  const insert = dst.prepare('INSERT INTO blobs (sha256, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)');
  return {
    table: 'blobs',
    since: 8,
    cols: Object.values(c),
    key: (row) => `sha256 ${String(row.sha256 ?? '?').slice(0, 64)}`,
    write: (row, at) => {
      const sha = text(row, c.sha256, at) as string;
      const bytes = value(row, c.bytes, at) as unknown as Buffer;
      if (sha256Hex(bytes) !== sha) refuseRow(at, '的内容与其校验值不符（照片或文件被改动过）', "does not match its checksum (the photo or file was altered)");
      const mime = text(row, c.mime, at) as string;
      if (CONTROL.test(mime)) refuseRow(at, '的类型含控制字符', 'has control characters in its type');
      const createdAt = text(row, c.createdAt, at);
      checkTime(createdAt, 'created_at', at);
      try {
        insert.run(sha, mime, int(row, c.size, at), bytes, createdAt);
      } catch (e) {
        refuseFromSqlite(e, at);
      }
      return bytes.length;
    },
  };
}

function plans(dst: Db): TablePlan[] {
  return [
    // before anything that refers to them
    blobsPlan(dst),
    peoplePlan(dst),
    plainPlan(dst, 'bureau_permits', 5, BUREAU_PERMIT_COLS, 'number'),
    // records without a source first: the exempt registrations refer to them
    recordsPlan(dst, 'source_id IS NULL'),
    recordsPlan(dst, 'source_id IS NOT NULL'),
    revisionsPlan(dst),
    outboxPlan(dst),
    historyPlan(dst),
    personHistoryPlan(dst),
    autosavePlan(dst),
  ];
}

/** The columns each copied table's plan reads or computes (the coverage test compares them with the app's). */
export function plannedColumns(migrated: Db): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of plans(migrated)) {
    const set = out.get(p.table) ?? new Set<string>();
    for (const c of p.cols) set.add(c.name);
    for (const c of p.derived ?? []) set.add(c);
    out.set(p.table, set);
  }
  return out;
}

/** Copies the data tables; returns the rows copied per table. Meta is the caller's (restore.ts). */
export async function copyRows(ctx: CopyContext): Promise<Record<string, number>> {
  const { src, dst, version } = ctx;
  const work = plans(dst).map((p) => {
    const present = tableColumns(src, p.table);
    if (!present) {
      if (version >= p.since) {
        refuse(`备份中缺少 ${p.table} 表，不是完整的 Permit Desk 备份`, `The backup lacks the table ${p.table}; it is not a complete Permit Desk backup`);
      }
      return null;
    }
    const where = p.where ? ` WHERE ${p.where}` : '';
    const order = p.order ? ` ORDER BY ${q(p.order)}` : '';
    return { plan: p, sql: `SELECT ${selectList(p.cols, present, p)} FROM ${q(p.table)}${where}${order}`, countSql: `SELECT COUNT(*) AS n FROM ${q(p.table)}${where}` };
  });
  const total = work.reduce((a, w) => a + (w ? (src.prepare(w.countSql).get() as { n: number }).n : 0), 0);
  const counts: Record<string, number> = {};
  let copied = 0;
  for (const w of work) {
    if (!w) continue;
    const { plan } = w;
    let n = counts[plan.table] ?? 0;
    let batch: Raw[] = [];
    let bytes = 0;
    const flush = async () => {
      const start = n;
      dst.transaction(() => {
        batch.forEach((row, i) => plan.write(row, { table: plan.table, n: start + i + 1, key: plan.key(row) }));
      })();
      n += batch.length;
      copied += batch.length;
      batch = [];
      bytes = 0;
      await ctx.between(copied, total);
    };
    for (const row of src.prepare(w.sql).iterate() as IterableIterator<Raw>) {
      batch.push(row);
      for (const col of plan.cols) if (col.type !== 'int') bytes += Number(row[`${col.name}:n`] ?? 0);
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
    }
    if (batch.length) await flush();
    counts[plan.table] = n;
  }
  checkComplete(dst);
  // a backup from before v8 holds its photos inline (the whole store is rescanned to move them);
  // a later one's references were kept by the triggers as its rows went in; a blob no row refers to is not kept
  dst.transaction(() => (version < 8 ? storeFilesOnce(dst) : dropUnreferencedBlobs(dst)))();
  return counts;
}

/** What single rows cannot show: every submission has its revision and its upload. */
function checkComplete(dst: Db): void {
  const missingRevision = dst
    .prepare('SELECT r.id, r.revision FROM records r WHERE r.revision <> (SELECT COUNT(*) FROM revisions v WHERE v.record_id = r.id) LIMIT 1')
    .get() as { id: string; revision: number } | undefined;
  if (missingRevision) {
    refuse(
      `备份中的数据不符合规则：申请 ${missingRevision.id} 已提交 ${missingRevision.revision} 次，但备份中没有每一次提交的版本`,
      `The backup's data breaks a rule: application ${missingRevision.id} was submitted ${missingRevision.revision} time(s) but the backup does not hold every submitted revision`,
    );
  }
  const missingUpload = dst
    .prepare('SELECT v.record_id AS id, v.revision FROM revisions v WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = v.record_id AND o.revision = v.revision) LIMIT 1')
    .get() as { id: string; revision: number } | undefined;
  if (missingUpload) {
    refuse(
      `备份中的数据不符合规则：申请 ${missingUpload.id} 第 ${missingUpload.revision} 版已提交，但不在上传队列中（将永远不会上传）`,
      `The backup's data breaks a rule: revision ${missingUpload.revision} of application ${missingUpload.id} was submitted but is not in the upload queue (it would never be sent)`,
    );
  }
}

// ─── meta ───────────────────────────────────────────────────────────────────────────────────

const PROFILE_KEYS = ['name', 'uscc', 'address', 'postcode', 'type', 'legalRep', 'contact', 'phone'] as const;

/** The backup's value of one of BACKUP_META_KEYS, checked; undefined when the file has none. */
function checkMeta(key: (typeof BACKUP_META_KEYS)[number], v: unknown, at: RowPlace): unknown {
  const bad = (): never => refuseRow(at, '的内容格式不正确', 'is malformed');
  switch (key) {
    case 'profile': {
      if (!isPlainObject(v)) return bad();
      const out: Record<string, string> = {};
      for (const k of PROFILE_KEYS) {
        const x = v[k] ?? '';
        if (typeof x !== 'string' || x.length > 500) return bad();
        out[k] = x;
      }
      return out;
    }
    case 'deadlines.thresholds':
      if (!Array.isArray(v) || v.length > 10 || !v.every((x) => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 3650)) return bad();
      return v;
    case 'data.backup.settings':
      if (!isPlainObject(v) || typeof v.autoDaily !== 'boolean' || !Number.isInteger(v.keep) || (v.keep as number) < 1 || (v.keep as number) > 100) return bad();
      return { autoDaily: v.autoDaily, keep: v.keep };
    case 'sync.cursor':
    case 'sync.permitCursor':
      if (!Number.isSafeInteger(v) || (v as number) < 0) return bad();
      return v;
  }
}

/** The backup's enterprise meta (BACKUP_META_KEYS), checked. */
export function readBackupMeta(src: Db): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const present = tableColumns(src, 'meta');
  if (!present) return refuse('备份中缺少 meta 表，不是完整的 Permit Desk 备份', 'The backup lacks the table meta; it is not a complete Permit Desk backup');
  const cols: Col[] = [
    { name: 'key', type: 'text', max: 200 },
    { name: 'value', type: 'text', max: MAX_JSON },
  ];
  const rows = src
    .prepare(`SELECT ${selectList(cols, present, { table: 'meta' })} FROM meta WHERE key IN (${BACKUP_META_KEYS.map(() => '?').join(', ')})`)
    .all(...BACKUP_META_KEYS) as Raw[];
  rows.forEach((row, i) => {
    const at = { table: 'meta', n: i + 1, key: `key ${String(row.key)}` };
    const key = text(row, cols[0] as Col, at) as (typeof BACKUP_META_KEYS)[number];
    out.set(key, checkMeta(key, parseJson(text(row, cols[1] as Col, at) as string, 'value', at), at));
  });
  return out;
}
