/**
 * Files never cross the bridge as bytes (issue 13): in browser mode they are uploaded to and
 * downloaded from the loopback host over HTTP, streamed to disk, and the channels carry file ids.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openApp } from '../../main/services';
import type { App } from '../../main/services/app';
import { FileTransfers } from '../../main/services/files/fileTransfers';
import { startHost, type Host } from '../../main/host/server';
import { FILE_NAME_HEADER, TOKEN_HEADER, type ProducedFile } from '../../shared/bridge/channels/data';
import type { Envelope } from '../../shared/bridge/envelope';
import { LICENSE_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect, type BridgeClient } from '../helpers/wsClient';

let app: ReturnType<typeof openApp>;
let host: Host;
let dir: string;
let cleanup: () => void;

async function startWith(files?: FileTransfers): Promise<void> {
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const served: App = files ? { dispatch: (c, p) => app.dispatch(c, p), onEvent: (l) => app.onEvent(l), close: () => app.close(), files } : app;
  host = await startHost({ app: served, rendererDir, port: 0 });
}

beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  app = openApp({ dataDir: path.join(dir, 'data'), mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false });
});

afterEach(async () => {
  await host?.close();
  app.close();
  cleanup();
});

/** the app's file registry (openApp always makes one) */
const files = (): FileTransfers => {
  if (!app.files) throw new Error('openApp made no file registry');
  return app.files;
};

const origin = () => `http://127.0.0.1:${host.port}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** POST /files with the body streamed from `body`; resolves with the answer, or the error when the host cut the connection */
function upload(
  body: Readable | Buffer,
  options: { purpose?: string; name?: string; token?: string | null; origin?: string | null; host?: string; length?: number } = {},
): Promise<Answer | Error> {
  const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream' };
  if (options.token !== null) headers[TOKEN_HEADER] = options.token ?? host.token;
  if (options.origin !== null) headers.origin = options.origin ?? origin();
  if (options.name !== undefined) headers[FILE_NAME_HEADER] = encodeURIComponent(options.name);
  if (options.host) headers.host = options.host;
  if (Buffer.isBuffer(body)) headers['content-length'] = body.length;
  if (options.length !== undefined) headers['content-length'] = options.length;
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: `/files?purpose=${options.purpose ?? 'xlsx'}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve(e));
    });
    req.on('error', (e) => resolve(e));
    if (Buffer.isBuffer(body)) req.end(body);
    else pipeline(body, req).catch((e: unknown) => resolve(e as Error));
  });
}

function download(id: string, headers: Record<string, string> = {}, to?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: `/files/${id}`, headers }, (res) => {
      if (to && res.statusCode === 200) {
        void pipeline(res, fs.createWriteStream(to)).then(() => resolve({ status: 200, headers: res.headers, body: Buffer.alloc(0) }), reject);
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

const json = (a: Answer | Error) => (a instanceof Error ? a : (JSON.parse(a.body.toString('utf8')) as { fileId?: string; error?: { message: string } }));

async function signedIn(): Promise<BridgeClient> {
  const client = await connect(bridgeUrl(host.url));
  expect(await client.call('auth:login', { email: 'hr@example.com', password: 'x' })).toMatchObject({ ok: true });
  return client;
}

const sha256 = async (file: string) => {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
};

describe('uploads', () => {
  beforeEach(() => startWith());

  it('refuses an upload without the token, with a wrong one, from another origin or another host name', async () => {
    const body = Buffer.from('PK fake');
    for (const [options, status] of [
      [{ token: null }, 403],
      [{ token: '0'.repeat(48) }, 403],
      [{ origin: null }, 403],
      [{ origin: 'http://evil.example' }, 403],
      [{ host: 'evil.example' }, 421],
      [{ purpose: 'anything' }, 400],
    ] as const) {
      const answer = await upload(body, options);
      expect(answer, JSON.stringify(options)).toMatchObject({ status });
      expect((json(answer) as { error: { message: string } }).error.message).toMatch(/ \/ /);
    }
    expect(files().stats()).toMatchObject({ files: 0, pending: 0 });
  });

  it('refuses a token in the address: uploads take it from a header only', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: `/files?purpose=xlsx&token=${host.token}`, headers: { origin: origin() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('x');
    });
    expect(answer).toBe(403);
  });

  it('takes an upload and answers its id; the channels take the id, and an unknown id is refused', async () => {
    const client = await signedIn();
    const template = (await client.call<ProducedFile>('data:template', { kind: 'license' })) as { ok: true; value: ProducedFile };
    expect(template).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/\.xlsx$/), sizeBytes: expect.any(Number) } });

    // the template downloaded, then uploaded back and imported: nothing in it, nothing imported
    const got = await download(template.value.fileId, { 'sec-fetch-site': 'same-origin' });
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(got.body.length).toBe(template.value.sizeBytes);
    const answer = await upload(got.body, { name: '空模板.xlsx' });
    expect(answer).toMatchObject({ status: 201 });
    const { fileId } = json(answer) as { fileId: string };
    // the import reads the uploaded file: an empty template is refused for what it holds (or imports nothing)
    const imported = await client.call('data:import', { kind: 'license', fileId });
    if (imported.ok) expect(imported.value).toMatchObject({ imported: 0, cancelled: false });
    else expect(imported.error, JSON.stringify(imported)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('模板') });
    // an import consumes its file
    expect(await client.call('data:import', { kind: 'license', fileId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // a backup file is not an Excel import, and an id never handed out is refused
    const backup = json(await upload(Buffer.from('SQLite format 3\0'), { purpose: 'backup', name: 'b.sqlite' })) as { fileId: string };
    expect(await client.call('data:import', { kind: 'license', fileId: backup.fileId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await client.call('backup:inspect', { fileId: 'A'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await client.call('data:import', { kind: 'license', fileId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    client.close();
  });

  it('refuses a file over the limit as soon as it is announced, and while it streams', async () => {
    await host.close();
    const small = new FileTransfers(path.join(dir, 'small'), { maxUploadBytes: { xlsx: 1024 * 1024 } });
    await startWith(small);
    const announced = await upload(Readable.from([Buffer.alloc(10)]), { length: 2 * 1024 * 1024 });
    expect(announced).toMatchObject({ status: 413 });
    expect((json(announced) as { error: { message: string } }).error.message).toContain('Excel');

    // no length announced (chunked): refused when the count passes the limit; nothing is kept
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 64 * 1024;
        this.push(sent > 64 * 1024 * 1024 ? null : Buffer.alloc(64 * 1024));
      },
    });
    const streamed = await upload(endless);
    if (!(streamed instanceof Error)) expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(small.stats()).toEqual({ files: 0, pending: 0, totalBytes: 0 });
    expect(fs.readdirSync(small.dir)).toEqual([]);
    small.close();
  });

  it('keeps nothing of an upload the client abandons', async () => {
    const body = new Readable({ read() {} });
    const done = upload(body);
    body.push(Buffer.alloc(256 * 1024));
    await new Promise((r) => setTimeout(r, 100));
    body.destroy(new Error('the user cancelled'));
    await done;
    for (let i = 0; i < 40 && files().stats().pending > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(files().stats()).toEqual({ files: 0, pending: 0, totalBytes: 0 });
    expect(fs.readdirSync(files().dir)).toEqual([]);
  });
});

describe('downloads', () => {
  beforeEach(() => startWith());

  it('serves an outgoing file once, as an attachment, and refuses other sites, unknown and incoming ids', async () => {
    const client = await signedIn();
    const exported = (await client.call<ProducedFile>('data:export', { kind: 'license', filter: {} })) as { ok: true; value: ProducedFile };
    expect(exported.ok).toBe(true);
    const id = exported.value.fileId;
    expect((await download(id, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await download(id, { host: 'evil.example:80' })).status).toBe(421);
    const head = await download(id);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/octet-stream');
    expect(head.headers['cache-control']).toBe('no-store');
    expect(head.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''.+\.xlsx$/);
    // downloaded in full: gone
    expect((await download(id)).status).toBe(404);
    expect((await download('A'.repeat(32))).status).toBe(404);
    expect((await download('..%2f..%2fdata%2fpermit-desk.sqlite')).status).toBe(404);
    const incoming = json(await upload(Buffer.from('x'), { name: 'a.xlsx' })) as { fileId: string };
    expect((await download(incoming.fileId)).status).toBe(404);
    client.close();
  });

  it('a backup goes down, comes back up, is inspected and restored by id', async () => {
    const client = await signedIn();
    const saved = await client.call('records:save', { kind: 'license', values: LICENSE_VALUES });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    const made = (await client.call<ProducedFile>('backup:create', {})) as { ok: true; value: ProducedFile };
    expect(made, JSON.stringify(made)).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/\.sqlite$/) } });
    const back = path.join(dir, made.value.fileName);
    expect((await download(made.value.fileId, {}, back)).status).toBe(200);
    expect(fs.statSync(back).size).toBe(made.value.sizeBytes);

    const answer = await upload(fs.createReadStream(back), { purpose: 'backup', name: made.value.fileName, length: made.value.sizeBytes });
    const { fileId } = json(answer) as { fileId: string };
    const inspected = await client.call('backup:inspect', { fileId });
    expect(inspected, JSON.stringify(inspected)).toMatchObject({ ok: true, value: { summary: { totalRecords: 1 } } });
    // the inspected file stays for the restore, which then consumes it
    const restored = await client.call('backup:restore', { fileId });
    expect(restored, JSON.stringify(restored)).toMatchObject({ ok: true, value: { summary: { totalRecords: 1 } } });
    expect(await client.call('backup:inspect', { fileId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(files().stats()).toMatchObject({ files: 0, pending: 0 });
    client.close();
  });

  it('says which channels are Electron-only', async () => {
    const client = await signedIn();
    expect(await client.call('file:pickOpen', { purpose: 'backup' })).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    client.close();
  });
});

describe('large files', () => {
  beforeEach(() => startWith());

  it('moves a 300 MB file up and down through the host in bounded memory', async () => {
    const size = 300 * 1024 * 1024;
    const source = path.join(dir, 'big.bin');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < size / chunk.length; i++) yield chunk;
        })(),
      ),
      fs.createWriteStream(source),
    );
    const sourceHash = await sha256(source);

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const answer = await upload(fs.createReadStream(source), { purpose: 'backup', name: 'big.sqlite', length: size });
      expect(answer).toMatchObject({ status: 201 });
      const { fileId } = json(answer) as { fileId: string };
      const held = files().find(fileId, 'incoming', 'backup');
      expect(held?.sizeBytes).toBe(size);
      expect(await sha256(held?.path ?? '')).toBe(sourceHash);

      const out = await files().produce(async (dest) => {
        await fs.promises.copyFile(source, dest);
        return { fileName: 'big.sqlite' };
      });
      const back = path.join(dir, 'back.bin');
      expect((await download(out.id, {}, back)).status).toBe(200);
      expect(await sha256(back)).toBe(sourceHash);
    } finally {
      clearInterval(sampler);
    }
    // the whole file is 300 MB: buffering it anywhere would show
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
  }, 120_000);
});

describe('Electron: main picks and saves files through the system dialogs', () => {
  const chosen: { open: string | null; save: string | null } = { open: null, save: null };
  let desktop: ReturnType<typeof openApp>;

  beforeEach(async () => {
    await startWith(); // the shared afterEach closes a host
    desktop = openApp(
      {
        dataDir: path.join(dir, 'desktop'),
        mode: 'electron',
        version: 'test',
        defaultBureauUrl: '',
        dialogs: { open: () => Promise.resolve(chosen.open), save: () => Promise.resolve(chosen.save) },
      },
      { backgroundJobs: false },
    );
    expect(await desktop.dispatch('auth:login', { email: 'hr@example.com', password: 'x' })).toMatchObject({ ok: true });
  });
  afterEach(() => desktop.close());

  it('a backup saved where the user chose, picked again, inspected; cancelled dialogs answer null', async () => {
    const made = (await desktop.dispatch('backup:create', {})) as Envelope<ProducedFile>;
    if (!made.ok) throw new Error(made.error.message);
    chosen.save = null;
    expect(await desktop.dispatch('file:saveAs', { fileId: made.value.fileId })).toEqual({ ok: true, value: { saved: null } });
    chosen.save = path.join(dir, '我的备份.sqlite');
    expect(await desktop.dispatch('file:saveAs', { fileId: made.value.fileId })).toEqual({ ok: true, value: { saved: chosen.save } });
    expect(fs.statSync(chosen.save).size).toBe(made.value.sizeBytes);
    // saved: main holds it no more
    expect(await desktop.dispatch('file:saveAs', { fileId: made.value.fileId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    chosen.open = null;
    expect(await desktop.dispatch('file:pickOpen', { purpose: 'backup' })).toEqual({ ok: true, value: null });
    chosen.open = chosen.save;
    const picked = (await desktop.dispatch('file:pickOpen', { purpose: 'backup' })) as Envelope<ProducedFile>;
    expect(picked).toMatchObject({ ok: true, value: { fileName: '我的备份.sqlite', sizeBytes: made.value.sizeBytes } });
    if (!picked.ok) return;
    expect(await desktop.dispatch('backup:inspect', { fileId: picked.value.fileId })).toMatchObject({ ok: true, value: { summary: { totalRecords: 0 } } });
    // the user's own file is never touched
    expect(fs.statSync(chosen.open).size).toBe(made.value.sizeBytes);
  });

  it('refuses to save into the data folder, and a picked folder or missing file', async () => {
    const made = (await desktop.dispatch('data:template', { kind: 'license' })) as Envelope<ProducedFile>;
    if (!made.ok) throw new Error(made.error.message);
    chosen.save = path.join(dir, 'desktop', 'permit-desk.sqlite');
    expect(await desktop.dispatch('file:saveAs', { fileId: made.value.fileId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const open of [dir, path.join(dir, 'missing.xlsx')]) {
      chosen.open = open;
      expect(await desktop.dispatch('file:pickOpen', { purpose: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
