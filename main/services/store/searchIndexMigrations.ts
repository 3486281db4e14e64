import type { Migration } from './migrations';

/**
 * The search index's rowid is the record's rowid times this, plus the record's kind number
 * (search_kinds): a kind's matches are told apart in the index itself, without reading the
 * records. The record's rowid stays the high part so that rows written in rowid order reach
 * FTS5 in rowid order: it writes a new segment whenever a rowid goes backwards (grouping the
 * rowids by kind made a restore's mixed-kind batches four times slower to index).
 */
export const SEARCH_KIND_SLOTS = 1024;

/**
 * v9 — records_search again, by kind: the same trigram index, its rowids carrying the kind
 * (SEARCH_KIND_SLOTS), the names and the document number in separate columns (the 证件号码 box
 * searches the number alone). Rebuilt from the records in one pass in rowid order, then merged
 * into one segment: about 2 s for 100,000 records on the bench machine, so about 20–30 s for
 * 1,000,000 (estimated, not measured at that size; the same work v6 did once).
 */
export const SEARCH_INDEX_MIGRATIONS: readonly Migration[] = [
  {
    version: 9,
    name: 'records search by kind: FTS5 rowids grouped by kind, names and document number apart',
    up(db) {
      db.exec(`
        DROP TRIGGER records_search_insert;
        DROP TRIGGER records_search_update;
        DROP TRIGGER records_search_delete;
        DROP TABLE records_search;

        -- a kind's number, given on its first record (kinds are data; the list can grow)
        CREATE TABLE search_kinds (n INTEGER PRIMARY KEY CHECK (n < ${SEARCH_KIND_SLOTS}), kind TEXT NOT NULL UNIQUE);
        CREATE VIRTUAL TABLE records_search USING fts5(name, number, tokenize = 'trigram case_sensitive 0');

        CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN
          INSERT OR IGNORE INTO search_kinds (kind) VALUES (NEW.kind);
          INSERT INTO records_search (rowid, name, number) VALUES (${KEY('NEW')}, ${NAMES('NEW')}, NEW.document_number);
        END;
        CREATE TRIGGER records_search_update AFTER UPDATE OF kind, values_json, person_name, document_number ON records BEGIN
          DELETE FROM records_search WHERE rowid = ${KEY('OLD')};
          INSERT OR IGNORE INTO search_kinds (kind) VALUES (NEW.kind);
          INSERT INTO records_search (rowid, name, number) VALUES (${KEY('NEW')}, ${NAMES('NEW')}, NEW.document_number);
        END;
        CREATE TRIGGER records_search_delete AFTER DELETE ON records BEGIN
          DELETE FROM records_search WHERE rowid = ${KEY('OLD')};
        END;

        INSERT INTO search_kinds (kind) SELECT DISTINCT kind FROM records ORDER BY kind;
        INSERT INTO records_search (rowid, name, number)
          SELECT r.rowid * ${SEARCH_KIND_SLOTS} + k.n, ${NAMES('r')}, r.document_number
            FROM records r CROSS JOIN search_kinds k ON k.kind = r.kind ORDER BY r.rowid;
        INSERT INTO records_search (records_search) VALUES ('optimize');
      `);
    },
  },
];

function KEY(row: string): string {
  return `${row}.rowid * ${SEARCH_KIND_SLOTS} + (SELECT n FROM search_kinds WHERE kind = ${row}.kind)`;
}

/** What the 姓名 box finds besides the number: the name as listed, the Chinese name, the 台港澳 name. */
function NAMES(row: string): string {
  return `${row}.person_name || ' ' || COALESCE(json_extract(${row}.values_json, '$."person.nameZh"'), '') || ' ' ||
    COALESCE(json_extract(${row}.values_json, '$."hmt.name"'), '')`;
}
