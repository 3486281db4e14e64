/**
 * The bureau's permits through the whole core (openApp, signed in as the demo enterprise, the real
 * sandbox on loopback): the login's first sync brings the seeded permits into the enterprise's
 * store with their people; 到期提醒's service lists the 20-day 就业证; the extension of it is
 * prefilled through records:prefill although no approval of it is on this desk.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openApp } from '../../main/services';
import { bureauPermitsOf } from '../../main/services/roster/bureauPermits';
import { deadlineBadge, listDeadlines } from '../../main/services/roster/deadlines';
import { peopleOf } from '../../main/services/roster/rosterService';
import type { Envelope } from '../../shared/bridge/envelope';
import type { FormValues } from '../../shared/documents/types';
import { addDays } from '../../shared/validation/dates';
import { FIXTURE_TODAY } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { DEMO } from '../sandbox/testing';

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
  await call('auth:login', { email: DEMO.email, password: DEMO.password });
  await app.core.sync.run();
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

it('after the first sync the demo enterprise\'s 20-day 就业证 is a reminder, and its extension is prefilled', async () => {
  const core = app.core;
  const permits = bureauPermitsOf(core).all();
  expect(permits.map((p) => p.holderName).sort()).toEqual(['ANNA KOWALSKA', 'DAVID JAMES MILLER', '黄志伟']);
  const list = listDeadlines(peopleOf(core), core.meta, core.today(), permits);
  const miller = list.permits.find((p) => p.name === 'DAVID JAMES MILLER');
  expect(miller).toMatchObject({ daysLeft: 20, expiry: addDays(FIXTURE_TODAY, 20), source: 'bureau', extensionKind: 'extension' });
  expect(deadlineBadge(peopleOf(core), core.meta, core.today(), permits).count).toBe(2);

  // the person came from the bureau and is on the roster
  const roster = await call<{ rows: { id: string; name: string }[] }>('people:list', { query: 'DAVID' });
  expect(roster.rows.map((r) => r.id)).toEqual([miller?.personId]);

  // 【申请延期】 opens /records/extension/new?number=…: the form asks records:prefill
  const { values } = await call<{ values: FormValues }>('records:prefill', { kind: 'extension', number: miller?.number });
  expect(values).toMatchObject({
    'permit.no': miller?.number,
    'permit.expiry': addDays(FIXTURE_TODAY, 20),
    'person.nameEn': 'DAVID JAMES MILLER',
    'person.passportNo': '567123498',
  });
  expect(values['permit.newExpiry'] ?? '').toBe('');
  // and the same from the stored permit alone, for a desk that cannot reach the bureau
  expect(bureauPermitsOf(core).extensionValues('extension', miller?.number ?? '')).toMatchObject({
    'permit.no': miller?.number,
    'permit.expiry': addDays(FIXTURE_TODAY, 20),
    'person.nameEn': 'DAVID JAMES MILLER',
  });
});
