/**
 * Today's 外国人来华工作许可 kinds through the whole core and the real sandbox bureau on loopback:
 * each round-trips like the manual's (save → submit → sync → 预审通过 → certificate), the notice
 * leads to the permit application, an approved 工作许可证 is a permit of the roster with its
 * 延期, an old 就业证 prefills a new notice application, and a 变更 draft is due 10 days after
 * its event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../main/services';
import { deadlineBadge, eventFilingsDue } from '../../main/services/roster/deadlines';
import { allPermits } from '../../main/services/roster/permits';
import { peopleOf } from '../../main/services/roster/rosterService';
import type { RecordDetail } from '../../shared/bridge/contract';
import type { Envelope } from '../../shared/bridge/envelope';
import { documentDef, type DocumentKind, type FormValues } from '../../shared/documents';
import { addDays } from '../../shared/validation/dates';
import {
  FIXTURE_TODAY,
  FIXTURE_WP_PERMIT_NO,
  REGISTRATION_LICENSED_VALUES,
  VALID_VALUES,
  WP_CHANGE_VALUES,
  WP_NOTICE_VALUES,
  WP_PERMIT_VALUES,
} from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { createSandbox, type Sandbox } from '../sandbox';
import { postSubmission, signIn, submissionOf, ZHUJIANG as ZHUJIANG_ACCOUNT } from '../sandbox/testing';

const ZHUJIANG = { email: 'hr@zhujiang-tech.example.cn', password: 'zhujiang-password' };
const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let sandbox: Sandbox;
let app: ReturnType<typeof openApp>;
let cleanup: () => void;

beforeEach(async () => {
  sandbox = await createSandbox({ clock });
  const t = tempDir();
  cleanup = t.cleanup;
  app = openApp(
    { dataDir: t.dir, mode: 'browser', version: 'test', now: clock, defaultBureauUrl: sandbox.url },
    { backgroundJobs: false, bureauTimeoutMs: 2000, sync: { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, sleep: async () => undefined } },
  );
  await call('auth:login', ZHUJIANG);
  await app.core.sync.run().catch(() => undefined);
});
afterEach(async () => {
  app.close();
  await sandbox.close();
  cleanup();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const e = (await app.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value;
}
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
    const { token } = await signIn(sandbox, ZHUJIANG_ACCOUNT);
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
      name: WP_CHANGE_VALUES['person.nameEn'],
      eventDate: event,
      dueDate: addDays(event, 10),
      daysLeft: 7,
      overdue: false,
    });
    const without = deadlineBadge(peopleOf(core), core.meta, core.today());
    expect(deadlineBadge(peopleOf(core), core.meta, core.today(), [], filings).count).toBe(without.count + 1);

    await call('records:submit', { id: draft.id });
    expect(eventFilingsDue(core.db, core.today())).toEqual([]);
  });
});
