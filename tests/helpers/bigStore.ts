/**
 * A large store, fast: license drafts each carrying a ~1 MB photo, stored as the app stores it
 * (once, in the blobs table, the draft's values holding its reference), so that filling 1 GiB
 * costs little more than disk time.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '../../main/services';

/** photo bytes per record: just under the form's 1 MB limit */
const PHOTO_BYTES = 1_000_000;
const PER_TRANSACTION = 50;

/** Adds drafts until the store holds about `megabytes` of them; returns the number added. */
export function fillStore(core: Core, megabytes: number): number {
  const rows = Math.max(1, Math.ceil((megabytes * 1024 * 1024) / PHOTO_BYTES));
  const insert = core.db.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
     VALUES (?, 'license', 'draft', 0, ?, ?, '', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  );
  const blobs = core.recordStore.blobs;
  for (let from = 1; from <= rows; from += PER_TRANSACTION) {
    core.db.transaction(() => {
      for (let i = from; i < Math.min(rows + 1, from + PER_TRANSACTION); i++) {
        // random bytes: a distinct photo each, incompressible like a JPEG
        const ref = blobs.put(randomBytes(PHOTO_BYTES), 'image/png');
        insert.run(`bulk-${i}`, JSON.stringify({ 'person.nameEn': `BULK ${i}`, 'person.photo': ref }), `BULK ${i}`);
      }
    })();
  }
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return rows;
}
