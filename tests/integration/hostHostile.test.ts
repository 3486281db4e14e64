/**
 * Browser mode's host against hostile local clients (issue 13): malformed upgrades and frames,
 * clients that never read, messages built to be expensive. The host answers or disconnects the
 * offender and keeps serving everyone else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openApp } from '../../main/services';
import { startHost, type Host } from '../../main/host/server';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../shared/bridge/common';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect, rawUpgrade, wsFrame, type RawSocket } from '../helpers/wsClient';

let app: ReturnType<typeof openApp>;
let host: Host;
let cleanup: () => void;
let logLines: string[];

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  app = openApp({ dataDir: path.join(t.dir, 'data'), mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false });
  logLines = [];
  host = await startHost({ app, rendererDir, port: 0, log: (line) => logLines.push(line) });
});

afterEach(async () => {
  await host.close();
  app.close();
  cleanup();
});

/** a well-behaved client still gets its answers */
async function stillServes(): Promise<void> {
  const client = await connect(bridgeUrl(host.url));
  expect(await client.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
  client.close();
}

/** the close code of the first close frame the host sent (unmasked server frames), or null */
function closeCode(raw: RawSocket): number | null {
  const data = raw.received();
  let i = 0;
  while (i + 2 <= data.length) {
    const opcode = (data[i] ?? 0) & 0x0f;
    let len = (data[i + 1] ?? 0) & 0x7f;
    let at = i + 2;
    if (len === 126) {
      len = data.readUInt16BE(at);
      at += 2;
    } else if (len === 127) {
      len = Number(data.readBigUInt64BE(at));
      at += 8;
    }
    if (opcode === 0x8) return len >= 2 ? data.readUInt16BE(at) : 1005;
    i = at + len;
  }
  return null;
}

/** the text frames the host sent, parsed */
function textMessages(raw: RawSocket): unknown[] {
  const data = raw.received();
  const out: unknown[] = [];
  let i = 0;
  while (i + 2 <= data.length) {
    const opcode = (data[i] ?? 0) & 0x0f;
    let len = (data[i + 1] ?? 0) & 0x7f;
    let at = i + 2;
    if (len === 126) {
      len = data.readUInt16BE(at);
      at += 2;
    } else if (len === 127) {
      len = Number(data.readBigUInt64BE(at));
      at += 8;
    }
    if (at + len > data.length) break;
    if (opcode === 0x1) out.push(JSON.parse(data.subarray(at, at + len).toString('utf8')));
    i = at + len;
  }
  return out;
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the host survives hostile upgrades', () => {
  it.each(['//[', '/%', 'http://[::1', '/bridge?token=%ZZ', '//[/bridge?token=x'])('refuses an unauthenticated upgrade to %s and keeps serving', async (target) => {
    const raw = await rawUpgrade(host.url, target);
    expect(raw.status).toMatch(/^HTTP\/1\.1 40[01]/);
    await raw.closed;
    await stillServes();
  });

  it('answers malformed HTTP without falling over', async () => {
    const u = new URL(host.url);
    const socket = net.connect(Number(u.port), u.hostname);
    socket.on('error', () => undefined);
    const closed = new Promise((r) => socket.on('close', r));
    socket.resume();
    socket.write('GARBAGE \x00\x01 HTTP/9\r\n\r\n');
    await closed;
    await stillServes();
  });
});

describe('the host survives malformed frames', () => {
  const cases: [string, Buffer, number][] = [
    ['invalid UTF-8 in a text frame', wsFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a reserved opcode', wsFrame(Buffer.from('{}'), { opcode: 0x3 }), 1002],
    ['reserved bits set', wsFrame(Buffer.from('{}'), { rsv: 0x4 }), 1002],
    ['an unmasked client frame', wsFrame(Buffer.from('{}'), { mask: false }), 1002],
    ['an oversize message', wsFrame(Buffer.alloc(16), { declaredLength: MAX_BRIDGE_MESSAGE_BYTES + 1 }), 1009],
    ['a continuation without a start', wsFrame(Buffer.from('{}'), { opcode: 0x0 }), 1002],
    ['a fragmented control frame', wsFrame(Buffer.from('x'), { opcode: 0x9, fin: false }), 1002],
  ];
  it.each(cases)('closes the client on %s and keeps serving the others', async (_what, frame, code) => {
    const bystander = await connect(bridgeUrl(host.url));
    const raw = await rawUpgrade(host.url);
    expect(raw.status).toContain('101');
    raw.socket.write(frame);
    await raw.closed;
    expect(closeCode(raw)).toBe(code);
    expect(await bystander.call('app:info', {})).toMatchObject({ ok: true });
    bystander.close();
    await stillServes();
  });

  it('refuses an oversize message split into fragments', async () => {
    const raw = await rawUpgrade(host.url);
    const part = Buffer.alloc(1024 * 1024, 0x20);
    const fragments = Math.ceil(MAX_BRIDGE_MESSAGE_BYTES / part.length) + 1;
    for (let i = 0; i < fragments && !raw.socket.destroyed; i++) {
      raw.socket.write(wsFrame(part, { opcode: i === 0 ? 0x1 : 0x0, fin: i === fragments - 1 }));
    }
    await raw.closed;
    expect(closeCode(raw)).toBe(1009);
    await stillServes();
  });

  it('answers a binary message with BAD_REQUEST and keeps the connection', async () => {
    const raw = await rawUpgrade(host.url);
    raw.socket.write(wsFrame(Buffer.from(JSON.stringify({ id: 1, channel: 'app:info', payload: {} })), { opcode: 0x2 }));
    raw.socket.write(wsFrame(Buffer.from(JSON.stringify({ id: 2, channel: 'app:info', payload: {} }))));
    await until(() => textMessages(raw).length >= 2, 'two replies');
    const [first, second] = textMessages(raw) as { id: number | null; envelope: { ok: boolean; error?: { code: string } } }[];
    expect(first).toMatchObject({ id: null, envelope: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(second).toMatchObject({ id: 2, envelope: { ok: true } });
    raw.socket.destroy();
  });
});

describe('the host bounds what one client costs', () => {
  it('disconnects a client that never reads its replies, and keeps serving the others', async () => {
    const writer = await connect(bridgeUrl(host.url));
    await writer.call('auth:login', { email: 'hr@example.com', password: 'x' });
    const big = 'x'.repeat(1_900_000);
    expect(await writer.call('autosave:put', { key: 'big', values: { note: big } })).toMatchObject({ ok: true });

    const raw = await rawUpgrade(host.url);
    raw.socket.pause(); // never reads: the host's replies pile up on its side
    const request = (id: number) => wsFrame(Buffer.from(JSON.stringify({ id, channel: 'autosave:get', payload: { key: 'big' } })));
    // 200 replies of ~1.9 MB each: 380 MB if the host queued them all
    for (let id = 1; id <= 200; id++) raw.socket.write(request(id));

    await until(() => logLines.some((l) => l.includes('does not read')), 'the host to disconnect the non-reading client');
    raw.socket.resume(); // what the host had queued before it gave up, then the end
    await raw.closed;
    expect(raw.received().length).toBeLessThan(200 * 1_900_000);
    expect(await writer.call('app:info', {})).toMatchObject({ ok: true });
    writer.close();
    await stillServes();
  });

  it('refuses a message with too many keys before parsing it, and keeps serving', async () => {
    const client = await connect(bridgeUrl(host.url));
    await client.call('auth:login', { email: 'hr@example.com', password: 'x' });
    const keys: string[] = [];
    for (let i = 0; i < 300_000; i++) keys.push(`"${i.toString(36)}":""`);
    const text = `{"id":7,"channel":"records:check","payload":{"kind":"license","values":{${keys.join(',')}}}}`;
    expect(text.length).toBeLessThan(MAX_BRIDGE_MESSAGE_BYTES);
    const reply = (await client.sendRaw(text)) as { ok: boolean; error?: { code: string; message: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply.error?.message).toContain('too many');
    expect(JSON.stringify(reply).length).toBeLessThan(1000);
    expect(await client.call('app:info', {})).toMatchObject({ ok: true });
    client.close();
    await stillServes();
  });

  it('refuses a message nested too deeply, and keeps serving', async () => {
    const client = await connect(bridgeUrl(host.url));
    const depth = 100_000;
    const text = `{"id":8,"channel":"app:info","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const reply = (await client.sendRaw(text)) as { ok: boolean; error?: { code: string; message: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply.error?.message).toContain('too deeply');
    expect(await client.call('app:info', {})).toMatchObject({ ok: true });
    client.close();
  });

  it('accepts a form carrying two photos at their limit', async () => {
    const client = await connect(bridgeUrl(host.url));
    await client.call('auth:login', { email: 'hr@example.com', password: 'x' });
    const photo = `data:image/jpeg;base64,${'A'.repeat(Math.ceil((1024 * 1024) / 3) * 4)}`;
    const reply = await client.call('autosave:put', { key: 'photos', values: { 'person.photo': photo, 'hmt.photo': photo } });
    expect(reply).toMatchObject({ ok: true });
    client.close();
  });
});
