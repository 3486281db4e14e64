/**
 * Generators of hostile backups for the restore tests: a valid backup edited with raw SQL the way
 * an attacker would (the store's guard triggers dropped first when the edit needs it), and, for
 * the worst case, re-sealed with the enterprise's own backup key so that the MAC holds and only
 * the row checks stand between the file and the store.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../main/services';
import { backupKey, parseMacValue, scanMac } from '../../main/services/data/backupAuth';
import { BACKUP_INFO_TABLE, createBackup } from '../../main/services/data/backup';

/** A fresh backup of `core` at `file`. */
export async function backupTo(core: Core, file: string): Promise<string> {
  await createBackup(core, file);
  return file;
}

/** Edits a backup in place with raw SQL (rollback-journal mode is kept: one standalone file). */
export function editBackup(file: string, edit: (db: Database.Database) => void, options: { dropGuards?: boolean } = {}): void {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    if (options.dropGuards) {
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
      for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
    }
    edit(db);
  } finally {
    db.close();
  }
}

/** Recomputes the MAC of an edited backup with the enterprise's key: an attacker holding the key. */
export async function reseal(file: string, core: Core): Promise<void> {
  const db = new Database(file, { readonly: true });
  const mac = db.prepare(`SELECT mac FROM ${BACKUP_INFO_TABLE}`).pluck().get();
  db.close();
  const value = parseMacValue(mac);
  if (!value) throw new Error('not a sealed backup');
  const { mac: digest, offsets } = await scanMac(file, backupKey(core.secrets), value.prefix);
  if (offsets.length !== 1) throw new Error(`${offsets.length} MAC values`);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from(digest.toString('hex'), 'latin1'), 0, 64, offsets[0]);
  fs.closeSync(fd);
}

/** A copy of `file` at `to`. */
export function copyOf(file: string, to: string): string {
  fs.copyFileSync(file, to);
  return to;
}

/**
 * The live store's bytes: folded into the main file first (the idle checkpoint may run at any
 * time), then the main file and the -wal hashed. Unchanged data → the same fingerprint.
 */
export function storeFingerprint(core: Core): string {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const hash = createHash('sha256');
  for (const f of [core.dbFile, `${core.dbFile}-wal`]) {
    if (fs.existsSync(f)) hash.update(fs.readFileSync(f));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The files of a folder, the store's own -wal/-shm aside. */
export const folderFiles = (dir: string): string[] => fs.readdirSync(dir).filter((n) => !/^permit-desk\.sqlite-(wal|shm)$/.test(n)).sort();

/** The schema objects (type, name, sql) of a store. */
export function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS o FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

export const inFolder = (dir: string, name: string): string => path.join(dir, name);
