import type Database from 'better-sqlite3';
import type { Migration } from './migrations';
import { BlobStore } from './blobs';
import type { FormValues } from '../../../shared/documents/types';

/** The tables whose values_json may refer to blobs, and how a row names itself in blob_refs. */
export const BLOB_OWNERS = [
  { table: 'records', owner: (row: string) => `'r:' || ${row}.id`, key: ['id'] },
  { table: 'revisions', owner: (row: string) => `'v:' || ${row}.record_id || ':' || ${row}.revision`, key: ['record_id', 'revision'] },
  { table: 'people', owner: (row: string) => `'p:' || ${row}.id`, key: ['id'] },
] as const;

/** The blob ids `row`.values_json refers to (`blob:sha256:<hex>` values, 64 hex digits). */
const refsOf = (row: string) =>
  `SELECT DISTINCT substr(j.value, 13) AS sha256 FROM json_each(${row}.values_json) j
     WHERE j.type = 'text' AND length(j.value) = 76 AND j.value GLOB 'blob:sha256:*'`;

function refTriggers(table: string, owner: (row: string) => string, mutable: boolean): string {
  const missing = (row: string) => `
    SELECT RAISE(ABORT, 'BLOB_MISSING: 引用的照片或文件不在数据中 / a value refers to a photo or file that is not in the store')
      WHERE EXISTS (SELECT 1 FROM (${refsOf(row)}) r WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = r.sha256));`;
  const add = (row: string) => `
    INSERT OR IGNORE INTO blob_refs (owner, sha256) SELECT ${owner(row)}, r.sha256 FROM (${refsOf(row)}) r;`;
  const drop = `
    DELETE FROM blob_refs WHERE owner = ${owner('OLD')};
    DELETE FROM blobs WHERE sha256 IN (${refsOf('OLD')})
      AND NOT EXISTS (SELECT 1 FROM blob_refs x WHERE x.sha256 = blobs.sha256);`;
  const insert = `
    CREATE TRIGGER ${table}_blobs_insert AFTER INSERT ON ${table} BEGIN ${missing('NEW')} ${add('NEW')} END;`;
  if (!mutable) return insert;
  return `${insert}
    CREATE TRIGGER ${table}_blobs_update AFTER UPDATE OF values_json ON ${table}
    WHEN NEW.values_json IS NOT OLD.values_json BEGIN
      ${missing('NEW')}
      DELETE FROM blob_refs WHERE owner = ${owner('OLD')};
      ${add('NEW')}
      DELETE FROM blobs WHERE sha256 IN (${refsOf('OLD')})
        AND NOT EXISTS (SELECT 1 FROM blob_refs x WHERE x.sha256 = blobs.sha256);
    END;
    CREATE TRIGGER ${table}_blobs_delete AFTER DELETE ON ${table} BEGIN ${drop} END;`;
}

/**
 * Every photo or file still inline in a store's values moved into blobs, row by row (bounded
 * memory), the references rebuilt and blobs nobody refers to removed: the upgrade to v8, and a
 * restore of a backup made before it. The tables' own triggers refuse any change to a submitted
 * record or a revision, so they are set aside for the move and put back as they were: the values
 * change representation, not content.
 */
export function storeFilesOnce(db: Database.Database): void {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('records', 'revisions', 'people')")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  const blobs = new BlobStore(db);
  for (const { table, key } of BLOB_OWNERS) {
    const where = key.map((k) => `${k} = ?`).join(' AND ');
    const read = db.prepare(`SELECT values_json FROM ${table} WHERE ${where}`);
    const write = db.prepare(`UPDATE ${table} SET values_json = ? WHERE ${where}`);
    // keys first: a statement cannot write while another one is still reading the table
    const rows = db.prepare(`SELECT ${key.join(', ')} FROM ${table} WHERE instr(values_json, '"data:') > 0`).raw().all() as unknown[][];
    for (const k of rows) {
      const raw = read.get(...k) as { values_json: string };
      let values: FormValues;
      try {
        values = JSON.parse(raw.values_json) as FormValues;
      } catch {
        continue; // not JSON: left as it is (the guards never let one in)
      }
      const stashed = blobs.stash(values);
      if (stashed !== values) write.run(JSON.stringify(stashed), ...k);
    }
  }
  for (const t of triggers) db.exec(t.sql);
  db.exec('DELETE FROM blob_refs');
  for (const { table, owner } of BLOB_OWNERS) {
    db.exec(`INSERT OR IGNORE INTO blob_refs (owner, sha256) SELECT ${owner('t')}, substr(j.value, 13) FROM ${table} t, json_each(t.values_json) j
               WHERE j.type = 'text' AND length(j.value) = 76 AND j.value GLOB 'blob:sha256:*'`);
  }
  dropUnreferencedBlobs(db);
}

/** Blobs nobody refers to (a restore copies every blob of a backup before the rows that refer to them). */
export function dropUnreferencedBlobs(db: Database.Database): void {
  db.exec('DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM blob_refs r WHERE r.sha256 = blobs.sha256)');
}

/** v8 — photos and attachments stored once, by content (main/services/store/blobs.ts). */
export const BLOB_MIGRATIONS: readonly Migration[] = [
  {
    version: 8,
    name: 'photos and attachments stored once: blobs by sha-256, references from values, collected after the last reference',
    up(db) {
      db.exec(`
        CREATE TABLE blobs (
          sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
          -- the data URL's header: the mime type and its parameters
          mime TEXT NOT NULL,
          size INTEGER NOT NULL CHECK (size > 0),
          bytes BLOB NOT NULL CHECK (length(bytes) = size),
          created_at TEXT NOT NULL
        );
        -- who refers to a blob: 'r:<record id>', 'v:<record id>:<revision>', 'p:<person id>'
        CREATE TABLE blob_refs (
          owner TEXT NOT NULL,
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          PRIMARY KEY (owner, sha256)
        ) WITHOUT ROWID;
        CREATE INDEX blob_refs_by_blob ON blob_refs(sha256);
      `);
      for (const { table, owner } of BLOB_OWNERS) db.exec(refTriggers(table, owner, table !== 'revisions'));
      storeFilesOnce(db);
    },
  },
];
