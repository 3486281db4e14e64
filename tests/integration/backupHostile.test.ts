/**
 * A corpus of hostile backups (issue 13): each is refused by 【恢复】 (and by the check before it)
 * with a clear bilingual message, or restored as data only where the user insists and the file's
 * only fault is its authentication; the live store stays byte-for-byte unchanged and nothing is
 * left behind. Most are re-sealed with the enterprise's own key (an attacker holding it), so that
 * the row checks alone must catch them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from '../../main/services/data/backup';
import { inspectBackup, restoreBackup, type RestoreOptions } from '../../main/services/data/restore';
import { FIXTURE_TODAY, LICENSE_VALUES, RECRUITMENT_VALUES } from '../fixtures/documents';
import { call, openTestApp, storedRecords, type TestApp } from '../helpers/dataFixtures';
import { editBackup, folderFiles, reseal, storeFingerprint } from '../helpers/hostileBackups';
import { tempDir } from '../helpers/tmp';

let app: TestApp;
let dir: string;
let cleanup: () => void;
let out: { dir: string; cleanup: () => void };
let submittedId: string;

beforeEach(async () => {
  ({ app, dir, cleanup } = await openTestApp(undefined, () => new Date(`${FIXTURE_TODAY}T02:00:00Z`)));
  out = tempDir('permit-desk-hostile-');
  const save = (kind: string, values: Record<string, string>) => call<{ id: string }>(app, 'records:save', { kind, values });
  submittedId = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'ALPHA SMITH' })).id;
  await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'BRAVO SMITH' });
  await call(app, 'records:submit', { id: submittedId });
  await save('recruitment', RECRUITMENT_VALUES);
});
afterEach(() => {
  app.close();
  cleanup();
  out.cleanup();
});

const get = () => app.core;
const storeDir = () => path.dirname(app.core.dbFile);

/** A genuine backup of the seeded store, at a fresh path. */
async function genuine(name = 'backup.sqlite'): Promise<string> {
  const file = path.join(out.dir, name);
  await createBackup(app.core, file);
  return file;
}

/** A genuine backup edited with raw SQL (guards dropped) and re-sealed with the enterprise's key. */
async function forged(edit: (db: Database.Database) => void, name = 'forged.sqlite'): Promise<string> {
  const file = await genuine(name);
  editBackup(file, edit, { dropGuards: true });
  await reseal(file, app.core);
  return file;
}

function written(name: string, bytes: Uint8Array): string {
  const file = path.join(out.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function message(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected a refusal');
}

/** Restore (and, unless `restoreOnly`, inspect) refuse `file` with `pattern`; nothing changes. */
async function expectRefused(file: string, pattern: RegExp, options: RestoreOptions & { restoreOnly?: boolean } = {}): Promise<void> {
  const before = storeFingerprint(app.core);
  const files = folderFiles(storeDir());
  const records = storedRecords(dir);
  const runs = [() => restoreBackup(get, file, undefined, options)];
  if (!options.restoreOnly) runs.push(() => inspectBackup(app.core, file) as never);
  for (const run of runs) {
    const m = await message(run);
    expect(m).toMatch(pattern);
    expect(m).toMatch(/数据未作任何更改 \/ .*nothing was changed$/);
  }
  expect(storeFingerprint(app.core)).toBe(before);
  expect(folderFiles(storeDir())).toEqual(files);
  expect(storedRecords(dir)).toEqual(records);
  expect((await call<{ total: number }>(app, 'records:list', { kind: 'license' })).total).toBe(2);
}

describe('files that are not a backup', () => {
  it('random bytes, a text file, an empty file', async () => {
    await expectRefused(written('random.bin', randomBytes(64 * 1024)), /不是 Permit Desk 备份文件.*not a Permit Desk backup/);
    await expectRefused(written('text.txt', Buffer.from('这不是备份 / not a backup\n'.repeat(100))), /不是 SQLite 数据库文件/);
    await expectRefused(written('empty.sqlite', Buffer.alloc(0)), /空文件.*empty/);
  });

  it("another application's SQLite database", async () => {
    const file = path.join(out.dir, 'notes.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');");
    db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_version VALUES (1, 'x', 'y');");
    db.close();
    await expectRefused(file, /不是 Permit Desk 的数据或备份文件.*not a Permit Desk store/, { dataOnly: true });
  });

  it('a truncated backup', async () => {
    const bytes = fs.readFileSync(await genuine());
    await expectRefused(written('half.sqlite', bytes.subarray(0, Math.floor(bytes.length / 2))), /不完整.*incomplete/);
    await expectRefused(written('short.sqlite', bytes.subarray(0, bytes.length - 100)), /不完整.*incomplete/);
  });

  it('a corrupt page (the records b-tree), as received and re-sealed, even as data only', async () => {
    const file = await genuine();
    const db = new Database(file, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'records'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(file);
    randomBytes(pageSize).copy(bytes, (root - 1) * pageSize);
    const corrupt = written('corrupt.sqlite', bytes);
    await expectRefused(corrupt, /已损坏.*damaged/, { dataOnly: true });
    await reseal(corrupt, app.core).catch(() => undefined); // the MAC row may itself be unreadable
    await expectRefused(corrupt, /已损坏.*damaged/);
  });

  it('a backup from a newer version of the app', async () => {
    const file = await forged((db) => db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', '2030-01-01')").run());
    await expectRefused(file, /更新版本.*newer Permit Desk/);
  });

  it('a records "table" that is a view', async () => {
    const file = await forged((db) => db.exec('ALTER TABLE records RENAME TO records_data; CREATE VIEW records AS SELECT * FROM records_data;'));
    await expectRefused(file, /不是 Permit Desk|不是普通数据表/, { restoreOnly: false });
  });

  it('a records table without a required column', async () => {
    const file = await forged((db) => db.exec('ALTER TABLE records DROP COLUMN notice_json;'));
    await expectRefused(file, /records 表缺少必需的列 notice_json.*lacks the required column notice_json/, { restoreOnly: true });
  });
});

describe('authentication', () => {
  it('a valid backup with a bad MAC (one letter changed): refused; as data only, restored with a warning', async () => {
    const bytes = fs.readFileSync(await genuine());
    // every copy of the name (the record's, and its revision's where it has one) changed alike
    const needle = Buffer.from('"person.nameEn":"BRAVO SMITH"');
    let at = bytes.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    for (; at >= 0; at = bytes.indexOf(needle, at + 1)) bytes.write('X', at + '"person.nameEn":"'.length, 'latin1');
    const file = written('altered.sqlite', bytes);
    expect((await inspectBackup(app.core, file)).warning).toMatch(/认证未通过.*failed authentication/);
    await expectRefused(file, /认证未通过.*failed authentication.*restore data only/, { restoreOnly: true });
    const { summary } = await restoreBackup(get, file, undefined, { dataOnly: true });
    expect(summary).toMatchObject({ verified: false, totalRecords: 3 });
    expect(summary.warning).toMatch(/认证未通过.* \/ The backup failed authentication/);
    const names = storedRecords(dir).map((r) => r.person_name);
    expect(names).toContain('XRAVO SMITH');
    expect(names).not.toContain('BRAVO SMITH');
  });

  it('a backup of another enterprise, even as data only', async () => {
    const file = await forged((db) => {
      const profile = JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'profile'").pluck().get() as string) as Record<string, string>;
      db.prepare("UPDATE meta SET value = ? WHERE key = 'profile'").run(JSON.stringify({ ...profile, uscc: '91440101MA59UQXX1A', name: '别家公司' }));
    });
    await expectRefused(file, /属于另一家企业（统一社会信用代码 91440101MA59UQXX1A.*belongs to another enterprise/);
    await expectRefused(file, /another enterprise/, { dataOnly: true, restoreOnly: true });
  });
});

describe('rows that break the rules (re-sealed: the row checks alone catch them)', () => {
  const cases: [string, (db: Database.Database) => void, RegExp][] = [
    [
      "a submitted record whose values differ from its stored revision",
      (db) => db.prepare(`UPDATE records SET values_json = json_set(values_json, '$."job.salary"', '99999') WHERE id = ?`).run(submittedId),
      /records|revisions/,
    ],
    [
      'a draft jumped to approved with no review',
      (db) => db.exec("UPDATE records SET status = 'approved', revision = 1, submitted_at = '2026-11-20T00:00:00Z' WHERE person_name = 'BRAVO SMITH'"),
      /records 表第 \d+ 行（id .*）.*预审字段与状态不符.*The review fields do not fit the status/,
    ],
    [
      'an approval with a certificate number of the wrong format',
      (db) => db.prepare("UPDATE records SET status = 'approved', reviewed_at = '2026-11-25T00:00:00Z', certificate_no = 'XX1' WHERE id = ?").run(submittedId),
      /证书号码与申请类型的号码格式不符.*does not fit the kind/,
    ],
    [
      'a never-submitted draft with a sync state',
      (db) => db.exec("UPDATE records SET sync_state = 'pending' WHERE person_name = 'BRAVO SMITH'"),
      /从未提交，却有同步状态.*never submitted but has a sync state/,
    ],
    [
      'a submitted revision missing from the upload queue',
      (db) => db.prepare('DELETE FROM outbox WHERE record_id = ?').run(submittedId),
      /不在上传队列中.*would never be sent/,
    ],
    [
      'a submitted record without its revision',
      (db) => {
        db.prepare('DELETE FROM outbox WHERE record_id = ?').run(submittedId);
        db.prepare('DELETE FROM revisions WHERE record_id = ?').run(submittedId);
      },
      /没有每一次提交的版本.*does not hold every submitted revision/,
    ],
    [
      'an unknown document kind',
      (db) => db.exec("UPDATE records SET kind = 'visa' WHERE person_name = 'BRAVO SMITH'"),
      /申请类型未知（visa）.*unknown document kind \(visa\)/,
    ],
    [
      'a field the form does not have',
      (db) => db.exec(`UPDATE records SET values_json = json_set(values_json, '$."evil.field"', 'x') WHERE person_name = 'BRAVO SMITH'`),
      /数据格式.*does not fit the form/,
    ],
    [
      'values that are not JSON',
      (db) => db.exec("UPDATE records SET values_json = '{not json' WHERE person_name = 'BRAVO SMITH'"),
      /不是有效的 JSON.*not a valid JSON/,
    ],
    [
      'bytes where text belongs',
      (db) => db.exec("UPDATE records SET created_at = X'3132' WHERE person_name = 'BRAVO SMITH'"),
      /created_at 类型不对.*created_at has the wrong type/,
    ],
    [
      'an exempt registration following a draft recruitment application',
      (db) =>
        db.exec(`INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, source_id, created_at, updated_at)
                 SELECT 'reg-1', 'registration-exempt', 'draft', 0, '{}', '', '', id, created_at, updated_at FROM records WHERE kind = 'recruitment'`),
      /来源申请不是唯一对应的预审通过.*not an approved recruitment application/,
    ],
    [
      'history of an application the backup does not hold',
      (db) => db.exec("INSERT INTO history (record_id, at, revision, action, detail) VALUES ('ghost', '2026-11-20T00:00:00Z', 0, '保存', '')"),
      /history 表第 \d+ 行.*引用了备份中不存在的数据.*refers to a row the backup does not hold/,
    ],
  ];
  for (const [name, edit, pattern] of cases) {
    it(name, async () => {
      await expectRefused(await forged(edit), pattern, { restoreOnly: true });
    });
  }

  it('an enormous TEXT value is refused before it is loaded', async () => {
    const file = await forged((db) => db.prepare("UPDATE records SET values_json = ? WHERE person_name = 'BRAVO SMITH'").run(`{"person.nameEn":"${'A'.repeat(64 * 1024 * 1024)}"}`));
    await expectRefused(file, /values_json 过大（67108\d+ 字节，上限 8388608）.*values_json is too large/, { restoreOnly: true });
  });
});
