import { storeFile } from '../helpers/storeFile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openApp } from '../../main/services';
import { CHANNEL_NAMES } from '../../shared/bridge/contract';
import type { Envelope } from '../../shared/bridge/envelope';
import type { RecordDetail } from '../../shared/bridge/contract';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents';
import { FIXTURE_LICENSE_NO, FIXTURE_TODAY, LICENSE_VALUES, RECRUITMENT_VALUES, VALID_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { dataAttempts } from '../helpers/frozenAttempts/data';
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
async function refused(channel: string, payload: unknown) {
  const e = await app.dispatch(channel, payload);
  if (e.ok) throw new Error(`${channel} was expected to be refused`);
  return e.error;
}
const save = (kind: DocumentKind, values: Record<string, string>, extra: object = {}) =>
  call<RecordDetail>('records:save', { kind, values, ...extra });
const rawRow = (id: string) => {
  const db = new Database(storeFile(dataDir), { readonly: true });
  try {
    return db.prepare('SELECT * FROM records WHERE id = ?').get(id);
  } finally {
    db.close();
  }
};

describe('lifecycle: save → 未提交 → submit → 待预审 → 预审通过 | 预审不通过 → 修改 → …', () => {
  it.each(DOCUMENT_KINDS)('%s: a valid record saves as 未提交 and submits as revision 1', async (kind) => {
    const draft = await save(kind, VALID_VALUES[kind]);
    expect(draft).toMatchObject({ status: 'draft', revision: 0, syncState: '' });
    expect(draft.problems.filter((p) => p.severity === 'block')).toEqual([]);
    const submitted = await call<RecordDetail>('records:submit', { id: draft.id });
    expect(submitted).toMatchObject({ status: 'submitted', revision: 1, syncState: 'pending' });
    expect(submitted.history.map((h) => h.action)).toEqual(['新建', '提交']);
  });

  it('a form with neither a name nor a document number is refused with a message, and nothing is stored', async () => {
    const before = await call<{ total: number }>('records:list', { kind: 'license' });
    const error = await refused('records:save', { kind: 'license', values: { 'job.salary': '9000' } });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/请至少填写姓名或证件号码.* \/ Enter at least a name or a document number/);
    expect((await call<{ total: number }>('records:list', { kind: 'license' })).total).toBe(before.total);
    // a name alone is enough (the number may come later)
    expect((await save('license', { 'person.nameEn': 'JOHN SMITH' })).status).toBe('draft');
  });

  it('a draft with only a name saves (with its problems listed) but does not submit, and nothing changes', async () => {
    const draft = await save('license', { 'person.nameEn': 'JOHN SMITH' });
    expect(draft.status).toBe('draft');
    expect(draft.problems.some((p) => p.severity === 'block')).toBe(true);
    const before = rawRow(draft.id);
    const error = await refused('records:submit', { id: draft.id });
    expect(error.code).toBe('SUBMIT_BLOCKED');
    expect(error.message).toMatch(/处问题需要改正后才能提交/);
    expect(Object.keys(error.fields ?? {})).toContain('employer.name');
    expect(rawRow(draft.id)).toEqual(before);
  });

  it('refuses to submit a license without the police opinion, with its message', async () => {
    const values = { ...LICENSE_VALUES };
    delete values['police.opinion'];
    delete values['police.date'];
    const draft = await save('license', values);
    const error = await refused('records:submit', { id: draft.id });
    expect(error.code).toBe('SUBMIT_BLOCKED');
    expect(error.fields?.['police.opinion']).toMatch(/市公安出入境管理部门意见/);
  });

  it('a submitted record cannot be changed through any bridge channel', async () => {
    const record = await call<RecordDetail>('records:submit', { id: (await save('license', LICENSE_VALUES)).id });
    const before = rawRow(record.id);
    const attempts: Record<string, unknown> = {
      'records:save': { id: record.id, kind: 'license', values: { ...LICENSE_VALUES, 'job.salary': '99999' } },
      'records:submit': { id: record.id },
      'records:prefill': { kind: 'registration-licensed', number: FIXTURE_LICENSE_NO },
      'records:prefillFrom': { kind: 'registration-exempt', sourceId: record.id },
      'records:delete': { ids: [record.id] },
      'records:get': { id: record.id },
      'records:list': { kind: 'license' },
      'records:check': { kind: 'license', values: {} },
      'autosave:put': { key: `form:license:${record.id}`, values: { 'job.salary': '1' } },
      'autosave:clear': { key: `form:license:${record.id}` },
      'autosave:get': { key: `form:license:${record.id}` },
      'profile:save': { name: 'x', uscc: '', address: '', postcode: '', type: '', legalRep: '', contact: '', phone: '' },
      'settings:save': { minimumWage: 100 },
      'settings:get': {},
      'sync:run': {},
      'sync:status': {},
      'bureau:probe': {},
      'task:cancel': { task: 'none' },
      'print:preview': { id: record.id, document: 'form' },
      'print:printers': {},
      'print:print': { id: record.id, document: 'form', printer: 'CUPS-PDF' },
      'print:previewBatch': { ids: [record.id] },
      'print:printBatch': { ids: [record.id], printer: 'none' },
      'app:info': {},
      'app:setLanguage': { language: 'en' },
      'auth:current': {},
      'auth:logout': {},
      'auth:login': { email: 'hr@example.com', password: 'pw' },
      'enterprises:list': {},
      ...dataAttempts(record.id),
      ...rosterAttempts(record.id),
    };
    // every channel of the contract is tried (a new channel must be added here)
    expect(Object.keys(attempts).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const [channel, payload] of Object.entries(attempts)) {
      await app.dispatch(channel, payload);
      expect(rawRow(record.id), `after ${channel}`).toEqual(before);
    }
    const error = await refused('records:save', attempts['records:save']);
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toMatch(/已提交/);
    const deletion = await refused('records:delete', attempts['records:delete']);
    expect(deletion.code).toBe('INVALID_STATE');
    expect(deletion.message).toMatch(/只能删除未提交过的申请.*JOHN|Only never-submitted drafts/);
  });

  it('deletes drafts, one or many, logging each; a rejected (once submitted) record, even re-saved as 未提交, is never deleted', async () => {
    const a = await save('license', { 'person.nameEn': 'ANNA DRAFT' });
    const b = await save('license', { 'person.passportNo': 'E12345678' });
    const kept = await save('license', { 'person.nameEn': 'KEPT DRAFT' });
    // a draft started from a person of the roster is linked to them: it deletes all the same
    const person = await call<{ person: { id: string } }>('people:save', { type: 'foreign', values: { 'person.nameEn': 'ANNA DRAFT' } });
    await call('people:attach', { recordId: a.id, personId: person.person.id });
    await call('autosave:put', { key: `form:license:${a.id}`, values: { 'person.nameEn': 'ANNA' } });
    const { deleted } = await call<{ deleted: { id: string; personName: string }[] }>('records:delete', { ids: [a.id, b.id] });
    expect(deleted.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(rawRow(a.id)).toBeUndefined();
    expect(rawRow(b.id)).toBeUndefined();
    expect(rawRow(kept.id)).toBeDefined();
    expect((await call<{ values: unknown }>('autosave:get', { key: `form:license:${a.id}` })).values).toBeNull();
    expect((await refused('records:get', { id: a.id })).code).toBe('NOT_FOUND');
    expect((await call<{ person: { id: string } }>('people:get', { id: person.person.id })).person.id).toBe(person.person.id);
    // the deletion is recorded and survives
    const db = new Database(storeFile(dataDir), { readonly: true });
    try {
      const log = db.prepare('SELECT record_id, person_name, history_json FROM deleted_drafts WHERE record_id = ?').get(a.id) as
        | { record_id: string; person_name: string; history_json: string }
        | undefined;
      expect(log).toMatchObject({ record_id: a.id, person_name: 'ANNA DRAFT' });
      expect(JSON.parse(log?.history_json ?? '[]')).toEqual([expect.objectContaining({ action: '新建' })]);
    } finally {
      db.close();
    }
    const writable = new Database(storeFile(dataDir));
    try {
      expect(() => writable.prepare('DELETE FROM deleted_drafts').run()).toThrow(/RECORD_FROZEN/);
    } finally {
      writable.close();
    }

    // submitted, rejected, re-saved: 未提交 again, but it was submitted once; with a draft, all or none
    const once = await call<RecordDetail>('records:submit', { id: (await save('license', LICENSE_VALUES)).id });
    const sync = new Database(storeFile(dataDir));
    try {
      sync.prepare("UPDATE records SET sync_state = 'uploaded' WHERE id = ?").run(once.id); // as the sync engine does
    } finally {
      sync.close();
    }
    expect(app.core.records.applyReview({ id: once.id, revision: 1, decision: 'rejected', reason: '材料不全' })).toBe(true);
    const resaved = await save('license', { ...LICENSE_VALUES, 'job.salary': '20000' }, { id: once.id });
    expect(resaved.status).toBe('draft');
    // its changes are not at the bureau: 待上传, not 已上传
    expect(resaved.syncState).toBe('pending');
    const before = rawRow(once.id);
    const error = await refused('records:delete', { ids: [kept.id, once.id] });
    expect(error.code).toBe('INVALID_STATE');
    expect(rawRow(once.id)).toEqual(before);
    expect(rawRow(kept.id)).toBeDefined();
  });

  it('records:delete refuses the worst requests and deletes nothing: too many ids, an unknown id among known ones, a repeated id', async () => {
    const a = await save('license', { 'person.nameEn': 'ALPHA DRAFT' });
    const b = await save('license', { 'person.nameEn': 'BRAVO DRAFT' });
    const tooMany = Array.from({ length: 101 }, () => a.id);
    expect((await refused('records:delete', { ids: tooMany })).code).toBe('BAD_REQUEST');
    expect((await refused('records:delete', { ids: [] })).code).toBe('BAD_REQUEST');
    const unknown = await refused('records:delete', { ids: [a.id, '00000000-0000-4000-8000-000000000000'] });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(rawRow(a.id)).toBeDefined();
    const twice = await app.dispatch('records:delete', { ids: [b.id, b.id] });
    // a repeated id is the same draft: deleted once, or refused whole, never an error of the store
    if (twice.ok) expect((twice.value as { deleted: unknown[] }).deleted).toHaveLength(1);
    else expect(['BAD_REQUEST', 'INVALID_INPUT']).toContain(twice.error.code);
    expect(rawRow(a.id)).toBeDefined();
  });

  it('the database itself refuses an UPDATE or DELETE of a submitted record (trigger)', async () => {
    const record = await call<RecordDetail>('records:submit', { id: (await save('license', LICENSE_VALUES)).id });
    const db = new Database(storeFile(dataDir));
    try {
      expect(() => db.prepare("UPDATE records SET values_json = '{}' WHERE id = ?").run(record.id)).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare("UPDATE records SET status = 'draft' WHERE id = ?").run(record.id)).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare("UPDATE records SET person_name = 'X' WHERE id = ?").run(record.id)).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare('DELETE FROM records WHERE id = ?').run(record.id)).toThrow(/RECORD_FROZEN/);
      expect(() => db.prepare("UPDATE revisions SET values_json = '{}' WHERE record_id = ?").run(record.id)).toThrow(/RECORD_FROZEN/);
      // the sync bookkeeping may still move
      expect(db.prepare("UPDATE records SET sync_state = 'uploaded' WHERE id = ?").run(record.id).changes).toBe(1);
    } finally {
      db.close();
    }
  });

  it('rejection → 修改 → 提交 makes revision 2; a result for revision 1 is then ignored', async () => {
    const { records } = app.core;
    const id = (await save('license', LICENSE_VALUES)).id;
    await call('records:submit', { id });
    expect(records.applyReview({ id, revision: 2, decision: 'approved' })).toBe(false); // no such revision yet
    expect(records.applyReview({ id, revision: 1, decision: 'rejected', reason: '照片不符合要求，请重新上传 / Photo rejected' })).toBe(true);
    let detail = await call<RecordDetail>('records:get', { id });
    expect(detail).toMatchObject({ status: 'rejected', reviewReason: '照片不符合要求，请重新上传 / Photo rejected' });

    detail = await save('license', { ...LICENSE_VALUES, 'job.salary': '36000' }, { id });
    expect(detail).toMatchObject({ status: 'draft', revision: 1 });
    detail = await call<RecordDetail>('records:submit', { id });
    expect(detail).toMatchObject({ status: 'submitted', revision: 2 });

    expect(records.applyReview({ id, revision: 1, decision: 'approved' })).toBe(false); // stale result
    expect((await call<RecordDetail>('records:get', { id })).status).toBe('submitted');
    expect(records.applyReview({ id, revision: 2, decision: 'approved', certificateNo: FIXTURE_LICENSE_NO })).toBe(true);
    detail = await call<RecordDetail>('records:get', { id });
    expect(detail).toMatchObject({ status: 'approved', certificateNo: FIXTURE_LICENSE_NO });
    expect(detail.history.map((h) => h.action)).toEqual(['新建', '提交', '预审不通过', '预审不通过后修改', '提交', '预审通过']);
    expect((await refused('records:save', { id, kind: 'license', values: LICENSE_VALUES })).code).toBe('INVALID_STATE');
  });

  it('number page: a malformed number is refused; a known one prefills from the approved license', async () => {
    expect(await refused('records:prefill', { kind: 'registration-licensed', number: 'GZ123' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('就业许可证书号码格式不正确'),
    });
    const unknown = await call<{ values: Record<string, string>; source: string }>('records:prefill', { kind: 'registration-licensed', number: FIXTURE_LICENSE_NO });
    expect(unknown).toEqual({ values: { licenseNo: FIXTURE_LICENSE_NO }, source: 'none' });

    const id = (await save('license', LICENSE_VALUES)).id;
    await call('records:submit', { id });
    app.core.records.applyReview({ id, revision: 1, decision: 'approved', certificateNo: FIXTURE_LICENSE_NO });
    const known = await call<{ values: Record<string, string>; source: string }>('records:prefill', { kind: 'registration-licensed', number: FIXTURE_LICENSE_NO.toLowerCase() });
    expect(known.source).toBe('local');
    expect(known.values).toMatchObject({ licenseNo: FIXTURE_LICENSE_NO, 'person.nameEn': LICENSE_VALUES['person.nameEn'], 'job.title': LICENSE_VALUES['job.title'] });
  });

  it('recruitment 【填写】: one exempt registration per approved application', async () => {
    const id = (await save('recruitment', RECRUITMENT_VALUES)).id;
    expect((await refused('records:prefillFrom', { kind: 'registration-exempt', sourceId: id })).code).toBe('INVALID_STATE');
    await call('records:submit', { id });
    app.core.records.applyReview({ id, revision: 1, decision: 'approved' });
    const { values } = await call<{ values: Record<string, string> }>('records:prefillFrom', { kind: 'registration-exempt', sourceId: id });
    expect(values['person.nameEn']).toBe(RECRUITMENT_VALUES['person.nameEn']);
    await save('registration-exempt', values, { sourceId: id });
    const list = await call<{ rows: { id: string; hasRegistration: boolean }[] }>('records:list', { kind: 'recruitment' });
    expect(list.rows.find((r) => r.id === id)?.hasRegistration).toBe(true);
    expect((await refused('records:save', { kind: 'registration-exempt', values, sourceId: id })).message).toMatch(/已填写过/);
  });

  it('lists page by page with filters, newest first, with the total', async () => {
    for (let i = 0; i < 23; i++) await save('license', { ...LICENSE_VALUES, 'person.nameEn': i < 20 ? `SMITH ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}` : `DOE ${'ABC'[i - 20]}` });
    const page3 = await call<{ rows: unknown[]; total: number }>('records:list', { kind: 'license', page: 3, pageSize: 10 });
    expect(page3.total).toBe(23);
    expect(page3.rows).toHaveLength(3);
    const does = await call<{ rows: { personName: string }[]; total: number }>('records:list', { kind: 'license', filter: { name: 'doe' } });
    expect(does.total).toBe(3);
    const pct = await call<{ total: number }>('records:list', { kind: 'license', filter: { name: '%' } });
    expect(pct.total).toBe(0);
    const drafts = await call<{ total: number }>('records:list', { kind: 'license', filter: { submitState: '已提交' } });
    expect(drafts.total).toBe(0);
  });
});
