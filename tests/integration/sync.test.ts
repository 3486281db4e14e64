/**
 * The sync engine against the real sandbox bureau on loopback, with its fault injection.
 * After each fault test the two sides agree: one submission on the bureau per submitted revision.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { RecordDetail } from '../../shared/bridge/contract';
import type { DocumentKind } from '../../shared/documents';
import type { Sandbox } from '../sandbox';
import { FIXTURE_TODAY, LICENSE_VALUES, VALID_VALUES } from '../fixtures/documents';
import { storeFile } from '../helpers/storeFile';
import { deskWithBureau, type DeskWithBureau } from '../helpers/deskWithBureau';
import { UPLOAD_WINDOW } from '../../main/services/sync/syncEngine';

const ZHUJIANG = { email: 'hr@zhujiang-tech.example.cn', password: 'zhujiang-password' };
const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let desk: DeskWithBureau;
let sandbox: Sandbox;
let dataDir: string;
const logs: string[] = [];
let onSleep: () => void = () => undefined;

beforeEach(async () => {
  logs.length = 0;
  onSleep = () => undefined;
  desk = await deskWithBureau({
    clock,
    ports: { log: (l) => logs.push(l) },
    options: {
      bureauTimeoutMs: 400,
      sync: { retry: { attempts: 4, baseMs: 5, maxMs: 20 }, sleep: async () => onSleep(), concurrency: 4 },
    },
  });
  ({ sandbox, dataDir } = desk);
  await desk.signIn(ZHUJIANG); // with the login's own first sync
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);
async function submitted(kind: DocumentKind = 'license', values = VALID_VALUES[kind]): Promise<RecordDetail> {
  const draft = await call<RecordDetail>('records:save', { kind, values });
  return call<RecordDetail>('records:submit', { id: draft.id });
}
const get = (id: string) => call<RecordDetail>('records:get', { id });

/** The two sides agree: exactly one bureau submission per submitted revision. */
function expectAgreement() {
  const db = new Database(storeFile(dataDir), { readonly: true });
  const local = (db.prepare('SELECT record_id AS clientId, revision FROM revisions ORDER BY 1, 2').all() as { clientId: string; revision: number }[]).map(
    (r) => `${r.clientId}#${r.revision}`,
  );
  const pendingOrRefused = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state <> 'uploaded'").get() as { n: number };
  db.close();
  const remote = sandbox.review.list().map((s) => `${s.clientId}#${s.revision}`).sort();
  expect(remote).toEqual(local);
  expect(pendingOrRefused.n).toBe(0);
}

describe('sync against the sandbox bureau', () => {
  it('uploads a submission once, then pulls the approval with its notice and certificate', async () => {
    const r = await submitted('license');
    expect(r.syncState).toBe('pending');
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 1, results: 0 });
    expect((await get(r.id)).syncState).toBe('uploaded');
    expectAgreement();
    const [view] = sandbox.review.list();
    sandbox.review.approve(view!.submissionId);
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 0, results: 1 });
    const approved = await get(r.id);
    expect(approved.status).toBe('approved');
    expect(approved.certificateNo).toMatch(/^GZ\d{11}$/);
    // a second pull applies nothing again
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 0, results: 0 });
    expect((await get(r.id)).history.filter((h) => h.action === '预审通过')).toHaveLength(1);
  });

  it('a connection dropped after the bureau committed still ends with exactly one submission', async () => {
    const r = await submitted();
    sandbox.faults.set({ dropAfterCommit: 1 });
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 1 });
    expect((await get(r.id)).syncState).toBe('uploaded');
    expect(sandbox.review.list()).toHaveLength(1);
    expectAgreement();
  });

  it('5xx answers are retried and then succeed', async () => {
    await submitted();
    await submitted('hmt-permit');
    sandbox.faults.set({ fail5xx: 3 });
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 2 });
    expect(logs.some((l) => /retry/.test(l))).toBe(true);
    expectAgreement();
  });

  it('more than one window of uploads: each revision is tried once a run, none skipped, none twice; the next run sends each once', async () => {
    const all = [];
    for (let i = 0; i < UPLOAD_WINDOW + 6; i++) all.push(await submitted());
    sandbox.faults.set({ fail5xx: 1_000_000 });
    await expect(call('sync:run', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(sandbox.review.list()).toHaveLength(0);
    const db = new Database(storeFile(dataDir), { readonly: true });
    const attempts = db.prepare("SELECT attempts, COUNT(*) AS n FROM outbox WHERE state = 'pending' GROUP BY attempts").all();
    db.close();
    expect(attempts).toEqual([{ attempts: 1, n: all.length }]);
    sandbox.faults.reset();
    expect(await call('sync:run', {})).toMatchObject({ uploaded: all.length });
    expectAgreement();
  });

  it('timeouts are retried and then succeed', async () => {
    const r = await submitted();
    sandbox.faults.set({ latencyMs: 1500 });
    onSleep = () => sandbox.faults.set({ latencyMs: 0 }); // the bureau recovers during the backoff
    expect(await call('sync:run', {})).toMatchObject({ uploaded: 1 });
    expect(logs.some((l) => /did not answer within/.test(l))).toBe(true);
    expect((await get(r.id)).syncState).toBe('uploaded');
    expectAgreement();
  });

  it('malformed JSON leaves records unchanged and the cursor where it was; the next sync applies the result', async () => {
    const r = await submitted();
    await call('sync:run', {});
    sandbox.review.approve(sandbox.review.list()[0]!.submissionId);
    sandbox.faults.set({ malformedJson: 10 });
    await expect(call('sync:run', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    expect((await get(r.id)).status).toBe('submitted');
    expect((await call<{ state: string; message: string }>('sync:status', {})).state).toBe('error');
    sandbox.faults.reset();
    expect(await call('sync:run', {})).toMatchObject({ results: 1 });
    expect((await get(r.id)).status).toBe('approved');
    expectAgreement();
  });

  it('a schema-breaking or unknown result is logged and skipped; the good ones apply', async () => {
    const a = await submitted();
    await call('sync:run', {});
    sandbox.review.approve(sandbox.review.list()[0]!.submissionId);
    sandbox.faults.set({ schemaBreaking: 1 });
    const before = await get(a.id);
    const report = await call<{ results: number }>('sync:run', {});
    expect(report.results).toBe(1);
    expect(logs.some((l) => /breaks the contract|unknown record/.test(l))).toBe(true);
    const after = await get(a.id);
    expect(after.status).toBe('approved');
    expect(after.values).toEqual(before.values);
    expectAgreement();
  });

  it('duplicate results are applied once', async () => {
    const r = await submitted();
    await call('sync:run', {});
    sandbox.review.reject(sandbox.review.list()[0]!.submissionId, '照片背景不符合要求，请重新上传白底照片');
    sandbox.faults.set({ duplicateResults: true });
    expect(await call('sync:run', {})).toMatchObject({ results: 1 });
    const detail = await get(r.id);
    expect(detail).toMatchObject({ status: 'rejected', reviewReason: '照片背景不符合要求，请重新上传白底照片' });
    expect(detail.history.filter((h) => h.action === '预审不通过')).toHaveLength(1);
  });

  it('an expired token asks for the password again and loses nothing queued; after login the queue drains', async () => {
    await submitted();
    await submitted('registration-licensed');
    sandbox.faults.set({ expireTokens: true });
    await expect(call('sync:run', {})).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    const status = await call<{ state: string; pending: number; message: string }>('sync:status', {});
    expect(status).toMatchObject({ state: 'auth-required', pending: 2 });
    expect(status.message).toMatch(/重新输入密码/);
    sandbox.faults.reset();
    await desk.signIn(ZHUJIANG);
    expect((await call<{ pending: number }>('sync:status', {})).pending).toBe(0);
    expectAgreement();
  });

  it('a result the store refuses (a certificate number of another kind) is skipped alone: the rest of its page applies, the cursor moves on', async () => {
    const rs = [await submitted(), await submitted(), await submitted()];
    await call('sync:run', {});
    for (const v of sandbox.review.list()) sandbox.review.approve(v.submissionId);
    // the bureau's result for the middle one carries a foreign permit's number (E…) for a license
    // (GZ…): the API's schema accepts every prefix, the store's certificate guard does not
    const middle = sandbox.review.list().find((v) => v.clientId === rs[1]!.id)!;
    const row = sandbox.db.prepare('SELECT result_json FROM review_results WHERE submission_id = ?').get(middle.submissionId) as { result_json: string };
    const result = JSON.parse(row.result_json) as { certificate: { number: string } };
    result.certificate.number = 'E20260000001';
    sandbox.db.prepare('UPDATE review_results SET result_json = ? WHERE submission_id = ?').run(JSON.stringify(result), middle.submissionId);

    expect(await call('sync:run', {})).toMatchObject({ results: 2 });
    expect((await get(rs[0]!.id)).status).toBe('approved');
    expect((await get(rs[2]!.id)).status).toBe('approved');
    const refused = await get(rs[1]!.id);
    expect(refused).toMatchObject({ status: 'submitted', certificateNo: null });
    expect(refused.history.map((h) => h.action)).not.toContain('预审通过');
    expect(logs.filter((l) => l.includes(rs[1]!.id))).toEqual([expect.stringMatching(new RegExp(`refused a result for ${rs[1]!.id}#1: .*LIFECYCLE_REFUSED: 证书号码与申请类型的号码格式不符`))]);
    // the cursor is past the page: the next sync receives nothing again
    logs.length = 0;
    expect(await call('sync:run', {})).toMatchObject({ results: 0 });
    expect(logs.some((l) => /refused a result/.test(l))).toBe(false);
  });

  it('a result for an older revision is ignored', async () => {
    const r = await submitted();
    await call('sync:run', {});
    sandbox.review.reject(sandbox.review.list()[0]!.submissionId, '聘用理由过于简单，请补充');
    await call('sync:run', {});
    await call('records:save', { id: r.id, kind: 'license', values: { ...LICENSE_VALUES, 'job.reason': `${LICENSE_VALUES['job.reason']}（已补充）` } });
    await call('records:submit', { id: r.id });
    await call('sync:run', {});
    // the bureau sends its old result for revision 1 again: it must not touch revision 2
    const db = new Database(storeFile(dataDir));
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'sync.cursor'").run();
    db.close();
    expect(await call('sync:run', {})).toMatchObject({ results: 0 });
    expect(await get(r.id)).toMatchObject({ status: 'submitted', revision: 2 });
    expect(logs.some((l) => /ignored a result/.test(l))).toBe(true);
    expectAgreement();
  });

  it('a submission the bureau refuses (422) comes back as 预审不通过 with the bureau’s reasons', async () => {
    // the local minimum wage is lower than the bureau's: the bureau's own rule refuses the salary
    await call('settings:save', { minimumWage: 1000 });
    const r = await submitted('license', { ...LICENSE_VALUES, 'job.salary': '2000' });
    await call('sync:run', {});
    const detail = await get(r.id);
    expect(detail.status).toBe('rejected');
    expect(detail.reviewReason).toMatch(/主管部门系统校验未通过/);
    expect(sandbox.review.list()).toHaveLength(0);
  });

  it('the number page asks the bureau for a certificate it does not hold locally', async () => {
    const reply = await call<{ values: Record<string, string>; source: string }>('records:prefill', { kind: 'extension', number: 'E20250000456' });
    expect(reply.source).toBe('bureau');
    expect(reply.values).toMatchObject({ 'permit.no': 'E20250000456', 'person.nameEn': 'JOHN MICHAEL SMITH' });
  });
});
