/**
 * The idle checkpoint folds the WAL into the store file once a tick passes without a write, never
 * while writes go on (a long sync or import). The timer is Vitest's fake clock; the database is a
 * real SQLite file in WAL mode, and "folded" is read from the file: new pages reach it only through
 * a checkpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKSTOP_WAL_PAGES, checkpointWhenIdle } from '../../main/services/store/checkpoints';
import { tempDir } from '../helpers/tmp';

let dir: { dir: string; cleanup: () => void };
let db: Database.Database;
let file: string;

beforeEach(() => {
  vi.useFakeTimers();
  dir = tempDir();
  file = path.join(dir.dir, 'store.sqlite');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  db.close();
  vi.useRealTimers();
  dir.cleanup();
});

const write = () => db.transaction(() => {
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
})();
const fileSize = () => fs.statSync(file).size;

describe('checkpoints when idle', () => {
  it('waits while every tick saw writes, folds the WAL after a quiet tick, and only once', () => {
    checkpointWhenIdle(db, 1000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_WAL_PAGES);
    const empty = fileSize();
    for (let tick = 0; tick < 5; tick++) {
      write();
      vi.advanceTimersByTime(1000);
      expect(fileSize()).toBe(empty);
    }
    vi.advanceTimersByTime(1000);
    const folded = fileSize();
    expect(folded).toBeGreaterThan(empty + 200 * 500);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1000);

    // nothing new: no checkpoint runs (the spy sees none)
    const pragma = vi.spyOn(db, 'pragma');
    vi.advanceTimersByTime(5000);
    expect(pragma).not.toHaveBeenCalled();
    pragma.mockRestore();
  });

  it('stops once the connection is closed', () => {
    checkpointWhenIdle(db, 1000);
    const other = new Database(file);
    db.close();
    expect(() => vi.advanceTimersByTime(3000)).not.toThrow();
    expect(vi.getTimerCount()).toBe(0);
    db = other;
  });
});
