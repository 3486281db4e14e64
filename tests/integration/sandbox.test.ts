/**
 * The sandbox bureau against the contract of shared/api, over real HTTP on 127.0.0.1.
 * Fault injection: sandboxFaults.test.ts. The bureau client: bureauClient.test.ts.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../shared/api/openapi';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import {
  certificateResponse,
  FOREIGN_OFFICE,
  HMT_OFFICE,
  problemDetails,
  reviewResult,
  reviewResultsResponse,
  sessionResponse,
  submissionReceipt,
  type ReviewResult,
} from '../../shared/api/schemas';
import { documentDef } from '../../shared/documents/registry';
import { DOCUMENT_KINDS } from '../../shared/documents/types';
import { checkPhoto } from '../../shared/validation/photo';
import { checkUscc } from '../../shared/validation/uscc';
import { FIXTURE_HMT_PERMIT_NO, FIXTURE_LICENSE_NO, FIXTURE_PERMIT_NO, FIXTURE_PROFILE, VALID_VALUES } from '../fixtures/documents';
import { DEMO_ACCOUNTS } from '../sandbox/accounts';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { asEmployer, DEMO, postSubmission, signIn, submissionOf, testClock, ZHUJIANG } from '../sandbox/testing';

const clock = testClock();
let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await createSandbox({ clock: clock.now });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  clock.set(new Date('2026-11-28T02:00:00.000Z'));
  sandbox.faults.reset();
  token = (await signIn(sandbox, ZHUJIANG)).token;
});

async function problemOf(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = problemDetails.parse(await res.json());
  expect(body).toMatchObject({ type, status });
  expect(body.detail).toContain(' / ');
  return body;
}

function get(path: string, bearer: string | null = token): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
}

async function results(after = 0, limit = 100, bearer = token) {
  const res = await get(`/v1/review-results?after=${after}&limit=${limit}`, bearer);
  expect(res.status).toBe(200);
  return reviewResultsResponse.parse(await res.json());
}

async function submitOk(kind: (typeof DOCUMENT_KINDS)[number], bearer = token, employer = ZHUJIANG) {
  const body = asEmployer(submissionOf(kind), employer);
  const res = await postSubmission(sandbox, bearer, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return { body, receipt: submissionReceipt.parse(await res.json()) };
}

function approveApi(id: string): Promise<Response> {
  return fetch(`${sandbox.url}/review/api/${id}/approve`, { method: 'POST' });
}

describe('demo accounts and sessions', () => {
  it('seeds realistic enterprises with valid USCCs, listed in the README', () => {
    const readme = fs.readFileSync(new URL('../sandbox/README.md', import.meta.url), 'utf8');
    expect(DEMO_ACCOUNTS.length).toBeGreaterThanOrEqual(2);
    expect(DEMO).toMatchObject({ email: 'demo@example.com', password: 'demo-password', profile: { name: '广州示例科技有限公司' } });
    expect(ZHUJIANG.profile).toEqual(FIXTURE_PROFILE);
    for (const a of DEMO_ACCOUNTS) {
      expect(checkUscc(a.profile.uscc), a.profile.uscc).toBeNull();
      expect(a.profile.address).toMatch(/^广州市/);
      expect(readme).toContain(a.email);
      expect(readme).toContain(a.password);
      expect(readme).toContain(a.profile.name);
      const enterprise = sandbox.store.enterpriseByEmail(a.email);
      expect(enterprise?.profile).toEqual(a.profile);
      const certs = sandbox.store.certificatesOf(enterprise?.id ?? -1);
      expect(certs.length, a.email).toBeGreaterThan(0);
      for (const c of certs) {
        const photo = c.holder['person.photo'] ?? c.holder['hmt.photo'] ?? '';
        expect(checkPhoto(photo), c.number).toBeNull();
        expect(c.number).toMatch(c.applicant === 'hmt' ? /^T\d{11}$/ : c.kind === 'license' ? /^GZ\d{11}$/ : /^E\d{11}$/);
      }
    }
  });

  it('signs in: a bearer token valid for one hour and the enterprise profile', async () => {
    const res = await fetch(`${sandbox.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: ' Demo@Example.com ', password: 'demo-password' }),
    });
    expect(res.status).toBe(201);
    const body = sessionResponse.parse(await res.json());
    expect(body.expiresAt).toBe('2026-11-28T03:00:00.000Z');
    expect(body.profile).toEqual(DEMO.profile);
  });

  it('refuses a wrong password or an unknown email with 401 invalid-credentials', async () => {
    for (const [email, password] of [
      ['demo@example.com', 'wrong'],
      ['nobody@example.com', 'demo-password'],
    ]) {
      const res = await fetch(`${sandbox.url}/v1/sessions`, { method: 'POST', body: JSON.stringify({ email, password }) });
      await problemOf(res, 401, PROBLEM_TYPES.invalidCredentials);
    }
    const empty = await fetch(`${sandbox.url}/v1/sessions`, { method: 'POST', body: JSON.stringify({ email: 'demo@example.com' }) });
    expect((await problemOf(empty, 422, PROBLEM_TYPES.validation)).errors).toHaveProperty('password');
    await problemOf(await fetch(`${sandbox.url}/v1/sessions`, { method: 'POST', body: '{oops' }), 400, PROBLEM_TYPES.badRequest);
  });

  it('requires a token, and expires it after one hour', async () => {
    await problemOf(await get('/v1/review-results', null), 401, PROBLEM_TYPES.unauthorized);
    await problemOf(await get('/v1/review-results', 'not-a-token'), 401, PROBLEM_TYPES.unauthorized);
    expect((await get('/v1/review-results')).status).toBe(200);
    clock.advance(3600_000);
    const res = await get('/v1/review-results');
    await problemOf(res, 401, PROBLEM_TYPES.tokenExpired);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('POST /v1/submissions', () => {
  it('accepts a valid record of every kind (201)', async () => {
    for (const kind of DOCUMENT_KINDS) await submitOk(kind);
  });

  it('answers a repeat of the same key with the first answer (200) and creates nothing', async () => {
    const before = sandbox.store.submissions().length;
    const body = submissionOf('license');
    const first = await postSubmission(sandbox, token, body);
    expect(first.status).toBe(201);
    const receipt = submissionReceipt.parse(await first.json());
    clock.advance(60_000);
    // the same body, keys in another order: still the same request
    const reordered = { ...body, values: Object.fromEntries(Object.entries(body.values).reverse()) };
    const again = await postSubmission(sandbox, token, reordered);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);
    expect(sandbox.store.submissions().length).toBe(before + 1);
    expect(sandbox.store.submissions().filter((s) => s.clientId === body.clientId)).toHaveLength(1);
  });

  it('refuses the same key with a different body (409) and keeps the first', async () => {
    const body = submissionOf('recruitment');
    expect((await postSubmission(sandbox, token, body)).status).toBe(201);
    const changed = { ...body, values: { ...body.values, 'job.salary': '43000' } };
    await problemOf(await postSubmission(sandbox, token, changed), 409, PROBLEM_TYPES.idempotencyConflict);
    const rows = sandbox.store.submissions().filter((s) => s.clientId === body.clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.values['job.salary']).toBe('42000');
    // a new revision is a new submission
    expect((await postSubmission(sandbox, token, { ...changed, revision: 2 })).status).toBe(201);
  });

  it('refuses a record breaking blocking rules with 422 and field errors, creating nothing', async () => {
    const before = sandbox.store.submissions().length;
    const body = submissionOf('license', { patch: { 'employer.phone': '', 'police.opinion': '', 'job.salary': '1800' } });
    const problem = await problemOf(await postSubmission(sandbox, token, body), 422, PROBLEM_TYPES.validation);
    expect(Object.keys(problem.errors ?? {})).toEqual(expect.arrayContaining(['employer.phone', 'police.opinion', 'job.salary']));
    expect(problem.problems?.map((p) => p.code)).toEqual(expect.arrayContaining(['police.missing', 'salary.belowMinimum']));
    expect(sandbox.store.submissions().length).toBe(before);
  });

  it('accepts warnings, refuses unknown fields and contract violations', async () => {
    await submitOk('registration-licensed'); // sanity
    const warned = submissionOf('registration-licensed', { patch: { 'visa.type': '其他' } });
    expect(documentDef('registration-licensed').check(warned.values, { today: '2026-11-28', minimumWage: 2500 }).map((p) => p.severity)).toEqual(['warn']);
    expect((await postSubmission(sandbox, token, warned)).status).toBe(201);

    const unknown = submissionOf('hmt-permit', { patch: { 'person.nameEn': 'X' } });
    expect((await problemOf(await postSubmission(sandbox, token, unknown), 422, PROBLEM_TYPES.validation)).errors).toHaveProperty(['person.nameEn']);

    const noKind = { ...submissionOf('license'), kind: 'visa' };
    const res = await fetch(`${sandbox.url}/v1/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `${noKind.clientId}:1` },
      body: JSON.stringify(noKind),
    });
    expect((await problemOf(res, 422, PROBLEM_TYPES.validation)).errors).toHaveProperty('kind');
  });

  it('requires an Idempotency-Key matching clientId:revision', async () => {
    const body = submissionOf('license');
    const missing = await fetch(`${sandbox.url}/v1/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect((await problemOf(missing, 400, PROBLEM_TYPES.badRequest)).errors).toHaveProperty(['Idempotency-Key']);
    await problemOf(await postSubmission(sandbox, token, body, `${body.clientId}:2`), 400, PROBLEM_TYPES.badRequest);
    await problemOf(await postSubmission(sandbox, token, body, 'garbage'), 400, PROBLEM_TYPES.badRequest);
  });

  it('keeps each enterprise\'s keys apart', async () => {
    const demoToken = (await signIn(sandbox, DEMO)).token;
    const body = submissionOf('recruitment');
    const a = submissionReceipt.parse(await (await postSubmission(sandbox, token, body)).json());
    const res = await postSubmission(sandbox, demoToken, asEmployer(body, DEMO));
    expect(res.status).toBe(201);
    expect(submissionReceipt.parse(await res.json()).submissionId).not.toBe(a.submissionId);
  });
});

describe('review, results and certificates', () => {
  it('approval publishes the result with the notice and the certificate, which can then be looked up', async () => {
    const start = (await results(0, 500)).nextCursor;
    const { body, receipt } = await submitOk('license');
    const res = await approveApi(receipt.submissionId);
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: ReviewResult };

    const page = await results(start);
    expect(page.results).toEqual([result]);
    expect(page.nextCursor).toBe(result.cursor);
    expect(result).toMatchObject({ clientId: body.clientId, revision: 1, kind: 'license', decision: '预审通过', reason: '', reviewedAt: '2026-11-28T02:00:00.000Z' });
    expect(result.notice).toMatchObject({
      office: FOREIGN_OFFICE,
      validUntil: '2026-12-28',
      applicantName: 'JOHN MICHAEL SMITH',
      documentTitle: '《外国人就业许可证书》申请表',
    });
    expect(result.notice?.noticeNo).toMatch(/^WB2026\d{7}$/);
    expect(result.notice?.officeAddress).toContain('广州市');
    expect(result.notice?.materials.length).toBeGreaterThan(2);
    expect(result.certificate?.number).toMatch(/^GZ2026\d{7}$/);
    expect(result.certificate?.expiry).toBeUndefined();

    const cert = await get(`/v1/certificates/${result.certificate?.number}`);
    expect(cert.status).toBe(200);
    const c = certificateResponse.parse(await cert.json());
    expect(c).toMatchObject({ kind: 'license', documentKind: 'license', applicant: 'foreign' });
    expect(c.holder).toMatchObject({ 'person.nameEn': 'JOHN MICHAEL SMITH', 'job.title': '高级机械工程师', 'employer.uscc': FIXTURE_PROFILE.uscc });
    expect(c.holder['person.photo']).toMatch(/^data:image\/png;base64,/);
    expect(Object.keys(c.holder).every((k) => /^(person|job|employer)\./.test(k))).toBe(true);
  });

  it('issues 就业证 numbers with the job end as expiry, HMT offices, and no notice for recruitment', async () => {
    const start = (await results(0, 500)).nextCursor;
    const ids: Record<string, string> = {};
    for (const kind of ['registration-exempt', 'hmt-permit', 'recruitment'] as const) {
      ids[kind] = (await submitOk(kind)).receipt.submissionId;
      sandbox.review.approve(ids[kind]);
    }
    const byKind = Object.fromEntries((await results(start)).results.map((r) => [r.kind, r]));
    expect(byKind['registration-exempt']?.certificate).toEqual({ number: expect.stringMatching(/^E2026\d{7}$/), expiry: VALID_VALUES['registration-exempt']['job.end'] });
    expect(byKind['hmt-permit']?.certificate).toEqual({ number: expect.stringMatching(/^T2026\d{7}$/), expiry: '2029-12-31' });
    expect(byKind['hmt-permit']?.notice).toMatchObject({ office: HMT_OFFICE, applicantName: '陈家明' });
    expect(byKind['hmt-permit']?.notice?.officeAddress).toContain('海珠区');
    expect(byKind.recruitment?.notice).toBeUndefined();
    expect(byKind.recruitment?.certificate).toBeUndefined();
    expect(byKind.recruitment?.decision).toBe('预审通过');
  });

  it('an approved extension carries the permit number with its new expiry and updates the certificate', async () => {
    const { receipt } = await submitOk('extension');
    const result = sandbox.review.approve(receipt.submissionId);
    expect(result.certificate).toEqual({ number: FIXTURE_PERMIT_NO, expiry: '2027-12-19' });
    const c = certificateResponse.parse(await (await get(`/v1/certificates/${FIXTURE_PERMIT_NO}`)).json());
    expect(c.expiry).toBe('2027-12-19');
    expect(c.documentKind).toBe('registration-licensed');
  });

  it('rejection needs a reason and publishes it; a reviewed submission cannot be reviewed again', async () => {
    const start = (await results(0, 500)).nextCursor;
    const { receipt } = await submitOk('hmt-extension');
    const url = `${sandbox.url}/review/api/${receipt.submissionId}/reject`;
    const noReason = await fetch(url, { method: 'POST', body: JSON.stringify({ reason: '  ' }) });
    expect((await problemOf(noReason, 422, PROBLEM_TYPES.validation)).errors).toHaveProperty('reason');
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ reason: '照片背景不符合要求 / The photo background is wrong' }) });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: ReviewResult };
    expect(reviewResult.parse(result)).toMatchObject({ decision: '预审不通过', reason: '照片背景不符合要求 / The photo background is wrong' });
    expect(result.notice).toBeUndefined();
    expect((await results(start)).results).toEqual([result]);
    await problemOf(await approveApi(receipt.submissionId), 409, PROBLEM_TYPES.alreadyReviewed);
    await problemOf(await approveApi('S99999999'), 404, PROBLEM_TYPES.notFound);
  });

  it('pages results by cursor, strictly increasing, only the enterprise\'s own', async () => {
    const demoToken = (await signIn(sandbox, DEMO)).token;
    const demoStart = (await results(0, 500, demoToken)).nextCursor;
    const start = (await results(0, 500)).nextCursor;
    for (let i = 0; i < 3; i++) sandbox.review.approve((await submitOk('recruitment')).receipt.submissionId);
    sandbox.review.approve((await submitOk('recruitment', demoToken, DEMO)).receipt.submissionId);
    const first = await results(start, 2);
    expect(first.results).toHaveLength(2);
    const second = await results(first.nextCursor, 2);
    expect(second.results).toHaveLength(1);
    const cursors = [...first.results, ...second.results].map((r) => r.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(3);
    const empty = await results(second.nextCursor, 2);
    expect(empty).toEqual({ results: [], nextCursor: second.nextCursor });
    expect((await results(demoStart, 500, demoToken)).results).toHaveLength(1);
    await problemOf(await get('/v1/review-results?limit=0'), 400, PROBLEM_TYPES.badRequest);
    await problemOf(await get('/v1/review-results?after=abc'), 400, PROBLEM_TYPES.badRequest);
  });

  it('looks up seeded certificates with prefill data; unknown or another enterprise\'s → 404', async () => {
    for (const number of [FIXTURE_LICENSE_NO, FIXTURE_HMT_PERMIT_NO]) {
      const res = await get(`/v1/certificates/${number.toLowerCase()}`);
      expect(res.status, number).toBe(200);
      expect(certificateResponse.parse(await res.json()).number).toBe(number);
    }
    const hmt = certificateResponse.parse(await (await get(`/v1/certificates/${FIXTURE_HMT_PERMIT_NO}`)).json());
    expect(hmt).toMatchObject({ kind: 'permit', documentKind: 'hmt-permit', applicant: 'hmt', expiry: '2026-12-15' });
    expect(hmt.holder['hmt.name']).toBe('林雅婷');
    await problemOf(await get('/v1/certificates/E20269999999'), 404, PROBLEM_TYPES.notFound);
    const demoCert = sandbox.store.certificatesOf(sandbox.store.enterpriseByEmail(DEMO.email)?.id ?? -1)[0];
    expect(demoCert).toBeDefined();
    await problemOf(await get(`/v1/certificates/${demoCert?.number}`), 404, PROBLEM_TYPES.notFound);
  });
});

describe('the reviewer console', () => {
  it('lists submissions with their full data, escaped, and the two review buttons', async () => {
    const { receipt } = await submitOk('registration-licensed');
    const nasty = submissionOf('license', { patch: { 'person.health': '<script>alert(1)</script>' } });
    expect((await postSubmission(sandbox, token, nasty)).status).toBe(201);
    const res = await fetch(`${sandbox.url}/review?state=pending`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    for (const text of ['预审审核台', '广州珠江智造科技有限公司', '《外国人就业登记表》', 'JOHN MICHAEL SMITH', '待预审', '查看全部内容', '外文姓名', '<img class="photo"']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`action="/review/${receipt.submissionId}/approve"`);
    expect(html).toMatch(/<button[^>]*>预审通过<\/button>/);
    expect(html).toMatch(/<button[^>]*>预审不通过<\/button>/);
    expect(html).toMatch(/<label for="reason-[^"]+">不通过原因<\/label><textarea[^>]*name="reason" required/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('approves and rejects from the HTML forms; a rejection without a reason is refused', async () => {
    const a = (await submitOk('hmt-permit')).receipt.submissionId;
    const b = (await submitOk('extension')).receipt.submissionId;
    const form = (path: string, body: string) =>
      fetch(`${sandbox.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

    const ok = await form(`/review/${a}/approve`, '');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain(`/review?done=approve&id=${a}`);
    const after = await (await fetch(`${sandbox.url}${ok.headers.get('location')}`)).text();
    expect(after).toMatch(new RegExp(`${a} 已预审通过：通知书编号 WB2026\\d{7}，证书号码 T2026\\d{7}`));

    const refused = await form(`/review/${b}/reject`, 'reason=');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请填写不通过原因');
    expect(sandbox.store.submission(b)?.state).toBe('pending');

    const rejected = await form(`/review/${b}/reject`, `reason=${encodeURIComponent('延期理由不充分')}`);
    expect(rejected.status).toBe(303);
    expect(sandbox.store.submission(b)?.state).toBe('rejected');
    expect(sandbox.store.resultOf(b)).toMatchObject({ decision: '预审不通过', reason: '延期理由不充分' });
    const again = await form(`/review/${b}/approve`, '');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已审核');
  });

  it('lists submissions as JSON for tests', async () => {
    const { receipt } = await submitOk('license');
    const res = await fetch(`${sandbox.url}/review/api/submissions?state=pending`);
    const { submissions } = (await res.json()) as { submissions: { submissionId: string; state: string; stateLabel: string; title: string; personName: string; values: Record<string, string> }[] };
    const mine = submissions.find((s) => s.submissionId === receipt.submissionId);
    expect(mine).toMatchObject({ state: 'pending', stateLabel: '待预审', title: '《外国人就业许可证书》申请表', personName: 'JOHN MICHAEL SMITH' });
    expect(mine?.values['employer.name']).toBe(FIXTURE_PROFILE.name);
    expect(submissions.every((s) => s.state === 'pending')).toBe(true);
  });
});

it('serves the OpenAPI document it implements', async () => {
  const res = await fetch(`${sandbox.url}/openapi.json`);
  expect(await res.json()).toEqual(buildOpenApi());
});
