/**
 * 【恢复】: a backup file is untrusted data. It is checked (an SQLite file of the length its header
 * announces, quick_check, a Permit Desk store of a schema this app knows, from the signed-in
 * enterprise) and authenticated (backupAuth.ts); then a fresh store is made by the app's own
 * migrations next to the live one and the backup's rows are copied into it, each checked
 * (rowCopy.ts). Nothing of the file's schema and none of its desk settings is ever adopted. A file
 * that fails authentication is refused, or, when the user insists (`dataOnly`), its data alone is
 * copied, with a warning. Then the fresh store replaces the live one atomically (the replaced one
 * is kept beside it). Refused, failed or cancelled: the live store is untouched.
 *
 * Replace, through `core.reopenStore` (the store is closed meanwhile): the current store is kept
 * as permit-desk.replaced-<stamp>.sqlite (a hard link, or a copy); stale -wal/-shm are removed;
 * the new file is renamed over the store. A crash at any point leaves either the old store or the
 * new one in place, never a mix.
 */
import { isUsccKey } from '../desk/enterpriseDirs';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../shared/bridge/envelope';
import { inspectTaskLabel, restoreTaskLabel, type BackupSummary } from '../../../shared/bridge/channels/data';
import { DOCUMENTS, DOCUMENT_KINDS } from '../../../shared/documents';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/lifecycle';
import type { Core, CoreGetter } from '../index';
import { TaskCancelled, type Task } from '../tasks';
import { LATEST_VERSION, migrate } from '../store/migrations';
import { ensureDeletionLog } from '../records/deletionLog';
import { BACKUP_INFO_TABLE, TEMP_PREFIX, fileStamp, fsyncDir, removeQuietly, removeStaleTemps, type BackupInfo } from './backup';
import { existingBackupKey, macEquals, parseMacValue, scanMac } from './backupAuth';
import { BACKUP_META_KEYS, CURSOR_KEYS, USE_ANOTHER, copyRows, readBackupMeta, refuse } from './rowCopy';

type Db = Database.Database;

export const NOT_SQLITE = ['所选文件不是 Permit Desk 备份文件（不是 SQLite 数据库文件）', 'The selected file is not a Permit Desk backup (not an SQLite database file)'] as const;
export const TRUNCATED = ['备份文件不完整（可能复制或下载中断），请使用完整的备份文件', 'The backup file is incomplete (the copy or download was probably interrupted); use a complete backup'] as const;
export const DAMAGED = [
  `备份文件已损坏（完整性检查未通过），不能用于恢复。${USE_ANOTHER[0]}`,
  `The backup file is damaged (it failed the integrity check) and cannot be restored. ${USE_ANOTHER[1]}`,
] as const;
export const FOREIGN = ['该文件是 SQLite 数据库，但不是 Permit Desk 的数据或备份文件', 'This file is an SQLite database but not a Permit Desk store or backup'] as const;
export const NO_MAC = [
  '该备份文件没有认证信息（不是本程序制作的备份，或由旧版本制作）',
  'The backup file carries no authentication (it was not made by this app, or by an older version)',
] as const;
export const BAD_MAC = [
  '该备份文件的认证未通过：文件在备份后被改动过，或是在另一台电脑上制作的（密钥不同）',
  'The backup failed authentication: the file was changed after it was made, or it was made on another computer (with another key)',
] as const;
export const NO_KEY = [
  '本机没有该企业的备份密钥（从未在本机备份过），无法认证该文件',
  'This computer holds no backup key for the enterprise (no backup was ever made here), so the file cannot be authenticated',
] as const;
export const CANCELLED_RESTORE = '恢复已取消，数据未作任何更改 / The restore was cancelled; nothing was changed';


/** What a backup holds, and why it is not authenticated (null when it is). */
export type BackupReport = BackupSummary & { warning: string | null };

export interface RestoreOptions {
  /** restore a file that fails authentication as data only (the user insisted) */
  dataOnly?: boolean;
  /** called once the task exists (its id is what `task:cancel` takes) */
  onTask?: (task: Task) => void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Checks the 100-byte header: magic, page size, and the length the header announces. */
function checkHeader(file: string): { size: number; wal: boolean } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return refuse('找不到所选文件', 'The selected file cannot be found');
  }
  if (!stat.isFile()) refuse('所选的不是文件', 'The selection is not a file');
  if (stat.size === 0) refuse('所选文件是空文件', 'The selected file is empty');
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (stat.size < 100 || !SQLITE_MAGIC.equals(header.subarray(0, 16))) refuse(...NOT_SQLITE);
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) refuse(...DAMAGED);
  if (stat.size % pageSize !== 0) refuse(...TRUNCATED);
  const changeCounter = header.readUInt32BE(24);
  const pages = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pages > 0 && changeCounter === validFor && stat.size < pages * pageSize) refuse(...TRUNCATED);
  return { size: stat.size, wal: header[18] === 2 || header[19] === 2 };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const sqliteRefusal = (e: unknown): never => {
  if (e instanceof ServiceError || e instanceof TaskCancelled) throw e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return refuse(...NOT_SQLITE);
  if (code === 'SQLITE_FULL') return refuse('磁盘空间不足，无法完成恢复', 'The disk is full; the restore cannot be completed');
  // a table or column a Permit Desk store has is missing
  if (code === 'SQLITE_ERROR') return refuse(...FOREIGN);
  return refuse(...DAMAGED);
};

/** A backup opened read-only and checked; `db` reads the file itself, or a patched copy of a WAL-mode one (`tempCopy`). */
interface Candidate {
  db: Db;
  tempCopy: string | null;
  version: number;
  verified: boolean;
  /** why the file is not authenticated, or null */
  reason: readonly [string, string] | null;
  summary: BackupReport;
}

const isTable = (db: Db, name: string): boolean => {
  const row = db.prepare("SELECT type, sql FROM sqlite_master WHERE name = ?").get(name) as { type: string; sql: string | null } | undefined;
  return row?.type === 'table' && !/^\s*CREATE\s+VIRTUAL/i.test(row.sql ?? '');
};

function fileVersion(db: Db): number {
  if (!isTable(db, 'schema_version')) return refuse(...FOREIGN);
  const row = db.prepare("SELECT MAX(version) AS v, typeof(MAX(version)) AS t FROM schema_version").get() as { v: unknown; t: string };
  if (row.t !== 'integer' || typeof row.v !== 'number' || row.v < 1) return refuse(...FOREIGN);
  if (row.v > LATEST_VERSION) {
    refuse(
      `备份来自更新版本的 Permit Desk（数据架构版本 ${row.v}，本程序为 ${LATEST_VERSION}），请先升级本程序再恢复`,
      `The backup comes from a newer Permit Desk (schema ${row.v}; this app has ${LATEST_VERSION}); update the app first`,
    );
  }
  return row.v;
}

/** The description and MAC of a sealed backup, or null when the file has none (checked before they are read). */
function readSeal(db: Db): { info: BackupInfo | null; mac: string | null } {
  if (!isTable(db, BACKUP_INFO_TABLE)) return { info: null, mac: null };
  const row = db
    .prepare(
      `SELECT CASE WHEN typeof(info) = 'text' AND octet_length(info) <= 4096 THEN info END AS info,
              CASE WHEN typeof(mac) = 'text' AND octet_length(mac) <= 200 THEN mac END AS mac
       FROM ${BACKUP_INFO_TABLE} LIMIT 2`,
    )
    .all() as { info: string | null; mac: string | null }[];
  if (row.length !== 1) return { info: null, mac: null };
  let info: BackupInfo | null = null;
  try {
    const parsed = JSON.parse(row[0]?.info ?? 'null') as Partial<BackupInfo> | null;
    if (parsed?.app === 'permit-desk' && typeof parsed.createdAt === 'string' && parsed.createdAt.length <= 40) info = parsed as BackupInfo;
  } catch {
    // not ours
  }
  return { info, mac: row[0]?.mac ?? null };
}

/** Why the file is not authenticated, or null when it is. */
async function authenticate(core: Core, file: string, mac: string | null, onBytes: (n: number) => Promise<void>): Promise<readonly [string, string] | null> {
  const value = parseMacValue(mac);
  if (!value) return NO_MAC;
  const key = existingBackupKey(core.secrets);
  if (!key) return NO_KEY;
  const scan = await scanMac(file, key, value.prefix, { onBytes });
  return scan.offsets.length === 1 && macEquals(scan.mac, value.hex) ? null : BAD_MAC;
}

const normalUscc = (s: unknown): string => (typeof s === 'string' ? s.trim().toUpperCase() : '');

function describe(db: Db, version: number, sizeBytes: number, info: BackupInfo | null, enterprise: string, warning: string | null): BackupReport {
  const known = (list: readonly string[]) => list.map((k) => `'${k}'`).join(', ');
  const counts = db
    .prepare(`SELECT kind, status, COUNT(*) AS n FROM records WHERE kind IN (${known(DOCUMENT_KINDS)}) AND status IN (${known(RECORD_STATUSES)}) GROUP BY kind, status`)
    .all() as { kind: string; status: RecordStatus; n: number }[];
  const byKind = DOCUMENT_KINDS.map((kind) => {
    const byStatus = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
    for (const c of counts) if (c.kind === kind) byStatus[c.status] += c.n;
    return { kind, title: DOCUMENTS[kind].title, total: RECORD_STATUSES.reduce((a, s) => a + byStatus[s], 0), byStatus };
  }).filter((k) => k.total > 0);
  const totalRecords = (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
  const people = isTable(db, 'people') ? (db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n : null;
  const last = db
    .prepare("SELECT MAX(updated_at) AS at FROM records WHERE typeof(updated_at) = 'text' AND octet_length(updated_at) <= 40")
    .get() as { at: string | null };
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
    verified: warning === null,
    warning,
  };
}

/**
 * Opens `filePath` read-only and runs every check but the rows': header, authentication,
 * quick_check, schema version, enterprise. Progress 0–`upTo` %.
 */
async function openCandidate(core: Core, filePath: string, task: Task, upTo: number): Promise<Candidate> {
  const { size, wal } = checkHeader(filePath);
  let readFile = filePath;
  let tempCopy: string | null = null;
  if (wal) {
    // a copy of a live store, not a backup: a WAL-mode header needs a -wal/-shm beside the file to
    // be read; a copy in rollback-journal mode does not (and nothing is written beside the user's file)
    tempCopy = path.join(path.dirname(core.dbFile), `${TEMP_PREFIX}restore-${randomUUID()}.sqlite`);
    await fs.promises.copyFile(filePath, tempCopy, fs.constants.COPYFILE_EXCL);
    const fd = fs.openSync(tempCopy, 'r+');
    try {
      fs.writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    } finally {
      fs.closeSync(fd);
    }
    readFile = tempCopy;
  }
  let db: Db | null = null;
  try {
    try {
      db = new Database(readFile, { readonly: true, fileMustExist: true });
      db.pragma('trusted_schema = OFF');
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    } catch (e) {
      return sqliteRefusal(e);
    }
    let seal: { info: BackupInfo | null; mac: string | null } = { info: null, mac: null };
    try {
      seal = readSeal(db);
    } catch {
      // a backup_info of another shape: not sealed
    }
    const reason = wal
      ? NO_MAC
      : await authenticate(core, filePath, seal.mac, async (n) => {
          task.progress(Math.floor((upTo * 0.8 * n) / size));
          await tick();
          task.throwIfCancelled();
        });
    let version = 0;
    let backupUscc = '';
    let enterprise = '';
    try {
      const check = db.prepare('PRAGMA quick_check(1)').pluck().all() as string[];
      if (check.length !== 1 || check[0] !== 'ok') refuse(...DAMAGED);
      version = fileVersion(db);
      for (const t of ['meta', 'records', 'revisions', 'history', 'outbox']) if (!isTable(db, t)) refuse(...FOREIGN);
      const profile = readBackupMeta(db).get('profile') as { uscc?: string; name?: string } | undefined;
      backupUscc = normalUscc(profile?.uscc);
      enterprise = profile?.name ?? '';
    } catch (e) {
      sqliteRefusal(e);
    }
    task.progress(upTo);
    const current = core.session.current();
    if (!current) throw new ServiceError('NOT_SIGNED_IN', '请先登录 / Please sign in first');
    if (backupUscc !== normalUscc(current.uscc)) {
      refuse(
        `该备份属于另一家企业（统一社会信用代码 ${backupUscc || '（无）'}，当前登录的是 ${normalUscc(current.uscc) || '（无）'}），不能恢复到本企业`,
        `The backup belongs to another enterprise (USCC ${backupUscc || '(none)'}; signed in: ${normalUscc(current.uscc) || '(none)'}) and cannot be restored into this one`,
      );
    }
    // a backup from before one store per enterprise (no backup_info: an older version made it) may
    // hold other employers' applications: they never come into this enterprise's store. A backup of
    // this version is the enterprise's own store, whose drafts may name any employer.
    if (isUsccKey(core.enterprise.key) && seal.info === null) {
      let foreign: { n: number; uscc: string | null } = { n: 0, uscc: null };
      try {
        foreign = db
          .prepare(
            `SELECT COUNT(*) AS n, MIN(u) AS uscc FROM (SELECT UPPER(TRIM(COALESCE(json_extract(values_json, '$."employer.uscc"'), ''))) AS u FROM records)
             WHERE u <> '' AND u <> ?`,
          )
          .get(core.enterprise.key) as { n: number; uscc: string | null };
      } catch (e) {
        sqliteRefusal(e);
      }
      if (foreign.n > 0) {
        refuse(
          `该备份中有 ${foreign.n} 份申请属于其他单位（如统一社会信用代码 ${foreign.uscc}），可能是按单位分开保存之前的备份，不能恢复到本单位`,
          `The backup holds ${foreign.n} application(s) of other employers (e.g. USCC ${foreign.uscc}), probably from before each enterprise had its own store; it cannot be restored into this enterprise`,
        );
      }
    }
    const warning = reason ? `${reason[0]} / ${reason[1]}` : null;
    let summary: BackupReport;
    try {
      summary = describe(db, version, size, reason ? null : seal.info, enterprise, warning);
    } catch (e) {
      return sqliteRefusal(e);
    }
    return { db, tempCopy, version, verified: reason === null, reason, summary };
  } catch (e) {
    db?.close();
    if (tempCopy) removeQuietly(tempCopy);
    throw e;
  }
}

/** Checks a backup and says what it holds; changes nothing. */
export async function inspectBackup(core: Core, filePath: string, options: Pick<RestoreOptions, 'onTask'> = {}): Promise<BackupReport> {
  const task = core.tasks.start(inspectTaskLabel(), 100);
  options.onTask?.(task);
  try {
    const candidate = await openCandidate(core, filePath, task, 100);
    candidate.db.close();
    if (candidate.tempCopy) removeQuietly(candidate.tempCopy);
    task.finish('done');
    return candidate.summary;
  } catch (e) {
    task.finish('failed');
    if (e instanceof TaskCancelled) throw new ServiceError('INVALID_STATE', '检查已取消 / The check was cancelled');
    throw e;
  }
}

/** A fresh store made by the app's own migrations, tuned for one bulk copy (it is thrown away on failure). */
function freshStore(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The fresh store's meta: every key of the live store (sign-in state, this desk's settings, the
 * printer…) but the enterprise's data keys, which come from a verified backup (the profile keeps
 * the signed-in email). The bureau feeds' cursors come only from the backup: what came after is pulled again.
 */
function writeMeta(fresh: Db, live: Db, fromBackup: Map<string, unknown> | null): void {
  const put = fresh.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const liveRows = live.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const liveValue = new Map(liveRows.map((r) => [r.key, r.value]));
  fresh.transaction(() => {
    for (const r of liveRows) if (!(BACKUP_META_KEYS as readonly string[]).includes(r.key)) put.run(r.key, r.value);
    for (const key of BACKUP_META_KEYS) {
      const v = fromBackup?.get(key);
      if (v !== undefined && key === 'profile') {
        let email = '';
        try {
          const p = JSON.parse(liveValue.get('profile') ?? '{}') as { email?: unknown };
          if (typeof p.email === 'string') email = p.email;
        } catch {
          // no email to keep
        }
        put.run(key, JSON.stringify({ email, ...(v as object) }));
      } else if (v !== undefined) put.run(key, JSON.stringify(v));
      else if (!CURSOR_KEYS.includes(key) && liveValue.has(key)) put.run(key, liveValue.get(key) as string);
    }
  })();
}

/**
 * The live store's own logs, never taken from a file: the deleted drafts of this desk
 * (records/deletionLog.ts) go into the fresh store as they are.
 */
function carryLiveLogs(fresh: Db, live: Db): void {
  const exists = live.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deleted_drafts'").get();
  if (!exists) return;
  ensureDeletionLog(fresh);
  const rows = live.prepare('SELECT * FROM deleted_drafts ORDER BY id').iterate() as IterableIterator<Record<string, unknown>>;
  let insert: Database.Statement | null = null;
  fresh.transaction(() => {
    for (const row of rows) {
      const columns = Object.keys(row);
      insert ??= fresh.prepare(`INSERT INTO deleted_drafts (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      insert.run(...Object.values(row));
    }
  })();
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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
 * Restores the backup at `filePath` over the store of the app `get` serves. Refuses (changing
 * nothing) a file that fails a check; otherwise its rows go into a fresh store that replaces the
 * live one atomically, keeping the replaced store beside it. `after` runs against the new store
 * (settings of this computer to keep).
 */
export async function restoreBackup(
  get: CoreGetter,
  filePath: string,
  after?: (core: Core) => void,
  options: RestoreOptions = {},
): Promise<{ summary: BackupReport; replacedFile: string }> {
  const core = get();
  const dir = path.dirname(core.dbFile);
  removeStaleTemps(dir);
  const task = core.tasks.start(restoreTaskLabel(), 100);
  options.onTask?.(task);
  const freshFile = path.join(dir, `${TEMP_PREFIX}restore-${randomUUID()}.sqlite`);
  let candidate: Candidate | null = null;
  let fresh: Db | null = null;
  try {
    candidate = await openCandidate(core, filePath, task, 25);
    if (candidate.reason && !options.dataOnly) {
      const [zh, en] = candidate.reason;
      refuse(
        `${zh}。如确认文件来源可靠，可选择“仅恢复数据”：只复制通过检查的数据，不采用文件中的任何设置`,
        `${en}. If you trust where the file comes from, choose "restore data only": only the data that passes every check is copied, and none of the file's settings`,
      );
    }
    fresh = freshStore(freshFile);
    const src = candidate.db;
    const dst = fresh;
    try {
      await copyRows({
        src,
        dst,
        version: candidate.version,
        between: async (copied, total) => {
          task.progress(25 + Math.floor((73 * copied) / Math.max(1, total)));
          await tick();
          task.throwIfCancelled();
        },
      });
    } catch (e) {
      sqliteRefusal(e);
    }
    const fromBackup = candidate.verified ? readBackupMeta(src) : null;
    candidate.db.close();
    task.throwIfCancelled();
    // from here to the swap nothing yields: no write to the live store can come in between
    writeMeta(fresh, core.db, fromBackup);
    carryLiveLogs(fresh, core.db);
    fresh.close();
    fresh = null;
    fsyncFile(freshFile);
    const keep = uniqueKeepName(dir, core.now());
    let swapped = false;
    try {
      core.reopenStore((dbFile) => {
        swapStore(dbFile, freshFile, keep);
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
    after?.(get());
    task.finish('done');
    return { summary: candidate.summary, replacedFile: keep };
  } catch (e) {
    task.finish('failed');
    if (e instanceof TaskCancelled) throw new ServiceError('INVALID_STATE', CANCELLED_RESTORE);
    throw e;
  } finally {
    fresh?.close();
    if (candidate?.db.open) candidate.db.close();
    if (candidate?.tempCopy) removeQuietly(candidate.tempCopy);
    removeQuietly(freshFile);
  }
}
