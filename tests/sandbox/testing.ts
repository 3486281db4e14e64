/**
 * Helpers for tests that talk to the sandbox bureau (sync engine, client, benchmarks):
 *
 *   const clock = testClock();                                   // FIXTURE_TODAY, 10:00 China time
 *   const sandbox = await createSandbox({ clock: clock.now });
 *   const { token } = await signIn(sandbox, ZHUJIANG);           // the fixtures' enterprise
 *   const res = await postSubmission(sandbox, token, submissionOf('license'));
 */
import type { SessionResponse, SubmissionRequest } from '../../shared/api/schemas';
import { employerValues } from '../../shared/documents/prefill';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { VALID_VALUES } from '../fixtures/documents';
import { DEMO_ACCOUNTS, type DemoAccount } from './accounts';
import type { Sandbox } from './server';

/** 2026-11-28 10:00 China time: the day tests/fixtures/documents.ts is valid on. */
export const FIXTURE_NOW = new Date('2026-11-28T02:00:00.000Z');

function account(email: string): DemoAccount {
  const a = DEMO_ACCOUNTS.find((x) => x.email === email);
  if (!a) throw new Error(`no demo account ${email}`);
  return a;
}

export const DEMO = account('demo@example.com');
/** the enterprise of tests/fixtures (FIXTURE_PROFILE) */
export const ZHUJIANG = account('hr@zhujiang-tech.example.cn');
export const LINGNAN = account('hr@lingnan-trade.example.com');

/** A clock tests can move: pass `clock.now` as the sandbox's clock. */
export function testClock(start: Date = FIXTURE_NOW): { now: () => Date; advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(d) {
      t = d.getTime();
    },
  };
}

/** POST /v1/sessions with fetch; throws unless 201. */
export async function signIn(sandbox: Pick<Sandbox, 'url'>, who: Pick<DemoAccount, 'email' | 'password'> = ZHUJIANG): Promise<SessionResponse> {
  const res = await fetch(`${sandbox.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionResponse;
}

let nextId = 0;

/** A valid submission body of `kind` from the fixtures (a fresh clientId unless given; the fixtures' employer is ZHUJIANG). */
export function submissionOf(kind: DocumentKind, overrides: Partial<SubmissionRequest> & { patch?: FormValues } = {}): SubmissionRequest {
  const { patch, ...rest } = overrides;
  nextId += 1;
  const values = { ...VALID_VALUES[kind], ...patch };
  return {
    kind,
    clientId: `client-${kind}-${process.pid}-${nextId}`,
    revision: 1,
    employerUscc: values['employer.uscc'] ?? ZHUJIANG.profile.uscc,
    values,
    submittedAt: FIXTURE_NOW.toISOString(),
    ...rest,
  };
}

/** The same submission filed by another enterprise: its employer section and employerUscc. */
export function asEmployer(body: SubmissionRequest, who: Pick<DemoAccount, 'profile'>): SubmissionRequest {
  return { ...body, employerUscc: who.profile.uscc, values: { ...body.values, ...employerValues(who.profile) } };
}

/** POST /v1/submissions with fetch (Idempotency-Key from the body unless `key` is given). */
export function postSubmission(sandbox: Pick<Sandbox, 'url'>, token: string, body: SubmissionRequest, key?: string): Promise<Response> {
  return fetch(`${sandbox.url}/v1/submissions`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': key ?? `${body.clientId}:${body.revision}`,
    },
    body: JSON.stringify(body),
  });
}
