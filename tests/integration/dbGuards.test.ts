/**
 * The database refuses what the lifecycle refuses, whatever SQL is sent (migration v4). Every rule
 * is tried as raw SQL against a real store opened with the app's openDatabase; the app's own
 * statements (the same SQL as records/recordStore.ts and sync/outbox.ts) keep working.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/services/store/database';
import { openApp } from '../../main/services';
import { tempDir } from '../helpers/tmp';
import { FIXTURE_TODAY, LICENSE_VALUES, VALID_VALUES } from '../fixtures/documents';
import type { DocumentKind } from '../../shared/documents/types';

let db: Db;
let cleanup: () => void;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = openDatabase(t.dir);
});
afterEach(() => {
  db.close();
  cleanup();
  for (const c of cleanups.splice(0)) c();
});

const T0 = '2026-11-01T02:00:00.000Z';
const T1 = '2026-11-02T02:00:00.000Z';
const T2 = '2026-11-03T02:00:00.000Z';
const T3 = '2026-11-04T02:00:00.000Z';

// ── the app's own statements (recordStore.ts, outbox.ts) ──

function draft(target: Db, id: string, kind: DocumentKind = 'license', values: object = LICENSE_VALUES): void {
  target
    .prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, source_id, created_at, updated_at)
       VALUES (?, ?, 'draft', 0, ?, 'JOHN SMITH', '533281947', NULL, ?, ?)`,
    )
    .run(id, kind, JSON.stringify(values), T0, T0);
  target.prepare('INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, 0, ?, ?)').run(id, T0, '新建', '');
}

function submit(target: Db, id: string, at = T1): number {
  return target.transaction(() => {
    const changes = target
      .prepare(
        `UPDATE records SET status = 'submitted', revision = revision + 1, submitted_at = @now, updated_at = @now,
           review_reason = NULL, reviewed_at = NULL, sync_state = 'pending' WHERE id = @id AND status = 'draft'`,
      )
      .run({ id, now: at }).changes;
    expect(changes).toBe(1);
    const { revision, values_json } = target.prepare('SELECT revision, values_json FROM records WHERE id = ?').get(id) as {
      revision: number;
      values_json: string;
    };
    target.prepare('INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES (?, ?, ?, ?)').run(id, revision, values_json, at);
    target.prepare("INSERT INTO outbox (record_id, revision, state, created_at) VALUES (?, ?, 'pending', ?)").run(id, revision, at);
    target.prepare('INSERT INTO history (record_id, at, revision, action, detail) VALUES (?, ?, ?, ?, ?)').run(id, at, revision, '提交', '');
    return revision;
  })();
}

function review(
  target: Db,
  id: string,
  r: { status: 'approved' | 'rejected'; reason?: string | null; certificateNo?: string | null; certificateExpiry?: string | null; notice?: string | null },
  at = T2,
): number {
  const revision = (target.prepare('SELECT revision FROM records WHERE id = ?').get(id) as { revision: number }).revision;
  return target
    .prepare(
      `UPDATE records SET status = @status, review_reason = @reason, reviewed_at = @now, updated_at = @now,
         certificate_no = COALESCE(@certificateNo, certificate_no), certificate_expiry = COALESCE(@certificateExpiry, certificate_expiry),
         notice_json = @notice WHERE id = @id AND status = 'submitted' AND revision = @revision`,
    )
    .run({
      id,
      revision,
      now: at,
      status: r.status,
      reason: r.reason ?? null,
      certificateNo: r.certificateNo ?? null,
      certificateExpiry: r.certificateExpiry ?? null,
      notice: r.notice ?? null,
    }).changes;
}

function edit(target: Db, id: string, values: object, at = T3): number {
  return target
    .prepare(
      `UPDATE records SET values_json = @values, person_name = @personName, document_number = @documentNumber,
         status = 'draft', updated_at = @now WHERE id = @id AND status IN ('draft', 'rejected')`,
    )
    .run({ id, values: JSON.stringify(values), personName: 'JOHN SMITH', documentNumber: '533281947', now: at }).changes;
}

const row = (id: string, target: Db = db) => target.prepare('SELECT * FROM records WHERE id = ?').get(id) as Record<string, unknown> | undefined;
const count = (table: string, target: Db = db) => (target.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const dump = (target: Db = db) => ({
  records: target.prepare('SELECT * FROM records ORDER BY id').all(),
  revisions: target.prepare('SELECT * FROM revisions ORDER BY record_id, revision').all(),
  outbox: target.prepare('SELECT * FROM outbox ORDER BY record_id, revision').all(),
  history: target.prepare('SELECT * FROM history ORDER BY id').all(),
  counts: target.prepare('SELECT * FROM record_counts WHERE n > 0 ORDER BY kind, status').all(),
});

/** a statement refused with a bilingual trigger message, and nothing changed */
function refused(sql: string, params: unknown[] = [], pattern: RegExp = /(RECORD_FROZEN|LIFECYCLE_REFUSED): .*[\u4e00-\u9fff].* \/ [A-Za-z]/): void {
  const before = dump();
  expect(() => db.prepare(sql).run(...params)).toThrow(pattern);
  expect(dump()).toEqual(before);
}

const submitted = (id = 'r1') => {
  draft(db, id);
  submit(db, id);
};

describe('the app’s own writes pass the guards', () => {
  it('save → submit → reject → edit → submit → approve with its certificate, history and outbox', () => {
    draft(db, 'r1');
    expect(edit(db, 'r1', { ...LICENSE_VALUES, 'job.salary': '36000' }, T0)).toBe(1);
    expect(submit(db, 'r1')).toBe(1);
    expect(review(db, 'r1', { status: 'rejected', reason: '材料不齐' })).toBe(1);
    expect(edit(db, 'r1', { ...LICENSE_VALUES, 'job.salary': '37000' })).toBe(1);
    expect(row('r1')).toMatchObject({ status: 'draft', revision: 1, review_reason: '材料不齐' });
    expect(submit(db, 'r1', T3)).toBe(2);
    db.prepare("UPDATE outbox SET state = 'uploaded', last_error = NULL WHERE record_id = 'r1' AND revision = 2 AND state = 'pending'").run();
    db.prepare("UPDATE records SET sync_state = 'uploaded' WHERE id = 'r1' AND revision = 2 AND sync_state = 'pending'").run();
    db.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = 'x' WHERE record_id = 'r1' AND revision = 1").run();
    expect(review(db, 'r1', { status: 'approved', certificateNo: 'GZ20260000123', notice: '{"noticeNo":"WB20260000001"}' })).toBe(1);
    expect(row('r1')).toMatchObject({ status: 'approved', revision: 2, certificate_no: 'GZ20260000123', review_reason: null });
    expect(count('revisions')).toBe(2);
  });

  it.each([
    ['registration-licensed', 'E20260000001', '2027-11-30'],
    ['registration-exempt', 'E20260000002', '2027-11-30'],
    ['extension', 'E20250000456', '2028-06-30'],
    ['hmt-permit', 'T20260000003', '2027-11-30'],
    ['hmt-extension', 'T20250000789', '2028-06-30'],
    ['recruitment', null, null],
  ] as const)('%s is approved with the number of its kind (%s)', (kind, number, expiry) => {
    draft(db, 'k', kind, VALID_VALUES[kind]);
    submit(db, 'k');
    expect(review(db, 'k', { status: 'approved', certificateNo: number, certificateExpiry: expiry })).toBe(1);
  });

  it('an upload the bureau refuses comes back as 预审不通过 (sync/syncEngine.ts refuse())', () => {
    submitted();
    db.prepare("UPDATE outbox SET state = 'refused', last_error = ? WHERE record_id = 'r1' AND revision = 1 AND state = 'pending'").run('bad');
    expect(review(db, 'r1', { status: 'rejected', reason: '主管部门系统校验未通过' })).toBe(1);
  });

  it('the whole life cycle through the services, including a review result and an edit after it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const app = openApp({ dataDir: t.dir, mode: 'browser', version: 'test', defaultBureauUrl: '', now: () => new Date(`${FIXTURE_TODAY}T02:00:00Z`) });
    cleanups.unshift(() => app.close());
    await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
    const saved = (await app.dispatch('records:save', { kind: 'license', values: LICENSE_VALUES })) as { ok: true; value: { id: string } };
    const id = saved.value.id;
    expect((await app.dispatch('records:submit', { id })).ok).toBe(true);
    expect(app.core.records.applyReview({ id, revision: 1, decision: 'rejected', reason: '请补充材料' })).toBe(true);
    expect((await app.dispatch('records:save', { id, kind: 'license', values: { ...LICENSE_VALUES, 'job.salary': '40000' } })).ok).toBe(true);
    expect((await app.dispatch('records:submit', { id })).ok).toBe(true);
    expect(app.core.records.applyReview({ id, revision: 2, decision: 'approved', certificateNo: 'GZ20260000999', notice: { noticeNo: 'WB20260000001' } })).toBe(
      true,
    );
    expect(app.core.records.get(id)).toMatchObject({ status: 'approved', revision: 2, certificateNo: 'GZ20260000999' });
  });
});

describe('REPLACE never overwrites', () => {
  it('a submitted record (REPLACE deletes then inserts; delete triggers do not fire)', () => {
    submitted();
    refused(
      `INSERT OR REPLACE INTO records (id, kind, status, revision, values_json, created_at, updated_at)
       VALUES ('r1', 'license', 'draft', 0, '{"job.salary":"99999"}', ?, ?)`,
      [T0, T0],
      /RECORD_FROZEN: 该申请记录已存在/,
    );
  });

  it('an approved record, even with recursive_triggers on', () => {
    submitted();
    review(db, 'r1', { status: 'approved', certificateNo: 'GZ20260000123' });
    db.pragma('recursive_triggers = ON');
    refused(
      `REPLACE INTO records (id, kind, status, revision, values_json, created_at, updated_at, submitted_at, reviewed_at, certificate_no)
       VALUES ('r1', 'license', 'approved', 1, '{}', ?, ?, ?, ?, 'GZ20269999999')`,
      [T0, T0, T1, T2],
    );
  });

  it('a submitted revision', () => {
    submitted();
    refused("INSERT OR REPLACE INTO revisions (record_id, revision, values_json, submitted_at) VALUES ('r1', 1, '{\"job.salary\":\"99999\"}', ?)", [T1], /RECORD_FROZEN: 已提交的版本不可覆盖/);
  });

  it('a queued upload (replacing it with an uploaded one means it is never sent)', () => {
    submitted();
    refused("INSERT OR REPLACE INTO outbox (record_id, revision, state, created_at) VALUES ('r1', 1, 'uploaded', ?)", [T1], /RECORD_FROZEN: 上传队列中的版本不可覆盖/);
  });

  it('a history entry', () => {
    submitted();
    const first = (db.prepare("SELECT MIN(id) AS id FROM history WHERE record_id = 'r1'").get() as { id: number }).id;
    refused("INSERT OR REPLACE INTO history (id, record_id, at, revision, action) VALUES (?, 'r1', ?, 0, '新建')", [first, T0], /RECORD_FROZEN: 历史记录不可覆盖/);
  });

  it('UPDATE OR REPLACE cannot take a submitted record’s id', () => {
    submitted();
    draft(db, 'd1');
    refused("UPDATE OR REPLACE records SET id = 'r1' WHERE id = 'd1'", [], /LIFECYCLE_REFUSED: 申请记录的编号和类型不可更改/);
    refused("UPDATE records SET kind = 'recruitment' WHERE id = 'd1'", [], /LIFECYCLE_REFUSED: 申请记录的编号和类型不可更改/);
  });
});

describe('deletes', () => {
  it('of a queued upload, a revision, the history of a submitted record: refused', () => {
    submitted();
    refused("DELETE FROM outbox WHERE record_id = 'r1'", [], /RECORD_FROZEN: 上传队列中的版本不可删除/);
    refused("DELETE FROM revisions WHERE record_id = 'r1'", [], /RECORD_FROZEN: 已提交的版本不可删除/);
    refused("DELETE FROM history WHERE record_id = 'r1'", [], /RECORD_FROZEN: 已提交申请的历史记录不可删除/);
    refused("UPDATE history SET detail = 'nothing happened' WHERE record_id = 'r1'", [], /RECORD_FROZEN: 历史记录只能追加/);
    refused("UPDATE OR REPLACE outbox SET revision = 2 WHERE record_id = 'r1'", [], /RECORD_FROZEN: 上传队列中的版本不可改为/);
  });

  it('of a rejected record’s rows too; a never-submitted draft and its history can still go', () => {
    submitted();
    review(db, 'r1', { status: 'rejected', reason: 'x' });
    refused("DELETE FROM history WHERE record_id = 'r1'");
    refused("DELETE FROM outbox WHERE record_id = 'r1'");
    draft(db, 'd1');
    db.prepare("DELETE FROM history WHERE record_id = 'd1'").run();
    db.prepare("DELETE FROM records WHERE id = 'd1'").run();
    expect(row('d1')).toBeUndefined();
  });
});

describe('status transitions follow the lifecycle', () => {
  it('submitted → rejected → edited → submitted in three raw UPDATEs is refused at every step', () => {
    submitted();
    // 1. a rejection without a review
    refused("UPDATE records SET status = 'rejected' WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 预审字段与状态不符/);
    // (as a real rejection it passes: that is a review result)
    review(db, 'r1', { status: 'rejected', reason: '材料不齐' });
    // 2. values changed while rejected, without going back to a draft
    refused(`UPDATE records SET values_json = '{"job.salary":"99999"}' WHERE id = 'r1'`, [], /RECORD_FROZEN: 只有未提交的草稿可以修改内容/);
    // 3. straight back to submitted
    refused("UPDATE records SET status = 'submitted', review_reason = NULL, reviewed_at = NULL WHERE id = 'r1'", [], /LIFECYCLE_REFUSED/);
    refused("UPDATE records SET status = 'submitted', revision = 2, review_reason = NULL, reviewed_at = NULL WHERE id = 'r1'", [], /LIFECYCLE_REFUSED/);
  });

  it.each([
    ['draft → approved', 'draft', "status = 'approved', revision = 1, submitted_at = 'x', reviewed_at = 'y'"],
    ['draft → rejected', 'draft', "status = 'rejected', revision = 1, submitted_at = 'x', reviewed_at = 'y', review_reason = 'z'"],
    ['submitted → draft', 'submitted', "status = 'draft'"],
    ['approved → rejected', 'approved', "status = 'rejected', review_reason = 'z'"],
    ['approved → draft', 'approved', "status = 'draft'"],
    ['rejected → approved', 'rejected', "status = 'approved', review_reason = NULL"],
    ['rejected → submitted', 'rejected', "status = 'submitted', review_reason = NULL, reviewed_at = NULL"],
  ])('%s is refused', (_name, from, set) => {
    draft(db, 'r1');
    if (from !== 'draft') submit(db, 'r1');
    if (from === 'approved') review(db, 'r1', { status: 'approved', certificateNo: 'GZ20260000123' });
    if (from === 'rejected') review(db, 'r1', { status: 'rejected', reason: 'x' });
    expect(row('r1')?.status).toBe(from);
    refused(`UPDATE records SET ${set} WHERE id = 'r1'`, [], /(RECORD_FROZEN|LIFECYCLE_REFUSED): /);
  });

  it('a submission adds exactly one revision; revision numbers and submission times do not move otherwise', () => {
    draft(db, 'r1');
    refused("UPDATE records SET status = 'submitted', submitted_at = ? WHERE id = 'r1'", [T1], /LIFECYCLE_REFUSED: 提交必须新增一个版本/);
    refused("UPDATE records SET status = 'submitted', revision = 3, submitted_at = ? WHERE id = 'r1'", [T1], /LIFECYCLE_REFUSED: 提交必须新增一个版本/);
    refused("UPDATE records SET revision = 5 WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 提交必须新增一个版本/);
    submit(db, 'r1');
    review(db, 'r1', { status: 'rejected', reason: 'x' });
    edit(db, 'r1', LICENSE_VALUES);
    refused("UPDATE records SET revision = 0, submitted_at = NULL WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 提交必须新增一个版本/);
  });

  it('a review applies only to a submission stored as its revision', () => {
    draft(db, 'r1');
    // the record's UPDATE of a submission, without its revision row (as raw SQL can do)
    db.prepare("UPDATE records SET status = 'submitted', revision = 1, submitted_at = ? WHERE id = 'r1'").run(T1);
    refused(
      "UPDATE records SET status = 'approved', reviewed_at = ?, certificate_no = 'GZ20260000123' WHERE id = 'r1'",
      [T2],
      /LIFECYCLE_REFUSED: 只能预审已保存为版本的提交内容/,
    );
  });
});

describe('review fields only with a review, certificate numbers in their kind’s format', () => {
  it.each([
    ['reviewed_at', `'${T2}'`],
    ['review_reason', "'forged'"],
    ['certificate_no', "'GZ20260000123'"],
    ['certificate_expiry', "'2030-01-01'"],
    ['notice_json', `'{"noticeNo":"WB20260000001"}'`],
  ])('%s cannot be written on a draft or a record waiting for review', (column, value) => {
    draft(db, 'd1');
    submitted('s1');
    refused(`UPDATE records SET ${column} = ${value} WHERE id = 'd1'`, [], /LIFECYCLE_REFUSED: 预审结果/);
    refused(`UPDATE records SET ${column} = ${value} WHERE id = 's1'`, [], /LIFECYCLE_REFUSED: 预审结果/);
  });

  it('an approved record’s certificate, reason and notice cannot be rewritten afterwards', () => {
    submitted();
    review(db, 'r1', { status: 'approved', certificateNo: 'GZ20260000123', notice: '{}' });
    refused("UPDATE records SET certificate_no = 'GZ20269999999' WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 预审结果/);
    refused("UPDATE records SET notice_json = NULL WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 预审结果/);
    refused("UPDATE records SET review_reason = 'x' WHERE id = 'r1'", [], /LIFECYCLE_REFUSED: 预审结果/);
  });

  it.each([
    ['license', 'E20260000123'],
    ['license', 'GZ2026000012'],
    ['license', 'GZ202600001234'],
    ['license', 'gz20260000123'],
    ['license', 'GZ2026000012X'],
    ['license', 'anything at all'],
    ['registration-licensed', 'GZ20260000123'],
    ['registration-exempt', 'T20260000123'],
    ['extension', 'T20250000789'],
    ['hmt-permit', 'E20260000123'],
    ['hmt-extension', 'E20250000456'],
    ['recruitment', 'E20260000123'],
  ] as const)('an approval of %s with certificate number %s is refused', (kind, number) => {
    draft(db, 'r1', kind, VALID_VALUES[kind]);
    submit(db, 'r1');
    const before = dump();
    expect(() => review(db, 'r1', { status: 'approved', certificateNo: number })).toThrow(/LIFECYCLE_REFUSED: 证书号码与申请类型的号码格式不符/);
    expect(dump()).toEqual(before);
  });

  it('an expiry must be a date and comes only with a number', () => {
    draft(db, 'r1', 'hmt-permit', VALID_VALUES['hmt-permit']);
    submit(db, 'r1');
    expect(() => review(db, 'r1', { status: 'approved', certificateNo: 'T20260000003', certificateExpiry: 'forever' })).toThrow(/LIFECYCLE_REFUSED: 证书号码/);
    expect(() => review(db, 'r1', { status: 'approved', certificateExpiry: '2027-01-01' })).toThrow(/LIFECYCLE_REFUSED: 证书号码/);
  });

  it('an approval carries no reason; a rejection carries a reason and issues nothing', () => {
    submitted();
    expect(() => review(db, 'r1', { status: 'approved', reason: 'x' })).toThrow(/LIFECYCLE_REFUSED: 预审字段与状态不符/);
    expect(() => review(db, 'r1', { status: 'rejected' })).toThrow(/LIFECYCLE_REFUSED: 预审字段与状态不符/);
    expect(() => review(db, 'r1', { status: 'rejected', reason: 'x', certificateNo: 'GZ20260000123' })).toThrow(/LIFECYCLE_REFUSED/);
    expect(() => review(db, 'r1', { status: 'rejected', reason: 'x', notice: '{}' })).toThrow(/LIFECYCLE_REFUSED: 预审字段与状态不符/);
    expect(row('r1')?.status).toBe('submitted');
  });
});

describe('inserted rows are consistent (an import or a restore writes them directly)', () => {
  const insert = (columns: string, values: string) =>
    `INSERT INTO records (id, kind, values_json, created_at, updated_at, ${columns}) VALUES ('x', 'license', '{}', 't', 't', ${values})`;

  it.each([
    ['a submitted record without a revision', "status, revision, submitted_at", "'submitted', 0, 't'", /LIFECYCLE_REFUSED: 申请记录的状态与其版本号/],
    ['a submitted record without a submission time', 'status, revision', "'submitted', 1", /LIFECYCLE_REFUSED: 申请记录的状态与其版本号/],
    ['a new draft with a submission time', 'status, revision, submitted_at', "'draft', 0, 't'", /LIFECYCLE_REFUSED: 申请记录的状态与其版本号/],
    ['a new draft with a review', 'status, revision, reviewed_at, review_reason', "'draft', 0, 't', 'r'", /LIFECYCLE_REFUSED: 预审字段与状态不符/],
    ['a pending record with a review', 'status, revision, submitted_at, reviewed_at', "'submitted', 1, 't', 't'", /LIFECYCLE_REFUSED: 预审字段与状态不符/],
    ['an approval without a review time', 'status, revision, submitted_at', "'approved', 1, 't'", /LIFECYCLE_REFUSED: 预审字段与状态不符/],
    [
      'an approval with a foreign number',
      'status, revision, submitted_at, reviewed_at, certificate_no',
      "'approved', 1, 't', 't', 'E20260000123'",
      /LIFECYCLE_REFUSED: 证书号码/,
    ],
    ['a rejection without a reason', 'status, revision, submitted_at, reviewed_at', "'rejected', 1, 't', 't'", /LIFECYCLE_REFUSED: 预审字段与状态不符/],
  ])('%s is refused', (_name, columns, values, pattern) => {
    refused(insert(columns, values), [], pattern);
  });

  it('a revision must belong to its record: numbered 1 to the current one, the current one with its values', () => {
    submitted();
    const values = (row('r1') as { values_json: string }).values_json;
    refused("INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES ('r1', 2, ?, ?)", [values, T1], /LIFECYCLE_REFUSED: 版本与申请记录不符/);
    refused("INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES ('r1', 0, ?, ?)", [values, T1], /LIFECYCLE_REFUSED: 版本与申请记录不符/);
    refused("INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES ('nobody', 1, ?, ?)", [values, T1], /LIFECYCLE_REFUSED: 版本与申请记录不符/);
  });

  it('the current revision of a submitted record holds what was submitted', () => {
    draft(db, 'r1');
    db.prepare("UPDATE records SET status = 'submitted', revision = 1, submitted_at = ? WHERE id = 'r1'").run(T1);
    refused(`INSERT INTO revisions (record_id, revision, values_json, submitted_at) VALUES ('r1', 1, '{"job.salary":"99999"}', ?)`, [T1], /版本与申请记录不符/);
  });

  it('an upload is queued only for a stored revision', () => {
    draft(db, 'r1');
    refused("INSERT INTO outbox (record_id, revision, state, created_at) VALUES ('r1', 1, 'pending', ?)", [T1], /LIFECYCLE_REFUSED: 上传队列只能包含已提交的版本/);
  });
});

describe('a store can still be copied into a fresh one (restore), in the order guardMigrations.ts documents', () => {
  it('drafts, pending, rejected, reopened and approved records, with revisions, outbox and history, copy row for row', () => {
    draft(db, 'draft');
    submitted('pending');
    submitted('rejected');
    review(db, 'rejected', { status: 'rejected', reason: '材料不齐' });
    submitted('reopened');
    review(db, 'reopened', { status: 'rejected', reason: '材料不齐' });
    edit(db, 'reopened', { ...LICENSE_VALUES, 'job.salary': '40000' });
    draft(db, 'recruitment', 'recruitment', VALID_VALUES.recruitment);
    submit(db, 'recruitment');
    review(db, 'recruitment', { status: 'approved', reason: null });
    db.prepare(
      `INSERT INTO records (id, kind, status, revision, values_json, source_id, created_at, updated_at) VALUES ('registration', 'registration-exempt', 'draft', 0, ?, 'recruitment', ?, ?)`,
    ).run(JSON.stringify(VALID_VALUES['registration-exempt']), T3, T3);
    submit(db, 'registration');
    review(db, 'registration', { status: 'approved', certificateNo: 'E20260000007', certificateExpiry: '2027-11-30', notice: '{}' });
    submitted('twice');
    review(db, 'twice', { status: 'rejected', reason: 'x' });
    edit(db, 'twice', LICENSE_VALUES);
    submit(db, 'twice', T3);
    review(db, 'twice', { status: 'approved', certificateNo: 'GZ20260000124' }, T3);
    const source = dump();

    const t = tempDir();
    cleanups.push(t.cleanup);
    const fresh = openDatabase(t.dir);
    cleanups.unshift(() => fresh.close());
    const file = db.name;
    fresh.prepare('ATTACH DATABASE ? AS src').run(file);
    fresh.transaction(() => {
      fresh.exec(`
        INSERT INTO main.people SELECT * FROM src.people;
        INSERT INTO main.records SELECT * FROM src.records WHERE source_id IS NULL;
        INSERT INTO main.records SELECT * FROM src.records WHERE source_id IS NOT NULL;
        INSERT INTO main.revisions SELECT * FROM src.revisions;
        INSERT INTO main.outbox SELECT * FROM src.outbox;
        INSERT INTO main.history SELECT * FROM src.history;
      `);
    })();
    fresh.exec('DETACH DATABASE src');
    expect(dump(fresh)).toEqual(source);
    expect(fresh.pragma('foreign_key_check')).toEqual([]);
  });

  it('a forged row in the copy fails the whole copy', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const forged = openDatabase(t.dir);
    cleanups.unshift(() => forged.close());
    // a backup whose guards were dropped: a submitted record that says something else than its revision
    draft(forged, 'r1');
    submit(forged, 'r1');
    forged.exec(`DROP TRIGGER records_frozen_after_submit; DROP TRIGGER records_guard_values; UPDATE records SET values_json = '{"job.salary":"99999"}'`);
    const fresh = tempDir();
    cleanups.push(fresh.cleanup);
    const target = openDatabase(fresh.dir);
    cleanups.unshift(() => target.close());
    target.prepare('ATTACH DATABASE ? AS src').run(forged.name);
    expect(() =>
      target.transaction(() => {
        target.exec('INSERT INTO main.records SELECT * FROM src.records; INSERT INTO main.revisions SELECT * FROM src.revisions;');
      })(),
    ).toThrow(/LIFECYCLE_REFUSED: 版本与申请记录不符/);
    expect(count('records', target)).toBe(0);
  });
});
