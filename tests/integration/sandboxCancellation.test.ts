/**
 * The sandbox bureau over HTTP on 127.0.0.1: an approved 注销 (wp-cancellation) revokes the
 * 外国人工作许可证 it names, so GET /v1/permits brings that permit again, after the cursor, with
 * status 'revoked' (shared/api/schemas.ts PERMIT_STATUSES); another enterprise's permit, a rejected
 * 注销 and a 注销 still pending leave the permit valid.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bureauPermit, permitsResponse, reviewResult, submissionReceipt, type BureauPermit } from '../../shared/api/schemas';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { asEmployer, FIXTURE_NOW, LINGNAN, postSubmission, signIn, submissionOf, testClock, ZHUJIANG } from '../sandbox/testing';

const clock = testClock();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ clock: clock.now });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  clock.set(FIXTURE_NOW);
  sandbox.faults.reset();
});

async function permitsPage(token: string, after = 0) {
  const res = await fetch(`${sandbox.url}/v1/permits?after=${after}&limit=500`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return permitsResponse.parse(await res.json());
}

async function submit(token: string, body: ReturnType<typeof submissionOf>): Promise<string> {
  const res = await postSubmission(sandbox, token, body);
  expect(res.status).toBe(201);
  return submissionReceipt.parse(await res.json()).submissionId;
}

async function review(id: string, action: 'approve' | 'reject') {
  const res = await fetch(`${sandbox.url}/review/api/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(action === 'reject' ? { reason: '材料不全' } : {}),
  });
  expect(res.status).toBe(200);
  return reviewResult.parse(((await res.json()) as { result: unknown }).result);
}

/** A 外国人工作许可证 issued to ZHUJIANG by an approved wp-permit: its number. */
async function issuedPermit(token: string): Promise<string> {
  const result = await review(await submit(token, submissionOf('wp-permit')), 'approve');
  const number = result.certificate?.number ?? '';
  expect(number).toMatch(/^WP\d{11}$/);
  return number;
}

const cancellationOf = (number: string) => submissionOf('wp-cancellation', { patch: { 'wpPermit.no': number } });
const find = (permits: readonly BureauPermit[], number: string) => permits.find((p) => p.number === number);

describe('an approved 注销 revokes the work permit on the bureau’s permit list', () => {
  it('GET /v1/permits brings the permit again after the cursor, revoked, in the contract’s shape', async () => {
    const token = (await signIn(sandbox, ZHUJIANG)).token;
    const number = await issuedPermit(token);
    const before = await permitsPage(token);
    expect(find(before.permits, number)).toMatchObject({ kind: 'permit', status: 'valid' });

    const cancellation = await submit(token, cancellationOf(number));
    // pending: nothing changes yet
    expect(await permitsPage(token, before.nextCursor)).toEqual({ permits: [], nextCursor: before.nextCursor });

    const result = await review(cancellation, 'approve');
    expect(result.certificate).toEqual({ number });
    const after = await permitsPage(token, before.nextCursor);
    expect(after.permits.map((p) => [p.number, p.status])).toEqual([[number, 'revoked']]);
    const revoked = after.permits[0];
    expect(bureauPermit.safeParse(revoked).success).toBe(true);
    expect(revoked?.cursor).toBeGreaterThan(before.nextCursor);
    // the rest of the permit stands as issued
    const { cursor: _a, status: _s, ...rest } = find(before.permits, number) ?? ({} as BureauPermit);
    expect(revoked).toMatchObject(rest);

    // from the start, the permit is listed once, revoked, even long before its expiry
    const all = await permitsPage(token);
    expect(all.permits.filter((p) => p.number === number).map((p) => p.status)).toEqual(['revoked']);
  });

  it('stays revoked past its expiry', async () => {
    const token = (await signIn(sandbox, ZHUJIANG)).token;
    const number = await issuedPermit(token);
    await review(await submit(token, cancellationOf(number)), 'approve');
    clock.advance(3 * 365 * 86_400_000);
    const later = (await signIn(sandbox, ZHUJIANG)).token; // the first token has long expired
    expect(find((await permitsPage(later)).permits, number)?.status).toBe('revoked');
  });

  it('a rejected 注销 leaves the permit valid', async () => {
    const token = (await signIn(sandbox, ZHUJIANG)).token;
    const number = await issuedPermit(token);
    const { nextCursor } = await permitsPage(token);
    await review(await submit(token, cancellationOf(number)), 'reject');
    expect((await permitsPage(token, nextCursor)).permits).toEqual([]);
    expect(find((await permitsPage(token)).permits, number)?.status).toBe('valid');
  });

  it('a 注销 filed by another enterprise does not revoke the permit', async () => {
    const zhujiang = (await signIn(sandbox, ZHUJIANG)).token;
    const number = await issuedPermit(zhujiang);
    const { nextCursor } = await permitsPage(zhujiang);
    const lingnan = (await signIn(sandbox, LINGNAN)).token;
    await review(await submit(lingnan, asEmployer(cancellationOf(number), LINGNAN)), 'approve');
    expect((await permitsPage(zhujiang, nextCursor)).permits).toEqual([]);
    expect(find((await permitsPage(zhujiang)).permits, number)?.status).toBe('valid');
    expect(find((await permitsPage(lingnan)).permits, number)).toBeUndefined();
  });
});
