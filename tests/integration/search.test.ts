/** Search anything on the query pages: any part of the Latin or Chinese name or of the document number. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/services/store/migrations';
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

/** `count` drafts of `kind` written straight into the store, one a minute, oldest first. */
function insertRaw(kind: string, count: number, row: (i: number) => { name: string; number: string }): { id: string; name: string; number: string }[] {
  const insert = app.core.db.prepare(
    `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
     VALUES (@id, @kind, 'draft', 0, '{}', @name, @number, @at, @at)`,
  );
  const rows = Array.from({ length: count }, (_, i) => ({ id: `raw-${kind}-${String(i).padStart(5, '0')}`, ...row(i) }));
  app.core.db.transaction(() => {
    rows.forEach((r, i) => insert.run({ ...r, kind, at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString() }));
  })();
  return rows;
}

const page = (kind: string, filter: Record<string, string>, p: number) =>
  call<{ rows: { id: string }[]; total: number }>(app, 'records:list', { kind, filter, page: p, pageSize: 10 });

describe('search at scale: per kind, frequent and rare', () => {
  it('counts and pages only the kind asked for, newest first, whether the matches are many or few', async () => {
    const license = insertRaw('license', 600, (i) => ({ name: `${i % 3 === 0 ? 'ZEDAN' : 'ALBAN'} ${i}`, number: `K${100000 + i}` }));
    insertRaw('recruitment', 300, (i) => ({ name: `ZEDAN ${i}`, number: `K${100000 + i}` }));
    const newestFirst = (rows: typeof license) => [...rows].reverse().map((r) => r.id);
    const frequent = newestFirst(license.filter((r) => r.name.startsWith('ZEDAN')));
    for (const p of [1, 2, 10, 20, 21]) {
      const got = await page('license', { name: 'zeda' }, p);
      expect(got.total).toBe(200);
      expect(got.rows.map((r) => r.id)).toEqual(frequent.slice((p - 1) * 10, p * 10));
    }
    // one match among 600: found by sorting the matches, not by walking the kind
    const rare = await page('license', { name: 'ZEDAN 597' }, 1);
    expect(rare).toMatchObject({ total: 1, rows: [{ id: license[597]?.id }] });
    expect((await page('recruitment', { name: 'zeda' }, 1)).total).toBe(300);
    expect((await page('license', { name: 'ZEDAN', reviewState: '待预审' }, 1)).total).toBe(0);
  });

  it('the 证件号码 box finds a part of the number only, never of the name; many numbers sharing it too', async () => {
    expect(await names({ documentNumber: 'SMI' })).toEqual([]);
    expect(await names({ name: 'SMI' })).toEqual(['JOHN SMITH']);
    expect(await names({ documentNumber: 'e123' })).toEqual(['JOHN SMITH']);
    // past the probe's limit the number index answers instead of the trigram index: the same rows
    const many = insertRaw('license', 2100, (i) => ({ name: `MANY ${i}`, number: `Q77${String(i).padStart(5, '0')}` }));
    const shared = await page('license', { documentNumber: 'q77' }, 3);
    expect(shared.total).toBe(2100);
    expect(shared.rows.map((r) => r.id)).toEqual([...many].reverse().slice(20, 30).map((r) => r.id));
    const one = await page('license', { documentNumber: '7702099' }, 1);
    expect(one).toMatchObject({ total: 1, rows: [{ id: many[2099]?.id }] });
  });
});

describe('migration v9: the search index by kind', () => {
  it('indexes the records a store already had, each under its kind', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, { target: 8 });
      const insert = db.prepare(
        `INSERT INTO records (id, kind, status, revision, values_json, person_name, document_number, created_at, updated_at)
         VALUES (?, ?, 'draft', 0, ?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
      );
      insert.run('a', 'license', JSON.stringify({ 'person.nameZh': '约翰' }), 'JOHN SMITH', 'E12345678');
      insert.run('b', 'hmt-permit', JSON.stringify({ 'hmt.name': '陈家明' }), '陈家明', 'H0011223');
      migrate(db);
      const found = (match: string, kind: string) =>
        (
          db
            .prepare(
              `SELECT r.id FROM records_search JOIN search_kinds k ON k.n = (records_search.rowid & 1023) JOIN records r ON r.rowid = records_search.rowid / 1024
               WHERE records_search MATCH ? AND k.kind = ?`,
            )
            .all(match, kind) as { id: string }[]
        ).map((r) => r.id);
      expect(found('"OHN SMI"', 'license')).toEqual(['a']);
      expect(found('"OHN SMI"', 'hmt-permit')).toEqual([]);
      expect(found('"陈家明"', 'hmt-permit')).toEqual(['b']);
      expect(found('number : "0011"', 'hmt-permit')).toEqual(['b']);
      expect(found('name : "0011"', 'hmt-permit')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
