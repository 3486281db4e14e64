import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../shared/api/openapi';
import { OPENAPI_FILE, renderOpenapi } from '../../sandbox/writeOpenapi';

type Json = Record<string, unknown>;

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) refsIn(x, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('the OpenAPI document', () => {
  const doc = buildOpenApi();

  it('is committed exactly as generated (regenerate: npx tsx tests/sandbox/writeOpenapi.ts)', () => {
    const committed = fs.readFileSync(OPENAPI_FILE, 'utf8');
    expect(JSON.parse(committed)).toEqual(doc);
    expect(committed).toBe(renderOpenapi());
  });

  it('looks like valid OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const paths = doc.paths as Record<string, Json>;
    expect(Object.keys(paths).sort()).toEqual(['/v1/certificates/{number}', '/v1/health', '/v1/permits', '/v1/review-results', '/v1/sessions', '/v1/submissions']);
    for (const [path, item] of Object.entries(paths)) {
      const ops = Object.entries(item).filter(([m]) => METHODS.includes(m));
      expect(ops.length, path).toBeGreaterThan(0);
      for (const [method, op] of ops) {
        const responses = (op as Json).responses as Json | undefined;
        expect(responses && Object.keys(responses).length, `${method} ${path}`).toBeGreaterThan(0);
        expect(Object.keys(responses ?? {}).some((s) => s.startsWith('2')), `${method} ${path} has a 2xx`).toBe(true);
        for (const p of ((op as Json).parameters as Json[] | undefined) ?? []) {
          const param = (p.$ref ? resolvePointer(doc, p.$ref as string) : p) as Json;
          if (param.in === 'path') expect(path).toContain(`{${String(param.name)}}`);
        }
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
  });

  it('declares bearer security, problem responses and the Idempotency-Key header', () => {
    const components = doc.components as Json;
    expect((components.securitySchemes as Json).bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const paths = doc.paths as Record<string, Record<string, Json>>;
    expect(paths['/v1/sessions']?.post?.security).toEqual([]);
    expect(paths['/v1/health']?.get?.security).toEqual([]); // the probe needs no sign-in
    const submit = paths['/v1/submissions']?.post as Json;
    const [param] = submit.parameters as Json[];
    expect(resolvePointer(doc, String(param?.$ref))).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: true });
    expect(Object.keys(submit.responses as Json)).toEqual(expect.arrayContaining(['200', '201', '409', '422']));
    const unprocessable = resolvePointer(doc, '#/components/responses/Unprocessable') as Json;
    expect(Object.keys(unprocessable.content as Json)).toEqual(['application/problem+json']);
    const schemas = components.schemas as Record<string, Json>;
    for (const name of ['Problem', 'SessionResponse', 'SubmissionRequest', 'SubmissionReceipt', 'ReviewResult', 'ReviewResultsResponse', 'CertificateResponse']) {
      expect(schemas[name], name).toBeDefined();
      expect(schemas[name]?.$schema).toBeUndefined();
    }
    expect(schemas.SubmissionRequest?.additionalProperties).toBe(false);
    expect((schemas.ReviewResult?.properties as Json).decision).toEqual({ type: 'string', enum: ['预审通过', '预审不通过'] });
  });

  it('says that a submission names its employer and is refused with 403 employer-mismatch otherwise', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    expect(schemas.SubmissionRequest?.required).toContain('employerUscc');
    expect((schemas.SubmissionRequest?.properties as Json).employerUscc).toMatchObject({ type: 'string', pattern: expect.any(String) });
    const forbidden = (paths['/v1/submissions']?.post?.responses as Json)['403'] as Json;
    expect(forbidden.description).toContain('https://permit-desk.local/problems/employer-mismatch');
    expect(Object.keys(forbidden.content as Json)).toEqual(['application/problem+json']);
  });

  it('lists the enterprise\'s permits by cursor, with bounded pages', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const list = paths['/v1/permits']?.get as Json;
    expect(list.operationId).toBe('listPermits');
    const params = list.parameters as Json[];
    expect(params.map((p) => p.name)).toEqual(['after', 'limit']);
    expect(params[1]?.schema).toMatchObject({ minimum: 1, maximum: 500 });
    expect(resolvePointer(doc, String(((list.responses as Json)['200'] as Json).content ? '#/components/schemas/PermitsResponse' : ''))).toBeDefined();
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    const permit = schemas.BureauPermit as Json;
    expect(permit.required).toEqual(expect.arrayContaining(['cursor', 'number', 'kind', 'applicant', 'holder', 'issueDate', 'status']));
    expect((permit.properties as Json).kind).toEqual({ type: 'string', enum: ['license', 'permit', 'hmt-permit'] });
    expect((permit.properties as Json).status).toEqual({ type: 'string', enum: ['valid', 'expired', 'revoked'] });
    expect((schemas.PermitHolder?.required as string[]).sort()).toEqual(['documentNumber', 'documentType', 'name']);
  });
});
