/**
 * Browser mode listens before its services are loaded (main/host/deferredApp.ts): the page is served
 * while they load, they open once the page and its scripts have been served, a bridge request made
 * before that waits and is answered, and events reach clients that connected before the app opened.
 */
import { afterEach, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../main/services';
import { startHost } from '../../main/host/server';
import { deferredApp } from '../../main/host/deferredApp';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect } from '../helpers/wsClient';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/main.js"></script>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'export {};');
  const open = vi.fn(async () =>
    openApp({ dataDir: path.join(t.dir, 'data'), mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false }),
  );
  const app = deferredApp(open);
  const onPageServed = vi.fn(() => void app.load());
  const host = await startHost({ app, rendererDir, port: 0, onPageServed });
  cleanups.push(() => app.close(), () => host.close());
  return { app, host, open, onPageServed };
}

it('serves the page before the services open, and opens them once the page and its scripts are served', async () => {
  const { host, open, onPageServed } = await setUp();
  const origin = new URL(host.url).origin;
  const html = await fetch(host.url);
  expect(html.status).toBe(200);
  await html.text();
  expect(open).not.toHaveBeenCalled();
  const script = await fetch(`${origin}/assets/main.js`);
  expect(script.status).toBe(200);
  await script.text();
  await vi.waitFor(() => expect(onPageServed).toHaveBeenCalledTimes(1));
  await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(1));
  await (await fetch(host.url)).text();
  await (await fetch(`${origin}/assets/main.js`)).text();
  expect(open).toHaveBeenCalledTimes(1);
  expect(onPageServed).toHaveBeenCalledTimes(1);
});

it('a bridge request before the services open waits for them and is answered; listeners subscribed before get the events', async () => {
  const { app, host, open } = await setUp();
  const events: string[] = [];
  const off = app.onEvent((name) => events.push(name));
  const client = await connect(bridgeUrl(host.url));
  cleanups.push(() => client.close());
  expect(open).not.toHaveBeenCalled();
  expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
  expect(open).toHaveBeenCalledTimes(1);
  // a local sign-in announces the sync state: to the listener subscribed before the app opened
  expect(await client.call('auth:login', { email: 'startup@example.com', password: 'startup-password' })).toMatchObject({ ok: true });
  expect(events).toContain('sync:status');
  off();
  const count = events.length;
  await client.call('auth:logout', {});
  await client.call('auth:login', { email: 'startup@example.com', password: 'startup-password' });
  expect(events).toHaveLength(count);
});

it('once closed it never opens', async () => {
  const { app, open } = await setUp();
  app.close();
  await expect(app.load()).rejects.toThrow();
  expect(open).not.toHaveBeenCalled();
});
