import { describe, expect, it } from 'vitest';
import {
  certificateResponse,
  idempotencyKey,
  idempotencyKeyOf,
  problemDetails,
  reviewResult,
  bureauPermit,
  permitsEnvelope,
  permitsQuery,
  reviewResultsQuery,
  submissionRequest,
} from '../../../shared/api/schemas';
import { PROBLEM_TYPES } from '../../../shared/api/problems';
import { DOCUMENT_KINDS } from '../../../shared/documents/types';
import { VALID_VALUES } from '../../fixtures/documents';

const approved = {
  cursor: 1,
  clientId: '0b6c1a8e-7c1e-4a51-9d8e-2f7b3c4d5e6f',
  revision: 1,
  kind: 'license',
  decision: '预审通过',
  reason: '',
  reviewedAt: '2026-11-28T02:00:00.000Z',
  certificate: { number: 'GZ20260000001' },
} as const;

describe('the API contract', () => {
  it('accepts every fixture as a submission body', () => {
    for (const kind of DOCUMENT_KINDS) {
      const body = { kind, clientId: `id-${kind}`, revision: 1, employerUscc: VALID_VALUES[kind]['employer.uscc'], values: VALID_VALUES[kind], submittedAt: '2026-11-28T01:00:00+08:00' };
      expect(submissionRequest.safeParse(body).success, kind).toBe(true);
    }
  });

  it('requires the employer\'s USCC on every submission', () => {
    const body = { kind: 'license', clientId: 'a', revision: 1, employerUscc: '91440106MA59C8K3XK', values: {}, submittedAt: '2026-11-28T01:00:00Z' };
    expect(submissionRequest.safeParse(body).success).toBe(true);
    const { employerUscc: _, ...without } = body;
    expect(submissionRequest.safeParse(without).success).toBe(false);
    for (const bad of ['', '91440106MA59C8K3X', '91440106ma59c8k3xk', '91440106MA59C8K3XI', `${'9'.repeat(18)} `]) {
      expect(submissionRequest.safeParse({ ...body, employerUscc: bad }).success, bad).toBe(false);
    }
  });

  it('refuses unknown keys in a request body', () => {
    const body = { kind: 'license', clientId: 'a', revision: 1, values: {}, submittedAt: '2026-11-28T01:00:00Z', extra: 1 };
    expect(submissionRequest.safeParse(body).success).toBe(false);
  });

  it('builds and checks Idempotency-Keys', () => {
    expect(idempotencyKeyOf('abc-1', 3)).toBe('abc-1:3');
    expect(idempotencyKey.safeParse('abc-1:3').success).toBe(true);
    for (const bad of ['abc', 'abc:0', 'a:b:1', ':1', 'abc:1.5']) expect(idempotencyKey.safeParse(bad).success, bad).toBe(false);
  });

  it('validates review results', () => {
    expect(reviewResult.safeParse(approved).success).toBe(true);
    expect(reviewResult.safeParse({ ...approved, decision: 'MAYBE' }).success).toBe(false);
    expect(reviewResult.safeParse({ ...approved, cursor: '1' }).success).toBe(false);
    expect(reviewResult.safeParse({ ...approved, certificate: { number: 'X1' } }).success).toBe(false);
    const rejected = { ...approved, decision: '预审不通过', certificate: undefined };
    expect(reviewResult.safeParse(rejected).success, 'a rejection needs its reason').toBe(false);
    expect(reviewResult.safeParse({ ...rejected, reason: '照片不清晰 / The photo is blurred' }).success).toBe(true);
    expect(reviewResult.safeParse({ ...rejected, reason: 'x', certificate: { number: 'GZ20260000001' } }).success).toBe(false);
    // open objects: a field added by the bureau later is stripped, not refused
    const parsed = reviewResult.parse({ ...approved, addedLater: true });
    expect('addedLater' in parsed).toBe(false);
  });

  it('parses the review-results query with defaults and limits', () => {
    expect(reviewResultsQuery.parse({})).toEqual({ after: 0, limit: 100 });
    expect(reviewResultsQuery.parse({ after: '7', limit: '2' })).toEqual({ after: 7, limit: 2 });
    for (const bad of [{ after: '-1' }, { limit: '0' }, { limit: '501' }, { after: 'x' }, { other: '1' }]) {
      expect(reviewResultsQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('validates the permits the bureau lists', () => {
    const permit = {
      cursor: 3,
      number: 'E20260000001',
      kind: 'permit',
      applicant: 'foreign',
      holder: { name: 'DAVID JAMES MILLER', nameZh: '米勒', documentType: '普通护照', documentNumber: '567123498', nationality: 'US', birthDate: '1982-11-02', sex: '男' },
      issueDate: '2024-12-18',
      expiry: '2026-12-18',
      status: 'valid',
    };
    expect(bureauPermit.safeParse(permit).success).toBe(true);
    const license = { ...permit, number: 'GZ20260000001', kind: 'license', expiry: undefined };
    expect(bureauPermit.safeParse(license).success).toBe(true);
    const hmt = { ...permit, number: 'T20260000001', kind: 'hmt-permit', applicant: 'hmt', holder: { name: '黄志伟', documentType: '港澳居民来往内地通行证', documentNumber: 'H12345678' } };
    expect(bureauPermit.safeParse(hmt).success).toBe(true);
    const bad: [string, unknown][] = [
      ['number of another kind', { ...permit, number: 'T20260000001' }],
      ['hmt permit of a foreigner', { ...hmt, applicant: 'foreign' }],
      ['permit without expiry', { ...permit, expiry: undefined }],
      ['expiry before issue', { ...permit, expiry: '2024-01-01' }],
      ['unknown status', { ...permit, status: 'maybe' }],
      ['no holder name', { ...permit, holder: { ...permit.holder, name: '  ' } }],
      ['lower-case document number', { ...permit, holder: { ...permit.holder, documentNumber: 'ek4729183' } }],
      ['impossible birth date', { ...permit, holder: { ...permit.holder, birthDate: '1982-02-30' } }],
      ['cursor 0', { ...permit, cursor: 0 }],
      ['oversized name', { ...permit, holder: { ...permit.holder, name: 'A'.repeat(101) } }],
    ];
    for (const [why, p] of bad) expect(bureauPermit.safeParse(p).success, why).toBe(false);
    expect(permitsQuery.parse({})).toEqual({ after: 0, limit: 100 });
    expect(permitsQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(permitsEnvelope.safeParse({ permits: new Array(501).fill({}), nextCursor: 1 }).success, 'a page larger than the limit').toBe(false);
  });

  it('describes problems and certificates', () => {
    expect(problemDetails.safeParse({ type: PROBLEM_TYPES.validation, title: 'Unprocessable Content', status: 422, errors: { 'employer.uscc': 'x' } }).success).toBe(true);
    expect(Object.values(PROBLEM_TYPES).every((t) => t.startsWith('https://permit-desk.local/problems/'))).toBe(true);
    const cert = { number: 'E20250000456', kind: 'permit', documentKind: 'registration-licensed', applicant: 'foreign', holder: {}, expiry: '2026-12-20', issuedAt: '2026-11-28T02:00:00Z' };
    expect(certificateResponse.safeParse(cert).success).toBe(true);
    expect(certificateResponse.safeParse({ ...cert, expiry: '2026-02-30' }).success).toBe(false);
  });
});
