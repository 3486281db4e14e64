/**
 * 【恢复】: checks a backup file and replaces the store with it, atomically.
 *
 * Check (on a temporary copy, opened read-only): an SQLite file of the length its header
 * announces, PRAGMA integrity_check, a Permit Desk store (schema_version ≤ the app's, every table,
 * column, index and trigger the migrations create up to that version), the content digest when
 * the file carries one, and the migrations still to run succeed on a scratch copy.
 *
 * Replace, through `core.reopenStore` (the store is closed meanwhile): the checked file is written
 * next to the store and fsynced; the current store is kept as permit-desk.replaced-<stamp>.sqlite
 * (a hard link, or a copy); stale -wal/-shm are removed; the new file is renamed over the store.
 * A crash at any point leaves either the old store or the new one in place, never a mix.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../shared/bridge/envelope';
import type { BackupSummary } from '../../../shared/bridge/channels/data';
import { DOCUMENTS, DOCUMENT_KINDS, isDocumentKind } from '../../../shared/documents';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/lifecycle';
import type { Core, CoreGetter } from '../index';
import { LATEST_VERSION, migrate, schemaVersion } from '../store/migrations';
import { BACKUP_INFO_KEY, TEMP_PREFIX, contentDigest, fileStamp, fsyncDir, removeQuietly, removeStaleTemps, writeDurably, type BackupInfo } from './backup';

type Db = Database.Database;

const unchanged = '，数据未作任何更改 / ';
const refuse = (zh: string, en: string): never => {
  throw new ServiceError('INVALID_INPUT', `${zh}${unchanged}${en}; nothing was changed`);
};

export const NOT_SQLITE = ['所选文件不是 Permit Desk 备份文件（不是 SQLite 数据库文件）', 'The selected file is not a Permit Desk backup (not an SQLite database file)'] as const;
export const TRUNCATED = ['备份文件不完整（可能复制或下载中断），请使用完整的备份文件', 'The backup file is incomplete (the copy or download was probably interrupted); use a complete backup'] as const;
export const DAMAGED = ['备份文件已损坏（完整性检查未通过），不能用于恢复', 'The backup file is damaged (it failed the integrity check) and cannot be restored'] as const;
export const FOREIGN = ['该文件是 SQLite 数据库，但不是 Permit Desk 的数据或备份文件', 'This file is an SQLite database but not a Permit Desk store or backup'] as const;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Checks the 100-byte header: magic, page size, and the length the header announces. */
function checkHeader(bytes: Uint8Array): void {
  if (bytes.length === 0) refuse('所选文件是空文件', 'The selected file is empty');
  if (bytes.length < 100 || !SQLITE_MAGIC.equals(Buffer.from(bytes.subarray(0, 16)))) refuse(...NOT_SQLITE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = view.getUint16(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) refuse(...DAMAGED);
  if (bytes.length % pageSize !== 0) refuse(...TRUNCATED);
  const changeCounter = view.getUint32(24);
  const pages = view.getUint32(28);
  const validFor = view.getUint32(92);
  if (pages > 0 && changeCounter === validFor && bytes.length < pages * pageSize) refuse(...TRUNCATED);
}

/** The objects a store of `version` has: built by running the migrations on an empty database. */
function referenceSchema(version: number): { objects: { type: string; name: string; tbl: string }[]; columns: Map<string, string[]> } {
  const ref = new Database(':memory:');
  try {
    migrate(ref, { target: version });
    const objects = ref
      .prepare("SELECT type, name, tbl_name AS tbl FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
      .all() as { type: string; name: string; tbl: string }[];
    const columns = new Map<string, string[]>();
    for (const o of objects) if (o.type === 'table') columns.set(o.name, tableColumns(ref, o.name));
    return { objects, columns };
  } finally {
    ref.close();
  }
}

const tableColumns = (db: Db, table: string): string[] =>
  (db.prepare(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).all() as { name: string }[]).map((c) => c.name);

/** The roster's table, if the file has one (another module owns it; its name is not fixed here). */
const PEOPLE_TABLES = ['people', 'roster_people', 'roster', 'persons'];

function describe(db: Db, version: number, sizeBytes: number, info: BackupInfo | null, verified: boolean): BackupSummary {
  const counts = db.prepare('SELECT kind, status, COUNT(*) AS n FROM records GROUP BY kind, status').all() as { kind: string; status: RecordStatus; n: number }[];
  const byKind = DOCUMENT_KINDS.map((kind) => {
    const byStatus = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
    for (const c of counts) if (c.kind === kind && c.status in byStatus) byStatus[c.status] += c.n;
    return { kind, title: DOCUMENTS[kind].title, total: RECORD_STATUSES.reduce((a, s) => a + byStatus[s], 0), byStatus };
  }).filter((k) => k.total > 0);
  const totalRecords = counts.reduce((a, c) => a + c.n, 0);
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const peopleTable = PEOPLE_TABLES.find((t) => tables.has(t));
  const people = peopleTable ? (db.prepare(`SELECT COUNT(*) AS n FROM "${peopleTable}"`).get() as { n: number }).n : null;
  const profileRow = db.prepare("SELECT value FROM meta WHERE key = 'profile'").get() as { value: string } | undefined;
  let enterprise = '';
  try {
    const p = profileRow ? (JSON.parse(profileRow.value) as { name?: unknown }) : null;
    if (typeof p?.name === 'string') enterprise = p.name;
  } catch {
    // a profile that is not JSON: no name to show
  }
  const last = db.prepare('SELECT MAX(updated_at) AS at FROM records').get() as { at: string | null };
  return {
    createdAt: info?.createdAt ?? null,
    lastChangeAt: last.at,
    schemaVersion: version,
    latestVersion: LATEST_VERSION,
    migrationsNeeded: Math.max(0, LATEST_VERSION - version),
    sizeBytes,
    enterprise,
    totalRecords,
    byKind,
    people,
    verified,
  };
}

function readInfo(db: Db): BackupInfo | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(BACKUP_INFO_KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const info = JSON.parse(row.value) as Partial<BackupInfo>;
    if (info.app === 'permit-desk' && typeof info.digest === 'string' && typeof info.createdAt === 'string') return info as BackupInfo;
  } catch {
    // not ours: treated as absent
  }
  return null;
}

/** Opens the checked copy read-only and runs every check; returns what it holds. */
function checkCopy(file: string, sizeBytes: number): BackupSummary {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return refuse(...DAMAGED);
  }
  try {
    let integrity: { integrity_check: string }[];
    try {
      integrity = db.prepare('PRAGMA integrity_check(20)').all() as { integrity_check: string }[];
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      return code === 'SQLITE_NOTADB' ? refuse(...NOT_SQLITE) : refuse(...DAMAGED);
    }
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') refuse(...DAMAGED);

    const version = schemaVersion(db);
    if (version === 0) refuse(...FOREIGN);
    if (version > LATEST_VERSION) {
      refuse(
        `备份来自更新版本的 Permit Desk（数据架构版本 ${version}，本程序为 ${LATEST_VERSION}），请先升级本程序再恢复`,
        `The backup comes from a newer Permit Desk (schema ${version}; this app has ${LATEST_VERSION}); update the app first`,
      );
    }
    const ref = referenceSchema(version);
    const have = new Set((db.prepare('SELECT type, name FROM sqlite_master').all() as { type: string; name: string }[]).map((o) => `${o.type}:${o.name}`));
    if (ref.objects.some((o) => !have.has(`${o.type}:${o.name}`))) refuse(...FOREIGN);
    for (const [table, cols] of ref.columns) {
      const got = new Set(tableColumns(db, table));
      if (cols.some((c) => !got.has(c))) refuse(...FOREIGN);
    }
    const unknownKind = (db.prepare('SELECT DISTINCT kind FROM records').all() as { kind: string }[]).find((r) => !isDocumentKind(r.kind));
    if (unknownKind) refuse(...FOREIGN);

    const info = readInfo(db);
    if (info && contentDigest(db) !== info.digest) refuse(...DAMAGED);
    return describe(db, version, sizeBytes, info, info !== null);
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const code = (e as { code?: string }).code ?? '';
    return code === 'SQLITE_NOTADB' ? refuse(...NOT_SQLITE) : refuse(...DAMAGED);
  } finally {
    db.close();
  }
}

/** Runs the migrations the backup still needs on a scratch copy: they must succeed before anything is replaced. */
function tryMigrations(file: string): void {
  const scratch = `${file}.migrate`;
  try {
    fs.copyFileSync(file, scratch);
    const db = new Database(scratch);
    try {
      migrate(db);
    } finally {
      db.close();
    }
  } catch (e) {
    refuse(
      `备份文件无法升级到本程序的数据格式（${e instanceof Error ? e.message : String(e)}）`,
      'The backup cannot be upgraded to this app\'s data format',
    );
  } finally {
    removeQuietly(scratch);
  }
}

export interface Candidate {
  summary: BackupSummary;
  /** the checked file: standalone (rollback journal), without backup.info, fsynced */
  file: string;
}

/**
 * Writes the bytes to a temporary file in `dir`, checks it and returns what it holds. With
 * `prepare`, the file is also made ready to be renamed into place (the caller removes it).
 */
export function checkBackup(dir: string, bytes: Uint8Array, prepare: boolean): Candidate {
  checkHeader(bytes);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${TEMP_PREFIX}restore-${randomUUID()}.sqlite`);
  try {
    const copy = Buffer.from(bytes);
    // a copy in rollback-journal mode: a WAL-mode header would need a -wal/-shm beside it to open read-only
    copy[18] = 1;
    copy[19] = 1;
    writeDurably(file, copy);
    const summary = checkCopy(file, bytes.length);
    if (prepare) {
      if (summary.migrationsNeeded > 0) tryMigrations(file);
      const db = new Database(file);
      try {
        db.prepare('DELETE FROM meta WHERE key = ?').run(BACKUP_INFO_KEY);
      } finally {
        db.close();
      }
      const fd = fs.openSync(file, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    return { summary, file };
  } catch (e) {
    removeQuietly(file);
    throw e;
  }
}

export function inspectBackup(core: Core, bytes: Uint8Array): BackupSummary {
  const { summary, file } = checkBackup(path.dirname(core.dbFile), bytes, false);
  removeQuietly(file);
  return summary;
}

/** Folds a leftover -wal into the store (SQLite's own recovery), so the main file alone is complete. */
function checkpoint(dbFile: string): void {
  const wal = `${dbFile}-wal`;
  if (!fs.existsSync(dbFile) || !fs.existsSync(wal) || fs.statSync(wal).size === 0) return;
  const db = new Database(dbFile);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Keeps the current store as `keep`: a hard link (instant), or a durable copy. */
function keepReplaced(dbFile: string, keep: string): void {
  try {
    fs.linkSync(dbFile, keep);
  } catch {
    const temp = `${path.dirname(keep)}/${TEMP_PREFIX}keep-${randomUUID()}.sqlite`;
    try {
      fs.copyFileSync(dbFile, temp, fs.constants.COPYFILE_EXCL);
      const fd = fs.openSync(temp, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, keep);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
}

/** The swap itself, with the store closed: `prepared` becomes the store, the old one is kept as `keep`. */
export function swapStore(dbFile: string, prepared: string, keep: string): void {
  const dir = path.dirname(dbFile);
  checkpoint(dbFile);
  const kept = fs.existsSync(dbFile);
  if (kept) keepReplaced(dbFile, keep);
  try {
    fsyncDir(dir);
    fs.rmSync(`${dbFile}-wal`, { force: true });
    fs.rmSync(`${dbFile}-shm`, { force: true });
    fs.rmSync(`${dbFile}-journal`, { force: true });
    fs.renameSync(prepared, dbFile);
  } catch (e) {
    if (kept) fs.rmSync(keep, { force: true });
    throw e;
  }
  fsyncDir(dir);
  if (process.platform !== 'win32') fs.chmodSync(dbFile, 0o600);
}

function uniqueKeepName(dir: string, now: Date): string {
  const base = `permit-desk.replaced-${fileStamp(now)}`;
  for (let i = 1; ; i++) {
    const name = path.join(dir, i === 1 ? `${base}.sqlite` : `${base}-${i}.sqlite`);
    if (!fs.existsSync(name)) return name;
  }
}

/**
 * Restores `bytes` over the store of the app `get` serves. Refuses (changing nothing) a file
 * that fails a check; otherwise the store is replaced atomically, migrations run on reopen, and
 * the replaced store is kept beside it. `afterSwap` runs against the new store (settings to keep).
 */
export function restoreBackup(get: CoreGetter, bytes: Uint8Array, afterSwap?: (core: Core) => void): { summary: BackupSummary; replacedFile: string } {
  const core = get();
  const dir = path.dirname(core.dbFile);
  removeStaleTemps(dir);
  const candidate = checkBackup(dir, bytes, true);
  const keep = uniqueKeepName(dir, core.now());
  let swapped = false;
  try {
    try {
      core.reopenStore((dbFile) => {
        swapStore(dbFile, candidate.file, keep);
        swapped = true;
      });
    } catch (e) {
      if (!swapped) throw e;
      // the restored store did not open: put the replaced one back
      core.log(`restore: the restored store did not open (${e instanceof Error ? e.message : String(e)}); putting the old one back`);
      core.reopenStore((dbFile) => {
        fs.rmSync(`${dbFile}-wal`, { force: true });
        fs.rmSync(`${dbFile}-shm`, { force: true });
        fs.renameSync(keep, dbFile);
        fsyncDir(path.dirname(dbFile));
      });
      throw new ServiceError(
        'INTERNAL',
        '恢复后的数据无法打开，已还原为恢复前的数据 / The restored data could not be opened; the data from before the restore is back in place',
      );
    }
    afterSwap?.(get());
    return { summary: candidate.summary, replacedFile: keep };
  } finally {
    removeQuietly(candidate.file);
  }
}
