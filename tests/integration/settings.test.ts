/** 设置 through the bridge: nonsense is refused with the field's message and nothing is stored. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, openTestApp, refused, type TestApp } from '../helpers/dataFixtures';

let app: TestApp;
let cleanup: () => void;
beforeEach(async () => {
  ({ app, cleanup } = await openTestApp());
});
afterEach(() => {
  app.close();
  cleanup();
});

describe('settings are checked by the shared rules before they are stored', () => {
  it('refuses a bad address, a zero interval and a negative wage, and keeps what was there', async () => {
    const before = await call<Record<string, unknown>>(app, 'settings:get', {});
    for (const patch of [{ bureauUrl: 'not a url' }, { syncIntervalMinutes: 0 }, { minimumWage: -5 }, { bureauUrl: 'http://bureau.example.com' }]) {
      const e = await app.dispatch('settings:save', patch);
      expect(e.ok, JSON.stringify(patch)).toBe(false);
      if (!e.ok) {
        expect(['INVALID_INPUT', 'BAD_REQUEST']).toContain(e.error.code);
        expect(Object.keys(e.error.fields ?? {})).toContain(Object.keys(patch)[0]);
      }
    }
    expect(await call(app, 'settings:get', {})).toEqual(before);
    const ok = await call<{ minimumWage: number }>(app, 'settings:save', { minimumWage: 2600 });
    expect(ok.minimumWage).toBe(2600);
  });

  it('refuses an employer phone of 12345 and a USCC of 123, so they never reach a new form', async () => {
    const profile = { name: '广州示例科技有限公司', uscc: '123', address: '', postcode: '', type: '', legalRep: '', contact: '', phone: '12345' };
    const error = await refused(app, 'profile:save', profile);
    expect(error.code).toBe('INVALID_INPUT');
    const current = await call<{ profile: { uscc: string; phone: string; name: string } }>(app, 'auth:current', {});
    expect(current.profile).toMatchObject({ uscc: '', phone: '', name: '' });
  });
});
