/**
 * Permits and deadlines against the sandbox bureau: approvals bring permit numbers and expiries,
 * the app's clock is moved to see them near expiry (到期提醒, badge, person page), 【申请延期】
 * opens an extension prefilled with everything but the new date and the reason, an approved
 * extension moves the expiry, pending pre-reviews show their due date, reminders notify once a day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remindOnce, startReminders } from '../../main/services/roster/reminders';
import type { RecordDetail, ReplyOf } from '../../shared/bridge/contract';
import { CALENDAR_COVERAGE } from '../../shared/calendar/workingDays';
import { documentDef, type DocumentKind, type FormValues } from '../../shared/documents';
import type { Sandbox } from '../sandbox';
import {
  FIXTURE_TODAY,
  HMT_PERMIT_VALUES,
  LICENSE_VALUES,
  REGISTRATION_EXEMPT_VALUES,
  REGISTRATION_LICENSED_VALUES,
} from '../fixtures/documents';
import { deskWithBureau, QUIET_SYNC, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';

const ZHUJIANG = { email: 'hr@zhujiang-tech.example.cn', password: 'zhujiang-password' };
const bureauClock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let appNow = new Date(`${FIXTURE_TODAY}T02:00:00Z`);
const setToday = (day: string) => {
  appNow = new Date(`${day}T02:00:00Z`);
};

let desk: DeskWithBureau;
let sandbox: Sandbox;
let app: DeskApp;
const notes: { title: string; body: string }[] = [];

beforeEach(async () => {
  setToday(FIXTURE_TODAY);
  notes.length = 0;
  desk = await deskWithBureau({
    clock: bureauClock,
    ports: {
      now: () => appNow,
      // the sync's own notices (预审结果已更新) are not reminders
      notify: (title, body) => (title.startsWith('就业证到期提醒') ? notes.push({ title, body }) : undefined),
    },
    options: QUIET_SYNC,
  });
  ({ app, sandbox } = desk);
  // The bureau lists the enterprise's own permits too (GET /v1/permits, pulled by sync): the ones
  // seeded for 珠江智造 expire within 30 days of FIXTURE_TODAY. Here the bureau holds only the
  // permits these tests have approved (tests/integration/syncPermits.test.ts covers its list).
  // Removed before the sign-in, whose first sync pulls them.
  const zhujiang = sandbox.store.enterpriseByEmail(ZHUJIANG.email);
  sandbox.db.prepare('DELETE FROM certificates WHERE enterprise_id = ? AND submission_id IS NULL').run(zhujiang?.id ?? -1);
  await desk.signIn(ZHUJIANG);
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);
async function submit(kind: DocumentKind, values: FormValues): Promise<RecordDetail> {
  const draft = await call<RecordDetail>('records:save', { kind, values });
  return call<RecordDetail>('records:submit', { id: draft.id });
}
/** uploads, approves every pending submission of these records in the sandbox, pulls the results */
async function approve(...ids: string[]): Promise<void> {
  await call('sync:run', {});
  for (const s of sandbox.review.list('pending')) if (ids.includes(s.clientId)) sandbox.review.approve(s.submissionId);
  await call('sync:run', {});
}
const get = (id: string) => call<RecordDetail>('records:get', { id });
const deadlines = () => call<ReplyOf<'deadlines:list'>>('deadlines:list', {});
const badge = () => call<ReplyOf<'deadlines:badge'>>('deadlines:badge', {});
const personOf = async (recordId: string) => {
  const p = (await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId })).person;
  if (!p) throw new Error(`no person for ${recordId}`);
  return call<ReplyOf<'people:get'>>('people:get', { id: p.id });
};

/** required fields still empty, by the form's own rules on that day */
const missing = (kind: DocumentKind, values: FormValues, today: string) =>
  documentDef(kind)
    .check(values, { today, minimumWage: 2500 })
    .filter((p) => p.code === 'required')
    .map((p) => p.field)
    .sort();
const blocking = (kind: DocumentKind, values: FormValues, today: string) =>
  documentDef(kind)
    .check(values, { today, minimumWage: 2500 })
    .filter((p) => p.severity === 'block')
    .map((p) => p.code);

describe('permits and deadlines', () => {
  it('an approved registration near expiry: person page, 到期提醒, badge, 【申请延期】 prefilled, extension moves the expiry', async () => {
    // SMITH's permit will run to 2028-12-31 (聘用期限至); DUBOIS's to 2029-06-29; 陈家明's to 2029-12-31
    const smith = await submit('registration-licensed', REGISTRATION_LICENSED_VALUES);
    const dubois = await submit('registration-exempt', { ...REGISTRATION_EXEMPT_VALUES, 'job.end': '2029-06-29' });
    const chen = await submit('hmt-permit', HMT_PERMIT_VALUES);
    const pending = await submit('license', LICENSE_VALUES);
    await approve(smith.id, dubois.id, chen.id);

    const smithRecord = await get(smith.id);
    expect(smithRecord.status).toBe('approved');
    const permitNo = smithRecord.certificateNo!;
    expect(permitNo).toMatch(/^E\d{11}$/);
    expect((await get(chen.id)).certificateNo).toMatch(/^T\d{11}$/);

    // on the fixtures' day nothing is near expiry; the license waits for pre-review
    let list = await deadlines();
    expect(list.permits).toEqual([]);
    expect(list.coverage).toEqual({ from: CALENDAR_COVERAGE.from, to: CALENDAR_COVERAGE.to });
    expect(list.pendingReviews).toEqual([
      expect.objectContaining({ id: pending.id, kind: 'license', name: 'JOHN MICHAEL SMITH', dueDate: '2026-12-07', beyondCalendar: false, overdue: false }),
    ]);
    expect(await badge()).toEqual({ count: 0, expired: 0 });

    // 20 days before SMITH's permit expires: he is listed and counted; DUBOIS (200 days) is not
    setToday('2028-12-11');
    list = await deadlines();
    expect(list.today).toBe('2028-12-11');
    expect(list.thresholds).toEqual([30, 60, 90]);
    expect(list.permits).toHaveLength(1);
    const [permit] = list.permits;
    expect(permit).toMatchObject({
      number: permitNo,
      kind: 'registration-licensed',
      extensionKind: 'extension',
      expiry: '2028-12-31',
      daysLeft: 20,
      level: '30',
      recordId: smith.id,
      name: 'JOHN MICHAEL SMITH',
      pendingExtension: null,
    });
    expect(await badge()).toEqual({ count: 1, expired: 0 });
    expect(list.pendingReviews[0]).toMatchObject({ id: pending.id, overdue: true });

    // the thresholds are a setting
    expect(await call('deadlines:settings:save', { thresholds: [200, 30] })).toEqual({ thresholds: [30, 200] });
    expect((await deadlines()).permits.map((p) => [p.name, p.level, p.daysLeft])).toEqual([
      ['JOHN MICHAEL SMITH', '30', 20],
      ['MARIE DUBOIS', '200', 200],
    ]);
    expect((await badge()).count).toBe(2);
    await expect(call('deadlines:settings:save', { thresholds: [30, 30] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(call('deadlines:settings:save', { thresholds: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await call('deadlines:settings:save', { thresholds: [30, 60, 90] });
    expect(await call('deadlines:settings:get', {})).toEqual({ thresholds: [30, 60, 90] });

    // the person page: the permit with number and expiry, the registration with its state, 【申请延期】
    const person = await personOf(smith.id);
    expect(person.permit).toMatchObject({ number: permitNo, expiry: '2028-12-31', daysLeft: 20, level: '30' });
    expect(person.person.permit?.number).toBe(permitNo);
    expect(person.documents).toHaveLength(2);
    expect(person.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: pending.id, kind: 'license', status: 'submitted', dueDate: '2026-12-07' }),
        expect.objectContaining({ id: smith.id, kind: 'registration-licensed', status: 'approved', certificateNo: permitNo, certificateExpiry: '2028-12-31' }),
      ]),
    );
    const renew = person.nextSteps.find((s) => s.label === '申请延期');
    expect(renew).toMatchObject({ kind: 'extension', query: { number: permitNo } });

    // 【申请延期】 → /records/extension/new?number=… : prefilled locally with everything but the new date and the reason
    const prefill = await call<ReplyOf<'records:prefill'>>('records:prefill', { kind: 'extension', number: permitNo });
    expect(prefill.source).toBe('local');
    expect(prefill.values).toMatchObject({ 'permit.no': permitNo, 'permit.expiry': '2028-12-31', 'person.nameEn': 'JOHN MICHAEL SMITH' });
    expect(missing('extension', prefill.values, '2028-12-11')).toEqual(['permit.newExpiry', 'permit.reason']);
    // the same from the person (the form page's ?personId=)
    const started = await call<ReplyOf<'people:startApplication'>>('people:startApplication', { personId: person.person.id, kind: 'extension' });
    expect(started.number).toBe(permitNo);
    expect(missing('extension', started.values, '2028-12-11')).toEqual(['permit.newExpiry', 'permit.reason']);

    const typed = { ...prefill.values, 'permit.newExpiry': '2029-12-30', 'permit.reason': '劳动合同已续订至2029年12月31日。' };
    // nothing typed but the new date and the reason: 聘用期限至 (the renewed contract's end) is optional
    expect(blocking('extension', typed, '2028-12-11')).toEqual([]);
    // when given, it caps the date asked for
    expect(blocking('extension', { ...typed, 'job.end': '2029-06-30' }, '2028-12-11')).toEqual(['permit.newExpiry.afterContract']);
    const extensionValues = { ...typed, 'job.end': '2029-12-31' };
    expect(blocking('extension', extensionValues, '2028-12-11')).toEqual([]);

    const draft = await call<RecordDetail>('records:save', { kind: 'extension', values: extensionValues });
    await call('people:attach', { recordId: draft.id, personId: person.person.id });
    expect((await deadlines()).permits[0]?.pendingExtension).toEqual({ id: draft.id, status: 'draft' });
    await call('records:submit', { id: draft.id });
    list = await deadlines();
    expect(list.permits[0]?.pendingExtension).toEqual({ id: draft.id, status: 'submitted' });
    // submitted in 2028: past the holiday calendar's years, the due date is flagged
    const extReview = list.pendingReviews.find((r) => r.id === draft.id);
    expect(extReview?.beyondCalendar).toBe(CALENDAR_COVERAGE.to < 2028);

    // the bureau approves the extension: the permit keeps its number and moves its expiry
    await approve(draft.id);
    const extension = await get(draft.id);
    expect(extension).toMatchObject({ status: 'approved', certificateNo: permitNo });
    expect((await deadlines()).permits).toEqual([]);
    expect(await badge()).toEqual({ count: 0, expired: 0 });
    const after = await personOf(smith.id);
    expect(after.permit).toMatchObject({ number: permitNo, kind: 'extension', expiry: '2029-12-30', recordId: draft.id, pendingExtension: null });
    expect(after.documents.map((d) => d.kind)).toContain('extension');

    // the next extension of the same permit starts from the approved extension (renewal chain)
    setToday('2029-12-10');
    const again = await call<ReplyOf<'records:prefill'>>('records:prefill', { kind: 'extension', number: permitNo });
    expect(again.source).toBe('local');
    expect(again.values).toMatchObject({ 'permit.no': permitNo, 'permit.expiry': '2029-12-30' });
    expect(missing('extension', again.values, '2029-12-10')).toEqual(['permit.newExpiry', 'permit.reason']);
    expect((await deadlines()).permits.map((p) => [p.number, p.daysLeft, p.level])).toEqual([
      [(await get(dubois.id)).certificateNo, -164, 'expired'],
      [permitNo, 20, '30'],
      [(await get(chen.id)).certificateNo, 21, '30'],
    ]);

    // expired permits are flagged
    setToday('2030-01-02');
    list = await deadlines();
    expect(list.permits.map((p) => [p.name, p.level, p.daysLeft])).toEqual([
      ['MARIE DUBOIS', 'expired', -187],
      ['陈家明', 'expired', -2],
      ['JOHN MICHAEL SMITH', 'expired', -3],
    ].sort((a, b) => (a[2] as number) - (b[2] as number)));
    expect(await badge()).toEqual({ count: 3, expired: 3 });
  });

  it('an HMT permit: hmt-extension from the person page, prefilled but for the new date and the reason', async () => {
    const chen = await submit('hmt-permit', { ...HMT_PERMIT_VALUES, 'job.end': '2028-06-30' });
    await approve(chen.id);
    const number = (await get(chen.id)).certificateNo!;
    setToday('2028-06-05');
    const person = await personOf(chen.id);
    expect(person.permit).toMatchObject({ number, extensionKind: 'hmt-extension', daysLeft: 25, level: '30' });
    expect(person.nextSteps.find((s) => s.label === '申请延期')).toMatchObject({ kind: 'hmt-extension', query: { number } });
    const prefill = await call<ReplyOf<'records:prefill'>>('records:prefill', { kind: 'hmt-extension', number });
    expect(prefill.source).toBe('local');
    expect(missing('hmt-extension', prefill.values, '2028-06-05')).toEqual(['permit.newExpiry', 'permit.reason']);
    expect((await badge()).count).toBe(1);
  });

  it('approved license → licensed registration and approved recruitment → exempt registration, from the person', async () => {
    const license = await submit('license', LICENSE_VALUES);
    const recruitment = await submit('recruitment', {
      ...Object.fromEntries(Object.entries(REGISTRATION_EXEMPT_VALUES).filter(([k]) => /^(employer|person|job)\./.test(k))),
      'employer.authority': '广州市商务局',
      exemption: '外国企业常驻中国代表机构的首席代表、代表',
      'police.opinion': '同意',
      'police.date': '2026-11-21',
    });
    await approve(license.id, recruitment.id);
    const licenseNo = (await get(license.id)).certificateNo!;
    expect(licenseNo).toMatch(/^GZ\d{11}$/);

    const smith = await personOf(license.id);
    expect(smith.nextSteps).toContainEqual(expect.objectContaining({ kind: 'registration-licensed', query: { number: licenseNo } }));
    const reg = await call<ReplyOf<'people:startApplication'>>('people:startApplication', { personId: smith.person.id, kind: 'registration-licensed' });
    expect(reg.number).toBe(licenseNo);
    expect(reg.values).toMatchObject({ licenseNo, 'person.nameEn': 'JOHN MICHAEL SMITH', 'job.title': LICENSE_VALUES['job.title'] });
    expect(missing('registration-licensed', reg.values, FIXTURE_TODAY)).toEqual(
      ['employer.address', 'employer.contact', 'employer.legalRep', 'employer.name', 'employer.phone', 'employer.postcode', 'employer.type', 'employer.uscc']
        .filter((k) => !reg.values[k])
        .concat(['residence.address', 'visa.entryDate', 'visa.no', 'visa.type'])
        .sort(),
    );

    const dubois = await personOf(recruitment.id);
    expect(dubois.nextSteps).toContainEqual(expect.objectContaining({ kind: 'registration-exempt', query: { sourceId: recruitment.id } }));
    const exempt = await call<ReplyOf<'people:startApplication'>>('people:startApplication', { personId: dubois.person.id, kind: 'registration-exempt' });
    expect(exempt.sourceId).toBe(recruitment.id);
    expect(exempt.values['person.nameEn']).toBe('MARIE DUBOIS');
    // written once: then the step is gone
    const written = await call<RecordDetail>('records:save', { kind: 'registration-exempt', values: exempt.values, sourceId: recruitment.id });
    await call('people:attach', { recordId: written.id, personId: dubois.person.id });
    expect((await personOf(recruitment.id)).nextSteps.map((s) => s.kind)).not.toContain('registration-exempt');
  });

  it('reminders: a desktop notification once a day while permits are near expiry', async () => {
    const smith = await submit('registration-licensed', REGISTRATION_LICENSED_VALUES);
    await approve(smith.id);
    expect(remindOnce(app.core)).toBe(false); // nothing near expiry
    setToday('2028-12-11');
    expect(remindOnce(app.core)).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toMatch(/1 个就业证将在 90 天内到期/);
    expect(remindOnce(app.core)).toBe(false); // once a day
    expect(app.core.meta.get('reminders.lastNotified')).toBe('2028-12-11');

    setToday('2028-12-12');
    const stop = startReminders(() => app.core, { firstDelayMs: 1, intervalMs: 20 });
    try {
      await new Promise((r) => setTimeout(r, 120));
    } finally {
      stop();
    }
    expect(notes).toHaveLength(2);
    setToday('2029-01-02');
    expect(remindOnce(app.core)).toBe(true);
    expect(notes[2]?.body).toMatch(/1 个已过期/);
  });
});
