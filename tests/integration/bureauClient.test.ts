/**
 * The bureau client against the real sandbox bureau on 127.0.0.1: results and every failure kind;
 * the token bound to the origin that issued it; the permit list; final refusals.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import { bindToken, bureauAddress, createBureauClient, BureauError, isLoopbackHost, type BureauClient, type BureauErrorKind } from '../../main/services/bureau';
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

/** A stored credential for a token issued at `url` (what login() returns there). */
const bound = (url: string, t: string) => bindToken(new URL(url).origin, t);

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

    const invalid = await failure(client.submit(submissionOf('license', { patch: { 'job.salary': '1800' } })), 'validation');
    expect(invalid.status).toBe(422);
    expect(invalid.problem?.errors).toHaveProperty(['job.salary']);
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
      const impatient = createBureauClient({ baseUrl: slow.url, timeoutMs: 100, getToken: () => bound(slow.url, 'any') });
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
    const unknown = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 1000, getToken: () => bound(sandbox.url, 'forged-token') });
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
        const c = createBureauClient({ baseUrl: fake.url, timeoutMs: 1000, getToken: () => bound(fake.url, 't') });
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

/** A loopback listener that records the headers of every request it gets and answers `answer`. */
async function listener(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"permits": [], "results": [], "nextCursor": 0}');
}) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the token goes only to the bureau that issued it', () => {
  it('never sends a token issued by sandbox A to a listener on another port', async () => {
    const other = await listener();
    try {
      let stored: string | null = token; // what the desk keeps after signing in at A
      let dropped = 0;
      // the user changes the address under 设置: the desk builds a client for the new address
      const moved = createBureauClient({
        baseUrl: other.url,
        timeoutMs: 1000,
        getToken: () => stored,
        onTokenRefused: () => {
          dropped += 1;
          stored = null;
        },
      });
      expect(moved.origin).toBe(other.url);
      const err = await failure(moved.permits(0), 'auth-expired');
      expect(err.message).toContain('地址已更改');
      expect(err.message).toContain('sign in again');
      expect(dropped).toBe(1);
      expect(stored).toBeNull();
      // nothing else gets through either, and the token is gone
      await failure(moved.reviewResults(0), 'auth-expired');
      await failure(moved.certificate(FIXTURE_PERMIT_NO), 'auth-expired');
      await failure(moved.submit(submissionOf('license')), 'auth-expired');
      expect(other.seen.filter((h) => h.authorization !== undefined)).toEqual([]);
      expect(other.seen).toHaveLength(0);

      // a new sign-in at the new address binds a new token there; A's client refuses that one
      const fresh = createBureauClient({ baseUrl: other.url, timeoutMs: 1000, getToken: () => bound(other.url, 'issued-by-the-other') });
      await fresh.permits(0);
      expect(other.seen.map((h) => h.authorization)).toEqual(['Bearer issued-by-the-other']);
      const backAtA = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 1000, getToken: () => bound(other.url, 'issued-by-the-other') });
      await failure(backAtA.permits(0), 'auth-expired');
    } finally {
      await other.close();
    }
  });

  it('refuses a bare token that names no origin (stored by an older version)', async () => {
    const other = await listener();
    try {
      const legacy = createBureauClient({ baseUrl: other.url, timeoutMs: 1000, getToken: () => 'a-bare-token-of-an-older-version' });
      const err = await failure(legacy.reviewResults(0), 'auth-expired');
      expect(err.message).toContain('请重新登录');
      expect(other.seen).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('does not follow a redirect to another origin with the token', async () => {
    const elsewhere = await listener();
    const redirecting = await listener((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}/v1/permits` });
      res.end();
    });
    try {
      const c = createBureauClient({ baseUrl: redirecting.url, timeoutMs: 1000, getToken: () => bound(redirecting.url, 'secret-token') });
      await expect(c.permits(0)).rejects.toBeInstanceOf(BureauError);
      expect(redirecting.seen.map((h) => h.authorization)).toEqual(['Bearer secret-token']);
      expect(elsewhere.seen).toHaveLength(0);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it('refuses plain http except to loopback, before anything is sent, with a clear message', async () => {
    const plain = createBureauClient({ baseUrl: 'http://bureau.example.cn', timeoutMs: 1000, getToken: () => bound('http://bureau.example.cn', 't') });
    expect(plain.origin).toBe('');
    const err = await failure(plain.login('hr@example.com', 'password'), 'address');
    expect(err.message).toContain('https');
    expect(err.message).toContain('bureau.example.cn');
    expect(err.retryable).toBe(false);
    await failure(plain.permits(0), 'address');
    for (const bad of ['ftp://127.0.0.1/', 'not a url', 'https://user:pw@bureau.example.cn', 'file:///etc/passwd']) {
      const c = createBureauClient({ baseUrl: bad, timeoutMs: 1000, getToken: () => null });
      await failure(c.reviewResults(0), 'address');
    }
  });

  it('tells loopback from the rest', () => {
    for (const ok of ['http://127.0.0.1:47110', 'http://127.255.0.9', 'http://localhost:8080/', 'http://[::1]:47110', 'https://bureau.example.cn/api/']) {
      expect(bureauAddress(ok).ok, ok).toBe(true);
    }
    for (const no of ['http://128.0.0.1', 'http://10.0.0.1', 'http://127.0.0.1.example.com', 'http://localhost.example.com', 'http://[::2]', 'http://0.0.0.0', 'http://127.0.0.256']) {
      expect(bureauAddress(no).ok, no).toBe(false);
    }
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(bureauAddress('https://bureau.example.cn/api/')).toEqual({ ok: true, origin: 'https://bureau.example.cn', baseUrl: 'https://bureau.example.cn/api' });
  });
});

describe('the permit list and final refusals', () => {
  it('reads the enterprise\'s permits page by page', async () => {
    const first = await client.permits(0, 2);
    expect(first.valid).toHaveLength(2);
    expect(first.invalid).toEqual([]);
    const numbers = first.valid.map((p) => p.number);
    for (let after = first.nextCursor; ; ) {
      const page = await client.permits(after, 2);
      if (page.valid.length === 0) break;
      numbers.push(...page.valid.map((p) => p.number));
      after = page.nextCursor;
    }
    const zhujiang = sandbox.store.enterpriseByEmail(ZHUJIANG.email);
    expect(numbers.sort()).toEqual(sandbox.store.certificatesOf(zhujiang?.id ?? -1).map((c) => c.number).sort());
    expect(numbers).toContain(FIXTURE_PERMIT_NO);
  });

  it('reports hostile permit items, drops repeats of a number, refuses a page that contradicts itself', async () => {
    const good = (await client.permits(0, 1)).valid[0];
    if (!good) throw new Error('no permit');
    const pages: [string, BureauErrorKind | null][] = [
      [JSON.stringify({ permits: [{ ...good, cursor: 5 }, { ...good, kind: 'visa' }, { ...good, cursor: 7, expiry: '2030-01-01' }, 'x'], nextCursor: 7 }), null],
      [JSON.stringify({ permits: [{ ...good, cursor: 9 }], nextCursor: 3 }), 'malformed'],
      [JSON.stringify({ permits: new Array(501).fill(good), nextCursor: 3 }), 'malformed'],
      [JSON.stringify({ permits: {}, nextCursor: 3 }), 'malformed'],
      ['{"permits": [', 'malformed'],
    ];
    for (const [body, kind] of pages) {
      const fake = await listener((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
      });
      try {
        const c = createBureauClient({ baseUrl: fake.url, timeoutMs: 1000, getToken: () => bound(fake.url, 't') });
        if (kind) {
          await failure(c.permits(0), kind);
          continue;
        }
        const page = await c.permits(0);
        expect(page.valid.map((p) => [p.cursor, p.expiry])).toEqual([[7, '2030-01-01']]);
        expect(page.invalid.map((i) => i.reason)).toEqual([expect.stringContaining('kind'), expect.any(String)]);
        expect(page.nextCursor).toBe(7);
      } finally {
        await fake.close();
      }
    }
  });

  it('maps 403 employer-mismatch to refused, which is never retryable', async () => {
    const demoClient = createBureauClient({ baseUrl: sandbox.url, timeoutMs: 2000, getToken: () => demoToken });
    let demoToken: string | null = null;
    demoToken = (await demoClient.login('demo@example.com', 'demo-password')).token;
    const err = await failure(demoClient.submit(submissionOf('license')), 'refused');
    expect(err.status).toBe(403);
    expect(err.problem?.type).toBe(PROBLEM_TYPES.employerMismatch);
    expect(err.retryable).toBe(false);
  });
});
