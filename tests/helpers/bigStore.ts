/**
 * A large store, fast: license drafts each carrying a ~1.3 MB photo, generated inside SQLite (a
 * recursive CTE, no value passes through JavaScript), so that filling 1 GiB costs disk time only.
 */
import type { Core } from '../../main/services';

/** photo characters per record: under the form's 1,400,000 limit */
const PHOTO_CHARS = 1_300_000;
const PER_STATEMENT = 50;

/** Adds drafts until the store holds about `megabytes` of them; returns the number added. */
export function fillStore(core: Core, megabytes: number): number {
  const rows = Math.max(1, Math.ceil((megabytes * 1024 * 1024) / PHOTO_CHARS));
  const insert = core.db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i < @to)
     INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
     SELECT 'bulk-' || i, 'license', 'draft', 0,
            json_object('person.nameEn', 'BULK ' || i, 'person.photo', 'data:image/png;base64,' || substr(hex(randomblob(${PHOTO_CHARS / 2})), 1, ${PHOTO_CHARS - 22})),
            'BULK ' || i, '', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'
     FROM n`,
  );
  for (let from = 1; from <= rows; from += PER_STATEMENT) {
    insert.run({ from, to: Math.min(rows, from + PER_STATEMENT - 1) });
  }
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return rows;
}
