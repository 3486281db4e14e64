import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../main/services/store/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from '../../main/services/store/migrations';
import { tempDir } from '../helpers/tmp';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function fresh() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe('the local store', () => {
  it('creates one owner-only database file with WAL, foreign keys and the latest schema', () => {
    const dir = fresh();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const mode = fs.statSync(path.join(dir, DATABASE_FILE)).mode & 0o777;
    if (process.platform !== 'win32') expect(mode).toBe(0o600);
  });

  it('a large commit is not checkpointed inside the call; the WAL is folded in once the app is idle', async () => {
    const dir = fresh();
    const db = openDatabase(dir);
    const file = path.join(dir, DATABASE_FILE);
    const before = fs.statSync(file).size;
    // ~1,500 pages of 4 KiB in one commit: more than SQLite's default automatic-checkpoint threshold
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) put.run(`bulk-${i}`, 'x'.repeat(3500));
    })();
    expect(fs.statSync(file).size).toBe(before); // still only in the WAL
    await expect.poll(() => fs.statSync(file).size, { timeout: 5000 }).toBeGreaterThan(before + 1500 * 3500);
    expect(db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'bulk-%'").get()).toEqual({ n: 1500 });
    db.close();
  });

  it('reopening applies nothing twice and keeps the data', () => {
    const dir = fresh();
    let db = openDatabase(dir);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', '1')").run();
    db.close();
    db = openDatabase(dir);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: LATEST_VERSION });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: '1' });
    db.close();
  });

  it.each(Array.from({ length: LATEST_VERSION }, (_, v) => v))('migrates from version %i to the latest', (from) => {
    const dir = fresh();
    const file = path.join(dir, DATABASE_FILE);
    const db = new Database(file);
    migrate(db, { target: from });
    expect(schemaVersion(db)).toBe(from);
    migrate(db, { backupTo: (v) => path.join(dir, `before-v${v}.sqlite`) });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // a store that existed before migrating is copied first; a brand-new one has nothing to copy
    expect(fs.existsSync(path.join(dir, `before-v${from}.sqlite`))).toBe(from > 0);
    db.close();
  });

  it('copies the file before migrating an existing store, and the copy opens at the old version', () => {
    const dir = fresh();
    const extra: Migration = { version: LATEST_VERSION + 1, name: 'test: add a column', up: (d) => d.exec('ALTER TABLE meta ADD COLUMN note TEXT') };
    const db = new Database(path.join(dir, DATABASE_FILE));
    migrate(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('kept', 'yes')").run();
    migrate(db, { migrations: [...MIGRATIONS, extra], backupTo: (v) => path.join(dir, `before-v${v}.sqlite`) });
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
    db.close();
    const copy = new Database(path.join(dir, `before-v${LATEST_VERSION}.sqlite`), { readonly: true });
    expect(schemaVersion(copy)).toBe(LATEST_VERSION);
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
    copy.close();
  });

  it('a failing migration rolls back and leaves the version where it was', () => {
    const dir = fresh();
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'test: fails halfway',
      up: (d) => {
        d.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    const db = new Database(path.join(dir, DATABASE_FILE));
    migrate(db);
    expect(() => migrate(db, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a store written by a newer version, with a message', () => {
    const dir = fresh();
    const db = openDatabase(dir);
    db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer Permit Desk/);
  });
});
