/**
 * The bureau's permits through the whole core (openApp, signed in as the demo enterprise, the real
 * sandbox on loopback): the login's first sync brings the seeded permits into the enterprise's
 * store with their people; 到期提醒's service lists the 20-day 就业证; the extension of it is
 * prefilled through records:prefill although no approval of it is on this desk.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bureauPermitsOf } from '../../main/services/roster/bureauPermits';
import { deadlineBadge, listDeadlines } from '../../main/services/roster/deadlines';
import { peopleOf } from '../../main/services/roster/rosterService';
import type { FormValues } from '../../shared/documents/types';
import { addDays } from '../../shared/validation/dates';
import { FIXTURE_TODAY } from '../fixtures/documents';
import { deskWithBureau, QUIET_SYNC, type DeskApp, type DeskWithBureau } from '../helpers/deskWithBureau';
import { DEMO } from '../sandbox/testing';

const clock = () => new Date(`${FIXTURE_TODAY}T04:00:00Z`);
let desk: DeskWithBureau;
let app: DeskApp;

beforeEach(async () => {
  desk = await deskWithBureau({ clock, options: QUIET_SYNC });
  ({ app } = desk);
  await desk.call('auth:login', { email: DEMO.email, password: DEMO.password });
  await app.core.sync.run(); // the login's first sync, which must succeed here
});
afterEach(() => desk.close());

const call = <T>(channel: string, payload: unknown) => desk.call<T>(channel, payload);

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
