import type { Db } from './database';

/** Small JSON values kept in the `meta` table (profile, session, settings). */
export class MetaStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly delStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.putStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.delStmt = db.prepare('DELETE FROM meta WHERE key = ?');
  }
  get<T>(key: string): T | null {
    const row = this.getStmt.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }
  put(key: string, value: unknown): void {
    this.putStmt.run(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.delStmt.run(key);
  }
}
