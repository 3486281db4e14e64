/**
 * Honest states against the real sandbox bureau on loopback: the bureau's reachability from its
 * last request and a probe (not the computer's network flag), a lookup that cannot reach the
 * bureau says so, an offline sign-in's 【同步】 asks for an online sign-in (not 登录已过期) once
 * the bureau answers, and a slow lookup is cancelled through its task.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUREAU_TASKS, type BureauStatus } from '../../shared/bridge/contract';
import type { Sandbox } from '../sandbox';
import { FIXTURE_TODAY } from '../fixtures/documents';
import { deskWithBureau, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';
import { tempDir } from '../helpers/tmp';
import { openDatabase } from '../../main/services/store/database';
import { MetaStore } from '../../main/services/store/meta';
import { RecordStore } from '../../main/services/records/recordStore';
import { RecordService } from '../../main/services/records/recordService';
import { Outbox } from '../../main/services/sync/outbox';
import { SyncEngine } from '../../main/services/sync/syncEngine';
import { EventHub } from '../../main/services/events';
import { Tasks } from '../../main/services/tasks';
import { createBureauClient } from '../../main/services/bureau';
import { FIXTURE_CONTEXT } from '../fixtures/documents';

const ZHUJIANG = { email: 'hr@zhujiang-tech.example.cn', password: 'zhujiang-password' };
const KNOWN_PERMIT = 'E20250000456';
const UNKNOWN_PERMIT = 'E20259999999';
const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);

let desk: DeskWithBureau;
let sandbox: Sandbox;
let app: DeskApp;
const pushed: BureauStatus[] = [];
const tasks: { task: string; label: string; state: string }[] = [];

beforeEach(async () => {
  pushed.length = 0;
  tasks.length = 0;
  desk = await deskWithBureau({ clock, options: { bureauTimeoutMs: 5000, sync: { retry: { attempts: 1, baseMs: 1, maxMs: 1 } } } });
  ({ app, sandbox } = desk);
  app.onEvent((name, payload) => {
    if (name === 'bureau:status') pushed.push(payload as BureauStatus);
    if (name === 'task:progress') tasks.push(payload as { task: string; label: string; state: string });
  });
  await desk.signIn(ZHUJIANG);
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);
const refused = (channel: string, payload: unknown) => desk.refused(channel, payload);
type Prefill = { values: Record<string, string>; source: string; message?: string };
const lookup = (number: string) => call<Prefill>('records:prefill', { kind: 'extension', number });

describe('honest states', () => {
  it('the probe and every bureau request say whether the bureau answers, and a change is pushed', async () => {
    expect((await call<BureauStatus>('bureau:probe', {})).state).toBe('reachable');
    sandbox.faults.set({ fail5xx: 1 });
    const down = await call<BureauStatus>('bureau:probe', {});
    expect(down.state).toBe('unreachable');
    expect(down.message).toMatch(/暂时无法处理|HTTP 503/);
    expect(pushed.at(-1)?.state).toBe('unreachable');
    // the next request that gets an answer says it is back
    expect((await lookup(KNOWN_PERMIT)).source).toBe('bureau');
    expect(pushed.at(-1)?.state).toBe('reachable');
  });

  it('a lookup that cannot reach the bureau says so, not "no approved record"', async () => {
    expect((await lookup(UNKNOWN_PERMIT)).source).toBe('none'); // the bureau answered: it does not know the number
    sandbox.faults.set({ fail5xx: 1 });
    const reply = await lookup(UNKNOWN_PERMIT);
    expect(reply.source).toBe('unreachable');
    expect(reply.message).toMatch(/预审系统/);
    expect(reply.values).toEqual({ 'permit.no': UNKNOWN_PERMIT });
  });

  it('a slow lookup is a cancellable task: task:cancel aborts the bureau request', async () => {
    sandbox.faults.set({ latencyMs: 60_000 });
    const pending = lookup(KNOWN_PERMIT);
    for (let i = 0; i < 100 && !tasks.some((t) => t.label === BUREAU_TASKS.lookup); i++) await new Promise((r) => setTimeout(r, 10));
    const task = tasks.find((t) => t.label === BUREAU_TASKS.lookup);
    expect(task).toBeDefined();
    expect((await call<{ cancelled: boolean }>('task:cancel', { task: task?.task })).cancelled).toBe(true);
    const reply = await pending;
    expect(reply.source).toBe('cancelled');
    expect(tasks.filter((t) => t.task === task?.task).at(-1)?.state).toBe('cancelled');
    // a cancelled request says nothing about the bureau's reachability
    expect(pushed.filter((s) => s.state === 'unreachable')).toEqual([]);
  });

  it('after an offline sign-in, 【同步】 says the bureau cannot be reached, then asks for an online sign-in once it can', async () => {
    await call('auth:logout', {});
    await sandbox.close();
    const signedIn = await call<{ offline: boolean }>('auth:login', ZHUJIANG);
    expect(signedIn.offline).toBe(true);

    const offlineLookup = await lookup(UNKNOWN_PERMIT);
    expect(offlineLookup.source).toBe('unreachable');
    expect(offlineLookup.message).toMatch(/离线登录/);

    const down = await refused('sync:run', {});
    expect(down.code).toBe('OFFLINE');
    expect(down.message).not.toMatch(/登录已过期/);
    expect(down.message).toMatch(/无法连接/);
    expect((await call<BureauStatus>('bureau:probe', {})).state).toBe('unreachable');

    sandbox = await desk.restartBureau(); // the same port: the desk's bureau URL answers again
    const back = await refused('sync:run', {});
    expect(back.code).toBe('NOT_SIGNED_IN');
    expect(back.message).not.toMatch(/登录已过期/);
    expect(back.message).toMatch(/离线登录.*联网登录/);
    expect((await call<{ state: string }>('sync:status', {})).state).toBe('auth-required');
    expect((await call<BureauStatus>('bureau:probe', {})).state).toBe('reachable');

    // the online sign-in the dialog asks for, then 【同步】 works
    expect((await call<{ offline: boolean }>('auth:login', ZHUJIANG)).offline).toBe(false);
    await app.core.sync.run().catch(() => undefined);
    expect((await call<{ uploaded: number }>('sync:run', {})).uploaded).toBe(0);
  });

  it('a sync given the tasks is cancellable: task:cancel aborts the bureau request it waits on', async () => {
    const t = tempDir();
    const db = openDatabase(t.dir);
    try {
      const recordStore = new RecordStore(db);
      const events = new EventHub();
      const running: string[] = [];
      events.on((name, payload) => {
        if (name === 'task:progress' && (payload as { label: string }).label === BUREAU_TASKS.sync) running.push((payload as { task: string }).task);
      });
      const tasks = new Tasks(events);
      const client = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 120_000, getToken: () => token });
      const token = (await client.login(ZHUJIANG.email, ZHUJIANG.password)).token;
      const engine = new SyncEngine({
        outbox: new Outbox(db),
        records: new RecordService(recordStore, () => FIXTURE_CONTEXT, clock),
        meta: new MetaStore(db),
        transaction: (fn) => recordStore.transaction(fn),
        client: () => client,
        events,
        tasks,
        log: () => undefined,
        now: clock,
        retry: { attempts: 1, baseMs: 1, maxMs: 1 },
      });
      sandbox.faults.set({ latencyMs: 60_000 });
      const run = engine.run();
      await expect.poll(() => running.length).toBe(1);
      expect(tasks.cancel(running[0] ?? '')).toBe(true);
      await expect(run).rejects.toThrow(/同步已取消/);
      expect(engine.status()).toMatchObject({ state: 'idle', message: expect.stringMatching(/同步已取消/) });
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
