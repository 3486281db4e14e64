import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { GUARD_MIGRATIONS } from './guardMigrations';
import { BUREAU_MIGRATIONS } from './bureauMigrations';
import { SEARCH_MIGRATIONS } from './searchMigrations';
import { WORK_PERMIT_MIGRATIONS } from './workPermitMigrations';
import { BLOB_MIGRATIONS } from './blobMigrations';
import { SEARCH_INDEX_MIGRATIONS } from './searchIndexMigrations';

/**
 * Versioned migrations. Each runs once, in its own transaction, and records its version in
 * `schema_version`. Append new migrations; never edit a released one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

const CORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, history, autosave, settings',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        CREATE TABLE records (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
          revision INTEGER NOT NULL DEFAULT 0,
          values_json TEXT NOT NULL,
          person_name TEXT NOT NULL DEFAULT '',
          document_number TEXT NOT NULL DEFAULT '',
          source_id TEXT REFERENCES records(id),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          submitted_at TEXT,
          review_reason TEXT,
          reviewed_at TEXT,
          certificate_no TEXT,
          certificate_expiry TEXT,
          notice_json TEXT,
          sync_state TEXT NOT NULL DEFAULT '' CHECK (sync_state IN ('', 'pending', 'uploaded'))
        );
        CREATE INDEX records_by_kind ON records(kind, created_at DESC, id DESC);
        CREATE INDEX records_by_kind_status ON records(kind, status, created_at DESC, id DESC);
        CREATE INDEX records_by_kind_name ON records(kind, person_name);
        CREATE INDEX records_by_certificate ON records(certificate_no) WHERE certificate_no IS NOT NULL;
        CREATE INDEX records_by_source ON records(source_id) WHERE source_id IS NOT NULL;

        -- every submission is kept as an immutable revision
        CREATE TABLE revisions (
          record_id TEXT NOT NULL REFERENCES records(id),
          revision INTEGER NOT NULL,
          values_json TEXT NOT NULL,
          submitted_at TEXT NOT NULL,
          PRIMARY KEY (record_id, revision)
        ) WITHOUT ROWID;

        CREATE TABLE history (
          id INTEGER PRIMARY KEY,
          record_id TEXT NOT NULL REFERENCES records(id),
          at TEXT NOT NULL,
          revision INTEGER NOT NULL,
          action TEXT NOT NULL,
          detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX history_by_record ON history(record_id, id);

        -- the upload queue: written in the same transaction as the submission
        CREATE TABLE outbox (
          record_id TEXT NOT NULL REFERENCES records(id),
          revision INTEGER NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'uploaded', 'refused')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          created_at TEXT NOT NULL,
          PRIMARY KEY (record_id, revision)
        ) WITHOUT ROWID;

        CREATE TABLE autosave (
          key TEXT PRIMARY KEY,
          values_json TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );

        -- A submitted record is frozen until the bureau rejects it: only the review result and the
        -- sync bookkeeping may change. Enforced here as well as in the service.
        CREATE TRIGGER records_frozen_after_submit BEFORE UPDATE ON records
        WHEN OLD.status IN ('submitted', 'approved') AND (
             NEW.values_json IS NOT OLD.values_json
          OR NEW.kind IS NOT OLD.kind
          OR NEW.revision IS NOT OLD.revision
          OR NEW.person_name IS NOT OLD.person_name
          OR NEW.document_number IS NOT OLD.document_number
          OR NEW.source_id IS NOT OLD.source_id
          OR NEW.submitted_at IS NOT OLD.submitted_at
          OR (OLD.status = 'approved' AND NEW.status <> 'approved')
          OR (OLD.status = 'submitted' AND NEW.status NOT IN ('submitted', 'approved', 'rejected')))
        BEGIN
          SELECT RAISE(ABORT, 'RECORD_FROZEN: a submitted record cannot be changed');
        END;
        CREATE TRIGGER records_no_delete_after_submit BEFORE DELETE ON records
        WHEN OLD.status <> 'draft' OR OLD.revision > 0
        BEGIN
          SELECT RAISE(ABORT, 'RECORD_FROZEN: a submitted record cannot be deleted');
        END;
        CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
        BEGIN
          SELECT RAISE(ABORT, 'RECORD_FROZEN: a submitted revision cannot be changed');
        END;
      `);
    },
  },
  {
    version: 2,
    name: 'people roster, person history, records.person_id',
    up(db) {
      db.exec(`
        -- every person (foreign national or Taiwan/Hong Kong/Macao resident) once
        CREATE TABLE people (
          id TEXT PRIMARY KEY,
          type TEXT NOT NULL CHECK (type IN ('foreign', 'hmt')),
          -- person.nameEn (or person.nameZh) / hmt.name
          name TEXT NOT NULL DEFAULT '',
          name_zh TEXT NOT NULL DEFAULT '',
          -- passport number / HMT document number, in capitals
          document_number TEXT NOT NULL DEFAULT '',
          -- ISO country code / 居民类别
          nationality TEXT NOT NULL DEFAULT '',
          birth_date TEXT NOT NULL DEFAULT '',
          -- the person.* / hmt.* fields
          values_json TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX people_by_name ON people(name COLLATE NOCASE, id);
        CREATE INDEX people_by_name_zh ON people(name_zh);
        CREATE INDEX people_by_number ON people(type, document_number);

        -- what changed on a person, and from which application
        CREATE TABLE person_history (
          id INTEGER PRIMARY KEY,
          person_id TEXT NOT NULL REFERENCES people(id),
          at TEXT NOT NULL,
          action TEXT NOT NULL,
          record_id TEXT REFERENCES records(id),
          revision INTEGER,
          changes_json TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX person_history_by_person ON person_history(person_id, id);

        ALTER TABLE records ADD COLUMN person_id TEXT REFERENCES people(id);
        CREATE INDEX records_by_person ON records(person_id, created_at DESC) WHERE person_id IS NOT NULL;

        -- the person of a submitted record is part of what was submitted
        CREATE TRIGGER records_person_frozen_after_submit BEFORE UPDATE OF person_id ON records
        WHEN OLD.status IN ('submitted', 'approved') AND NEW.person_id IS NOT OLD.person_id
        BEGIN
          SELECT RAISE(ABORT, 'RECORD_FROZEN: the person of a submitted record cannot be changed');
        END;
      `);
    },
  },
  {
    version: 3,
    name: 'at scale: record counts, case-insensitive name and number indexes, submitted-date index, pending outbox index',
    up(db) {
      db.exec(`
        -- how many records of each kind are in each status, kept by triggers: the query page's
        -- total without counting the rows (a COUNT(*) over 100,000 applications takes milliseconds)
        CREATE TABLE record_counts (
          kind TEXT NOT NULL,
          status TEXT NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (kind, status)
        ) WITHOUT ROWID;
        INSERT INTO record_counts (kind, status, n) SELECT kind, status, COUNT(*) FROM records GROUP BY kind, status;
        CREATE TRIGGER records_count_insert AFTER INSERT ON records
        BEGIN
          INSERT INTO record_counts (kind, status, n) VALUES (NEW.kind, NEW.status, 1)
            ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER records_count_delete AFTER DELETE ON records
        BEGIN
          UPDATE record_counts SET n = n - 1 WHERE kind = OLD.kind AND status = OLD.status;
        END;
        CREATE TRIGGER records_count_update AFTER UPDATE OF kind, status ON records
        WHEN NEW.kind IS NOT OLD.kind OR NEW.status IS NOT OLD.status
        BEGIN
          UPDATE record_counts SET n = n - 1 WHERE kind = OLD.kind AND status = OLD.status;
          INSERT INTO record_counts (kind, status, n) VALUES (NEW.kind, NEW.status, 1)
            ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;

        -- the name and number filters are case-insensitive prefix LIKEs: SQLite turns them into an
        -- index range only on a NOCASE index; created_at and id make it cover the page's ordering
        DROP INDEX records_by_kind_name;
        CREATE INDEX records_by_kind_name ON records(kind, person_name COLLATE NOCASE, created_at, id);
        CREATE INDEX records_by_kind_number ON records(kind, document_number COLLATE NOCASE, created_at, id);
        -- the submitted-date filter
        CREATE INDEX records_by_kind_submitted ON records(kind, submitted_at, created_at, id);

        -- the upload queue's waiting revisions, in order: the sync status counts them after every
        -- batch, and the outbox keeps a row for every revision ever submitted
        CREATE INDEX outbox_pending ON outbox(created_at, record_id) WHERE state = 'pending';
      `);
    },
  },
];

/**
 * Later migrations live beside this file, one module per concern, with consecutive version
 * numbers: v4 lifecycle guards, v5 bureau permits and upload refusals, v6 search, v7 work-permit
 * certificate formats, v8 photos stored once, v9 search by kind. They are applied in version order.
 */
export const MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS,
  ...GUARD_MIGRATIONS,
  ...BUREAU_MIGRATIONS,
  ...SEARCH_MIGRATIONS,
  ...WORK_PERMIT_MIGRATIONS,
  ...BLOB_MIGRATIONS,
  ...SEARCH_INDEX_MIGRATIONS,
].sort((a, b) => a.version - b.version);


export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

export interface MigrateOptions {
  /** where to copy the file before migrating an existing store (not for a brand-new one) */
  backupTo?: (fromVersion: number) => string;
  log?: (line: string) => void;
  /** stop at this version (tests migrate step by step) */
  target?: number;
  /** the migration list (tests pass their own) */
  migrations?: readonly Migration[];
}

export function migrate(db: Database.Database, options: MigrateOptions = {}): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  const target = options.target ?? latest;
  if (current > latest) {
    throw new Error(
      `数据文件来自更新版本的 Permit Desk（架构版本 ${current}），请升级本程序 / The data file comes from a newer Permit Desk (schema ${current}); update the app`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  if (current > 0 && options.backupTo) {
    const copy = options.backupTo(current);
    if (fs.existsSync(copy)) fs.rmSync(copy);
    db.prepare('VACUUM INTO ?').run(copy);
    if (process.platform !== 'win32') fs.chmodSync(copy, 0o600);
    options.log?.(`backup before migration: ${copy}`);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    options.log?.(`migrated to schema ${m.version}: ${m.name}`);
  }
  return target;
}
