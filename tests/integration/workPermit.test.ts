/**
 * Today's 外国人来华工作许可 kinds through the whole core and the real sandbox bureau on loopback:
 * each round-trips like the manual's (save → submit → sync → 预审通过 → certificate), the notice
 * leads to the permit application, an approved 工作许可证 is a permit of the roster with its
 * 延期, an old 就业证 prefills a new notice application, and a 变更 or 注销 draft (or one sent back)
 * is due 10 days after its event: 到期提醒 lists it and its badge counts it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlineBadge, eventFilingsDue } from '../../main/services/roster/deadlines';
import { bureauPermitsOf } from '../../main/services/roster/bureauPermits';
import { allPermits } from '../../main/services/roster/permits';
import { peopleOf } from '../../main/services/roster/rosterService';
import type { DeadlinesReply } from '../../shared/bridge/channels/roster';
import type { RecordDetail } from '../../shared/bridge/contract';
import { documentDef, type DocumentKind, type FormValues } from '../../shared/documents';
import { addDays } from '../../shared/validation/dates';
import {
  FIXTURE_TODAY,
  FIXTURE_WP_PERMIT_NO,
  REGISTRATION_LICENSED_VALUES,
  VALID_VALUES,
  WP_CANCELLATION_VALUES,
  WP_CHANGE_VALUES,
  WP_NOTICE_VALUES,
  WP_PERMIT_VALUES,
} from '../fixtures/documents';
import { deskWithBureau, QUIET_SYNC, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';
import type { Sandbox } from '../sandbox';
import { postSubmission, signIn, submissionOf, ZHUJIANG } from '../sandbox/testing';

const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let desk: DeskWithBureau;
let sandbox: Sandbox;
let app: DeskApp;

beforeEach(async () => {
  desk = await deskWithBureau({ clock, options: QUIET_SYNC });
  ({ app, sandbox } = desk);
  await desk.signIn(ZHUJIANG);
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);
const get = (id: string) => call<RecordDetail>('records:get', { id });
const expiryOf = (id: string) => peopleOf(app.core).document(id)?.certificateExpiry ?? null;
function noticeMaterialsOf(id: string): unknown {
  const row = app.core.db.prepare('SELECT notice_json FROM records WHERE id = ?').get(id) as { notice_json: string | null };
  return row.notice_json ? (JSON.parse(row.notice_json) as { materials?: unknown }).materials : undefined;
}

/** save → submit → sync → the sandbox's reviewer approves → sync: the approved record. */
async function approved(kind: DocumentKind, values: FormValues = VALID_VALUES[kind]): Promise<RecordDetail> {
  const draft = await call<RecordDetail>('records:save', { kind, values });
  await call<RecordDetail>('records:submit', { id: draft.id });
  await app.core.sync.run();
  const pending = sandbox.review.list().filter((s) => s.clientId === draft.id);
  expect(pending, kind).toHaveLength(1);
  sandbox.review.approve(pending[0]!.submissionId);
  await app.core.sync.run();
  const r = await get(draft.id);
  expect(r.status, kind).toBe('approved');
  return r;
}

describe('each work-permit kind round-trips through the sandbox like the manual’s', () => {
  it('通知: a WN number, no expiry; the notice lists the procedure’s materials', async () => {
    const r = await approved('wp-notice');
    expect(r.certificateNo).toMatch(/^WN2026\d{7}$/);
    expect(expiryOf(r.id)).toBeNull();
    expect(noticeMaterialsOf(r.id)).toEqual([...(documentDef('wp-notice').noticeMaterials ?? [])]);
    expect(documentDef('wp-notice').noticeMaterials).toContain('无犯罪记录证明');
  });

  it('许可证: a WP number valid until the end of employment', async () => {
    const r = await approved('wp-permit');
    expect(r.certificateNo).toMatch(/^WP2026\d{7}$/);
    expect(expiryOf(r.id)).toBe(WP_PERMIT_VALUES['job.end']);
  });

  it.each([
    ['wp-extension', '2027-12-19'],
    ['wp-change', '2026-12-20'],
    ['wp-reissue', '2026-12-20'],
  ] as const)('%s keeps the permit’s number (expiry %s)', async (kind, expiry) => {
    const r = await approved(kind);
    expect(r.certificateNo).toBe(FIXTURE_WP_PERMIT_NO);
    expect(expiryOf(r.id)).toBe(expiry);
  });

  it('注销 answers with the permit it ends, without an expiry', async () => {
    const r = await approved('wp-cancellation');
    expect(r.certificateNo).toBe(FIXTURE_WP_PERMIT_NO);
    expect(expiryOf(r.id)).toBeNull();
  });

  it('the sandbox refuses what the kind’s rules refuse (an extension of a lapsed permit)', async () => {
    const { token } = await signIn(sandbox, ZHUJIANG);
    const body = submissionOf('wp-extension', { patch: { 'wpPermit.expiry': '2026-11-01' } });
    const res = await postSubmission(sandbox, token, body);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('工作许可证已失效');
    expect(sandbox.review.list()).toHaveLength(0);
  });
});

describe('the chain and the roster', () => {
  it('通知 approved → 许可证 application prefilled from it → approved: a permit of the roster with its 延期', async () => {
    const notice = await approved('wp-notice');
    const { values } = await call<{ values: FormValues }>('records:prefill', { kind: 'wp-permit', number: notice.certificateNo });
    expect(values).toMatchObject({
      'wpNotice.no': notice.certificateNo,
      'person.nameEn': WP_NOTICE_VALUES['person.nameEn'],
      'job.title': WP_NOTICE_VALUES['job.title'],
      'wp.education': WP_NOTICE_VALUES['wp.education'],
      'employer.uscc': WP_NOTICE_VALUES['employer.uscc'],
    });
    expect(values['visa.no'] ?? '').toBe('');

    const permit = await approved('wp-permit', { ...WP_PERMIT_VALUES, ...values });
    const core = app.core;
    const held = allPermits(peopleOf(core), core.today(), [30, 60, 90]).find((p) => p.number === permit.certificateNo);
    expect(held).toMatchObject({ kind: 'wp-permit', extensionKind: 'wp-extension', expiry: WP_PERMIT_VALUES['job.end'], recordId: permit.id });

    // 【申请延期】 on it: the extension starts from the permit
    const ext = await call<{ values: FormValues }>('records:prefill', { kind: 'wp-extension', number: permit.certificateNo });
    expect(ext.values).toMatchObject({
      'wpPermit.no': permit.certificateNo,
      'wpPermit.expiry': WP_PERMIT_VALUES['job.end'],
      'person.passportNo': WP_PERMIT_VALUES['person.passportNo'],
    });
  });

  it('an approved 注销 ends the permit: it leaves the roster’s permits (and 到期提醒)', async () => {
    const permit = await approved('wp-permit', { ...WP_PERMIT_VALUES, 'job.start': FIXTURE_TODAY, 'job.end': addDays(FIXTURE_TODAY, 20) });
    const core = app.core;
    const numbers = () => allPermits(peopleOf(core), core.today(), [30, 60, 90]).map((p) => p.number);
    expect(numbers()).toContain(permit.certificateNo);
    expect(deadlineBadge(peopleOf(core), core.meta, core.today()).count).toBe(1);
    const { values } = await call<{ values: FormValues }>('records:prefill', { kind: 'wp-cancellation', number: permit.certificateNo });
    await approved('wp-cancellation', { ...VALID_VALUES['wp-cancellation'], ...values });
    expect(numbers()).not.toContain(permit.certificateNo);
    expect(deadlineBadge(peopleOf(core), core.meta, core.today()).count).toBe(0);
    // the bureau's permit list says so too: pulled back by the sync, revoked, and still out of 到期提醒
    expect(bureauPermitsOf(core).all().find((p) => p.number === permit.certificateNo)?.status).toBe('revoked');
    expect((await call<DeadlinesReply>('deadlines:list', {})).permits.map((p) => p.number)).not.toContain(permit.certificateNo);
  });

  it('a person with an old 就业证 starts a work-permit notice application with its data', async () => {
    const registration = await approved('registration-licensed', REGISTRATION_LICENSED_VALUES);
    const personId = peopleOf(app.core).personOfRecord(registration.id);
    expect(personId).not.toBeNull();
    const start = await call<{ values: FormValues }>('people:startApplication', { personId, kind: 'wp-notice' });
    expect(start.values).toMatchObject({
      'person.nameEn': REGISTRATION_LICENSED_VALUES['person.nameEn'],
      'person.passportNo': REGISTRATION_LICENSED_VALUES['person.passportNo'],
      'job.title': REGISTRATION_LICENSED_VALUES['job.title'],
      'employer.uscc': REGISTRATION_LICENSED_VALUES['employer.uscc'],
    });
    // nothing of the old form that the new one does not have
    expect(Object.keys(start.values).filter((k) => !documentDef('wp-notice').field(k))).toEqual([]);
  });

  it('a 变更 draft is due 10 days after its event: listed, counted in the badge, gone once submitted', async () => {
    const event = addDays(FIXTURE_TODAY, -3);
    const draft = await call<RecordDetail>('records:save', { kind: 'wp-change', values: { ...WP_CHANGE_VALUES, 'wpChange.eventDate': event } });
    const core = app.core;
    const filings = eventFilingsDue(core.db, core.today());
    expect(filings).toHaveLength(1);
    expect(filings[0]).toMatchObject({
      id: draft.id,
      kind: 'wp-change',
      status: 'draft',
      name: WP_CHANGE_VALUES['person.nameEn'],
      number: FIXTURE_WP_PERMIT_NO,
      eventDate: event,
      dueDate: addDays(event, 10),
      daysLeft: 7,
      overdue: false,
    });
    // the badge counts what the list lists
    const list = await call<DeadlinesReply>('deadlines:list', {});
    expect(list.filings.map((f) => f.id)).toEqual([draft.id]);
    expect((await call<{ count: number }>('deadlines:badge', {})).count).toBe(list.permits.length + list.filings.length);

    await call('records:submit', { id: draft.id });
    expect(eventFilingsDue(core.db, core.today())).toEqual([]);
  });
});

describe('到期提醒 lists the 变更 and 注销 filings its badge counts', () => {
  const list = () => call<DeadlinesReply>('deadlines:list', {});
  const badge = () => call<{ count: number; expired: number }>('deadlines:badge', {});

  it('a 变更 draft, an overdue 注销 draft and a rejected 注销: each a row with what, by when, its state; the badge agrees', async () => {
    const change = await call<RecordDetail>('records:save', { kind: 'wp-change', values: { ...WP_CHANGE_VALUES, 'wpChange.eventDate': addDays(FIXTURE_TODAY, -2) } });
    const late = await call<RecordDetail>('records:save', {
      kind: 'wp-cancellation',
      values: { ...WP_CANCELLATION_VALUES, 'wpCancel.eventDate': addDays(FIXTURE_TODAY, -12) },
    });
    // a 注销 the bureau sent back: due again, shown as 预审不通过
    const rejected = await call<RecordDetail>('records:save', { kind: 'wp-cancellation', values: { ...WP_CANCELLATION_VALUES, 'person.nameEn': 'ANNA MARIA SCHMIDT' } });
    await call('records:submit', { id: rejected.id });
    await app.core.sync.run();
    const pending = sandbox.review.list().find((s) => s.clientId === rejected.id);
    sandbox.review.reject(pending?.submissionId ?? '', '缺少解除聘用证明');
    await app.core.sync.run();
    expect((await get(rejected.id)).status).toBe('rejected');
    // a 变更 without its event date set is not due yet: not listed, not counted
    await call<RecordDetail>('records:save', { kind: 'wp-change', values: { ...WP_CHANGE_VALUES, 'wpChange.eventDate': '' } });

    const reply = await list();
    expect(reply.filings.map((f) => [f.id, f.kind, f.status, f.dueDate, f.daysLeft, f.overdue])).toEqual([
      [late.id, 'wp-cancellation', 'draft', addDays(FIXTURE_TODAY, -2), -2, true],
      [rejected.id, 'wp-cancellation', 'rejected', addDays(WP_CANCELLATION_VALUES['wpCancel.eventDate']!, 10), 5, false],
      [change.id, 'wp-change', 'draft', addDays(FIXTURE_TODAY, 8), 8, false],
    ]);
    expect(reply.filings[1]).toMatchObject({ name: 'ANNA MARIA SCHMIDT', number: FIXTURE_WP_PERMIT_NO, eventDate: WP_CANCELLATION_VALUES['wpCancel.eventDate'] });

    const counted = await badge();
    expect(counted.count).toBe(reply.permits.length + reply.filings.length);
    expect(counted.expired).toBe(reply.permits.filter((p) => p.level === 'expired').length + 1);

    // submitted: no longer due, gone from both
    await call('records:submit', { id: change.id });
    expect((await list()).filings.map((f) => f.id)).not.toContain(change.id);
    expect((await badge()).count).toBe(counted.count - 1);
  });
});
