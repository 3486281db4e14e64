import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withCsp } from '../../../main/electron/csp';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values.join(' ')] as const;
  }),
);

describe('CSP', () => {
  it.each([
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['worker-src', "'self' blob:"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('%s is %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows eval, inline scripts or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('withCsp adds the header and replaces a looser one in any letter case', () => {
    const out = withCsp({ 'content-security-policy': "default-src *", 'Content-Type': 'text/html' });
    expect(out).toEqual({ 'Content-Type': 'text/html', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    const list = withCsp({ 'X-A': ['1'] }, (p) => [p]);
    expect(list['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
