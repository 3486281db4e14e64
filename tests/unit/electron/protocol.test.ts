import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp';
import { createAppProtocolHandler, mimeTypeFor, resolveAppFile } from '../../../main/electron/protocol';

const root = path.resolve('/srv/dist/renderer');

describe('resolveAppFile', () => {
  it('returns index.html for / and for the bare origin', () => {
    expect(resolveAppFile('permit-desk://app/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('permit-desk://app', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('permit-desk://app/index.html?x=1#/a', root)).toBe(path.join(root, 'index.html'));
  });

  it('maps assets under the root', () => {
    expect(resolveAppFile('permit-desk://app/assets/index-abc.js', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile('permit-desk://app/assets/%E5%9B%BE.png', root)).toBe(path.join(root, 'assets', '图.png'));
    expect(resolveAppFile('permit-desk://app/assets/', root)).toBe(path.join(root, 'assets', 'index.html'));
  });

  it.each([
    'permit-desk://app/../../etc/passwd',
    'permit-desk://app/assets/../../../etc/passwd',
    'permit-desk://app/%2e%2e/%2e%2e/etc/passwd',
    'permit-desk://app/%2E%2E/secret',
    'permit-desk://app/assets/%2e./%2e%2e/secret',
    'permit-desk://app/.%2e/secret',
    'permit-desk://app/..%2f..%2fetc%2fpasswd',
    'permit-desk://app/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'permit-desk://app/%252e%252e/secret',
    'permit-desk://app/..%5c..%5cwindows',
    'permit-desk://app/..\\..\\windows',
    'permit-desk://app/C:%2fWindows%2fwin.ini',
    'permit-desk://app/index.html%00.png',
    'permit-desk://app/%E0%A4%A',
  ])('refuses traversal and odd paths: %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it.each([
    'permit-desk://other/index.html',
    'permit-desk://user@app/index.html',
    'permit-desk://app:81/index.html',
    'https://app/index.html',
    'file:///srv/dist/renderer/index.html',
    'garbage',
  ])('refuses other origins: %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.MJS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(mimeTypeFor(file)).toBe(type));
});

describe('createAppProtocolHandler', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'permit-desk-proto-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const handle = createAppProtocolHandler({ rootDir: rendererDir });
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves index.html with the CSP header', async () => {
    const res = await get('permit-desk://app/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>x</title>');
  });

  it('serves scripts with a JavaScript MIME type (module scripts need it)', async () => {
    const res = await get('permit-desk://app/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for traversal and missing assets, index for client routes', async () => {
    const traversal = await get('permit-desk://app/..%2fsecret.txt');
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('top secret');
    expect((await get('permit-desk://app/assets/missing.js')).status).toBe(404);
    const route = await get('permit-desk://app/records/recruitment');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get('permit-desk://app/index.html', 'POST')).status).toBe(405);
    const head = await get('permit-desk://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
