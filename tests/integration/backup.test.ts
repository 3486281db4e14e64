/**
 * 【备份】 and 【恢复】 on real SQLite files: a backup is one sealed file (authenticated with the
 * enterprise's key); a restore copies its rows into a fresh store made by the app's migrations,
 * never its schema or its desk settings, and keeps the replaced store; progress and 【取消】;
 * automatic backups keep the newest N.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BackupSettings } from '../../shared/bridge/channels/data';
import { backupFolder, runAutoBackup, startAutoBackup } from '../../main/services/data/autoBackup';
import { createBackup, BACKUP_INFO_TABLE } from '../../main/services/data/backup';
import { HMAC_KEY_SECRET } from '../../main/services/data/backupAuth';
import { inspectBackup, restoreBackup } from '../../main/services/data/restore';
import { COPIED_TABLES, DERIVED_TABLES, plannedColumns } from '../../main/services/data/rowCopy';
import { LATEST_VERSION, migrate } from '../../main/services/store/migrations';
import { FIXTURE_PHOTO, FIXTURE_TODAY, LICENSE_VALUES, RECRUITMENT_VALUES } from '../fixtures/documents';
import { call, openTestApp, refused, storedRecords, type TestApp } from '../helpers/dataFixtures';
import { editBackup, folderFiles, reseal, schemaOf, storeFingerprint } from '../helpers/hostileBackups';
import { tempDir } from '../helpers/tmp';

let app: TestApp;
let cleanup: () => void;
let dir: string;
let out: { dir: string; cleanup: () => void };
let clock = new Date(`${FIXTURE_TODAY}T02:00:00Z`);

beforeEach(async () => {
  clock = new Date(`${FIXTURE_TODAY}T02:00:00Z`);
  ({ app, dir, cleanup } = await openTestApp(undefined, () => clock));
  out = tempDir('permit-desk-backups-');
});
afterEach(() => {
  app.close();
  cleanup();
  out.cleanup();
});

const get = () => app.core;
/** the signed-in enterprise's folder (its store, its automatic backups) */
const storeDir = () => path.dirname(app.core.dbFile);
const save = (kind: string, values: Record<string, string>, extra: object = {}) => call<{ id: string }>(app, 'records:save', { kind, values, ...extra });
const backupFile = async (name = 'b.sqlite') => {
  const file = path.join(out.dir, name);
  const r = await createBackup(app.core, file);
  return { ...r, file };
};
const refusal = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected a refusal');
};
/** the schema of a brand-new store, as the app makes it (its migrations, and what it creates on open) */
async function freshSchema(): Promise<string[]> {
  const other = await openTestApp();
  try {
    return schemaOf(other.app.core.dbFile);
  } finally {
    other.app.close();
    other.cleanup();
  }
}

async function seed() {
  const a = await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'ALPHA SMITH' });
  await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'BRAVO SMITH' });
  await call(app, 'records:submit', { id: a.id });
  await save('recruitment', RECRUITMENT_VALUES);
  return a.id;
}

describe('【备份】 → 【恢复】', () => {
  it('restores the data as at backup time into a store of the app\'s own schema, and keeps the replaced store', async () => {
    const submitted = await seed();
    const atBackup = storedRecords(dir);
    const { file, fileName, sizeBytes } = await backupFile();
    expect(fileName).toMatch(/^permit-desk-backup-\d{8}-\d{6}\.sqlite$/);
    expect(sizeBytes).toBe(fs.statSync(file).size);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(app.core.secrets.get(HMAC_KEY_SECRET)).toMatch(/^[0-9a-f]{64}$/);

    const bravo = atBackup.find((r) => r.person_name === 'BRAVO SMITH')?.id;
    await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'BRAVO CHANGED' }, { id: bravo });
    await save('hmt-permit', { 'hmt.name': '陈家明' });
    const changed = storedRecords(dir);

    const summary = await inspectBackup(app.core, file);
    expect(summary).toMatchObject({ createdAt: clock.toISOString(), schemaVersion: LATEST_VERSION, totalRecords: 3, verified: true, warning: null });
    expect(summary.byKind).toEqual([
      { kind: 'license', title: '《外国人就业许可证书》申请表', total: 2, byStatus: { draft: 1, submitted: 1, approved: 0, rejected: 0 } },
      { kind: 'recruitment', title: '《聘用外国人就业申请表》', total: 1, byStatus: { draft: 1, submitted: 0, approved: 0, rejected: 0 } },
    ]);
    expect(storedRecords(dir)).toEqual(changed); // inspecting changes nothing

    clock = new Date(clock.getTime() + 3600_000);
    const restored = await restoreBackup(get, file);
    expect(restored.summary.verified).toBe(true);
    expect(storedRecords(dir).map(({ values_json: _v, ...r }) => r)).toEqual(atBackup.map(({ values_json: _v, ...r }) => r));
    expect(storedRecords(dir).map((r) => JSON.parse(r.values_json) as unknown)).toEqual(atBackup.map((r) => JSON.parse(r.values_json) as unknown));
    expect(path.basename(restored.replacedFile)).toMatch(/^permit-desk\.replaced-\d{8}-\d{6}\.sqlite$/);
    const kept = new Database(restored.replacedFile, { readonly: true });
    expect((kept.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(4);
    kept.close();

    // the store's schema is the app's own, nothing of the file's (not even its backup_info)
    expect(schemaOf(app.core.dbFile)).toEqual(await freshSchema());
    expect(schemaOf(app.core.dbFile).some((o) => o.includes(BACKUP_INFO_TABLE))).toBe(false);
    // the app goes on: lists, saves; the record counts were rebuilt; a submitted record stays frozen
    expect((await call<{ total: number }>(app, 'records:list', { kind: 'license' })).total).toBe(2);
    await save('license', { 'person.nameEn': 'AFTER RESTORE' });
    expect(storedRecords(dir)).toHaveLength(4);
    expect((await refused(app, 'records:save', { id: submitted, kind: 'license', values: LICENSE_VALUES })).code).toBe('INVALID_STATE');
    expect(folderFiles(storeDir()).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(folderFiles(out.dir)).toEqual(['b.sqlite']);
  });

  it('a backup carries no sign-in state; a restore keeps this desk\'s', async () => {
    await seed();
    app.core.meta.put('offline-credential', [{ email: 'hr@example.com', salt: '00', hash: 'ff' }]);
    app.core.meta.put('sync.cursor', 5);
    const { file } = await backupFile();
    app.core.meta.put('sync.cursor', 9);
    const db = new Database(file, { readonly: true });
    const keys = db.prepare('SELECT key FROM meta').pluck().all();
    db.close();
    expect(keys).not.toContain('offline-credential');
    expect(keys).not.toContain('session');
    expect(fs.readFileSync(file).includes(Buffer.from('"salt":"00"'))).toBe(false);
    app.core.meta.put('offline-credential', [{ email: 'hr@example.com', salt: '11', hash: 'ee' }]);
    // this desk's log of deleted drafts stays this desk's
    app.core.db
      .prepare("INSERT INTO deleted_drafts (record_id, kind, person_name, document_number, created_at, deleted_at) VALUES ('gone', 'license', 'GONE', '', '2026-11-01', '2026-11-02')")
      .run();
    await restoreBackup(get, file);
    expect(app.core.db.prepare('SELECT record_id FROM deleted_drafts').pluck().all()).toEqual(['gone']);
    expect(app.core.meta.get('offline-credential')).toEqual([{ email: 'hr@example.com', salt: '11', hash: 'ee' }]);
    expect(app.core.session.current()?.email).toBe('hr@example.com');
    // the bureau feed's position goes with the data it brought: the backup's, or none (all pulled again)
    expect(app.core.meta.get('sync.cursor')).toBe(5);
    app.core.secrets.delete(HMAC_KEY_SECRET);
    await restoreBackup(get, file, undefined, { dataOnly: true });
    expect(app.core.meta.get('sync.cursor')).toBeNull();
  });

  it('a store larger than 24 MiB (base64 over the bridge could not carry it) is backed up and restored', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await save('license', { 'person.nameEn': `PHOTO ${i}`, 'person.photo': FIXTURE_PHOTO.padEnd(1_300_000, 'A') })).id);
    const { file, sizeBytes } = await backupFile();
    expect(sizeBytes).toBeGreaterThan(24 * 1024 * 1024);
    await save('license', { 'person.nameEn': 'LATER' });
    await restoreBackup(get, file);
    expect(storedRecords(dir)).toHaveLength(24);
  });

  it('reports progress as task:progress events', async () => {
    await seed();
    const events: { label: string; state: string; done: number }[] = [];
    const off = app.onEvent((name, payload) => {
      if (name === 'task:progress') events.push(payload as never);
    });
    const { file } = await backupFile();
    await restoreBackup(get, file);
    off();
    const of = (label: string) => events.filter((e) => e.label === label);
    expect(of('备份 / Backup').at(-1)?.state).toBe('done');
    expect(of('恢复 / Restore').at(-1)?.state).toBe('done');
    const dones = of('恢复 / Restore').map((e) => e.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });
});

describe('every state of the lifecycle survives a round trip', () => {
  /** the rows of the data tables (and the counts and search index the triggers rebuild) */
  function tables(file: string): Record<string, unknown[]> {
    const db = new Database(file, { readonly: true });
    try {
      const out: Record<string, unknown[]> = {};
      for (const [t, order] of Object.entries({
        records: 'id',
        revisions: 'record_id, revision',
        outbox: 'record_id, revision',
        history: 'id',
        people: 'id',
        person_history: 'id',
        autosave: 'key',
        bureau_permits: 'number',
        record_counts: 'kind, status',
      })) {
        // the counts are rebuilt by the triggers: a kind and status that went back to zero has no row then
        const where = t === 'record_counts' ? ' WHERE n > 0' : '';
        out[t] = db.prepare(`SELECT * FROM "${t}"${where} ORDER BY ${order}`).all();
      }
      return out;
    } finally {
      db.close();
    }
  }

  it('drafts, submissions, approvals with certificates and notices, rejections, edits after a rejection, resubmissions, a registration from an approved recruitment, the roster, autosaves', async () => {
    const records = app.core.records;
    const submit = (id: string) => call(app, 'records:submit', { id });
    await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'DRAFT ONLY' });
    const pending = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'PENDING ONE' })).id;
    await submit(pending);
    const approved = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'APPROVED ONE' })).id;
    await submit(approved);
    expect(records.applyReview({ id: approved, revision: 1, decision: 'approved', certificateNo: 'GZ20260000999', certificateExpiry: '2028-12-31', notice: { noticeNo: 'WB20260000001' } })).toBe(true);
    const rejected = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'REJECTED ONE' })).id;
    await submit(rejected);
    expect(records.applyReview({ id: rejected, revision: 1, decision: 'rejected', reason: '请补充材料' })).toBe(true);
    const reopened = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'REOPENED ONE' })).id;
    await submit(reopened);
    expect(records.applyReview({ id: reopened, revision: 1, decision: 'rejected', reason: '照片不清晰' })).toBe(true);
    await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'REOPENED ONE', 'job.salary': '36000' }, { id: reopened });
    const resubmitted = (await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'RESUBMITTED ONE' })).id;
    await submit(resubmitted);
    expect(records.applyReview({ id: resubmitted, revision: 1, decision: 'rejected', reason: '重新提交' })).toBe(true);
    await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'RESUBMITTED ONE', 'job.salary': '37000' }, { id: resubmitted });
    await submit(resubmitted);
    const recruitment = (await save('recruitment', RECRUITMENT_VALUES)).id;
    await submit(recruitment);
    expect(records.applyReview({ id: recruitment, revision: 1, decision: 'approved' })).toBe(true);
    await save('registration-exempt', { 'person.nameEn': 'JOHN MICHAEL SMITH' }, { sourceId: recruitment });
    app.core.autosave.put('license:new', { 'person.nameEn': 'TYPING…' });
    app.core.db
      .prepare(
        `INSERT INTO bureau_permits (number, kind, applicant, holder_name, document_type, document_number, issue_date, expiry, status, feed_cursor, pulled_at)
         VALUES ('E20250000456', 'permit', 'foreign', 'JOHN MICHAEL SMITH', '护照', '533281947', '2025-01-01', '2027-01-01', 'valid', 7, '2026-11-28T02:00:00.000Z')`,
      )
      .run();

    const { file } = await backupFile();
    const before = tables(file);
    expect(before.people?.length).toBeGreaterThan(0);
    expect(before.person_history?.length).toBeGreaterThan(0);
    await save('license', { 'person.nameEn': 'AFTER BACKUP' });
    await restoreBackup(get, file);
    expect(tables(app.core.dbFile)).toEqual(before);
    const search = app.core.db.prepare("SELECT COUNT(*) AS n FROM records_search WHERE records_search MATCH 'APPROVED'").get() as { n: number } | undefined;
    expect(search?.n).toBe(1);
  });
});

describe('【取消】', () => {
  it('a cancelled backup leaves no file', async () => {
    await seed();
    const dest = path.join(out.dir, 'cancelled.sqlite');
    const message = await refusal(() => createBackup(app.core, dest, { onTask: (t) => app.core.tasks.cancel(t.id) }));
    expect(message).toMatch(/备份已取消.*cancelled/);
    expect(fs.readdirSync(out.dir)).toEqual([]);
  });

  it('a cancelled restore leaves the live store untouched', async () => {
    await seed();
    const { file } = await backupFile();
    await save('license', { 'person.nameEn': 'AFTER BACKUP' });
    const before = storeFingerprint(app.core);
    const files = folderFiles(storeDir());
    const message = await refusal(() => restoreBackup(get, file, undefined, { onTask: (t) => app.core.tasks.cancel(t.id) }));
    expect(message).toMatch(/恢复已取消.*cancelled/);
    expect(storeFingerprint(app.core)).toBe(before);
    expect(folderFiles(storeDir())).toEqual(files);
  });

  it('a restore cancelled in the middle of the row copy leaves the live store untouched', async () => {
    await seed();
    const { file } = await backupFile();
    await save('license', { 'person.nameEn': 'AFTER BACKUP' });
    const before = storeFingerprint(app.core);
    const files = folderFiles(storeDir());
    let task = '';
    let cancelledAt = -1;
    const off = app.onEvent((name, payload) => {
      const p = payload as { task: string; done: number; state: string };
      if (name === 'task:progress' && p.task === task && p.state === 'running' && p.done > 25 && cancelledAt < 0) {
        cancelledAt = p.done;
        app.core.tasks.cancel(task);
      }
    });
    const message = await refusal(() => restoreBackup(get, file, undefined, { onTask: (t) => (task = t.id) }));
    off();
    expect(cancelledAt).toBeGreaterThan(25);
    expect(cancelledAt).toBeLessThan(100);
    expect(message).toMatch(/恢复已取消.*cancelled/);
    expect(storeFingerprint(app.core)).toBe(before);
    expect(folderFiles(storeDir())).toEqual(files);
  });
});

describe('a backup is untrusted data (issue 13 reproductions, each with a MAC that holds: an attacker with the key)', () => {
  it('an extra AFTER INSERT ON revisions trigger is not adopted: the bureau gets what the user sees', async () => {
    const id = (await save('license', { ...LICENSE_VALUES, 'person.passportNo': 'TAMPER01' })).id;
    const { file } = await backupFile();
    editBackup(
      file,
      (db) =>
        db.exec(`CREATE TRIGGER tamper AFTER INSERT ON revisions BEGIN
          UPDATE revisions SET values_json = json_set(values_json, '$."job.salary"', '99999', '$."person.passportNo"', 'X0000000')
          WHERE record_id = NEW.record_id AND revision = NEW.revision;
        END;`),
      { dropGuards: true },
    );
    // as received: refused, the MAC no longer holds
    expect(await refusal(() => restoreBackup(get, file))).toMatch(/认证未通过.*failed authentication/);
    await reseal(file, app.core);
    await restoreBackup(get, file);
    expect(schemaOf(app.core.dbFile)).toEqual(await freshSchema());
    await call(app, 'records:submit', { id });
    const db = new Database(app.core.dbFile, { readonly: true });
    const revision = JSON.parse(db.prepare('SELECT values_json FROM revisions WHERE record_id = ?').pluck().get(id) as string) as Record<string, string>;
    db.close();
    expect(revision['job.salary']).toBe('35000');
    expect(revision['person.passportNo']).toBe('TAMPER01');
  });

  it('freeze triggers turned into no-ops are not adopted: a raw UPDATE of a submitted record is refused', async () => {
    const id = await seed();
    const { file } = await backupFile();
    editBackup(
      file,
      (db) =>
        db.exec(`CREATE TRIGGER records_frozen_after_submit BEFORE UPDATE ON records WHEN 0 BEGIN SELECT 1; END;
                 CREATE TRIGGER records_no_delete_after_submit BEFORE DELETE ON records WHEN 0 BEGIN SELECT 1; END;`),
      { dropGuards: true },
    );
    await reseal(file, app.core);
    await restoreBackup(get, file);
    expect(() => app.core.db.prepare("UPDATE records SET values_json = '{}' WHERE id = ?").run(id)).toThrow(/RECORD_FROZEN/);
  });

  it('a bureau address in the backup\'s settings is not taken: the token goes nowhere else', async () => {
    let requests = 0;
    const evil = http.createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
      await seed();
      const before = app.core.settings.get();
      const { file } = await backupFile();
      editBackup(file, (db) =>
        db
          .prepare("INSERT INTO meta (key, value) VALUES ('settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
          .run(JSON.stringify({ ...before, bureauUrl: evilUrl, minimumWage: 1 })),
      );
      await reseal(file, app.core);
      await restoreBackup(get, file);
      expect(app.core.settings.get()).toEqual(before);
      await app.core.sync.run().catch(() => undefined);
      expect(requests).toBe(0);
    } finally {
      evil.close();
    }
  });
});

describe('older and unauthenticated files', () => {
  it('a v1 store (no MAC): refused, or restored as data only with a warning, its columns mapped', async () => {
    await seed();
    const old = path.join(out.dir, 'v1.sqlite');
    const db = new Database(old);
    migrate(db, { target: 1 });
    db.prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
       VALUES ('old-1', 'license', 'draft', 0, '{"person.nameEn":"OLD TIMER"}', 'WRONG NAME', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    ).run();
    db.close();
    const summary = await inspectBackup(app.core, old);
    expect(summary).toMatchObject({ schemaVersion: 1, totalRecords: 1, verified: false, people: null });
    expect(summary.warning).toMatch(/没有认证信息.*carries no authentication/);
    const before = storeFingerprint(app.core);
    expect(await refusal(() => restoreBackup(get, old))).toMatch(/没有认证信息.*仅恢复数据.*restore data only.*nothing was changed$/);
    expect(storeFingerprint(app.core)).toBe(before);

    const restored = await restoreBackup(get, old, undefined, { dataOnly: true });
    expect(restored.summary).toMatchObject({ verified: false });
    expect(restored.summary.warning).toMatch(/carries no authentication/);
    // the derived column is recomputed, not copied
    expect(storedRecords(dir).map((r) => r.person_name)).toEqual(['OLD TIMER']);
    expect(schemaOf(app.core.dbFile)).toEqual(await freshSchema());
    expect((await call<{ total: number }>(app, 'records:list', { kind: 'license' })).total).toBe(1);
  });

  for (const version of [2, 3]) {
    it(`a v${version} store (roster, no MAC) restores as data only, its people with it`, async () => {
      const old = path.join(out.dir, `v${version}.sqlite`);
      const db = new Database(old);
      migrate(db, { target: version });
      db.exec(`INSERT INTO people (id, type, name, values_json, created_at, updated_at)
               VALUES ('p-1', 'foreign', 'X', '{"person.nameEn":"OLD PERSON","person.passportNo":"e123"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
               INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at, person_id)
               VALUES ('old-1', 'license', 'draft', 0, '{"person.nameEn":"OLD PERSON"}', '', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'p-1');`);
      db.close();
      expect((await inspectBackup(app.core, old)).schemaVersion).toBe(version);
      await restoreBackup(get, old, undefined, { dataOnly: true });
      expect(storedRecords(dir).map((r) => r.person_name)).toEqual(['OLD PERSON']);
      const person = app.core.db.prepare("SELECT name, document_number AS number, source FROM people WHERE id = 'p-1'").get();
      expect(person).toEqual({ name: 'OLD PERSON', number: 'E123', source: 'desk' });
    });
  }

  it('a plain copy of a live store (WAL-mode header) restores as data only, writing nothing beside it', async () => {
    await seed();
    const raw = path.join(out.dir, 'raw-copy.sqlite');
    fs.copyFileSync(app.core.dbFile, raw);
    app.core.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(app.core.dbFile, raw);
    expect(fs.readFileSync(raw)[18]).toBe(2);
    await save('license', { 'person.nameEn': 'LATER' });
    expect((await inspectBackup(app.core, raw)).verified).toBe(false);
    await restoreBackup(get, raw, undefined, { dataOnly: true });
    expect(storedRecords(dir)).toHaveLength(3);
    expect(fs.readdirSync(out.dir)).toEqual(['raw-copy.sqlite']);
  });

  it('a backup made with another key (another computer) needs data only', async () => {
    await seed();
    const { file } = await backupFile();
    app.core.secrets.set(HMAC_KEY_SECRET, 'ab'.repeat(32));
    expect((await inspectBackup(app.core, file)).warning).toMatch(/认证未通过.*another computer/);
    expect(await refusal(() => restoreBackup(get, file))).toMatch(/认证未通过/);
    app.core.secrets.delete(HMAC_KEY_SECRET);
    expect((await inspectBackup(app.core, file)).warning).toMatch(/没有该企业的备份密钥.*no backup key/);
    expect((await restoreBackup(get, file, undefined, { dataOnly: true })).summary.verified).toBe(false);
    expect(storedRecords(dir)).toHaveLength(3);
  });
});

describe('the copy covers the store', () => {
  it('every table and column of the app\'s schema is copied, computed or derived by triggers', () => {
    const db = new Database(':memory:');
    migrate(db);
    const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    // a virtual table's shadow tables (FTS5's <name>_data, _idx…) go with it
    const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    const tables = all.map((t) => t.name).filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)));
    expect([...tables].sort()).toEqual([...COPIED_TABLES, ...DERIVED_TABLES].sort());
    const planned = plannedColumns(db);
    for (const table of COPIED_TABLES) {
      if (table === 'meta') continue;
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      expect({ table, missing: columns.filter((c) => !planned.get(table)?.has(c)) }).toEqual({ table, missing: [] });
    }
    db.close();
  });
});

describe('automatic backups', () => {
  it('keeps the newest N, each a sealed backup that restores', async () => {
    await seed();
    await call(app, 'backup:settings:save', { keep: 3 });
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      clock = new Date(clock.getTime() + 86_400_000);
      names.push(await runAutoBackup(app.core));
    }
    const settings = await call<BackupSettings>(app, 'backup:settings:get', {});
    expect(settings.files.map((f) => f.name)).toEqual(names.slice(-3));
    expect(fs.readdirSync(backupFolder(app.core)).sort()).toEqual(names.slice(-3).sort());
    expect(settings).toMatchObject({ keep: 3, autoDaily: true, lastBackupAt: clock.toISOString(), folder: backupFolder(app.core) });
    const fewer = await call<BackupSettings>(app, 'backup:settings:save', { keep: 1 });
    expect(fewer.files.map((f) => f.name)).toEqual(names.slice(-1));
    const last = path.join(backupFolder(app.core), names.at(-1) as string);
    expect((await inspectBackup(app.core, last)).verified).toBe(true);
    await save('license', { 'person.nameEn': 'LATER' });
    await restoreBackup(get, last);
    expect(storedRecords(dir)).toHaveLength(3);
  });

  it('the start-up check backs up when the last backup is older than a day', async () => {
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && fs.readdirSync(backupFolder(app.core)).filter((f) => !f.startsWith('.')).length < n; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    fs.mkdirSync(backupFolder(app.core), { recursive: true });
    const restart = () => {
      startAutoBackup(() => app.core)();
      return startAutoBackup(() => app.core, { firstCheckMs: 0 });
    };
    let stop = restart();
    await waitFor(1);
    stop();
    expect((await call<BackupSettings>(app, 'backup:settings:get', {})).files).toHaveLength(1);
    clock = new Date(clock.getTime() + 25 * 3600_000);
    stop = restart();
    await waitFor(2);
    stop();
    expect((await call<BackupSettings>(app, 'backup:settings:get', {})).files).toHaveLength(2);
  });
});
