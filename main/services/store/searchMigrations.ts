import type { Migration } from './migrations';

/**
 * v6 — search anything: every record's names (Latin and Chinese) and document number in an FTS5
 * table with the trigram tokenizer (any part of a word, case-insensitive), kept by triggers.
 */
export const SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    version: 6,
    name: 'records search: FTS5 trigram over names and document numbers',
    up(db) {
      db.exec(`
        CREATE VIRTUAL TABLE records_search USING fts5(text, tokenize = 'trigram case_sensitive 0');

        CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN
          INSERT INTO records_search (rowid, text) VALUES (NEW.rowid, ${SEARCH_TEXT('NEW')});
        END;
        CREATE TRIGGER records_search_update AFTER UPDATE OF values_json, person_name, document_number ON records BEGIN
          DELETE FROM records_search WHERE rowid = OLD.rowid;
          INSERT INTO records_search (rowid, text) VALUES (NEW.rowid, ${SEARCH_TEXT('NEW')});
        END;
        CREATE TRIGGER records_search_delete AFTER DELETE ON records BEGIN
          DELETE FROM records_search WHERE rowid = OLD.rowid;
        END;

        INSERT INTO records_search (rowid, text) SELECT rowid, ${SEARCH_TEXT('records')} FROM records;
      `);
    },
  },
];

/** What a record is found by: its name as listed, the Chinese name, the 台港澳 name and the document number. */
function SEARCH_TEXT(row: string): string {
  return `${row}.person_name || ' ' || COALESCE(json_extract(${row}.values_json, '$."person.nameZh"'), '') || ' ' ||
    COALESCE(json_extract(${row}.values_json, '$."hmt.name"'), '') || ' ' || ${row}.document_number`;
}
