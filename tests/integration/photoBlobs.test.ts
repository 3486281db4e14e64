/**
 * Photos stored once (issue 16): a record, its submitted revisions and the person share one blob
 * of the photo's bytes; the bridge, the upload and a restore still see the data URL, byte for
 * byte; a blob goes when its last reference goes, never while a revision refers to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from '../../main/services/data/backup';
import { restoreBackup } from '../../main/services/data/restore';
import type { RecordDetail } from '../../shared/bridge/contract';
import type { FormValues } from '../../shared/documents';
import { FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import type { Sandbox } from '../sandbox';
import { ZHUJIANG } from '../sandbox/testing';
import { distinctPhoto, jpegDataUrl } from '../helpers/jpegPhotos';
import { editBackup, reseal } from '../helpers/hostileBackups';
import { storeFile } from '../helpers/storeFile';
import { tempDir } from '../helpers/tmp';
import { deskWithBureau, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';

const clock = () => new Date(`${FIXTURE_TODAY}T02:00:00Z`);
let desk: DeskWithBureau;
let sandbox: Sandbox;
let app: DeskApp;
let dataDir: string;

beforeEach(async () => {
  desk = await deskWithBureau({ clock, options: { backgroundJobs: false } });
  ({ app, sandbox, dataDir } = desk);
  await desk.signIn(ZHUJIANG);
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);

const PHOTO_A = jpegDataUrl(distinctPhoto(1));
const PHOTO_B = jpegDataUrl(distinctPhoto(2));
const withPhoto = (photo: string, extra: FormValues = {}): FormValues => ({ ...VALID_VALUES.license, 'person.photo': photo, ...extra });

function raw<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(storeFile(dataDir), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const blobCount = () => raw<{ n: number }>('SELECT COUNT(*) AS n FROM blobs')[0]?.n;
const sha = (dataUrl: string) => raw<{ sha256: string }>('SELECT sha256 FROM blobs WHERE size = ?', Buffer.from(dataUrl.split(',')[1] ?? '', 'base64').length)[0]?.sha256;

describe('one photo, stored once', () => {
  it('a record, its revision and its person share one blob; every value in the file is a reference', async () => {
    const draft = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_A) });
    const submitted = await call<RecordDetail>('records:submit', { id: draft.id });
    expect(submitted.values['person.photo']).toBe(PHOTO_A);
    // the bridge gives back the very bytes saved
    expect((await call<RecordDetail>('records:get', { id: draft.id })).values['person.photo']).toBe(PHOTO_A);

    expect(blobCount()).toBe(1);
    const [blob] = raw<{ sha256: string; mime: string; size: number }>('SELECT sha256, mime, size FROM blobs');
    expect(blob).toMatchObject({ mime: 'image/jpeg', size: distinctPhoto(1).length });
    const ref = `blob:sha256:${blob?.sha256}`;
    const values = [
      ...raw<{ v: string }>('SELECT values_json AS v FROM records'),
      ...raw<{ v: string }>('SELECT values_json AS v FROM revisions'),
      // (the people the bureau's permits brought have no photo)
      ...raw<{ v: string }>(`SELECT values_json AS v FROM people WHERE json_extract(values_json, '$."person.photo"') IS NOT NULL`),
    ];
    expect(values).toHaveLength(3);
    for (const { v } of values) {
      expect(v).not.toContain('data:image');
      expect((JSON.parse(v) as FormValues)['person.photo']).toBe(ref);
    }
    expect(raw<{ owner: string }>('SELECT owner FROM blob_refs ORDER BY owner').map((r) => r.owner[0])).toEqual(['p', 'r', 'v']);
  });

  it('the bureau receives the photo itself', async () => {
    const draft = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_A) });
    await call('records:submit', { id: draft.id });
    expect((await app.core.sync.run()).uploaded).toBe(1);
    const [received] = sandbox.store.submissions();
    expect(received?.values['person.photo']).toBe(PHOTO_A);
  });

  it('a replaced photo of a draft goes; one a submitted revision refers to stays', async () => {
    const draft = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_A) });
    await call('records:save', { id: draft.id, kind: 'license', values: withPhoto(PHOTO_B) });
    expect(blobCount()).toBe(1);
    expect(sha(PHOTO_A)).toBeUndefined();

    await call('records:submit', { id: draft.id });
    await app.core.sync.run();
    const [s] = sandbox.review.list('pending');
    sandbox.review.reject(s?.submissionId ?? '', '照片不清晰');
    await app.core.sync.run();
    expect((await call<RecordDetail>('records:get', { id: draft.id })).status).toBe('rejected');
    // the fix replaces the photo: revision 1 (and the person) still hold B, the draft now A
    await call('records:save', { id: draft.id, kind: 'license', values: withPhoto(PHOTO_A) });
    expect(blobCount()).toBe(2);
    const detail = await call<RecordDetail>('records:get', { id: draft.id });
    expect(detail.values['person.photo']).toBe(PHOTO_A);
    const [rev1] = raw<{ v: string }>('SELECT values_json AS v FROM revisions WHERE revision = 1');
    expect((JSON.parse(rev1?.v ?? '{}') as FormValues)['person.photo']).toBe(`blob:sha256:${sha(PHOTO_B)}`);
  });

  it('deleting a never-submitted draft collects its photo', async () => {
    const keep = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_A) });
    const gone = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_B, { 'person.passportNo': 'E12345678' }) });
    expect(blobCount()).toBe(2);
    await call('records:delete', { ids: [gone.id] });
    expect(blobCount()).toBe(1);
    expect((await call<RecordDetail>('records:get', { id: keep.id })).values['person.photo']).toBe(PHOTO_A);
  });

  it('the store refuses a reference to a photo it does not hold', () => {
    const db = new Database(storeFile(dataDir));
    try {
      const missing = `blob:sha256:${'0'.repeat(64)}`;
      expect(() =>
        db
          .prepare(`INSERT INTO records (id, kind, status, values_json, created_at, updated_at) VALUES ('x', 'license', 'draft', ?, 'a', 'a')`)
          .run(JSON.stringify({ 'person.nameEn': 'X', 'person.photo': missing })),
      ).toThrow(/BLOB_MISSING/);
    } finally {
      db.close();
    }
  });
});

describe('backup and restore with photos stored once', () => {
  it('a round trip keeps every photo; blobs are copied once and checked against their sha-256', async () => {
    const a = await call<RecordDetail>('records:save', { kind: 'license', values: withPhoto(PHOTO_A) });
    await call('records:submit', { id: a.id });
    await call('records:save', { kind: 'license', values: withPhoto(PHOTO_B, { 'person.passportNo': 'E12345678' }) });
    const out = tempDir();
    try {
      const file = path.join(out.dir, 'b.sqlite');
      await createBackup(app.core, file);
      await call('records:delete', { ids: raw<{ id: string }>("SELECT id FROM records WHERE status = 'draft'").map((r) => r.id) });
      expect(blobCount()).toBe(1);
      await restoreBackup(() => app.core, file);
      expect(blobCount()).toBe(2);
      const photos = (await call<{ rows: { id: string }[] }>('records:list', { kind: 'license' })).rows;
      const got = await Promise.all(photos.map((r) => call<RecordDetail>('records:get', { id: r.id })));
      expect(got.map((r) => r.values['person.photo']).sort()).toEqual([PHOTO_A, PHOTO_B].sort());

      // a photo altered in the file (even re-sealed with the key) is refused, and nothing changes
      const altered = path.join(out.dir, 'altered.sqlite');
      fs.copyFileSync(file, altered);
      editBackup(altered, (db) => db.prepare("UPDATE blobs SET bytes = CAST(zeroblob(size) AS BLOB)").run());
      await reseal(altered, app.core);
      await expect(restoreBackup(() => app.core, altered)).rejects.toThrow(/与其校验值不符.*请改用另一份备份.*does not match its checksum.*Use another backup/);
      expect(blobCount()).toBe(2);

      // a photo missing from the file (the rows still refer to it) is refused with what to do, and nothing changes
      const missing = path.join(out.dir, 'missing.sqlite');
      fs.copyFileSync(file, missing);
      editBackup(missing, (db) => db.prepare('DELETE FROM blobs').run());
      await reseal(missing, app.core);
      const before = raw<{ id: string; status: string }>('SELECT id, status FROM records ORDER BY id');
      await expect(restoreBackup(() => app.core, missing)).rejects.toThrow(/people 表第 1 行.*引用的照片或文件不在数据中。请改用另一份备份.*数据未作任何更改.*refers to a photo or file that is not in the store\. Use another backup.*; nothing was changed/);
      expect(raw<{ id: string; status: string }>('SELECT id, status FROM records ORDER BY id')).toEqual(before);
      expect(blobCount()).toBe(2);
    } finally {
      out.cleanup();
    }
  });
});
