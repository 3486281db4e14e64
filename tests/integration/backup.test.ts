/**
 * 【备份】 and 【恢复】 on real SQLite files: a restore brings back the data as at backup time and
 * keeps the replaced store; damaged or foreign files are refused and change nothing; automatic
 * backups keep the newest N.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupSettings, BackupSummary } from '../../shared/bridge/channels/data';
import { runAutoBackup, startAutoBackup } from '../../main/services/data/autoBackup';
import { LATEST_VERSION, migrate } from '../../main/services/store/migrations';
import { FIXTURE_TODAY, LICENSE_VALUES, RECRUITMENT_VALUES } from '../fixtures/documents';
import { call, openTestApp, refused, storedRecords, type TestApp } from '../helpers/dataFixtures';

let app: TestApp;
let dir: string;
let cleanup: () => void;
let clock = new Date(`${FIXTURE_TODAY}T02:00:00Z`);

beforeEach(async () => {
  clock = new Date(`${FIXTURE_TODAY}T02:00:00Z`);
  ({ app, dir, cleanup } = await openTestApp(undefined, () => clock));
});
afterEach(() => {
  app.close();
  cleanup();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const save = (kind: string, values: Record<string, string>, extra: object = {}) => call<{ id: string }>(app, 'records:save', { kind, values, ...extra });
const backup = async () => {
  const r = await call<{ fileName: string; base64: string; sizeBytes: number }>(app, 'backup:create', {});
  return { ...r, bytes: Buffer.from(r.base64, 'base64') };
};
/** people in the roster, or null while the store has no roster table */
const peopleCount = (): number | null => {
  const db = new Database(path.join(dir, 'permit-desk.sqlite'), { readonly: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people'").get();
    return has ? (db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n : null;
  } finally {
    db.close();
  }
};
/** the data folder's files, the store's own -wal/-shm aside */
const folderFiles = () => fs.readdirSync(dir).filter((n) => !/^permit-desk\.sqlite-(wal|shm)$/.test(n)).sort();

async function seed() {
  const a = await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'ALPHA SMITH' });
  await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'BRAVO SMITH' });
  await call(app, 'records:submit', { id: a.id });
  await save('recruitment', RECRUITMENT_VALUES);
  return a.id;
}

describe('【备份】 → 【恢复】', () => {
  it('restores the data as at backup time and keeps the replaced store', async () => {
    await seed();
    const atBackup = storedRecords(dir);
    const people = peopleCount();
    const file = await backup();
    expect(file.fileName).toMatch(/^permit-desk-backup-\d{8}-\d{6}\.sqlite$/);
    expect(file.sizeBytes).toBe(file.bytes.length);
    expect(file.bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');

    // change the data after the backup
    const bravo = atBackup.find((r) => r.person_name === 'BRAVO SMITH')?.id;
    await save('license', { ...LICENSE_VALUES, 'person.nameEn': 'BRAVO CHANGED' }, { id: bravo });
    await save('hmt-permit', { 'hmt.name': '陈家明' });
    await call(app, 'backup:settings:save', { keep: 3, autoDaily: false });
    const changed = storedRecords(dir);
    expect(changed).toHaveLength(4);

    const { summary } = await call<{ summary: BackupSummary }>(app, 'backup:inspect', { base64: file.base64 });
    expect(summary).toMatchObject({ createdAt: clock.toISOString(), schemaVersion: LATEST_VERSION, migrationsNeeded: 0, totalRecords: 3, verified: true, people });
    expect(summary.byKind).toEqual([
      { kind: 'license', title: '《外国人就业许可证书》申请表', total: 2, byStatus: { draft: 1, submitted: 1, approved: 0, rejected: 0 } },
      { kind: 'recruitment', title: '《聘用外国人就业申请表》', total: 1, byStatus: { draft: 1, submitted: 0, approved: 0, rejected: 0 } },
    ]);
    expect(storedRecords(dir)).toEqual(changed); // inspecting changes nothing

    clock = new Date(clock.getTime() + 3600_000);
    const restored = await call<{ summary: BackupSummary; replacedFile: string }>(app, 'backup:restore', { base64: file.base64 });
    expect(storedRecords(dir)).toEqual(atBackup);
    expect(path.basename(restored.replacedFile)).toMatch(/^permit-desk\.replaced-\d{8}-\d{6}\.sqlite$/);
    const kept = new Database(restored.replacedFile, { readonly: true });
    expect((kept.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(4);
    kept.close();

    // the app goes on with the restored store: signed in, lists, saves; this computer's backup settings kept
    const list = await call<{ total: number }>(app, 'records:list', { kind: 'license' });
    expect(list.total).toBe(2);
    await save('license', { 'person.nameEn': 'AFTER RESTORE' });
    expect(storedRecords(dir)).toHaveLength(4);
    expect(await call<BackupSettings>(app, 'backup:settings:get', {})).toMatchObject({ keep: 3, autoDaily: false });
    // the live store does not carry the backup's digest
    const live = new Database(path.join(dir, 'permit-desk.sqlite'), { readonly: true });
    expect(live.prepare("SELECT 1 FROM meta WHERE key = 'backup.info'").get()).toBeUndefined();
    live.close();
    // a submitted record stays frozen after the restore
    const submitted = atBackup.find((r) => r.person_name === 'ALPHA SMITH')?.id;
    expect((await refused(app, 'records:save', { id: submitted, kind: 'license', values: LICENSE_VALUES })).code).toBe('INVALID_STATE');
    expect(folderFiles().filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('restores a plain copy of a store (no digest) and an automatic backup', async () => {
    await seed();
    const name = await runAutoBackup(app.core);
    const auto = fs.readFileSync(path.join(dir, 'backups', name));
    await save('license', { 'person.nameEn': 'LATER' });
    // a raw copy: what a user copying the data folder by hand has
    const raw = path.join(dir, 'raw-copy.sqlite');
    app.core.db.prepare('VACUUM INTO ?').run(raw);
    const rawBytes = fs.readFileSync(raw);
    fs.rmSync(raw);

    const inspected = await call<{ summary: BackupSummary }>(app, 'backup:inspect', { base64: b64(rawBytes) });
    expect(inspected.summary).toMatchObject({ verified: false, createdAt: null, totalRecords: 4 });
    await call(app, 'backup:restore', { base64: b64(auto) });
    expect(storedRecords(dir)).toHaveLength(3);
    await call(app, 'backup:restore', { base64: b64(rawBytes) });
    expect(storedRecords(dir)).toHaveLength(4);
  });
});

it('restores a backup of an older schema: the migrations run on reopen', async () => {
  if (LATEST_VERSION < 2) return;
  const old = path.join(dir, '..', `${path.basename(dir)}-v1.sqlite`);
  const db = new Database(old);
  migrate(db, { target: 1 });
  db.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
     VALUES ('old-1', 'license', 'draft', 0, '{"person.nameEn":"OLD TIMER"}', 'OLD TIMER', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  ).run();
  db.prepare("INSERT INTO meta (key, value) VALUES ('session', '{\"email\":\"hr@example.com\"}')").run();
  db.close();
  const bytes = fs.readFileSync(old);
  fs.rmSync(old);
  const { summary } = await call<{ summary: BackupSummary }>(app, 'backup:inspect', { base64: b64(bytes) });
  expect(summary).toMatchObject({ schemaVersion: 1, migrationsNeeded: LATEST_VERSION - 1, totalRecords: 1, verified: false });
  await call(app, 'backup:restore', { base64: b64(bytes) });
  expect(storedRecords(dir).map((r) => r.person_name)).toEqual(['OLD TIMER']);
  const live = new Database(path.join(dir, 'permit-desk.sqlite'), { readonly: true });
  expect((live.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(LATEST_VERSION);
  live.close();
  expect((await call<{ total: number }>(app, 'records:list', { kind: 'license' })).total).toBe(1);
});

describe('refused restores change nothing', () => {
  async function expectRefused(bytes: Uint8Array, pattern: RegExp) {
    const before = storedRecords(dir);
    const files = folderFiles();
    for (const channel of ['backup:inspect', 'backup:restore']) {
      const error = await refused(app, channel, { base64: b64(bytes) });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(pattern);
      expect(error.message).toMatch(/数据未作任何更改 \/ .*nothing was changed$/);
    }
    expect(storedRecords(dir)).toEqual(before);
    expect(folderFiles()).toEqual(files);
    expect((await call<{ total: number }>(app, 'records:list', { kind: 'license' })).total).toBe(2);
  }

  it('a backup with bytes flipped in the middle', async () => {
    await seed();
    const { bytes } = await backup();
    const damaged = Buffer.from(bytes);
    const mid = Math.floor(damaged.length / 2) - 4096;
    randomBytes(8192).copy(damaged, mid);
    await expectRefused(damaged, /已损坏.*damaged/);
  });

  it('a backup whose record text was altered (integrity_check passes; the digest does not)', async () => {
    await seed();
    const { bytes } = await backup();
    const altered = Buffer.from(bytes);
    const at = altered.indexOf(Buffer.from('BRAVO SMITH'));
    expect(at).toBeGreaterThan(0);
    altered.write('X', at, 'latin1');
    await expectRefused(altered, /已损坏.*damaged/);
  });

  it('a truncated backup', async () => {
    await seed();
    const { bytes } = await backup();
    await expectRefused(bytes.subarray(0, Math.floor(bytes.length / 2)), /不完整.*incomplete/);
    await expectRefused(bytes.subarray(0, bytes.length - 100), /不完整.*incomplete/);
  });

  it('random bytes, a text file, an empty file', async () => {
    await seed();
    await expectRefused(randomBytes(64 * 1024), /不是 Permit Desk 备份文件.*not a Permit Desk backup/);
    await expectRefused(Buffer.from('这不是备份 / not a backup\n'.repeat(100)), /不是 SQLite 数据库文件/);
    await expectRefused(Buffer.alloc(0), /空文件/);
  });

  it('another application\'s SQLite database', async () => {
    await seed();
    const foreign = path.join(dir, '..', `${path.basename(dir)}-foreign.sqlite`);
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');");
    db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_version VALUES (1, 'x', 'y');");
    db.close();
    const bytes = fs.readFileSync(foreign);
    fs.rmSync(foreign);
    await expectRefused(bytes, /不是 Permit Desk 的数据或备份文件.*not a Permit Desk store/);
  });

  it('a backup from a newer version of the app', async () => {
    await seed();
    const { bytes } = await backup();
    const file = path.join(dir, '..', `${path.basename(dir)}-newer.sqlite`);
    fs.writeFileSync(file, bytes);
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', '2030-01-01')").run();
    db.close();
    const newer = fs.readFileSync(file);
    fs.rmSync(file);
    await expectRefused(newer, /更新版本.*newer Permit Desk/);
  });
});

describe('automatic backups', () => {
  it('keeps the newest N', async () => {
    await seed();
    await call(app, 'backup:settings:save', { keep: 3 });
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      clock = new Date(clock.getTime() + 86_400_000);
      names.push(await runAutoBackup(app.core));
    }
    const settings = await call<BackupSettings>(app, 'backup:settings:get', {});
    expect(settings.files.map((f) => f.name)).toEqual(names.slice(-3));
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(names.slice(-3).sort());
    expect(settings).toMatchObject({ keep: 3, autoDaily: true, lastBackupAt: clock.toISOString(), folder: path.join(dir, 'backups') });
    expect(settings.files.every((f) => f.sizeBytes > 0)).toBe(true);
    // a smaller retention prunes at once
    const fewer = await call<BackupSettings>(app, 'backup:settings:save', { keep: 1 });
    expect(fewer.files.map((f) => f.name)).toEqual(names.slice(-1));
    expect((await refused(app, 'backup:settings:save', { keep: 0 })).code).toBe('BAD_REQUEST');
  });

  it('defaults: daily, keep 7; the start-up check backs up when the last backup is older than a day', async () => {
    expect(await call<BackupSettings>(app, 'backup:settings:get', {})).toMatchObject({ autoDaily: true, keep: 7, lastBackupAt: null, files: [] });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && fs.readdirSync(path.join(dir, 'backups'), { withFileTypes: true }).filter((f) => !f.name.startsWith('.')).length < n; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    // one schedule per data folder: stop the one the channels started, then start one checking at once
    const restart = () => {
      startAutoBackup(() => app.core)();
      return startAutoBackup(() => app.core, { firstCheckMs: 0 });
    };
    let stop = restart();
    await waitFor(1);
    stop();
    let settings = await call<BackupSettings>(app, 'backup:settings:get', {});
    expect(settings.files).toHaveLength(1);
    expect(settings.lastBackupAt).toBe(clock.toISOString());

    // 12 hours later: not due
    clock = new Date(clock.getTime() + 12 * 3600_000);
    stop = restart();
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect((await call<BackupSettings>(app, 'backup:settings:get', {})).files).toHaveLength(1);

    // 25 hours after the first: due
    clock = new Date(clock.getTime() + 13 * 3600_000);
    stop = restart();
    await waitFor(2);
    stop();
    settings = await call<BackupSettings>(app, 'backup:settings:get', {});
    expect(settings.files).toHaveLength(2);

    // switched off: never
    await call(app, 'backup:settings:save', { autoDaily: false });
    clock = new Date(clock.getTime() + 3 * 86_400_000);
    stop = restart();
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect((await call<BackupSettings>(app, 'backup:settings:get', {})).files).toHaveLength(2);
  });
});
