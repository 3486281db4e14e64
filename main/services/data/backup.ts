/**
 * 【备份】: the whole store as one standalone SQLite file, taken with SQLite's online backup while
 * the app keeps running (photos live in the records' values, so they are included). The copy
 * carries `backup.info` in its meta table: when it was taken, its schema version and a digest of
 * its content, which a restore checks (SQLite has no page checksums; the digest catches damage
 * that integrity_check cannot see, inside a record's text).
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../index';
import { schemaVersion } from '../store/migrations';

export const BACKUP_INFO_KEY = 'backup.info';
/** prefix of the temporary files of this module (removed when stale) */
export const TEMP_PREFIX = '.permit-desk-tmp-';

export interface BackupInfo {
  app: 'permit-desk';
  createdAt: string;
  schemaVersion: number;
  appVersion: string;
  /** sha256 of every table's rows (meta without backup.info), see contentDigest */
  digest: string;
}

type Db = Database.Database;

/** sha256 over every user table's rows in key order, `backup.info` left out. */
export function contentDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  for (const t of tables) {
    const quoted = `"${t.name.replace(/"/g, '""')}"`;
    let order = 'rowid';
    if (/WITHOUT\s+ROWID/i.test(t.sql ?? '')) {
      const pk = (db.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => `"${c.name.replace(/"/g, '""')}"`);
      order = pk.join(', ') || '1';
    }
    const where = t.name === 'meta' ? ` WHERE key <> '${BACKUP_INFO_KEY}'` : '';
    hash.update(`\u0000table ${t.name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM ${quoted}${where} ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

/** Writes a file's bytes and fsyncs them. */
export function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort: some filesystems refuse to fsync a directory
  }
}

export function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** Removes temporary files left by a crash in the middle of a backup or restore. */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(TEMP_PREFIX)) continue;
    try {
      fs.rmSync(path.join(dir, n), { force: true });
    } catch {
      // still open elsewhere (Windows): left for the next time
    }
  }
}

/** China-time stamp for file names: YYYYMMDD-HHmmss. */
export function fileStamp(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}`;
}

/**
 * Backs the live store up into `dest` (which must not exist): online backup into a temporary file
 * beside it, `backup.info` added, rollback-journal mode (one standalone file), fsync, rename.
 */
export async function createBackupFile(core: Core, dest: string): Promise<{ sizeBytes: number; info: BackupInfo }> {
  const dir = path.dirname(dest);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `${TEMP_PREFIX}backup-${randomUUID()}.sqlite`);
  try {
    await core.db.backup(temp);
    const copy = new Database(temp);
    let info: BackupInfo;
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('synchronous = FULL');
      info = {
        app: 'permit-desk',
        createdAt: core.now().toISOString(),
        schemaVersion: schemaVersion(copy),
        appVersion: core.ports.version,
        digest: contentDigest(copy),
      };
      copy
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(BACKUP_INFO_KEY, JSON.stringify(info));
    } finally {
      copy.close();
    }
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (process.platform !== 'win32') fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, dest);
    fsyncDir(dir);
    return { sizeBytes: fs.statSync(dest).size, info };
  } finally {
    removeQuietly(temp);
  }
}

/** 【备份】 for a download: the backup's bytes and a file name; nothing stays on disk. */
export async function createBackup(core: Core): Promise<{ fileName: string; bytes: Buffer; sizeBytes: number }> {
  const dir = path.dirname(core.dbFile);
  const dest = path.join(dir, `${TEMP_PREFIX}download-${randomUUID()}.sqlite`);
  try {
    const { sizeBytes } = await createBackupFile(core, dest);
    return { fileName: `permit-desk-backup-${fileStamp(core.now())}.sqlite`, bytes: fs.readFileSync(dest), sizeBytes };
  } finally {
    removeQuietly(dest);
  }
}
