/** The sandbox bureau's fault injection, over raw HTTP (the client's view: bureauClient.test.ts). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import { problemDetails, reviewResult, reviewResultsEnvelope, submissionReceipt } from '../../shared/api/schemas';
import { NO_FAULTS } from '../sandbox/faults';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { postSubmission, signIn, submissionOf, testClock } from '../sandbox/testing';

const clock = testClock();
let sandbox: Sandbox;
let token: string;
const reviewed: number[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({ clock: clock.now });
  token = (await signIn(sandbox)).token;
  // three published results to read back
  for (let i = 0; i < 3; i++) {
    const res = await postSubmission(sandbox, token, submissionOf('recruitment'));
    reviewed.push(sandbox.review.approve(submissionReceipt.parse(await res.json()).submissionId).cursor);
  }
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.reset();
});

const results = (bearer = token) => fetch(`${sandbox.url}/v1/review-results?after=0`, { headers: { Authorization: `Bearer ${bearer}` } });

async function setFaults(body: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('fault injection', () => {
  it('is switched at run time over HTTP or programmatically', async () => {
    const res = await setFaults({ fail5xx: 2, duplicateResults: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...NO_FAULTS, fail5xx: 2, duplicateResults: true });
    expect(sandbox.faults.get()).toMatchObject({ fail5xx: 2, duplicateResults: true });
    expect(sandbox.faults.set({ latencyMs: 5 })).toMatchObject({ latencyMs: 5, fail5xx: 2 });
    expect(await (await fetch(`${sandbox.url}/_faults`)).json()).toMatchObject({ latencyMs: 5 });
    const bad = await setFaults({ fail5xx: -1, nonsense: true });
    expect(bad.status).toBe(422);
    expect(Object.keys(problemDetails.parse(await bad.json()).errors ?? {})).toEqual(expect.arrayContaining(['fail5xx', 'nonsense']));
    expect(await (await fetch(`${sandbox.url}/_faults`, { method: 'DELETE' })).json()).toEqual(NO_FAULTS);
  });

  it('latencyMs delays every API request, not the console', async () => {
    sandbox.faults.set({ latencyMs: 150 });
    let t = performance.now();
    expect((await results()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    t = performance.now();
    expect((await fetch(`${sandbox.url}/_faults`)).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(140);
  });

  it('fail5xx: n answers the next n API requests with 503', async () => {
    sandbox.faults.set({ fail5xx: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await results();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(problemDetails.parse(await res.json()).type).toBe(PROBLEM_TYPES.unavailable);
    }
    expect((await results()).status).toBe(200);
    expect(sandbox.faults.get().fail5xx).toBe(0);
  });

  it('dropAfterCommit: n commits the submission, then drops the connection; the retry gets the first answer', async () => {
    sandbox.faults.set({ dropAfterCommit: 1 });
    const body = submissionOf('license');
    await expect(postSubmission(sandbox, token, body)).rejects.toThrow();
    const rows = sandbox.store.submissions().filter((s) => s.clientId === body.clientId);
    expect(rows).toHaveLength(1);
    const retry = await postSubmission(sandbox, token, body);
    expect(retry.status).toBe(200);
    expect(submissionReceipt.parse(await retry.json()).submissionId).toBe(rows[0]?.id);
    expect(sandbox.store.submissions().filter((s) => s.clientId === body.clientId)).toHaveLength(1);
  });

  it('malformedJson: n answers the next n review-results with invalid JSON', async () => {
    sandbox.faults.set({ malformedJson: 1 });
    const res = await results();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(reviewResultsEnvelope.parse(await (await results()).json()).results).toHaveLength(3);
  });

  it('expireTokens treats every token as expired, fresh ones too', async () => {
    sandbox.faults.set({ expireTokens: true });
    const fresh = (await signIn(sandbox)).token;
    for (const t of [token, fresh]) {
      const res = await results(t);
      expect(res.status).toBe(401);
      expect(problemDetails.parse(await res.json()).type).toBe(PROBLEM_TYPES.tokenExpired);
    }
    sandbox.faults.set({ expireTokens: false });
    expect((await results(fresh)).status).toBe(200);
  });

  it('duplicateResults lists every result twice', async () => {
    sandbox.faults.set({ duplicateResults: true });
    const page = reviewResultsEnvelope.parse(await (await results()).json());
    const cursors = page.results.map((r) => reviewResult.parse(r).cursor);
    expect(cursors).toEqual(reviewed.flatMap((c) => [c, c]));
    expect(page.nextCursor).toBe(reviewed.at(-1));
  });

  it('schemaBreaking: n adds one item breaking the schema to the next n pages', async () => {
    sandbox.faults.set({ schemaBreaking: 1 });
    const page = reviewResultsEnvelope.parse(await (await results()).json());
    expect(page.results).toHaveLength(4);
    const bad = page.results.filter((r) => !reviewResult.safeParse(r).success);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ decision: 'MAYBE', clientId: expect.stringMatching(/^unknown-/) });
    expect(page.nextCursor).toBe(reviewed.at(-1));
    const next = reviewResultsEnvelope.parse(await (await results()).json());
    expect(next.results.every((r) => reviewResult.safeParse(r).success)).toBe(true);
  });
});
