/**
 * The upgrade of a data folder from the single-store version (permit-desk.sqlite at schema 3 in
 * the data folder, as the previous release left it) to one store per enterprise.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../main/services';
import { migrate } from '../../main/services/store/migrations';
import { localKey } from '../../main/services/desk/enterpriseDirs';
import { restoreBackup } from '../../main/services/data/restore';
import type { Envelope } from '../../shared/bridge/envelope';
import { FIXTURE_TODAY, LICENSE_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';

const DEMO = { uscc: '91440106MA5CQ8R2X9', name: '广州示例科技有限公司', email: 'demo@example.com' };
const ZHUJIANG = { uscc: '91440106MA59C8K3XK', name: '广州珠江智造科技有限公司' };
const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let dir: string;
let cleanup: () => void;
let app: ReturnType<typeof openApp> | null = null;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  app?.close();
  app = null;
  cleanup();
});

interface LegacyRecord {
  id: string;
  employer: { uscc: string; name: string } | null;
  status: 'draft' | 'submitted';
  person?: string;
}

/** A data folder as the single-store release left it: schema 3, one file, the desk's settings inside. */
function legacyStore(records: LegacyRecord[], signedIn: { email: string; profile: typeof DEMO | null } | null): void {
  const db = new Database(path.join(dir, 'permit-desk.sqlite'));
  db.pragma('journal_mode = WAL');
  migrate(db, { target: 3 });
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  meta.run('settings', JSON.stringify({ bureauUrl: 'http://127.0.0.1:9', syncIntervalMinutes: 7, language: 'en', minimumWage: 2600, minimumWageSource: 'test' }));
  meta.run('print.printer', JSON.stringify('Office-Printer'));
  if (signedIn?.profile) meta.run('profile', JSON.stringify({ ...signedIn.profile, address: '', postcode: '', type: '', legalRep: '', contact: '', phone: '' }));
  if (signedIn) meta.run('session', JSON.stringify({ email: signedIn.email, signedInAt: '2026-11-01T00:00:00.000Z', offline: false }));
  const at = '2026-11-20T02:00:00.000Z';
  for (const r of records) {
    const values = { ...LICENSE_VALUES, 'person.nameEn': r.person ?? `PERSON ${r.id.toUpperCase()}` } as Record<string, string>;
    if (r.employer) {
      values['employer.uscc'] = r.employer.uscc;
      values['employer.name'] = r.employer.name;
    } else {
      delete values['employer.uscc'];
    }
    const personId = `p-${r.id}`;
    db.prepare(
      `INSERT INTO people (id, type, name, document_number, values_json, created_at, updated_at) VALUES (?, 'foreign', ?, ?, '{}', ?, ?)`,
    ).run(personId, values['person.nameEn'], `E${r.id.toUpperCase()}`, at, at);
    db.prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at, submitted_at, sync_state, person_id)
       VALUES (?, 'license', ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    ).run(r.id, r.status, r.status === 'submitted' ? 1 : 0, JSON.stringify(values), values['person.nameEn'], at, at, r.status === 'submitted' ? at : null, r.status === 'submitted' ? 'pending' : '', personId);
    db.prepare(`INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, 0, '保存', '')`).run(r.id, at);
    if (r.status === 'submitted') {
      db.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, 1, ?, ?)').run(r.id, JSON.stringify(values), at);
      db.prepare(`INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, 1, 'pending', ?)`).run(r.id, at);
    }
  }
  db.close();
}

const start = () => {
  app = openApp({ dataDir: dir, mode: 'browser', version: 'test', now: clock }, { backgroundJobs: false });
  return app;
};

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const e = (await app!.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${channel}: ${e.error.code}: ${e.error.message}`);
  return e.value;
}

const idsIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM records ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};
const storeOf = (key: string) => path.join(dir, 'enterprises', key, 'permit-desk.sqlite');

describe('upgrade from one store per desk to one store per enterprise', () => {
  it('a store of one enterprise moves to that enterprise, still signed in, every record in place', async () => {
    legacyStore(
      [
        { id: 'a1', employer: DEMO, status: 'draft' },
        { id: 'a2', employer: DEMO, status: 'submitted' },
        { id: 'a3', employer: null, status: 'draft' },
      ],
      { email: DEMO.email, profile: DEMO },
    );
    start();
    expect(fs.existsSync(path.join(dir, 'permit-desk.sqlite'))).toBe(false);
    expect(idsIn(storeOf(DEMO.uscc))).toEqual(['a1', 'a2', 'a3']);
    // the pre-migration copy, as with every migration
    expect(fs.readdirSync(dir).some((f) => /^permit-desk\.before-v3\.sqlite$/.test(f))).toBe(true);
    // still signed in as the same enterprise; the desk's settings came along, the enterprise's stayed with it
    expect(await call('auth:current', {})).toMatchObject({ profile: { uscc: DEMO.uscc, email: DEMO.email } });
    const list = await call<{ total: number }>('records:list', { kind: 'license' });
    expect(list.total).toBe(3);
    expect(await call('settings:get', {})).toMatchObject({ bureauUrl: 'http://127.0.0.1:9', syncIntervalMinutes: 7, language: 'en', minimumWage: 2600 });
    expect(await call('sync:status', {})).toMatchObject({ pending: 1 });
  });

  it('a store of several employers is split by each record’s employer; records naming none stay with the signed-in one, and it is reported', async () => {
    legacyStore(
      [
        { id: 'd1', employer: DEMO, status: 'submitted' },
        { id: 'd2', employer: null, status: 'draft' },
        { id: 'z1', employer: ZHUJIANG, status: 'submitted' },
        { id: 'z2', employer: ZHUJIANG, status: 'draft' },
      ],
      { email: DEMO.email, profile: DEMO },
    );
    start();
    expect(idsIn(storeOf(DEMO.uscc))).toEqual(['d1', 'd2']);
    expect(idsIn(storeOf(ZHUJIANG.uscc))).toEqual(['z1', 'z2']);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'upgrade-report.json'), 'utf8')) as { recordsWithoutEmployer: number; keptAs: string; enterprises: { key: string; records: number }[] };
    expect(report.recordsWithoutEmployer).toBe(1);
    expect(report.enterprises).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: DEMO.uscc, records: 2 }), expect.objectContaining({ key: ZHUJIANG.uscc, records: 2 })]),
    );
    expect(fs.existsSync(report.keptAs)).toBe(true);
    // each store carries its records' revisions, outbox rows and people, and nothing of the other
    const z = new Database(storeOf(ZHUJIANG.uscc), { readonly: true });
    expect(z.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(z.prepare('SELECT COUNT(*) AS n FROM revisions').get()).toEqual({ n: 1 });
    expect((z.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]).map((p) => p.id)).toEqual(['p-z1', 'p-z2']);
    expect(z.prepare("SELECT COUNT(*) AS n FROM meta WHERE key IN ('profile', 'offline-credential')").get()).toEqual({ n: 0 });
    z.close();
    // the signed-in enterprise sees its own two; the other enterprise is listed for 切换单位 with its pending upload
    expect((await call<{ total: number }>('records:list', { kind: 'license' })).total).toBe(2);
    const { enterprises } = await call<{ enterprises: { uscc: string; name: string; pendingUploads: number }[] }>('enterprises:list', {});
    expect(enterprises.find((e) => e.uscc === ZHUJIANG.uscc)).toMatchObject({ name: ZHUJIANG.name });
  });

  it('a store nobody signed in on waits for the first enterprise that signs in', async () => {
    legacyStore([{ id: 'n1', employer: null, status: 'draft' }], null);
    // a desk with no bureau: any email signs in locally
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'desk.json'), JSON.stringify({ version: 1, settings: { bureauUrl: '' }, enterprises: [], session: null }));
    start();
    expect(await call('auth:current', {})).toEqual({ profile: null });
    await call('auth:login', { email: 'hr@example.com', password: 'pw' });
    expect(idsIn(storeOf(localKey('hr@example.com')))).toEqual(['n1']);
    expect(fs.existsSync(path.join(dir, 'enterprises', '_unclaimed'))).toBe(false);
  });

  it('a split interrupted halfway (a crash, a kill) is completed by the next start, every row once', async () => {
    legacyStore(
      [
        { id: 'd1', employer: DEMO, status: 'submitted' },
        { id: 'z1', employer: ZHUJIANG, status: 'submitted' },
        { id: 'z2', employer: ZHUJIANG, status: 'draft' },
      ],
      { email: DEMO.email, profile: DEMO },
    );
    start().close();
    app = null;
    // put back what a crash before the last step leaves: the old file in place, the owner's store not yet made
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'upgrade-report.json'), 'utf8')) as { keptAs: string };
    fs.renameSync(report.keptAs, path.join(dir, 'permit-desk.sqlite'));
    fs.rmSync(path.join(dir, 'enterprises', DEMO.uscc), { recursive: true });
    fs.rmSync(path.join(dir, 'desk.json'));
    start();
    expect(idsIn(storeOf(DEMO.uscc))).toEqual(['d1']);
    expect(idsIn(storeOf(ZHUJIANG.uscc))).toEqual(['z1', 'z2']);
    const z = new Database(storeOf(ZHUJIANG.uscc), { readonly: true });
    expect(z.prepare('SELECT COUNT(*) AS n FROM revisions').get()).toEqual({ n: 1 });
    expect(z.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    z.close();
  });

  it('a form’s autosave goes with its record; the bureau’s cursors are not kept for the owner of a split store', async () => {
    legacyStore(
      [
        { id: 'd1', employer: DEMO, status: 'draft' },
        { id: 'z1', employer: ZHUJIANG, status: 'draft' },
      ],
      { email: DEMO.email, profile: DEMO },
    );
    const old = new Database(path.join(dir, 'permit-desk.sqlite'));
    const put = old.prepare('INSERT INTO autosave (key, values_json, updated_at) VALUES (?, ?, ?)');
    put.run('form:license:z1', JSON.stringify({ 'person.nameEn': 'ZHUJIANG UNSAVED EDIT' }), '2026-11-20T00:00:00Z');
    put.run('form:license:d1', JSON.stringify({ 'person.nameEn': 'DEMO UNSAVED EDIT' }), '2026-11-20T00:00:00Z');
    old.prepare("INSERT INTO meta (key, value) VALUES ('sync.cursor', '4242')").run();
    old.close();
    start();
    const keys = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT key FROM autosave ORDER BY key').all() as { key: string }[]).map((r) => r.key);
      } finally {
        db.close();
      }
    };
    expect(keys(storeOf(ZHUJIANG.uscc))).toEqual(['form:license:z1']);
    expect(keys(storeOf(DEMO.uscc))).toEqual(['form:license:d1']);
    const d = new Database(storeOf(DEMO.uscc), { readonly: true });
    expect(d.prepare("SELECT COUNT(*) AS n FROM meta WHERE key = 'sync.cursor'").get()).toEqual({ n: 0 });
    d.close();
  });

  it('the enterprise that claims a store nobody signed in on gets its records, not the old account’s profile, credential or cursors', async () => {
    legacyStore([{ id: 'n1', employer: null, status: 'draft' }], null);
    const old = new Database(path.join(dir, 'permit-desk.sqlite'));
    old.prepare("INSERT INTO meta (key, value) VALUES ('sync.cursor', '4242'), ('offline-credential', '{}'), ('profile', '{\"name\":\"OLD\"}')").run();
    old.close();
    fs.writeFileSync(path.join(dir, 'desk.json'), JSON.stringify({ version: 1, settings: { bureauUrl: '' }, enterprises: [], session: null }));
    start();
    await call('auth:login', { email: 'hr@example.com', password: 'pw' });
    const db = new Database(storeOf(localKey('hr@example.com')), { readonly: true });
    expect(db.prepare("SELECT key FROM meta WHERE key IN ('sync.cursor', 'offline-credential') ORDER BY key").all()).toEqual([]);
    db.close();
    expect(await call('auth:current', {})).toMatchObject({ profile: { name: '' } });
  });

  it('a backup taken before the split, holding other employers’ records, is not restored into the owner’s store', async () => {
    legacyStore(
      [
        { id: 'd1', employer: DEMO, status: 'draft' },
        { id: 'z1', employer: ZHUJIANG, status: 'draft' },
      ],
      { email: DEMO.email, profile: DEMO },
    );
    const oldBackup = path.join(dir, 'old-backup.sqlite');
    fs.copyFileSync(path.join(dir, 'permit-desk.sqlite'), oldBackup);
    start();
    await expect(restoreBackup(() => app!.core, oldBackup, undefined, { dataOnly: true })).rejects.toThrow(/其他单位.*other employers/s);
    expect(idsIn(storeOf(DEMO.uscc))).toEqual(['d1']);
  });

  it('a second start changes nothing', async () => {
    legacyStore([{ id: 'a1', employer: DEMO, status: 'draft' }], { email: DEMO.email, profile: DEMO });
    start().close();
    const before = fs.readdirSync(dir).sort();
    start();
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(idsIn(storeOf(DEMO.uscc))).toEqual(['a1']);
  });
});
