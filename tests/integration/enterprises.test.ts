/**
 * Enterprises kept apart on one desk (the reproduction, against the real sandbox bureau):
 * A submits without syncing, signs out; B signs in and syncs. B sees nothing of A over any channel,
 * and A's submission reaches the bureau only under A's own token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CHANNEL_NAMES, type RecordDetail } from '../../shared/bridge/contract';
import type { Sandbox } from '../sandbox';
import { DEMO, ZHUJIANG } from '../sandbox/testing';
import { FIXTURE_TODAY, LICENSE_VALUES } from '../fixtures/documents';
import { deskWithBureau, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';
import { memorySecrets } from '../../main/services/auth/session';

/** the files of `dir` this process holds open (Linux): a closed store holds none */
const openFilesUnder = (dir: string): string[] =>
  fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir));
import { dataAttempts } from '../helpers/frozenAttempts/data';
import { rosterAttempts } from '../helpers/frozenAttempts/roster';

const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);
const A_NAME = 'TAMPERPROOF ALICE';
const A_PASSPORT = 'E98765432';

let desk: DeskWithBureau;
let sandbox: Sandbox;
let app: DeskApp;
let secrets: ReturnType<typeof memorySecrets>;
let dataDir: string;

beforeEach(async () => {
  secrets = memorySecrets();
  desk = await deskWithBureau({
    clock,
    ports: { secrets },
    options: { bureauTimeoutMs: 2000, backgroundJobs: false, sync: { retry: { attempts: 2, baseMs: 5, maxMs: 10 }, sleep: async () => undefined } },
  });
  ({ app, sandbox, dataDir } = desk);
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);
const login = (who: { email: string; password: string }) => call<{ profile: { uscc: string } }>('auth:login', { email: who.email, password: who.password });

/** A's application: DEMO's employer section, a person only A has. */
const demoValues = {
  ...LICENSE_VALUES,
  'employer.name': DEMO.profile.name,
  'employer.uscc': DEMO.profile.uscc,
  'person.nameEn': A_NAME,
  'person.passportNo': A_PASSPORT,
};

async function submitAsDemo(): Promise<RecordDetail> {
  await desk.signIn(DEMO); // with the sign-in's own first sync, before A submits
  const draft = await call<RecordDetail>('records:save', { kind: 'license', values: demoValues });
  return call<RecordDetail>('records:submit', { id: draft.id });
}

const submissionsOf = (email: string) => {
  const enterprise = sandbox.store.enterpriseByEmail(email);
  return sandbox.review.list().filter((s) => (s as { enterpriseId?: number }).enterpriseId === enterprise?.id || s.clientId === undefined);
};

describe('enterprises kept apart on one desk', () => {
  it('B sees nothing of A over any channel, and A’s queued upload is never filed under B', async () => {
    const a = await submitAsDemo();
    expect(a.syncState).toBe('pending');
    const markers = [a.id, A_NAME, A_PASSPORT];
    await call('auth:logout', {});

    await login(ZHUJIANG);
    const synced = await call<{ uploaded: number }>('sync:run', {});
    expect(synced.uploaded).toBe(0);
    expect(sandbox.review.list().map((s) => s.clientId)).not.toContain(a.id);

    // every channel of the contract, aimed at A's record, answers nothing of A
    const attempts: Record<string, unknown> = {
      'records:save': { id: a.id, kind: 'license', values: demoValues },
      'records:submit': { id: a.id },
      'records:prefill': { kind: 'registration-licensed', number: A_PASSPORT },
      'records:prefillFrom': { kind: 'registration-exempt', sourceId: a.id },
      'records:delete': { ids: [a.id] },
      'records:get': { id: a.id },
      'records:list': { kind: 'license' },
      'records:check': { kind: 'license', values: {} },
      'autosave:put': { key: `form:license:${a.id}`, values: {} },
      'autosave:clear': { key: 'form:license:none' },
      'autosave:get': { key: `form:license:${a.id}` },
      'profile:save': { ...ZHUJIANG.profile, email: undefined },
      'settings:save': {},
      'settings:get': {},
      'sync:run': {},
      'sync:status': {},
      'bureau:probe': {},
      'task:cancel': { task: a.id },
      'print:preview': { id: a.id, document: 'form' },
      'print:printers': {},
      'print:print': { id: a.id, document: 'form', printer: 'none' },
      'print:previewBatch': { ids: [a.id] },
      'print:printBatch': { ids: [a.id], printer: 'none' },
      'app:info': {},
      'app:setLanguage': { language: 'zh-CN' },
      'auth:current': {},
      'enterprises:list': {},
      ...dataAttempts(a.id),
      ...rosterAttempts(a.id),
    };
    delete (attempts['profile:save'] as Record<string, unknown>).email;
    const skipped = ['auth:logout', 'auth:login'];
    expect([...Object.keys(attempts), ...skipped].sort()).toEqual([...new Set([...CHANNEL_NAMES, ...skipped])].sort());
    for (const [channel, payload] of Object.entries(attempts)) {
      const envelope = await app.dispatch(channel, payload);
      const reply = JSON.stringify(envelope);
      // a refusal may repeat what was asked (the id, the number); nothing else of A's may appear
      for (const marker of envelope.ok ? markers : [A_NAME]) expect(reply, `${channel} answered with A's ${marker}`).not.toContain(marker);
    }
    // the list of enterprises on this desk names A (for 切换单位) with its pending upload, but nothing of its data
    const { enterprises } = await call<{ enterprises: { uscc: string; pendingUploads: number; current: boolean }[] }>('enterprises:list', {});
    expect(enterprises.find((e) => e.uscc === DEMO.profile.uscc)).toMatchObject({ pendingUploads: 1, current: false });
    expect(enterprises.find((e) => e.uscc === ZHUJIANG.profile.uscc)).toMatchObject({ current: true });

    // back as A: the queued upload is A's, and goes under A's token
    await call('auth:logout', {});
    await login(DEMO);
    await call('sync:run', {});
    const filed = sandbox.review.list().filter((s) => s.clientId === a.id);
    expect(filed).toHaveLength(1);
    const demoId = sandbox.store.enterpriseByEmail(DEMO.email)?.id;
    expect((filed[0] as unknown as { enterpriseId: number }).enterpriseId).toBe(demoId);
    expect(submissionsOf(ZHUJIANG.email).map((s) => s.clientId)).not.toContain(a.id);
  });

  it('each enterprise has its own store file, keyed by its 统一社会信用代码, and only the signed-in one is open', async () => {
    await submitAsDemo();
    const demoStore = path.join(dataDir, 'enterprises', DEMO.profile.uscc, 'permit-desk.sqlite');
    expect(fs.existsSync(demoStore)).toBe(true);
    await login(ZHUJIANG); // switching: A closes
    expect(app.core.enterprise.key).toBe(ZHUJIANG.profile.uscc);
    expect(app.core.dbFile).toBe(path.join(dataDir, 'enterprises', ZHUJIANG.profile.uscc, 'permit-desk.sqlite'));
    const listed = await call<{ total: number }>('records:list', { kind: 'license' });
    expect(listed.total).toBe(0);
    // A's token went with A: nothing of A's can be uploaded while B is signed in
    expect(secrets.get(`enterprise.${DEMO.profile.uscc}.bureau.token`)).toBeNull();
    expect(secrets.get(`enterprise.${ZHUJIANG.profile.uscc}.bureau.token`)).not.toBeNull();
    // and A's store is closed
    expect(openFilesUnder(path.join(dataDir, 'enterprises', DEMO.profile.uscc))).toEqual([]);
  });

  it('offline sign-in works per enterprise: each email against its own store and password', async () => {
    await login(DEMO);
    await call('auth:logout', {});
    await login(ZHUJIANG);
    await call('auth:logout', {});
    await sandbox.close();
    // the bureau is gone: both sign in offline with their own passwords, and not with each other's
    const demo = await call<{ profile: { uscc: string }; offline: boolean }>('auth:login', { email: DEMO.email, password: DEMO.password });
    expect(demo).toMatchObject({ offline: true, profile: { uscc: DEMO.profile.uscc } });
    const wrong = await app.dispatch('auth:login', { email: ZHUJIANG.email, password: DEMO.password });
    expect(wrong.ok).toBe(false);
    expect(app.core.enterprise.key).toBe(DEMO.profile.uscc); // a failed switch leaves A signed in
    // …and leaves nothing of B open: its store, its sync, its timers
    expect(openFilesUnder(path.join(dataDir, 'enterprises', ZHUJIANG.profile.uscc))).toEqual([]);
    const zhujiang = await call<{ profile: { uscc: string }; offline: boolean }>('auth:login', { email: ZHUJIANG.email, password: ZHUJIANG.password });
    expect(zhujiang).toMatchObject({ offline: true, profile: { uscc: ZHUJIANG.profile.uscc } });
  });

  it('signed out, no channel but the open ones reaches any store', async () => {
    await submitAsDemo();
    await call('auth:logout', {});
    for (const channel of CHANNEL_NAMES) {
      if (['app:info', 'app:setLanguage', 'auth:current', 'auth:login', 'sync:status', 'auth:logout'].includes(channel)) continue;
      const reply = await app.dispatch(channel, {});
      if (!reply.ok && reply.error.code === 'BAD_REQUEST') continue; // refused before anything
      expect(reply.ok ? 'ok' : reply.error.code, channel).toBe('NOT_SIGNED_IN');
    }
    expect(await call('auth:current', {})).toEqual({ profile: null });
    expect(await call('sync:status', {})).toMatchObject({ pending: 0 });
  });
});
