import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import WebSocket from 'ws';
import path from 'node:path';
import { openApp } from '../../main/services';
import { startHost, type Host } from '../../main/host/server';
import { LICENSE_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect } from '../helpers/wsClient';

let app: ReturnType<typeof openApp>;
let host: Host;
let cleanup: () => void;

const countRecords = () => (app.core.records.list('license', {}, 1, 100).total);

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  app = openApp({ dataDir: path.join(t.dir, 'data'), mode: 'browser', version: 'test', defaultBureauUrl: '' });
  host = await startHost({ app, rendererDir, port: 0 });
});

afterEach(async () => {
  await host.close();
  app.close();
  cleanup();
});

describe('browser-mode transport', () => {
  it('serves the renderer on 127.0.0.1 with a CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(new URL('/../../etc/passwd', host.url))).status).toBe(404);
    expect((await fetch(new URL('/%2e%2e/%2e%2e/etc/passwd', host.url))).status).toBe(404);
  });

  it('refuses a WebSocket client without the token, or with a wrong one', async () => {
    const u = new URL(host.url);
    await expect(connect(`ws://${u.host}/bridge`)).rejects.toThrow('401');
    await expect(connect(`ws://${u.host}/bridge?token=${'0'.repeat(48)}`)).rejects.toThrow('401');
    await expect(connect(bridgeUrl(host.url), { headers: { Origin: 'http://evil.example' } })).rejects.toThrow('401');
    const client = await connect(bridgeUrl(host.url));
    const info = await client.call('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser' } });
    client.close();
  });

  it('refuses an unknown channel with a clear error and changes nothing', async () => {
    const client = await connect(bridgeUrl(host.url));
    await client.call('auth:login', { email: 'hr@example.com', password: 'x' });
    const before = countRecords();
    const reply = await client.call('records:deleteEverything', { kind: 'license' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    if (!reply.ok) expect(reply.error.message).toContain('未知的通道');
    expect(countRecords()).toBe(before);
    client.close();
  });

  it('refuses a malformed payload with a clear error and changes nothing', async () => {
    const client = await connect(bridgeUrl(host.url));
    await client.call('auth:login', { email: 'hr@example.com', password: 'x' });
    const before = countRecords();
    for (const payload of [
      { kind: 'license' }, // values missing
      { kind: 'no-such-kind', values: {} },
      { kind: 'license', values: { 'person.nameEn': 42 } },
      { kind: 'license', values: {}, extra: true },
      'a string',
    ]) {
      const reply = await client.call('records:save', payload);
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!reply.ok) expect(reply.error.message).toContain('数据格式不正确');
    }
    expect(await client.sendRaw('{not json')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await client.sendRaw(JSON.stringify({ channel: 'app:info' }))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(countRecords()).toBe(before);
    client.close();
  });

  it('refuses work before sign-in, and a malformed email at sign-in', async () => {
    const client = await connect(bridgeUrl(host.url));
    expect(await client.call('records:list', { kind: 'license' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const bad = await client.call('auth:login', { email: 'not-an-email', password: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { email: expect.stringContaining('企业邮箱') } } });
    expect(await client.call('auth:current', {})).toMatchObject({ ok: true, value: { profile: null } });
    client.close();
  });

  it('remembers the interface language before sign-in, and refuses anything but zh-CN or en', async () => {
    const client = await connect(bridgeUrl(host.url));
    expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
    expect(await client.call('app:setLanguage', { language: 'en' })).toEqual({ ok: true, value: { language: 'en' } });
    expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    for (const payload of [{ language: 'fr' }, { language: 'en', extra: 1 }, {}, { language: ['en'] }, 'en']) {
      expect(await client.call('app:setLanguage', payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    // the other settings are still behind sign-in
    expect(await client.call('settings:get', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    client.close();

    // a new connection (a relaunch of the page) finds it again
    const again = await connect(bridgeUrl(host.url));
    expect(await again.call('app:info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    await again.call('auth:login', { email: 'hr@example.com', password: 'x' });
    expect(await again.call('settings:get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    again.close();
  });

  it('pushes events to connected clients', async () => {
    const client = await connect(bridgeUrl(host.url));
    const received = new Promise<unknown>((resolve) => {
      const ws = new WebSocket(bridgeUrl(host.url));
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { event?: string; payload?: unknown };
        if (m.event === 'records:changed') {
          resolve(m.payload);
          ws.close();
        }
      });
      ws.on('open', () => void client.call('auth:login', { email: 'hr@example.com', password: 'x' }).then(() => client.call('records:save', { kind: 'license', values: LICENSE_VALUES })));
    });
    expect(await received).toMatchObject({ kind: 'license' });
    client.close();
  });
});
