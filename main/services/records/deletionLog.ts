import type { Db } from '../store/database';

/**
 * Where a deleted draft is remembered. Only a never-submitted draft (未提交, revision 0) may be
 * deleted; its row and its history go (the history's foreign key and the v4 triggers allow that
 * for such a draft and for nothing else), and one row here says what was deleted, when, and
 * what its history held. The rows are never changed or deleted (triggers).
 *
 * The table is created with the store (IF NOT EXISTS: an existing store gains it on open);
 * nothing else reads or writes it, and a restore keeps the restoring desk's own log.
 */
export function ensureDeletionLog(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS deleted_drafts (
      id INTEGER PRIMARY KEY,
      record_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      person_name TEXT NOT NULL,
      document_number TEXT NOT NULL,
      created_at TEXT NOT NULL,
      deleted_at TEXT NOT NULL,
      history_json TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TRIGGER IF NOT EXISTS deleted_drafts_no_update BEFORE UPDATE ON deleted_drafts
    BEGIN
      SELECT RAISE(ABORT, 'RECORD_FROZEN: 删除记录不可修改 / The log of deleted drafts cannot be changed');
    END;
    CREATE TRIGGER IF NOT EXISTS deleted_drafts_no_delete BEFORE DELETE ON deleted_drafts
    BEGIN
      SELECT RAISE(ABORT, 'RECORD_FROZEN: 删除记录不可删除 / The log of deleted drafts cannot be deleted');
    END;
  `);
}
