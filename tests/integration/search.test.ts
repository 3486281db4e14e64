/** Search anything on the query pages: any part of the Latin or Chinese name or of the document number. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, openTestApp, refused, type TestApp } from '../helpers/dataFixtures';
import { HMT_PERMIT_VALUES, LICENSE_VALUES } from '../fixtures/documents';

let app: TestApp;
let cleanup: () => void;
beforeEach(async () => {
  ({ app, cleanup } = await openTestApp());
  await call(app, 'records:save', { kind: 'license', values: { ...LICENSE_VALUES, 'person.nameEn': 'JOHN SMITH', 'person.nameZh': '约翰', 'person.passportNo': 'E12345678' } });
  await call(app, 'records:save', { kind: 'license', values: { ...LICENSE_VALUES, 'person.nameEn': 'MARIE DUBOIS', 'person.nameZh': '玛丽', 'person.passportNo': 'G99887766' } });
});
afterEach(() => {
  app.close();
  cleanup();
});

const names = async (filter: Record<string, string>) =>
  (await call<{ rows: { personName: string }[] }>(app, 'records:list', { kind: 'license', filter })).rows.map((r) => r.personName);

describe('search anything', () => {
  it('finds any part of the Latin name, case-insensitive', async () => {
    expect(await names({ name: 'SMITH' })).toEqual(['JOHN SMITH']);
    expect(await names({ name: 'smi' })).toEqual(['JOHN SMITH']);
    expect(await names({ name: 'ohn s' })).toEqual(['JOHN SMITH']);
    expect(await names({ name: 'is' })).toEqual(['MARIE DUBOIS']);
  });

  it('finds the Chinese name, even two characters', async () => {
    expect(await names({ name: '约翰' })).toEqual(['JOHN SMITH']);
    expect(await names({ name: '玛' })).toEqual(['MARIE DUBOIS']);
  });

  it('finds a part of the document number, in the name box or the number box', async () => {
    expect(await names({ documentNumber: '2345' })).toEqual(['JOHN SMITH']);
    expect(await names({ documentNumber: 'g998' })).toEqual(['MARIE DUBOIS']);
    expect(await names({ name: '887766' })).toEqual(['MARIE DUBOIS']);
  });

  it('a quote or a wildcard is only text', async () => {
    expect(await names({ name: '"' })).toEqual([]);
    expect(await names({ name: 'SM"ITH' })).toEqual([]);
    expect(await names({ name: '%' })).toEqual([]);
    expect(await names({ name: 'J*' })).toEqual([]);
  });

  it('keeps up with edits: the old name is no longer found', async () => {
    const { rows } = await call<{ rows: { id: string }[] }>(app, 'records:list', { kind: 'license', filter: { name: 'SMITH' } });
    await call(app, 'records:save', { id: rows[0]?.id, kind: 'license', values: { ...LICENSE_VALUES, 'person.nameEn': 'JOHN BROWN', 'person.passportNo': 'E12345678' } });
    expect(await names({ name: 'SMITH' })).toEqual([]);
    expect(await names({ name: 'BROWN' })).toEqual(['JOHN BROWN']);
  });

  it('finds a 台港澳 applicant by part of the 姓名', async () => {
    await call(app, 'records:save', { kind: 'hmt-permit', values: HMT_PERMIT_VALUES });
    const name = HMT_PERMIT_VALUES['hmt.name'] ?? '';
    const part = [...name].slice(1).join('');
    const { rows } = await call<{ rows: { personName: string }[] }>(app, 'records:list', { kind: 'hmt-permit', filter: { name: part } });
    expect(rows).toHaveLength(1);
  });

  it('a reversed date range is refused with a message', async () => {
    const error = await refused(app, 'records:list', { kind: 'license', filter: { from: '2026-12-01', to: '2026-11-01' } });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/开始日期.*晚于结束日期/);
  });
});
