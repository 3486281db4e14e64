/** The bureau client against the real sandbox bureau on 127.0.0.1: results and every failure kind. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import { createBureauClient, BureauError, type BureauClient, type BureauErrorKind } from '../../main/services/bureau';
import { FIXTURE_PERMIT_NO, FIXTURE_PROFILE } from '../fixtures/documents';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { submissionOf, testClock, ZHUJIANG } from '../sandbox/testing';

const clock = testClock();
let sandbox: Sandbox;
let token: string | null = null;
let client: BureauClient;

beforeAll(async () => {
  sandbox = await createSandbox({ clock: clock.now });
  client = createBureauClient({ baseUrl: `${sandbox.url}/`, timeoutMs: 2000, getToken: () => token });
  token = (await client.login(ZHUJIANG.email, ZHUJIANG.password)).token;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.reset();
});

/** The BureauError `promise` rejects with; fails the test on anything else. */
async function failure(promise: Promise<unknown>, kind: BureauErrorKind): Promise<BureauError> {
  const e = await promise.then(
    () => {
      throw new Error(`expected a BureauError '${kind}', got a result`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BureauError);
  const err = e as BureauError;
  expect(err.kind, err.message).toBe(kind);
  expect(err.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  return err;
}

/** A local server answering every request with `status` and `body` (for answers the sandbox never gives). */
async function fakeBureau(status: number, body: string, contentType = 'application/json'): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the bureau client', () => {
  it('signs in and returns the validated session', async () => {
    const session = await client.login(ZHUJIANG.email, ZHUJIANG.password);
    expect(session.profile).toEqual(FIXTURE_PROFILE);
    expect(session.expiresAt).toBe('2026-11-28T03:00:00.000Z');
  });

  it('maps a wrong password to validation (401, invalid-credentials)', async () => {
    const err = await failure(client.login(ZHUJIANG.email, 'wrong'), 'validation');
    expect(err.status).toBe(401);
    expect(err.problem?.type).toBe(PROBLEM_TYPES.invalidCredentials);
    expect(err.message).toContain('密码错误');
  });

  it('submits with the Idempotency-Key: a repeat is a replay of the same receipt', async () => {
    const body = submissionOf('hmt-permit');
    const first = await client.submit(body);
    expect(first.replayed).toBe(false);
    const again = await client.submit(body);
    expect(again).toEqual({ ...first, replayed: true });
    expect(sandbox.store.submissions().filter((s) => s.clientId === body.clientId)).toHaveLength(1);
  });

  it('maps 409 to conflict and 422 to validation with the field errors', async () => {
    const body = submissionOf('license');
    await client.submit(body);
    const conflict = await failure(client.submit({ ...body, values: { ...body.values, 'job.title': '总工程师' } }), 'conflict');
    expect(conflict.status).toBe(409);
    expect(conflict.problem?.type).toBe(PROBLEM_TYPES.idempotencyConflict);

    const invalid = await failure(client.submit(submissionOf('license', { patch: { 'employer.uscc': '91440106MA59C8K3X1' } })), 'validation');
    expect(invalid.status).toBe(422);
    expect(invalid.problem?.errors).toHaveProperty(['employer.uscc']);
    expect(invalid.retryable).toBe(false);

    const local = await failure(client.submit({ ...body, clientId: 'has space' }), 'validation');
    expect(local.status).toBeUndefined();
  });

  it('dropAfterCommit: a network error, then the retry with the same key → exactly one submission', async () => {
    sandbox.faults.set({ dropAfterCommit: 1 });
    const body = submissionOf('registration-licensed');
    const err = await failure(client.submit(body), 'network');
    expect(err.retryable).toBe(true);
    const retry = await client.submit(body);
    expect(retry.replayed).toBe(true);
    const rows = sandbox.store.submissions().filter((s) => s.clientId === body.clientId);
    expect(rows).toHaveLength(1);
    expect(retry.submissionId).toBe(rows[0]?.id);
  });

  it('maps 503 to server, latency past the timeout to timeout, a closed port to network', async () => {
    sandbox.faults.set({ fail5xx: 1 });
    const server = await failure(client.reviewResults(0), 'server');
    expect(server.status).toBe(503);
    expect(server.problem?.type).toBe(PROBLEM_TYPES.unavailable);
    expect(server.retryable).toBe(true);

    // a sandbox of its own: the abandoned request is still handled after the timeout
    const slow = await createSandbox({ clock: clock.now });
    try {
      slow.faults.set({ latencyMs: 400 });
      const impatient = createBureauClient({ baseUrl: slow.url, timeoutMs: 100, getToken: () => 'any' });
      const timeout = await failure(impatient.reviewResults(0), 'timeout');
      expect(timeout.message).toContain('0.1');
      expect(timeout.retryable).toBe(true);
    } finally {
      await slow.close();
    }

    const gone = await fakeBureau(200, '{}');
    await gone.close();
    const nowhere = createBureauClient({ baseUrl: gone.url, timeoutMs: 1000, getToken: () => token });
    await failure(nowhere.login('a@b.cn', 'x'), 'network');
  });

  it('maps expired and missing tokens to auth-expired', async () => {
    sandbox.faults.set({ expireTokens: true });
    const expired = await failure(client.reviewResults(0), 'auth-expired');
    expect(expired.status).toBe(401);
    expect(expired.problem?.type).toBe(PROBLEM_TYPES.tokenExpired);
    sandbox.faults.reset();

    const anonymous = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 1000, getToken: async () => null });
    const missing = await failure(anonymous.certificate(FIXTURE_PERMIT_NO), 'auth-expired');
    expect(missing.status).toBeUndefined();
    const unknown = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 1000, getToken: () => 'forged-token' });
    expect((await failure(unknown.reviewResults(0), 'auth-expired')).problem?.type).toBe(PROBLEM_TYPES.unauthorized);
  });

  it('reads review results item by item: bad items are reported, duplicates dropped', async () => {
    const start = (await client.reviewResults(0, 500)).nextCursor;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await client.submit(submissionOf('registration-exempt'))).submissionId);
    const approved = ids.map((id) => sandbox.review.approve(id));

    const clean = await client.reviewResults(start);
    expect(clean).toEqual({ valid: approved, invalid: [], nextCursor: approved[1]?.cursor });

    sandbox.faults.set({ schemaBreaking: 1, duplicateResults: true });
    const page = await client.reviewResults(start);
    expect(page.valid).toEqual(approved);
    expect(page.invalid).toHaveLength(1);
    expect(page.invalid[0]?.raw).toMatchObject({ decision: 'MAYBE' });
    expect(page.invalid[0]?.reason).toContain('decision');
    expect(page.nextCursor).toBe(approved[1]?.cursor);
  });

  it('maps invalid JSON and schema-breaking answers to malformed, never anything else', async () => {
    sandbox.faults.set({ malformedJson: 1 });
    expect((await failure(client.reviewResults(0), 'malformed')).status).toBe(200);

    const cases: [number, string, string, BureauErrorKind][] = [
      [200, '{"token": 1}', 'application/json', 'malformed'],
      [201, 'not json at all', 'text/plain', 'malformed'],
      [200, '{"results": "nope", "nextCursor": 0}', 'application/json', 'malformed'],
      [200, 'null', 'application/json', 'malformed'],
      [502, '<html>Bad Gateway</html>', 'text/html', 'server'],
      [404, '', 'text/plain', 'not-found'],
      [422, '{"type": 5}', 'application/problem+json', 'validation'],
    ];
    for (const [status, body, type, kind] of cases) {
      const fake = await fakeBureau(status, body, type);
      try {
        const c = createBureauClient({ baseUrl: fake.url, timeoutMs: 1000, getToken: () => 't' });
        const err = await failure(kind === 'malformed' && body.includes('results') ? c.reviewResults(0) : c.login('a@b.cn', 'x'), kind);
        expect(err.status).toBe(status);
        if (kind !== 'malformed') expect(err.problem).toBeUndefined();
      } finally {
        await fake.close();
      }
    }
  });

  it('looks up certificates; an unknown number is not-found', async () => {
    const cert = await client.certificate(` ${FIXTURE_PERMIT_NO.toLowerCase()} `);
    expect(cert).toMatchObject({ number: FIXTURE_PERMIT_NO, kind: 'permit', documentKind: 'registration-licensed', applicant: 'foreign' });
    expect(cert.holder['person.nameEn']).toBe('JOHN MICHAEL SMITH');
    const err = await failure(client.certificate('E20269999999'), 'not-found');
    expect(err.status).toBe(404);
    expect(err.problem?.type).toBe(PROBLEM_TYPES.notFound);
  });
});
