/**
 * 【备份】: the whole store as one standalone SQLite file, taken with SQLite's online backup API
 * (page by page, between the user's actions: bounded memory, progress, 【取消】) while the app
 * keeps running; photos are in the store's blobs table, each once, so they are included. The copy is sealed:
 * the sign-in state is wiped from it (it belongs to this desk, not to the data), `backup_info`
 * says when, from which schema and which enterprise it was taken, and an HMAC keyed with the
 * enterprise's backup key authenticates every byte (backupAuth.ts). A restore never adopts the
 * file: it copies its rows into a fresh store (restore.ts, rowCopy.ts).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../shared/bridge/envelope';
import { backupTaskLabel } from '../../../shared/bridge/channels/data';
import type { Core } from '../index';
import { TaskCancelled, type Task } from '../tasks';
import { schemaVersion } from '../store/migrations';
import { backupKey, macPlaceholder, parseMacValue, scanMac } from './backupAuth';

/** the table a backup carries its description and MAC in (never part of a live store) */
export const BACKUP_INFO_TABLE = 'backup_info';
/** prefix of the temporary files of this module (removed when stale) */
export const TEMP_PREFIX = '.permit-desk-tmp-';
/** meta keys that are the desk's sign-in state, never written into a backup */
export const SIGN_IN_KEYS = ['session', 'offline-credential'] as const;

export interface BackupInfo {
  app: 'permit-desk';
  createdAt: string;
  schemaVersion: number;
  appVersion: string;
  /** the enterprise's 统一社会信用代码 and name at backup time */
  uscc: string;
  enterprise: string;
}

export const CANCELLED_BACKUP = '备份已取消，未写入任何文件 / The backup was cancelled; no file was written';

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

/** The suggested name of a backup file. */
export const backupFileName = (now: Date): string => `permit-desk-backup-${fileStamp(now)}.sqlite`;

export interface BackupOptions {
  /** called once the task exists (its id is what `task:cancel` takes) */
  onTask?: (task: Task) => void;
  /** no task:progress events (the automatic backup: nobody asked for it, nobody waits for it) */
  quiet?: boolean;
}

/** A task nobody sees: the same checks, no events. */
function quietTask(): Task {
  const controller = new AbortController();
  return {
    id: '',
    signal: controller.signal,
    progress: () => undefined,
    finish: () => undefined,
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new TaskCancelled();
    },
  };
}

/** Wipes the sign-in state from the copy and adds `backup_info` with a MAC placeholder. */
function sealCopy(file: string, info: BackupInfo, placeholder: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma('secure_delete = ON');
    const del = copy.prepare('DELETE FROM meta WHERE key = ?');
    for (const key of SIGN_IN_KEYS) del.run(key);
    copy.exec(`DROP TABLE IF EXISTS ${BACKUP_INFO_TABLE};
      CREATE TABLE ${BACKUP_INFO_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), info TEXT NOT NULL, mac TEXT NOT NULL);`);
    copy.prepare(`INSERT INTO ${BACKUP_INFO_TABLE} (id, info, mac) VALUES (1, ?, ?)`).run(JSON.stringify(info), placeholder);
  } finally {
    copy.close();
  }
}

function profileOf(core: Core): { uscc: string; name: string } {
  const p = core.session.current();
  return { uscc: (p?.uscc ?? '').trim().toUpperCase(), name: p?.name ?? '' };
}

/**
 * Backs the live store up into `dest` (replaced if it exists): online backup into a temporary
 * file beside it, sealed and authenticated, fsynced, renamed. A cancelled or failed backup leaves
 * nothing behind.
 */
export async function createBackupFile(core: Core, dest: string, options: BackupOptions = {}): Promise<{ sizeBytes: number; info: BackupInfo }> {
  const dir = path.dirname(dest);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `${TEMP_PREFIX}backup-${randomUUID()}.sqlite`);
  const task = options.quiet ? quietTask() : core.tasks.start(backupTaskLabel(), 100);
  options.onTask?.(task);
  try {
    await core.db.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        task.throwIfCancelled();
        task.progress(totalPages > 0 ? Math.floor((80 * (totalPages - remainingPages)) / totalPages) : 0);
        return 1024; // pages per step: 4 MiB between two looks at the event loop
      },
    });
    task.throwIfCancelled();
    const profile = profileOf(core);
    const info: BackupInfo = {
      app: 'permit-desk',
      createdAt: core.now().toISOString(),
      schemaVersion: schemaVersion(core.db),
      appVersion: core.ports.version,
      uscc: profile.uscc,
      enterprise: profile.name,
    };
    const placeholder = macPlaceholder();
    sealCopy(temp, info, placeholder);
    const { prefix } = parseMacValue(placeholder) as { prefix: string };
    const size = fs.statSync(temp).size;
    const { mac, offsets } = await scanMac(temp, backupKey(core.secrets), prefix, {
      onBytes: (done) => {
        task.throwIfCancelled();
        task.progress(80 + Math.floor((19 * done) / Math.max(1, size)));
      },
    });
    if (offsets.length !== 1) throw new Error(`backup: ${offsets.length} MAC placeholders in the copy`);
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.writeSync(fd, Buffer.from(mac.toString('hex'), 'latin1'), 0, 64, offsets[0]);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (process.platform !== 'win32') fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, dest);
    fsyncDir(dir);
    task.finish('done');
    return { sizeBytes: fs.statSync(dest).size, info };
  } catch (e) {
    task.finish('failed');
    if (e instanceof TaskCancelled) throw new ServiceError('INVALID_STATE', CANCELLED_BACKUP);
    throw e;
  } finally {
    removeQuietly(temp);
  }
}

/** 【备份】 into `destPath` (a path main chose: a save dialog's, or a download's temporary file). */
export async function createBackup(core: Core, destPath: string, options: BackupOptions = {}): Promise<{ fileName: string; sizeBytes: number }> {
  const { sizeBytes } = await createBackupFile(core, destPath, options);
  return { fileName: backupFileName(core.now()), sizeBytes };
}
