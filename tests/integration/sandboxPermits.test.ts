/**
 * The sandbox bureau's belt and braces: a submission whose employer is not the token's enterprise
 * is refused with 403 …/employer-mismatch and nothing is stored; and GET /v1/permits lists each
 * enterprise's own permits by cursor, a changed permit coming again at the end of the feed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import { bureauPermit, permitsResponse, problemDetails, submissionReceipt, type BureauPermit } from '../../shared/api/schemas';
import { addDays } from '../../shared/validation/dates';
import { FIXTURE_HMT_PERMIT_NO, FIXTURE_LICENSE_NO, FIXTURE_PERMIT_NO } from '../fixtures/documents';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { asEmployer, DEMO, LINGNAN, postSubmission, signIn, submissionOf, testClock, ZHUJIANG } from '../sandbox/testing';
import { chinaDate } from '../sandbox/time';

const clock = testClock();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ clock: clock.now });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  clock.set(new Date('2026-11-28T02:00:00.000Z'));
  sandbox.faults.reset();
});

async function problemOf(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = problemDetails.parse(await res.json());
  expect(body).toMatchObject({ type, status });
  expect(body.detail).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  return body;
}

async function permitsPage(token: string, after = 0, limit = 100) {
  const res = await fetch(`${sandbox.url}/v1/permits?after=${after}&limit=${limit}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return permitsResponse.parse(await res.json());
}

async function allPermits(token: string, limit = 100): Promise<BureauPermit[]> {
  const out: BureauPermit[] = [];
  let after = 0;
  for (;;) {
    const page = await permitsPage(token, after, limit);
    if (page.permits.length === 0) return out;
    out.push(...page.permits);
    after = page.nextCursor;
  }
}

describe('POST /v1/submissions: the employer must be the enterprise of the token', () => {
  it('refuses another enterprise\'s application with 403 employer-mismatch and stores nothing', async () => {
    const demo = (await signIn(sandbox, DEMO)).token;
    const before = sandbox.store.submissions().length;
    const zhujiangs = submissionOf('license'); // the fixtures' employer is 珠江智造
    const problem = await problemOf(await postSubmission(sandbox, demo, zhujiangs), 403, PROBLEM_TYPES.employerMismatch);
    expect(problem.detail).toContain(ZHUJIANG.profile.uscc);
    expect(problem.detail).toContain(DEMO.profile.uscc);
    expect(problem.errors).toHaveProperty(['employer.uscc']);
    // the same body, sent again: refused again, never remembered as accepted
    await problemOf(await postSubmission(sandbox, demo, zhujiangs), 403, PROBLEM_TYPES.employerMismatch);
    expect(sandbox.store.submissions().length).toBe(before);
    // under its own enterprise the same application is received
    const own = (await signIn(sandbox, ZHUJIANG)).token;
    expect((await postSubmission(sandbox, own, zhujiangs)).status).toBe(201);
  });

  it('refuses a body whose values name another employer than its employerUscc', async () => {
    const demo = (await signIn(sandbox, DEMO)).token;
    const body = { ...submissionOf('recruitment'), employerUscc: DEMO.profile.uscc }; // values still name 珠江智造
    const problem = await problemOf(await postSubmission(sandbox, demo, body), 403, PROBLEM_TYPES.employerMismatch);
    expect(problem.detail).toContain(ZHUJIANG.profile.uscc);
    const lowerCase = asEmployer(submissionOf('recruitment'), DEMO);
    lowerCase.values['employer.uscc'] = DEMO.profile.uscc.toLowerCase();
    expect((await postSubmission(sandbox, demo, lowerCase)).status, 'the same code in lower case is the same employer').not.toBe(403);
  });

  it('refuses a body without employerUscc by the contract (422), not silently', async () => {
    const demo = (await signIn(sandbox, DEMO)).token;
    const { employerUscc: _, ...without } = asEmployer(submissionOf('recruitment'), DEMO);
    const res = await fetch(`${sandbox.url}/v1/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo}`, 'Content-Type': 'application/json', 'Idempotency-Key': `${without.clientId}:1` },
      body: JSON.stringify(without),
    });
    expect((await problemOf(res, 422, PROBLEM_TYPES.validation)).errors).toHaveProperty('employerUscc');
  });

  it('keeps a replay of an accepted key an idempotent 200', async () => {
    const own = (await signIn(sandbox, LINGNAN)).token;
    const body = asEmployer(submissionOf('hmt-permit'), LINGNAN);
    const first = await postSubmission(sandbox, own, body);
    expect(first.status).toBe(201);
    const again = await postSubmission(sandbox, own, body);
    expect(again.status).toBe(200);
    expect(submissionReceipt.parse(await again.json())).toEqual(submissionReceipt.parse(await first.json()));
  });
});

describe('GET /v1/permits', () => {
  it('lists the demo enterprise\'s seeded license and permits, the 就业证 expiring in 20 days', async () => {
    const today = chinaDate(clock.now());
    const permits = await allPermits((await signIn(sandbox, DEMO)).token);
    expect(permits.map((p) => p.kind).sort()).toEqual(['hmt-permit', 'license', 'permit']);
    for (const p of permits) expect(bureauPermit.safeParse(p).success).toBe(true);
    const permit = permits.find((p) => p.kind === 'permit');
    expect(permit).toMatchObject({
      applicant: 'foreign',
      status: 'valid',
      holder: { name: 'DAVID JAMES MILLER', nameZh: '米勒', documentType: '普通护照', documentNumber: '567123498', nationality: 'US', birthDate: '1982-11-02', sex: '男' },
    });
    // seeded when the sandbox started: 20 days after the sandbox's today then
    expect(permit?.expiry).toBe(addDays(today, 20));
    expect(permits.find((p) => p.kind === 'hmt-permit')).toMatchObject({
      applicant: 'hmt',
      holder: { name: '黄志伟', documentType: '港澳居民来往内地通行证', documentNumber: 'H12345678', nationality: '香港居民' },
      expiry: addDays(today, 25),
    });
    expect(permits.find((p) => p.kind === 'license')?.expiry).toBeUndefined();
  });

  it('pages by cursor, strictly increasing, only the enterprise\'s own', async () => {
    const token = (await signIn(sandbox, ZHUJIANG)).token;
    const first = await permitsPage(token, 0, 2);
    expect(first.permits).toHaveLength(2);
    const second = await permitsPage(token, first.nextCursor, 2);
    const third = await permitsPage(token, second.nextCursor, 2);
    expect(third).toEqual({ permits: [], nextCursor: second.nextCursor });
    const all = [...first.permits, ...second.permits];
    expect(all.map((p) => p.number).sort()).toEqual([FIXTURE_PERMIT_NO, FIXTURE_LICENSE_NO, FIXTURE_HMT_PERMIT_NO].sort());
    const cursors = all.map((p) => p.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    const lingnan = await allPermits((await signIn(sandbox, LINGNAN)).token);
    expect(lingnan.map((p) => p.holder.name)).toEqual(['何嘉琪']);
    expect(lingnan.some((p) => all.some((q) => q.number === p.number))).toBe(false);
  });

  it('brings a changed permit again, after the cursor, with its new expiry', async () => {
    const token = (await signIn(sandbox, ZHUJIANG)).token;
    const { nextCursor } = await permitsPage(token, 0, 500);
    const known = sandbox.store.certificate(FIXTURE_PERMIT_NO);
    if (!known) throw new Error('fixture permit missing');
    sandbox.store.putCertificate({ ...known, expiry: '2027-12-20' }); // an extension approved at the window
    const page = await permitsPage(token, nextCursor);
    expect(page.permits).toHaveLength(1);
    expect(page.permits[0]).toMatchObject({ number: FIXTURE_PERMIT_NO, expiry: '2027-12-20', status: 'valid' });
    expect(page.nextCursor).toBeGreaterThan(nextCursor);
  });

  it('marks a permit past its expiry as expired', async () => {
    clock.advance(30 * 86_400_000); // the 20-day 就业证 is now 10 days past
    const permits = await allPermits((await signIn(sandbox, DEMO)).token);
    expect(permits.find((p) => p.kind === 'permit')?.status).toBe('expired');
    expect(permits.find((p) => p.kind === 'license')?.status).toBe('valid');
  });

  it('requires a token and a sane query', async () => {
    const none = await fetch(`${sandbox.url}/v1/permits`);
    await problemOf(none, 401, PROBLEM_TYPES.unauthorized);
    const token = (await signIn(sandbox, DEMO)).token;
    for (const q of ['limit=0', 'limit=501', 'after=-1', 'after=x', 'other=1']) {
      const res = await fetch(`${sandbox.url}/v1/permits?${q}`, { headers: { Authorization: `Bearer ${token}` } });
      await problemOf(res, 400, PROBLEM_TYPES.badRequest);
    }
    const post = await fetch(`${sandbox.url}/v1/permits`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(post.status).toBe(405);
  });
});
