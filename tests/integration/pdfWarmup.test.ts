/**
 * Browser mode starts the PDF Chromium in the background once the first page is up (issue 16): not
 * before the page has been told whether someone is signed in (`auth:current`), exactly once however
 * many pages connect, and it is closed with the host. The warm-up uses the renderer's own browser and
 * page, so the no-network guarantees hold for it (tests/integration/chromiumPdfNetwork.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openApp } from '../../main/services';
import { FIRST_SCREEN_SETTLE_MS, startHost, type Host } from '../../main/host/server';
import { chromiumPdfRenderer } from '../../main/host/chromiumPdf';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect } from '../helpers/wsClient';

const HOST = path.resolve('dist/main/host.cjs');
const LAUNCHED = 'chromium started for PDF rendering';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (lines: readonly string[], text: string) => lines.filter((l) => l.includes(text)).length;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the host signals the first screen', () => {
  async function served(onFirstScreen: () => void): Promise<Host> {
    const t = tempDir();
    const rendererDir = path.join(t.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const app = openApp({ dataDir: path.join(t.dir, 'data'), mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false });
    const host = await startHost({ app, rendererDir, port: 0, onFirstScreen });
    cleanups.push(t.cleanup, () => app.close(), () => host.close());
    return host;
  }

  it('only after auth:current has been answered, and once for every page that connects', async () => {
    const onFirstScreen = vi.fn();
    const host = await served(onFirstScreen);
    const first = await connect(bridgeUrl(host.url));
    cleanups.push(() => first.close());
    expect(await first.call('app:info', {})).toMatchObject({ ok: true });
    expect(await first.call('sync:status', {})).toMatchObject({ ok: true });
    await pause(FIRST_SCREEN_SETTLE_MS * 3);
    expect(onFirstScreen).not.toHaveBeenCalled();

    expect(await first.call('auth:current', {})).toMatchObject({ ok: true, value: { profile: null } });
    await vi.waitFor(() => expect(onFirstScreen).toHaveBeenCalledTimes(1), { timeout: 10_000 });

    const second = await connect(bridgeUrl(host.url));
    cleanups.push(() => second.close());
    await second.call('auth:current', {});
    await first.call('auth:current', {});
    await pause(FIRST_SCREEN_SETTLE_MS * 3);
    expect(onFirstScreen).toHaveBeenCalledTimes(1);
  });

  it('not at all when the host closes before the first screen has settled', async () => {
    const onFirstScreen = vi.fn();
    const host = await served(onFirstScreen);
    const client = await connect(bridgeUrl(host.url));
    await client.call('auth:current', {});
    client.close();
    await host.close();
    await pause(FIRST_SCREEN_SETTLE_MS * 3);
    expect(onFirstScreen).not.toHaveBeenCalled();
  });
});

describe('the PDF renderer warms up', () => {
  it('launches Chromium once for any number of warm-ups, renders on that browser, and sends nothing anywhere', async () => {
    const arrived: string[] = [];
    const proxy = net.createServer((s) => {
      s.once('data', (d) => arrived.push(d.toString('latin1').split('\r\n')[0] ?? ''));
      s.on('error', () => undefined);
    });
    const proxyPort = await new Promise<number>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as net.AddressInfo).port)));
    cleanups.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const lines: string[] = [];
    const renderer = chromiumPdfRenderer({ proxyServer: `127.0.0.1:${proxyPort}`, log: (l) => lines.push(l) });
    cleanups.push(() => renderer.close());

    const warming = [renderer.warmUp(), renderer.warmUp()];
    expect(warming[0]).toBe(warming[1]);
    await Promise.all(warming);
    expect(count(lines, LAUNCHED)).toBe(1);
    expect(count(lines, 'warmed up')).toBe(1);
    await renderer.warmUp();

    const pdf = await renderer.render(`<!doctype html><p>WARM <img src="http://127.0.0.1:${proxyPort}/x.png"></p>`);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(count(lines, LAUNCHED)).toBe(1);
    await renderer.close();
    // the browser's own start-up requests end at the proxy (as without the warm-up); the page's never do
    for (const line of arrived) expect(line).not.toContain(`127.0.0.1:${proxyPort}/x.png`);
  });

  it('does nothing once closed', async () => {
    const lines: string[] = [];
    const renderer = chromiumPdfRenderer({ log: (l) => lines.push(l) });
    await renderer.close();
    await renderer.warmUp();
    expect(count(lines, LAUNCHED)).toBe(0);
  });
});

describe('browser mode (dist/main/host.cjs)', () => {
  const childPids = (pid: number): number[] => {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter((n) => n > 0);
    } catch {
      return []; // ps exits 1 when there are none
    }
  };
  /** running, not a zombie waiting for a reaper */
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };

  it('starts the PDF Chromium after the first page asked auth:current, once, and stops it on SIGTERM', async () => {
    if (!fs.existsSync(HOST)) throw new Error('dist/main/host.cjs is missing: run `npm run build` first');
    const t = tempDir();
    cleanups.push(t.cleanup);
    const child: ChildProcess = spawn(process.execPath, [HOST], {
      env: { ...process.env, PERMIT_DESK_DATA_DIR: t.dir, PERMIT_DESK_PORT: '0', PERMIT_DESK_BUREAU_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n')));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/m.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`host exited ${code}: ${stderr.join('\n')}`)));
    });

    const client = await connect(bridgeUrl(url));
    cleanups.push(() => client.close());
    await client.call('app:info', {});
    await pause(FIRST_SCREEN_SETTLE_MS * 3);
    expect(count(stderr, LAUNCHED)).toBe(0);

    await client.call('auth:current', {});
    await vi.waitFor(() => expect(count(stderr, 'warmed up')).toBe(1), { timeout: 30_000, interval: 100 });
    const second = await connect(bridgeUrl(url));
    cleanups.push(() => second.close());
    await second.call('auth:current', {});
    await pause(FIRST_SCREEN_SETTLE_MS * 3);
    expect(count(stderr, LAUNCHED)).toBe(1);

    const chromium = childPids(child.pid!);
    expect(chromium.length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    await exited;
    expect(child.exitCode).toBe(0);
    expect(chromium.filter(alive)).toEqual([]);
  });

  it('still says it could not start, and exits 1, when the data folder cannot be opened (the services open after the address is printed)', async () => {
    if (!fs.existsSync(HOST)) throw new Error('dist/main/host.cjs is missing: run `npm run build` first');
    const t = tempDir();
    cleanups.push(t.cleanup);
    const notADir = path.join(t.dir, 'file');
    fs.writeFileSync(notADir, 'x');
    const child = spawn(process.execPath, [HOST], {
      env: { ...process.env, PERMIT_DESK_DATA_DIR: notADir, PERMIT_DESK_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('could not start');
  });
});
