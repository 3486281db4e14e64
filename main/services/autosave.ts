import type { FormValues } from '../../shared/documents/types';
import { AUTOSAVE_MAX_BYTES, AUTOSAVE_MAX_KEYS, AUTOSAVE_TOO_LARGE } from '../../shared/bridge/contract';
import { ServiceError } from '../../shared/bridge/envelope';
import type { Db } from './store/database';

/** Typed-but-unsaved form state, kept in the store so a reload or a crash loses nothing. */
export class AutosaveService {
  private readonly getStmt;
  private readonly putStmt;
  private readonly clearStmt;
  constructor(db: Db, private readonly now: () => Date) {
    this.getStmt = db.prepare('SELECT values_json FROM autosave WHERE key = ?');
    this.putStmt = db.prepare(
      'INSERT INTO autosave (key, values_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET values_json = excluded.values_json, updated_at = excluded.updated_at',
    );
    this.clearStmt = db.prepare('DELETE FROM autosave WHERE key = ?');
  }
  get(key: string): FormValues | null {
    const row = this.getStmt.get(key) as { values_json: string } | undefined;
    return row ? (JSON.parse(row.values_json) as FormValues) : null;
  }
  /** Refuses (and keeps the previous state) above AUTOSAVE_MAX_KEYS fields or AUTOSAVE_MAX_BYTES as stored. */
  put(key: string, values: FormValues): void {
    if (Object.keys(values).length > AUTOSAVE_MAX_KEYS) throw new ServiceError('INVALID_INPUT', AUTOSAVE_TOO_LARGE);
    const json = JSON.stringify(values);
    if (Buffer.byteLength(json) > AUTOSAVE_MAX_BYTES) throw new ServiceError('INVALID_INPUT', AUTOSAVE_TOO_LARGE);
    this.putStmt.run(key, json, this.now().toISOString());
  }
  clear(key: string): void {
    this.clearStmt.run(key);
  }
}
