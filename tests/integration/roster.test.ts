/**
 * The people roster: a person entered once and used in several applications, submission
 * updating the person with history, auto-linking on submit, the refusals, the frozen record,
 * and migration 2 from a version-1 store with data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { openApp } from '../../main/services';
import { DATABASE_FILE } from '../../main/services/store/database';
import { LATEST_VERSION, migrate, schemaVersion } from '../../main/services/store/migrations';
import { BlobStore } from '../../main/services/store/blobs';
import type { RecordDetail, ReplyOf } from '../../shared/bridge/contract';
import type { Envelope, ErrorCode } from '../../shared/bridge/envelope';
import type { DocumentKind, FormValues } from '../../shared/documents';
import {
  FIXTURE_TODAY,
  HMT_PERMIT_VALUES,
  LICENSE_VALUES,
  RECRUITMENT_VALUES,
} from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { rosterAttempts } from '../helpers/frozenAttempts/roster';

let app: ReturnType<typeof openApp>;
let dataDir: string;
let cleanup: () => void;

const clock = () => new Date(`${FIXTURE_TODAY}T02:00:00Z`);

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dataDir = t.dir;
  app = openApp({ dataDir, mode: 'browser', version: 'test', defaultBureauUrl: '', now: clock });
  await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
});
afterEach(() => {
  app.close();
  cleanup();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const e = (await app.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value;
}
async function refused(channel: string, payload: unknown): Promise<{ code: ErrorCode; message: string; fields?: Record<string, string> }> {
  const e = await app.dispatch(channel, payload);
  if (e.ok) throw new Error(`${channel} was expected to be refused`);
  return e.error;
}
const only = (values: FormValues, prefix: string) => Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith(prefix)));
const withoutPrefix = (values: FormValues, prefix: string) => Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith(prefix)));

const SMITH = only(LICENSE_VALUES, 'person.');
const CHEN = only(HMT_PERMIT_VALUES, 'hmt.');

type Detail = ReplyOf<'people:get'>;
const savePerson = (type: 'foreign' | 'hmt', values: FormValues, id?: string) =>
  call<Detail>('people:save', { type, values, ...(id ? { id } : {}) });
const getPerson = (id: string) => call<Detail>('people:get', { id });
const saveRecord = (kind: DocumentKind, values: FormValues) => call<RecordDetail>('records:save', { kind, values });
/** the signed-in enterprise's store file, opened beside the app to see what is on disk */
const storeFile = () => app.core.db.name;
const rawRow = (id: string) => {
  const db = new Database(storeFile(), { readonly: true });
  try {
    return db.prepare('SELECT * FROM records WHERE id = ?').get(id);
  } finally {
    db.close();
  }
};

describe('人员名册: the roster', () => {
  it('stores a person once and finds them by name, word, Chinese name or document-number prefix, paged', async () => {
    const smith = await savePerson('foreign', SMITH);
    expect(smith.person).toMatchObject({
      type: 'foreign',
      name: 'JOHN MICHAEL SMITH',
      nameZh: '史密斯',
      documentNumber: '533281947',
      nationality: 'GB',
      birthDate: '1985-04-12',
      documentCount: 0,
      permit: null,
    });
    expect(smith.person.values).toEqual(SMITH);
    expect(smith.history.map((h) => h.action)).toEqual(['新建']);
    await savePerson('hmt', CHEN);
    for (let i = 0; i < 12; i++) {
      await savePerson('foreign', { ...SMITH, 'person.nameEn': `ANNA TEST ${String(i).padStart(2, '0')}`, 'person.nameZh': '', 'person.passportNo': `P9${i}00000` });
    }
    const list = (query: string, page = 1) => call<ReplyOf<'people:list'>>('people:list', { query, page, pageSize: 10 });
    expect((await list('john')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('SMI')).rows.map((r) => r.id)).toEqual([smith.person.id]); // a later word of the name
    expect((await list('史密')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('5332')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('陈家')).rows[0]).toMatchObject({ type: 'hmt', name: '陈家明', documentNumber: '810000199001011230', nationality: '香港居民' });
    // any part: of a word of the name, of the Chinese name, of the number, in any case
    expect((await list('mith')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('密斯')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('家明')).rows.map((r) => r.name)).toEqual(['陈家明']);
    expect((await list('L SMI')).rows.map((r) => r.id)).toEqual([smith.person.id]);
    expect((await list('%')).total).toBe(0); // LIKE wildcards are literal
    const all1 = await list('');
    expect(all1.total).toBe(14);
    expect(all1.rows).toHaveLength(10);
    const all2 = await list('', 2);
    expect(all2.rows).toHaveLength(4);
    expect(new Set([...all1.rows, ...all2.rows].map((r) => r.id)).size).toBe(14);
    expect((await list('ANNA', 2)).rows).toHaveLength(2);
  });

  it('refuses a nameless person, unknown fields, a second person with the same document number, and a type change', async () => {
    expect((await refused('people:save', { type: 'foreign', values: { 'person.sex': '男' } })).fields).toHaveProperty(['person.nameEn']);
    expect((await refused('people:save', { type: 'foreign', values: { ...SMITH, 'hmt.name': 'x' } })).code).toBe('INVALID_INPUT');
    expect((await refused('people:save', { type: 'foreign', values: { ...SMITH, 'person.nameEn': 'X'.repeat(101) } })).code).toBe('INVALID_INPUT');
    const smith = await savePerson('foreign', SMITH);
    const twin = await refused('people:save', { type: 'foreign', values: { ...SMITH, 'person.nameEn': 'JOHN SMITH' } });
    expect(twin.code).toBe('INVALID_INPUT');
    expect(twin.fields?.['person.passportNo']).toMatch(/名册中已有/);
    expect((await refused('people:save', { id: smith.person.id, type: 'hmt', values: CHEN })).code).toBe('INVALID_INPUT');
    expect((await refused('people:get', { id: 'nobody' })).code).toBe('NOT_FOUND');
    // editing keeps one person and records what changed
    const edited = await savePerson('foreign', { ...SMITH, 'person.health': '良好' }, smith.person.id);
    expect(edited.person.values['person.health']).toBe('良好');
    expect(edited.history[0]).toMatchObject({ action: '修改', recordId: null, changes: [{ key: 'person.health', label: '健康状况', from: '健康', to: '良好' }] });
    // the person's own problems, by the forms' rules (photo present, passport valid: none)
    expect(edited.problems).toEqual([]);
    const incomplete = await savePerson('foreign', { 'person.nameEn': 'ONLY NAME' });
    expect(incomplete.problems.map((p) => p.field)).toContain('person.passportNo');
    expect(incomplete.problems.every((p) => p.field.startsWith('person.'))).toBe(true);
  });

  it('a person used in two applications: both prefilled, both linked, both on the person page', async () => {
    const smith = await savePerson('foreign', SMITH);
    const id = smith.person.id;

    const lic = await call<ReplyOf<'people:startApplication'>>('people:startApplication', { personId: id, kind: 'license' });
    expect(lic).toEqual({ values: SMITH, sourceId: null, number: null });
    const rec = await call<ReplyOf<'people:startApplication'>>('people:startApplication', { personId: id, kind: 'recruitment' });
    expect(rec.values).toEqual(SMITH);
    // an HMT application cannot start from a foreign national
    expect((await refused('people:startApplication', { personId: id, kind: 'hmt-permit' })).code).toBe('INVALID_INPUT');

    const license = await saveRecord('license', { ...withoutPrefix(LICENSE_VALUES, 'person.'), ...lic.values });
    const recruitment = await saveRecord('recruitment', { ...withoutPrefix(RECRUITMENT_VALUES, 'person.'), ...rec.values });
    expect(await call('people:attach', { recordId: license.id, personId: id })).toEqual({ recordId: license.id, personId: id });
    await call('people:attach', { recordId: recruitment.id, personId: id });

    const page = await getPerson(id);
    expect(page.person.documentCount).toBe(2);
    expect(page.documents.map((d) => [d.id, d.kind, d.status]).sort()).toEqual(
      [
        [license.id, 'license', 'draft'],
        [recruitment.id, 'recruitment', 'draft'],
      ].sort(),
    );
    expect(page.history.filter((h) => h.action === '关联申请').map((h) => h.recordId).sort()).toEqual([license.id, recruitment.id].sort());
    expect((await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId: license.id })).person?.id).toBe(id);
    // next steps of a foreign national without approvals: license, recruitment, and today's work-permit notice
    expect(page.nextSteps.map((s) => s.kind)).toEqual(['license', 'recruitment', 'wp-notice']);

    // an HMT resident cannot be attached to a foreign national's application
    const chen = await savePerson('hmt', CHEN);
    expect((await refused('people:attach', { recordId: license.id, personId: chen.person.id })).code).toBe('INVALID_INPUT');
  });

  it('submitting updates the person from the submitted fields, with history naming the application', async () => {
    const smith = await savePerson('foreign', SMITH);
    const id = smith.person.id;
    const values = { ...LICENSE_VALUES, 'person.passportExpiry': '2033-01-31', 'person.health': '良好', 'person.major': '' };
    const draft = await saveRecord('license', values);
    await call('people:attach', { recordId: draft.id, personId: id });
    // saving a draft does not touch the person
    expect((await getPerson(id)).person.values['person.health']).toBe('健康');

    const submitted = await call<RecordDetail>('records:submit', { id: draft.id });
    expect(submitted.status).toBe('submitted');
    const page = await getPerson(id);
    expect(page.person.values['person.passportExpiry']).toBe('2033-01-31');
    expect(page.person.values['person.health']).toBe('良好');
    expect(page.person.values['person.major']).toBeUndefined(); // cleared in the application
    const entry = page.history[0];
    expect(entry).toMatchObject({ action: '提交申请时更新', recordId: draft.id, recordKind: 'license', revision: 1 });
    expect(entry?.changes.map((c) => c.label).sort()).toEqual(['护照有效期至', '健康状况', '所学专业'].sort());
    expect(entry?.changes.find((c) => c.key === 'person.health')).toEqual({ key: 'person.health', label: '健康状况', from: '健康', to: '良好' });
    // the person page shows the due date of the pending pre-review: Saturday 11-28 → Monday 11-30 + 5 working days
    expect(page.documents[0]).toMatchObject({ id: draft.id, status: 'submitted', dueDate: '2026-12-07', beyondCalendar: false });
    // a submitted record cannot be re-linked
    const other = await savePerson('foreign', { ...SMITH, 'person.passportNo': 'X1234567' });
    expect((await refused('people:attach', { recordId: draft.id, personId: other.person.id })).code).toBe('INVALID_STATE');
  });

  it('a submission without a person links to the person with the same document number, or creates one', async () => {
    const smith = await savePerson('foreign', SMITH);
    const recruitment = await saveRecord('recruitment', { ...withoutPrefix(RECRUITMENT_VALUES, 'person.'), ...SMITH });
    await call('records:submit', { id: recruitment.id });
    expect((await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId: recruitment.id })).person?.id).toBe(smith.person.id);
    const page = await getPerson(smith.person.id);
    expect(page.documents.map((d) => d.id)).toEqual([recruitment.id]);
    expect(page.history[0]).toMatchObject({ action: '关联申请', recordId: recruitment.id, changes: [] });

    const hmt = await saveRecord('hmt-permit', HMT_PERMIT_VALUES);
    expect((await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId: hmt.id })).person).toBeNull();
    await call('records:submit', { id: hmt.id });
    const linked = (await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId: hmt.id })).person;
    expect(linked).toMatchObject({ type: 'hmt', name: '陈家明', documentNumber: '810000199001011230', documentCount: 1 });
    const chen = await getPerson(linked!.id);
    expect(chen.person.values).toEqual(CHEN);
    expect(chen.history.map((h) => [h.action, h.recordId])).toEqual([['由申请创建', hmt.id]]);
    expect((await call<ReplyOf<'people:list'>>('people:list', {})).total).toBe(2);
  });

  it('no roster channel changes a submitted record', async () => {
    const record = await call<RecordDetail>('records:submit', { id: (await saveRecord('license', LICENSE_VALUES)).id });
    const before = rawRow(record.id);
    expect(before).toMatchObject({ status: 'submitted' });
    expect((before as { person_id: string | null }).person_id).not.toBeNull();
    for (const [channel, payload] of Object.entries(rosterAttempts(record.id))) {
      await app.dispatch(channel, payload);
      expect(rawRow(record.id), `after ${channel}`).toEqual(before);
    }
    // the database refuses to re-link it too
    const db = new Database(storeFile());
    try {
      expect(() => db.prepare('UPDATE records SET person_id = NULL WHERE id = ?').run(record.id)).toThrow(/RECORD_FROZEN/);
    } finally {
      db.close();
    }
  });
});

describe('migration 2', () => {
  it('from a version-1 store with data: records kept, person_id empty, roster empty, and the new trigger in force', () => {
    app.close();
    const t = tempDir();
    try {
      const db = new Database(path.join(t.dir, DATABASE_FILE));
      db.pragma('foreign_keys = ON');
      migrate(db, { target: 1 });
      expect(schemaVersion(db)).toBe(1);
      const insert = db.prepare(
        `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run('draft-1', 'license', 'draft', 0, JSON.stringify(LICENSE_VALUES), 'JOHN MICHAEL SMITH', '533281947', 'a', 'a', null);
      insert.run('sub-1', 'hmt-permit', 'submitted', 1, JSON.stringify(HMT_PERMIT_VALUES), '陈家明', '810000199001011230', 'b', 'b', 'b');
      db.prepare("INSERT INTO meta (key, value) VALUES ('profile', '{}')").run();
      const before = db.prepare('SELECT * FROM records ORDER BY id').all();

      migrate(db, { backupTo: (v) => path.join(t.dir, `before-v${v}.sqlite`) });
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
      const after = db.prepare('SELECT * FROM records ORDER BY id').all() as Record<string, unknown>[];
      // the photos now live in blobs (v8): resolved, the values are what they were
      const blobs = new BlobStore(db);
      const resolved = after.map(({ person_id: _p, ...rest }) => ({ ...rest, values_json: JSON.stringify(blobs.resolve(JSON.parse(rest.values_json as string) as FormValues)) }));
      expect(resolved).toEqual(before);
      expect(after.map((r) => r.person_id)).toEqual([null, null]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM person_history').get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT value FROM meta WHERE key = 'profile'").get()).toEqual({ value: '{}' });

      // a draft can be linked; a submitted record cannot; a link must point at a person
      db.prepare(
        `INSERT INTO people (id, type, name, values_json, created_at, updated_at) VALUES ('p1', 'foreign', 'JOHN MICHAEL SMITH', ?, 'c', 'c')`,
      ).run(JSON.stringify(SMITH));
      expect(db.prepare("UPDATE records SET person_id = 'p1' WHERE id = 'draft-1'").run().changes).toBe(1);
      expect(() => db.prepare("UPDATE records SET person_id = 'p1' WHERE id = 'sub-1'").run()).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare("UPDATE records SET person_id = 'nobody' WHERE id = 'draft-1'").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO people (id, type, values_json, created_at, updated_at) VALUES ('p2', 'alien', '{}', 'c', 'c')").run()).toThrow(
        /CHECK/,
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    } finally {
      t.cleanup();
      // the afterEach closes `app` again (a no-op) and removes its folder
    }
  });

  it('the app opens a migrated version-1 store and the roster works on its old records', async () => {
    app.close();
    const t = tempDir();
    const own = cleanup;
    cleanup = () => {
      own();
      t.cleanup();
    };
    // a draft naming no employer: the old store waits for the first enterprise that signs in
    const { 'employer.uscc': _uscc, ...noEmployer } = LICENSE_VALUES;
    const db = new Database(path.join(t.dir, DATABASE_FILE));
    migrate(db, { target: 1 });
    db.prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
       VALUES ('old-draft', 'license', 'draft', 0, ?, 'JOHN MICHAEL SMITH', '533281947', 'a', 'a')`,
    ).run(JSON.stringify(noEmployer));
    db.close();
    app = openApp({ dataDir: t.dir, mode: 'browser', version: 'test', defaultBureauUrl: '', now: clock });
    await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
    await call('records:save', { id: 'old-draft', kind: 'license', values: LICENSE_VALUES });
    await call('records:submit', { id: 'old-draft' });
    const person = (await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId: 'old-draft' })).person;
    expect(person).toMatchObject({ name: 'JOHN MICHAEL SMITH', documentCount: 1 });
    // the afterEach closes this app and removes both folders
  });
});
