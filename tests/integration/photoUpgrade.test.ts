/**
 * The upgrade to v8 (photos stored once): a store as the previous version left it — real JPEG
 * photos inline in records, submitted revisions and people — opens with every photo intact,
 * each stored once, the lifecycle guards still in force.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../main/services/store/database';
import { LATEST_VERSION, migrate, schemaVersion } from '../../main/services/store/migrations';
import { BlobStore } from '../../main/services/store/blobs';
import type { FormValues } from '../../shared/documents';
import { HMT_PERMIT_VALUES, LICENSE_VALUES } from '../fixtures/documents';
import { distinctPhoto, jpegDataUrl } from '../helpers/jpegPhotos';
import { tempDir } from '../helpers/tmp';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const photos = [0, 1, 2, 3].map((i) => jpegDataUrl(distinctPhoto(100 + i)));

/** A v7 store with photos inline, written as v7's code wrote it. */
function v7Store(): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.pragma('foreign_keys = ON');
  migrate(db, { target: 7 });
  const person = db.prepare(
    `INSERT INTO people (id, type, name, document_number, values_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
  );
  const record = db.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at, submitted_at, sync_state, person_id)
     VALUES (?, ?, 'draft', 0, ?, ?, ?, '2026-01-02', '2026-01-02', NULL, '', ?)`,
  );
  const submit = db.prepare(`UPDATE records SET status = 'submitted', revision = 1, submitted_at = '2026-01-03', sync_state = 'pending' WHERE id = ?`);
  const revision = db.prepare(`INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, 1, ?, '2026-01-03')`);
  const outbox = db.prepare(`INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, 1, 'pending', '2026-01-03')`);
  const licence = (photo: string, no: string): FormValues => ({ ...LICENSE_VALUES, 'person.photo': photo, 'person.passportNo': no });

  db.transaction(() => {
    // a draft, its person with the same photo
    person.run('p0', 'foreign', 'JOHN MICHAEL SMITH', 'P0', JSON.stringify({ 'person.nameEn': 'JOHN MICHAEL SMITH', 'person.photo': photos[0] }));
    record.run('draft', 'license', JSON.stringify(licence(photos[0] as string, 'P0')), 'JOHN MICHAEL SMITH', 'P0', 'p0');
    // a submitted record and its revision
    const submitted = licence(photos[1] as string, 'P1');
    record.run('sent', 'license', JSON.stringify(submitted), 'JOHN MICHAEL SMITH', 'P1', null);
    submit.run('sent');
    revision.run('sent', JSON.stringify(submitted));
    outbox.run('sent');
    // an HMT draft and a person whose photo nobody else has
    record.run('hmt', 'hmt-permit', JSON.stringify({ ...HMT_PERMIT_VALUES, 'hmt.photo': photos[2] }), '陈家明', 'H2', null);
    person.run('p3', 'hmt', '林雅婷', 'H3', JSON.stringify({ 'hmt.name': '林雅婷', 'hmt.photo': photos[3] }));
  })();
  db.close();
}

/** Every stored values object, references resolved (v8) or as stored (v7, no blobs yet). */
const everyValue = (db: Database.Database, resolve: boolean) => {
  const blobs = resolve ? new BlobStore(db) : null;
  const read = (sql: string) =>
    (db.prepare(sql).all() as { k: string; v: string }[]).map(({ k, v }) => [k, blobs ? blobs.resolve(JSON.parse(v) as FormValues) : (JSON.parse(v) as FormValues)] as const);
  return Object.fromEntries([
    ...read("SELECT 'record ' || id AS k, values_json AS v FROM records"),
    ...read("SELECT 'revision ' || record_id AS k, values_json AS v FROM revisions"),
    ...read("SELECT 'person ' || id AS k, values_json AS v FROM people"),
  ]);
};

describe('upgrade to v8: photos stored once', () => {
  it('every photo of a v7 store is intact after the upgrade, each stored once, the guards still in force', () => {
    v7Store();
    const before = (() => {
      const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
      try {
        return everyValue(db, false);
      } finally {
        db.close();
      }
    })();
    expect(JSON.stringify(before)).toContain(photos[3]?.slice(0, 200));

    const db = openDatabase(dir);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      // byte for byte the same values, read through the references
      expect(everyValue(db, true)).toEqual(before);
      // none inline any more: four photos, four blobs, each the JPEG's own bytes
      const inline = db.prepare("SELECT COUNT(*) FROM (SELECT values_json FROM records UNION ALL SELECT values_json FROM revisions UNION ALL SELECT values_json FROM people) WHERE instr(values_json, 'data:image') > 0").pluck().get();
      expect(inline).toBe(0);
      const blobs = db.prepare('SELECT size, mime, bytes FROM blobs ORDER BY size').all() as { size: number; mime: string; bytes: Buffer }[];
      expect(blobs.map((b) => b.size)).toEqual([0, 1, 2, 3].map((i) => distinctPhoto(100 + i).length).sort((a, b) => a - b));
      for (const b of blobs) {
        expect(b.mime).toBe('image/jpeg');
        expect(b.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      }
      // the draft and its person share one; the submitted record and its revision share one
      expect(db.prepare('SELECT COUNT(*) FROM blob_refs').pluck().get()).toBe(6);
      // the submitted record is as frozen as before
      expect(() => db.prepare("UPDATE records SET values_json = '{}' WHERE id = 'sent'").run()).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare("UPDATE revisions SET submitted_at = 'x'").run()).toThrow(/RECORD_FROZEN/);
      // and the copy taken before the migration still holds the v7 store
      expect(fs.existsSync(path.join(dir, 'permit-desk.before-v7.sqlite'))).toBe(true);
    } finally {
      db.close();
    }
  });
});
