/**
 * The OpenAPI 3.1 document of the bureau review API, built FROM the zod schemas of schemas.ts
 * (z.toJSONSchema), so the document cannot say anything the code does not do.
 *
 * shared/api/openapi.json is this function's output, committed for readers and tools;
 * tests/unit/api/openapi.test.ts fails when the two differ. Regenerate it after changing the
 * contract with:
 *
 *     npx tsx tests/sandbox/writeOpenapi.ts
 *
 * (the writer lives under tests/sandbox because shared/ may not import node: modules). The
 * sandbox bureau also serves the document at GET /openapi.json.
 */
import { z } from 'zod';
import { enterpriseProfile } from '../bridge/contract';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problems';
import {
  certificateResponse,
  healthResponse,
  documentKind,
  formValues,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKey,
  issuedCertificate,
  notice,
  problemDetails,
  reviewResult,
  reviewResultsQuery,
  reviewResultsResponse,
  sessionRequest,
  sessionResponse,
  submissionReceipt,
  submissionRequest,
  certificateNumber,
  bureauPermit,
  permitHolder,
  permitsQuery,
  permitsResponse,
} from './schemas';

export const API_VERSION = '1.0.0';

type Json = Record<string, unknown>;

/** Component name → schema. Registered schemas become `$ref`s wherever they are used. */
const COMPONENTS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['Problem', problemDetails],
  ['EnterpriseProfile', enterpriseProfile],
  ['SessionRequest', sessionRequest],
  ['SessionResponse', sessionResponse],
  ['DocumentKind', documentKind],
  ['FormValues', formValues],
  ['SubmissionRequest', submissionRequest],
  ['SubmissionReceipt', submissionReceipt],
  ['Notice', notice],
  ['IssuedCertificate', issuedCertificate],
  ['ReviewResult', reviewResult],
  ['ReviewResultsResponse', reviewResultsResponse],
  ['CertificateResponse', certificateResponse],
  ['HealthResponse', healthResponse],
  ['PermitHolder', permitHolder],
  ['BureauPermit', bureauPermit],
  ['PermitsResponse', permitsResponse],
];

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** A standalone JSON Schema of a small (unregistered) schema, for parameters. */
function inline(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of COMPONENTS) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const out: Record<string, Json> = {};
  for (const [id] of COMPONENTS) {
    const s = { ...(schemas[id] ?? {}) };
    delete s.$schema;
    delete s.$id;
    out[id] = s;
  }
  return out;
}

const json = (schema: Json): Json => ({ 'application/json': { schema } });

function problemResponse(description: string, types: readonly string[]): Json {
  return {
    description: `${description} (problem types: ${types.join(', ')})`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
  };
}

/** Builds the OpenAPI 3.1 document (a plain JSON object). */
export function buildOpenApi(): Json {
  const retryAfter = {
    'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Permit Desk — bureau review API (预审接口)',
      version: API_VERSION,
      description: [
        'The contract between Permit Desk and the labour bureau\'s pre-review (预审) service for Guangzhou employment-permit applications.',
        'No public API exists: the project defines this contract and ships a sandbox bureau implementing it (tests/sandbox).',
        'Errors are RFC 9457 problem documents (application/problem+json) with a stable `type` URI under ' + PROBLEM_TYPES.badRequest.replace(/bad-request$/, '') + '.',
        'Generated from shared/api/schemas.ts by shared/api/openapi.ts; do not edit openapi.json by hand.',
      ].join('\n\n'),
    },
    servers: [{ url: 'http://127.0.0.1:47110', description: 'sandbox bureau (npm run sandbox)' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'sessions', description: '企业邮箱登录 / enterprise sign-in' },
      { name: 'submissions', description: '提交预审 / upload submitted documents' },
      { name: 'review-results', description: '预审结果 / pre-review results' },
      { name: 'certificates', description: '就业许可证书、就业证 / licenses and permits known to the bureau' },
      { name: 'permits', description: '本单位现有证件 / the enterprise\'s current licenses and permits' },
      { name: 'health', description: '连通检查 / reachability probe' },
    ],
    paths: {
      '/v1/health': {
        get: {
          tags: ['health'],
          operationId: 'getHealth',
          summary: 'A light probe: the review service answers (no sign-in, nothing about any enterprise)',
          security: [],
          responses: {
            '200': { description: 'the service is up', content: json(ref('HealthResponse')) },
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
      '/v1/sessions': {
        post: {
          tags: ['sessions'],
          operationId: 'createSession',
          summary: 'Sign in with the enterprise email and password',
          security: [],
          requestBody: { required: true, content: json(ref('SessionRequest')) },
          responses: {
            '201': { description: 'signed in: a bearer token valid until expiresAt, and the enterprise profile', content: json(ref('SessionResponse')) },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': problemResponse('unknown email or wrong password', [PROBLEM_TYPES.invalidCredentials]),
            '422': { $ref: '#/components/responses/Unprocessable' },
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
      '/v1/submissions': {
        post: {
          tags: ['submissions'],
          operationId: 'createSubmission',
          summary: 'Upload one submitted revision of a document',
          description:
            'Idempotent by the Idempotency-Key header (`<clientId>:<revision>`, which must match the body). The first request of a key answers 201; ' +
            'a repeat with the same body answers 200 with the first answer and creates nothing; the same key with a different body answers 409. ' +
            'Only accepted submissions are remembered: a request refused with 422 may be sent again under the same key once corrected. ' +
            'The body names the employer (employerUscc); a submission whose employer is not the enterprise of the token, or whose values name another employer, is refused with 403 …/employer-mismatch. ' +
            'The bureau validates the values with the same rules as the app (documentDef(kind).schema and the blocking problems of check()): 422 with `errors` by field key.',
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: { required: true, content: json(ref('SubmissionRequest')) },
          responses: {
            '201': { description: 'received; pre-review pending', content: json(ref('SubmissionReceipt')) },
            '200': {
              description: 'a repeat of an earlier request with this key: the first answer, nothing created',
              headers: { 'Idempotent-Replayed': { description: '"true"', schema: { type: 'string', const: 'true' } } },
              content: json(ref('SubmissionReceipt')),
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '403': problemResponse(
              'the employer of the submission (employerUscc, employer.uscc) is not the enterprise of the token: refused for good, do not retry this revision',
              [PROBLEM_TYPES.employerMismatch],
            ),
            '409': problemResponse('the Idempotency-Key was used before with a different body', [PROBLEM_TYPES.idempotencyConflict]),
            '413': problemResponse('body too large', [PROBLEM_TYPES.payloadTooLarge]),
            '422': { $ref: '#/components/responses/Unprocessable' },
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
      '/v1/review-results': {
        get: {
          tags: ['review-results'],
          operationId: 'listReviewResults',
          summary: 'Review results published after a cursor, oldest first',
          description:
            'Only the signed-in enterprise\'s results. Cursors increase strictly and are never reused; store `nextCursor` and pass it as `after` next time. ' +
            'A result for an older revision of a record may arrive after a newer revision was submitted: clients must not let it overwrite the newer one.',
          parameters: [
            { name: 'after', in: 'query', required: false, description: 'return results with cursor > after (default 0: from the start)', schema: inline(reviewResultsQuery.shape.after) },
            { name: 'limit', in: 'query', required: false, description: 'at most this many results', schema: inline(reviewResultsQuery.shape.limit) },
          ],
          responses: {
            '200': { description: 'a page of results', content: json(ref('ReviewResultsResponse')) },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
      '/v1/certificates/{number}': {
        get: {
          tags: ['certificates'],
          operationId: 'getCertificate',
          summary: 'A 就业许可证书 or 就业证 of the signed-in enterprise, with the data to prefill follow-up forms',
          parameters: [
            { name: 'number', in: 'path', required: true, description: 'GZ…, E… or T… followed by 11 digits', schema: inline(certificateNumber) },
          ],
          responses: {
            '200': { description: 'the certificate', content: json(ref('CertificateResponse')) },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '404': problemResponse('no such certificate for this enterprise', [PROBLEM_TYPES.notFound]),
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
      '/v1/permits': {
        get: {
          tags: ['permits'],
          operationId: 'listPermits',
          summary: 'The enterprise\'s current licenses and permits, as a feed of changes after a cursor',
          description:
            'Only the signed-in enterprise\'s permits (就业许可证书, 外国人就业证, 台港澳人员就业证), oldest change first. ' +
            'With after=0 every current permit is listed once; a permit that changes later (extended, revoked) comes again with a new cursor: clients keep the latest by number. ' +
            'Store `nextCursor` and pass it as `after` next time.',
          parameters: [
            { name: 'after', in: 'query', required: false, description: 'return permits changed after this cursor (default 0: all)', schema: inline(permitsQuery.shape.after) },
            { name: 'limit', in: 'query', required: false, description: 'at most this many permits', schema: inline(permitsQuery.shape.limit) },
          ],
          responses: {
            '200': { description: 'a page of permits', content: json(ref('PermitsResponse')) },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '503': { $ref: '#/components/responses/Unavailable' },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token of POST /v1/sessions; valid until its expiresAt (1 hour)' },
      },
      parameters: {
        IdempotencyKey: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: true,
          description: '`<clientId>:<revision>` of the submitted record; must equal the body\'s clientId and revision',
          schema: inline(idempotencyKey),
        },
      },
      responses: {
        BadRequest: problemResponse('unreadable JSON, bad query parameters or a missing/malformed Idempotency-Key', [PROBLEM_TYPES.badRequest]),
        Unauthorized: problemResponse('no valid bearer token: sign in again', [PROBLEM_TYPES.unauthorized, PROBLEM_TYPES.tokenExpired]),
        Unprocessable: problemResponse('the body breaks the contract or the bureau\'s rules; `errors` by field', [PROBLEM_TYPES.validation]),
        Unavailable: {
          ...problemResponse('temporarily unavailable; retry later', [PROBLEM_TYPES.unavailable]),
          headers: retryAfter,
        },
      },
      schemas: componentSchemas(),
    },
  };
}
