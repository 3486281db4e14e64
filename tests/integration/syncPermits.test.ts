/**
 * The sync engine, built from its parts over a real store (SQLite in a temp folder) against the
 * real sandbox bureau on loopback:
 * - a submission naming another employer is refused for good (403 …/employer-mismatch): the row
 *   reads 上传被拒, it is never retried, and later submissions still go;
 * - the bureau's permits are pulled (GET /v1/permits, cursor in the store) into bureau_permits,
 *   linked to their people or creating them (source 'bureau'), and 到期提醒 lists them;
 * - hostile permit pages (a fake bureau on loopback) are refused, nothing stored;
 * - 10,000 permits: the time the pull takes is logged (no threshold).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauClient, type BureauClient } from '../../main/services/bureau';
import { EventHub } from '../../main/services/events';
import { RecordService } from '../../main/services/records/recordService';
import { RecordStore } from '../../main/services/records/recordStore';
import { BureauPermitStore, ACTION_CREATED_FROM_BUREAU } from '../../main/services/roster/bureauPermits';
import { deadlineBadge, listDeadlines } from '../../main/services/roster/deadlines';
import { PeopleStore } from '../../main/services/roster/peopleStore';
import { openDatabase, type Db } from '../../main/services/store/database';
import { MetaStore } from '../../main/services/store/meta';
import { Outbox, RECORD_REFUSAL_JOIN, RECORD_SYNC_ERROR_SQL, RECORD_SYNC_STATE_SQL } from '../../main/services/sync/outbox';
import { PERMIT_CURSOR_KEY, SyncEngine } from '../../main/services/sync/syncEngine';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import type { BureauPermit } from '../../shared/api/schemas';
import { employerValues } from '../../shared/documents/prefill';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { addDays } from '../../shared/validation/dates';
import { FIXTURE_CONTEXT, FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { DEMO, testClock, ZHUJIANG } from '../sandbox/testing';
import type { DemoAccount } from '../sandbox/accounts';

const clock = testClock(); // 2026-11-28 10:00 China time, for the desk and the bureau
let sandbox: Sandbox;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  clock.set(new Date('2026-11-28T02:00:00.000Z'));
  sandbox = await createSandbox({ clock: clock.now });
  cleanups.push(() => sandbox.close());
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Desk {
  db: Db;
  meta: MetaStore;
  records: RecordService;
  outbox: Outbox;
  permits: BureauPermitStore;
  people: PeopleStore;
  engine: SyncEngine;
  client: BureauClient;
  logs: string[];
  /** backoff sleeps taken: a refusal for good takes none */
  sleeps: number[];
  submit(kind: DocumentKind, values: FormValues): string;
  syncState(id: string): { state: string; error: string | null };
}

async function openDesk(
  who: DemoAccount,
  options: { url?: string; enterpriseUscc?: string; permitPageSize?: number; token?: string } = {},
): Promise<Desk> {
  const t = tempDir();
  const db = openDatabase(t.dir);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  const meta = new MetaStore(db);
  const recordStore = new RecordStore(db);
  const records = new RecordService(recordStore, () => FIXTURE_CONTEXT, clock.now);
  const outbox = new Outbox(db);
  const permits = new BureauPermitStore(db);
  const url = options.url ?? sandbox.url;
  let stored: string | null = options.token ?? null;
  const client = createBureauClient({ baseUrl: url, timeoutMs: 2000, getToken: () => stored });
  if (!stored) stored = (await client.login(who.email, who.password)).token;
  const logs: string[] = [];
  const sleeps: number[] = [];
  const engine = new SyncEngine({
    outbox,
    records,
    meta,
    permits,
    ...(options.enterpriseUscc ? { enterpriseUscc: () => options.enterpriseUscc } : {}),
    transaction: (fn) => recordStore.transaction(fn),
    client: () => client,
    events: new EventHub(),
    log: (l) => logs.push(l),
    now: clock.now,
    retry: { attempts: 3, baseMs: 1, maxMs: 2 },
    sleep: async (ms) => void sleeps.push(ms),
    ...(options.permitPageSize ? { permitPageSize: options.permitPageSize } : {}),
  });
  const stateStmt = db.prepare(`SELECT ${RECORD_SYNC_STATE_SQL} AS state, ${RECORD_SYNC_ERROR_SQL} AS error FROM records r ${RECORD_REFUSAL_JOIN} WHERE r.id = ?`);
  return {
    db,
    meta,
    records,
    outbox,
    permits,
    people: new PeopleStore(db),
    engine,
    client,
    logs,
    sleeps,
    submit(kind, values) {
      const draft = records.save({ kind, values });
      records.submit(draft.id);
      return draft.id;
    },
    syncState: (id) => stateStmt.get(id) as { state: string; error: string | null },
  };
}

/** The fixture values of `kind` filed by `who` (its employer section). */
const filedBy = (who: DemoAccount, kind: DocumentKind, patch: FormValues = {}): FormValues => ({ ...VALID_VALUES[kind], ...employerValues(who.profile), ...patch });

describe('an upload the bureau refuses for good', () => {
  it('shows 上传被拒 on the row with the bureau\'s message, is not retried, and later submissions still go', async () => {
    const desk = await openDesk(DEMO);
    const foreign = desk.submit('license', VALID_VALUES.license); // names 珠江智造 as the employer
    const own = desk.submit('license', filedBy(DEMO, 'license', { 'person.nameEn': 'OWN APPLICANT' }));

    const report = await desk.engine.run();
    expect(report.uploaded).toBe(1);
    expect(desk.sleeps).toEqual([]); // no backoff for a refusal
    const refusal = desk.outbox.refusalOf(foreign, 1);
    expect(refusal).toMatchObject({ refusal: PROBLEM_TYPES.employerMismatch, attempts: 1 });
    expect(refusal?.message).toContain(ZHUJIANG.profile.uscc);
    expect(refusal?.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(desk.syncState(foreign)).toEqual({ state: 'refused', error: refusal?.message });
    expect(desk.syncState(own)).toEqual({ state: 'uploaded', error: null });
    expect(desk.records.get(foreign).status).toBe('submitted'); // not a review: the record stays as submitted
    expect(desk.engine.status().pending).toBe(0);
    expect(sandbox.review.list().map((s) => s.clientId)).toEqual([own]);

    // the next sync does not send it again; a new submission still goes
    const later = desk.submit('recruitment', filedBy(DEMO, 'recruitment'));
    expect((await desk.engine.run()).uploaded).toBe(1);
    expect(desk.outbox.refusalOf(foreign, 1)?.attempts).toBe(1);
    expect(sandbox.review.list().map((s) => s.clientId)).toEqual([own, later]);
    expect(desk.syncState(foreign).state).toBe('refused');
    expect(desk.logs.some((l) => l.includes('refused for good'))).toBe(true);
  });

  it('refuses on the desk, before sending, a revision naming another employer than the signed-in enterprise', async () => {
    const desk = await openDesk(DEMO, { enterpriseUscc: DEMO.profile.uscc });
    const foreign = desk.submit('recruitment', VALID_VALUES.recruitment);
    expect((await desk.engine.run()).uploaded).toBe(0);
    expect(desk.outbox.refusalOf(foreign, 1)).toMatchObject({ refusal: PROBLEM_TYPES.employerMismatch, attempts: 0 });
    expect(desk.syncState(foreign).state).toBe('refused');
    expect(sandbox.review.list()).toEqual([]);
  });
});

describe('the bureau\'s permits on the desk', () => {
  it('pulls the demo enterprise\'s permits: the 20-day 就业证 is in 到期提醒 and the badge, with its person', async () => {
    const desk = await openDesk(DEMO);
    const report = await desk.engine.run();
    expect(report.permits).toBe(3);
    expect(desk.meta.get<number>(PERMIT_CURSOR_KEY)).toBeGreaterThan(0);
    const stored = desk.permits.all();
    expect(stored.map((p) => p.kind).sort()).toEqual(['hmt-permit', 'license', 'permit']);

    const deadlines = listDeadlines(desk.people, desk.meta, FIXTURE_TODAY, stored);
    const miller = deadlines.permits.find((p) => p.name === 'DAVID JAMES MILLER');
    expect(miller).toMatchObject({ daysLeft: 20, level: '30', expiry: addDays(FIXTURE_TODAY, 20), extensionKind: 'extension', source: 'bureau' });
    expect(deadlines.permits.find((p) => p.name === '黄志伟')).toMatchObject({ daysLeft: 25, extensionKind: 'hmt-extension' });
    expect(deadlineBadge(desk.people, desk.meta, FIXTURE_TODAY, stored)).toEqual({ count: 2, expired: 0 });

    // each holder is a person of the roster, marked as coming from the bureau
    const person = desk.db.prepare('SELECT id, name, source, document_number FROM people WHERE id = ?').get(miller?.personId) as Record<string, string>;
    expect(person).toMatchObject({ name: 'DAVID JAMES MILLER', source: 'bureau', document_number: '567123498' });
    expect(desk.people.history(person.id ?? '')[0]?.action).toBe(ACTION_CREATED_FROM_BUREAU);
    expect((desk.db.prepare("SELECT COUNT(*) AS n FROM people WHERE source = 'bureau'").get() as { n: number }).n).toBe(3);

    // 【申请延期】 from a bureau permit: the extension prefilled without a local approval
    const values = desk.permits.extensionValues('extension', miller?.number ?? '');
    expect(values).toMatchObject({ 'permit.no': miller?.number, 'permit.expiry': miller?.expiry, 'person.nameEn': 'DAVID JAMES MILLER', 'person.passportNo': '567123498', 'person.birthDate': '1982-11-02' });
    expect(desk.permits.extensionValues('hmt-extension', miller?.number ?? '')).toBeNull();

    // a second sync finds nothing new; an extension approved at the window moves the expiry
    expect((await desk.engine.run()).permits).toBe(0);
    const cert = sandbox.store.certificate(miller?.number ?? '');
    if (!cert) throw new Error('permit missing on the bureau');
    sandbox.store.putCertificate({ ...cert, expiry: '2028-12-18' });
    expect((await desk.engine.run()).permits).toBe(1);
    expect(listDeadlines(desk.people, desk.meta, FIXTURE_TODAY, desk.permits.all()).permits.map((p) => p.name)).toEqual(['黄志伟']);
    expect((desk.db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n).toBe(3);
  });

  it('links a permit to the person with its document number and name or birth date, never to a namesake of the number', async () => {
    const desk = await openDesk(DEMO);
    const insert = desk.db.prepare(
      `INSERT INTO people (id, type, name, name_zh, document_number, nationality, birth_date, values_json, created_at, updated_at)
       VALUES (?, ?, ?, '', ?, '', ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    // the same passport and birth date, the name written otherwise: the same person
    insert.run('p-miller', 'foreign', 'D. J. MILLER', '567123498', '1982-11-02', JSON.stringify({ 'person.passportNo': '567123498', 'person.passportType': '普通护照' }));
    // the number of 黄志伟's travel permit on another person (the issue's 陈家明): not him
    insert.run('p-chan', 'hmt', '陈家明', 'H12345678', '1990-01-01', JSON.stringify({ 'hmt.docNo': 'H12345678', 'hmt.name': '陈家明' }));
    await desk.engine.run();
    const byName = new Map(desk.permits.all().map((p) => [p.holderName, p.personId]));
    expect(byName.get('DAVID JAMES MILLER')).toBe('p-miller');
    const wong = byName.get('黄志伟');
    expect(wong).not.toBe('p-chan');
    expect(desk.people.get(wong ?? '')).toMatchObject({ name: '黄志伟', documentNumber: 'H12345678' });
    expect(desk.people.get('p-chan')?.name).toBe('陈家明'); // untouched
    expect(desk.people.get('p-miller')?.name).toBe('D. J. MILLER');
  });

  it('keeps the permit cursor per store: another enterprise\'s store starts from 0 and sees only its own', async () => {
    const demo = await openDesk(DEMO);
    await demo.engine.run();
    const zhujiang = await openDesk(ZHUJIANG);
    expect(zhujiang.meta.get<number>(PERMIT_CURSOR_KEY)).toBeNull();
    await zhujiang.engine.run();
    const theirs = zhujiang.permits.all().map((p) => p.number);
    expect(theirs.some((n) => demo.permits.all().some((p) => p.number === n))).toBe(false);
    expect(theirs.length).toBe(3);
  });
});

/** A fake bureau on loopback: sign-in, empty results, and the permit pages `permits(after)` gives. */
async function fakeBureau(permits: (after: number, limit: number) => string | { status: number; body: string }): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    req.resume();
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    };
    if (url.pathname === '/v1/sessions') {
      return json(201, JSON.stringify({ token: 'x'.repeat(32), expiresAt: '2026-11-28T03:00:00.000Z', profile: { ...DEMO.profile } }));
    }
    if (url.pathname === '/v1/review-results') return json(200, JSON.stringify({ results: [], nextCursor: Number(url.searchParams.get('after')) }));
    if (url.pathname === '/v1/permits') {
      const answer = permits(Number(url.searchParams.get('after')), Number(url.searchParams.get('limit')));
      return typeof answer === 'string' ? json(200, answer) : json(answer.status, answer.body);
    }
    json(404, '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const permitAt = (cursor: number, patch: Partial<BureauPermit> = {}): BureauPermit => ({
  cursor,
  number: `E2026${String(cursor).padStart(7, '0')}`,
  kind: 'permit',
  applicant: 'foreign',
  holder: { name: `HOLDER ${cursor}`, documentType: '普通护照', documentNumber: `P${String(cursor).padStart(8, '0')}`, birthDate: '1980-01-01' },
  issueDate: '2025-01-01',
  expiry: '2026-12-20',
  status: 'valid',
  ...patch,
});

describe('a permit that changes at the bureau', () => {
  it('comes again with a new cursor: extended, it moves; revoked, it leaves 到期提醒', async () => {
    let feed: BureauPermit[] = [permitAt(1, { expiry: '2026-12-20' })];
    const fake = await fakeBureau((after) => JSON.stringify({ permits: feed.filter((p) => p.cursor > after), nextCursor: Math.max(after, ...feed.map((p) => p.cursor)) }));
    const desk = await openDesk(DEMO, { url: fake.url });
    const listed = () => listDeadlines(desk.people, desk.meta, FIXTURE_TODAY, desk.permits.withExpiry()).permits.map((p) => [p.number, p.expiry]);
    await desk.engine.run();
    expect(listed()).toEqual([['E20260000001', '2026-12-20']]);
    feed = [...feed, permitAt(2, { number: 'E20260000001', expiry: '2027-01-10' })];
    await desk.engine.run();
    expect(listed()).toEqual([['E20260000001', '2027-01-10']]);
    feed = [...feed, permitAt(3, { number: 'E20260000001', expiry: '2027-01-10', status: 'revoked' })];
    await desk.engine.run();
    expect(listed()).toEqual([]);
    expect(desk.permits.get('E20260000001')?.status).toBe('revoked');
    // an older change delivered late does not overwrite a newer one
    desk.permits.apply([permitAt(2, { number: 'E20260000001', expiry: '2027-01-10' })], '2026-11-28T02:00:00.000Z');
    expect(desk.permits.get('E20260000001')?.status).toBe('revoked');
  });
});

describe('hostile permit pages', () => {
  it('stores the valid items of a page and reports the others', async () => {
    const fake = await fakeBureau((after) =>
      after === 0
        ? JSON.stringify({ permits: [permitAt(1), { ...permitAt(2), kind: 'visa' }, { ...permitAt(3), holder: { name: '<script>', documentType: 'x', documentNumber: '../../etc' } }, permitAt(4)], nextCursor: 4 })
        : JSON.stringify({ permits: [], nextCursor: after }),
    );
    const desk = await openDesk(DEMO, { url: fake.url });
    expect((await desk.engine.run()).permits).toBe(2);
    expect(desk.permits.all().map((p) => p.feedCursor)).toEqual([1, 4]);
    expect(desk.logs.filter((l) => l.includes('skipped a permit'))).toHaveLength(2);
    expect(desk.meta.get<number>(PERMIT_CURSOR_KEY)).toBe(4);
  });

  it('refuses a page whose cursor goes back, a page larger than asked, invalid JSON and an oversized answer: nothing stored', async () => {
    const cases: [string, (after: number, limit: number) => string][] = [
      ['cursor going back', () => JSON.stringify({ permits: [permitAt(9)], nextCursor: 2 })],
      ['larger than asked', (_after, limit) => JSON.stringify({ permits: Array.from({ length: limit + 1 }, (_, i) => permitAt(i + 1)), nextCursor: limit + 1 })],
      ['invalid JSON', () => '{"permits": [{"cursor": 1'],
      ['oversized', () => JSON.stringify({ permits: [], nextCursor: 0, padding: 'x'.repeat(17 * 1024 * 1024) })],
    ];
    for (const [why, page] of cases) {
      const fake = await fakeBureau(page);
      const desk = await openDesk(DEMO, { url: fake.url, permitPageSize: 50 });
      await expect(desk.engine.run(), why).rejects.toThrow();
      expect(desk.engine.status().state, why).toBe('error');
      expect(desk.permits.all(), why).toEqual([]);
      expect(desk.meta.get<number>(PERMIT_CURSOR_KEY), why).toBeNull();
      expect(fake.requests.filter((r) => r.startsWith('GET /v1/permits')).length, `${why}: retried as a malformed answer, a bounded number of times`).toBe(3);
    }
  });

  it('a bureau without the permit list (404): the rest of the sync stands', async () => {
    const fake = await fakeBureau(() => ({ status: 404, body: '{}' }));
    const desk = await openDesk(DEMO, { url: fake.url });
    expect(await desk.engine.run()).toEqual({ uploaded: 0, results: 0, permits: 0 });
    expect(desk.engine.status().state).toBe('idle');
    expect(desk.logs.some((l) => l.includes('no permit list'))).toBe(true);
  });

  it('stops on a feed that does not move, and bounds the page size it asks for', async () => {
    // always the same permit and the same cursor, whatever is asked
    const fake = await fakeBureau(() => JSON.stringify({ permits: [permitAt(1)], nextCursor: 1 }));
    const desk = await openDesk(DEMO, { url: fake.url, permitPageSize: 100_000 });
    await desk.engine.run();
    const asked = fake.requests.filter((r) => r.startsWith('GET /v1/permits'));
    expect(asked.length).toBeLessThanOrEqual(3);
    expect(asked.every((r) => r.includes('limit=500'))).toBe(true);
    expect(desk.permits.all()).toHaveLength(1);
  });
});

describe('10,000 permits', () => {
  it('pulls them all into the store, each with its person (the time it takes is logged)', async () => {
    const demo = sandbox.store.enterpriseByEmail(DEMO.email);
    if (!demo) throw new Error('demo enterprise missing');
    const n = 10_000;
    sandbox.store.transaction(() => {
      for (let i = 1; i <= n; i++) {
        sandbox.store.putCertificate({
          number: `E20259${String(i).padStart(6, '0')}`,
          kind: 'permit',
          documentKind: 'registration-licensed',
          applicant: 'foreign',
          enterpriseId: demo.id,
          submissionId: null,
          holder: {
            'person.nameEn': `HOLDER NUMBER ${i}`,
            'person.sex': i % 2 ? '男' : '女',
            'person.birthDate': addDays('1970-01-01', i),
            'person.nationality': 'US',
            'person.passportType': '普通护照',
            'person.passportNo': `P${String(i).padStart(8, '0')}`,
          },
          expiry: addDays(FIXTURE_TODAY, i % 400),
          issuedAt: '2025-01-01T00:00:00.000Z',
        });
      }
    });
    const desk = await openDesk(DEMO);
    const started = performance.now();
    const report = await desk.engine.run();
    const ms = performance.now() - started;
    console.log(`sync: pulled ${report.permits} permits (${n} seeded + 3 demo) in ${Math.round(ms)} ms, pages of 500`);
    expect(report.permits).toBe(n + 3);
    expect((desk.db.prepare('SELECT COUNT(*) AS n FROM bureau_permits WHERE person_id IS NOT NULL').get() as { n: number }).n).toBe(n + 3);
    expect((desk.db.prepare("SELECT COUNT(*) AS n FROM people WHERE source = 'bureau'").get() as { n: number }).n).toBe(n + 3);
    const { permits } = listDeadlines(desk.people, desk.meta, FIXTURE_TODAY, desk.permits.all());
    expect(permits.filter((p) => p.source === 'bureau').length).toBeGreaterThan(2000);
  }, 120_000);
});
