/**
 * Property-based fuzzing of the bridge (issue 13): generated payloads to every channel of the
 * contract through `app.dispatch`, signed out and signed in — never a throw, always an envelope,
 * and a refusal changes nothing stored; generated frames (text, binary, fragmented, garbage) to
 * the browser-mode host — it never falls over and keeps answering a well-behaved client.
 * Runs are bounded (numRuns) so that the file stays well under a minute on two cores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openApp } from '../../main/services';
import { startHost, type Host } from '../../main/host/server';
import { CHANNEL_NAMES, channels } from '../../shared/bridge/contract';
import { ERROR_CODES, type Envelope } from '../../shared/bridge/envelope';
import { DOCUMENT_KINDS } from '../../shared/documents/types';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect, rawUpgrade, wsFrame, type BridgeClient } from '../helpers/wsClient';

let app: ReturnType<typeof openApp>;
let dataDir: string;
let cleanup: () => void;

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  dataDir = path.join(t.dir, 'data');
  app = openApp({ dataDir, mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false });
});

afterAll(() => {
  app.close();
  cleanup();
});

/** Every key a request schema of the contract names: generated objects use them, so that they get past the first checks. */
function requestKeys(): string[] {
  const keys = new Set<string>();
  for (const name of CHANNEL_NAMES) {
    const schema = channels[name].request as unknown as { shape?: Record<string, unknown> };
    for (const key of Object.keys(schema.shape ?? {})) keys.add(key);
  }
  return [...keys];
}

const KEYS = requestKeys();
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...DOCUMENT_KINDS, 'roster', 'xlsx', 'backup', 'en', 'zh-CN', '', 'A'.repeat(32), '2026-01-01', '__proto__', 'constructor'),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })), tie('node'), { maxKeys: 5 }),
})).node;
/** a payload: anything at all, or an object shaped like the requests */
const payload = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), fc.constant(undefined));

/** settings that route data (the bureau address) are never generated: a fuzzer must not make the desk talk to the network */
const safePayload = (channel: string, p: unknown): unknown => {
  if (channel === 'settings:save' && p && typeof p === 'object' && 'bureauUrl' in p) {
    const { bureauUrl: _dropped, ...rest } = p as Record<string, unknown>;
    return rest;
  }
  return p;
};

/** The stored state: the desk file, every store's rows (read-only), the files held for transfer. */
function snapshot(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'transfers') walk(full);
      } else if (entry.name === 'desk.json') {
        hash.update(fs.readFileSync(full));
      } else if (entry.name.endsWith('.sqlite')) {
        const db = new Database(full, { readonly: true, fileMustExist: true });
        try {
          const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
          for (const { name } of tables) {
            hash.update(name);
            for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) hash.update(JSON.stringify(row));
          }
        } finally {
          db.close();
        }
      }
    }
  };
  walk(dataDir);
  hash.update(JSON.stringify(app.files?.stats()));
  return hash.digest('hex');
}

function expectEnvelope(envelope: Envelope<unknown>): void {
  expect(typeof envelope.ok).toBe('boolean');
  if (envelope.ok) {
    expect(Object.keys(envelope).sort()).toEqual(['ok', 'value']);
  } else {
    expect(Object.keys(envelope).sort()).toEqual(['error', 'ok']);
    expect(ERROR_CODES).toContain(envelope.error.code);
    expect(typeof envelope.error.message).toBe('string');
    expect(envelope.error.message.length).toBeGreaterThan(0);
  }
}

const signedIn = () => app.dispatch('auth:current', {}).then((e) => e.ok && (e.value as { profile: unknown }).profile !== null);

/** one generated call: an envelope, never a throw; a refusal leaves every store as it was */
async function oneCall(channel: string, p: unknown): Promise<void> {
  const before = snapshot();
  let envelope: Envelope<unknown>;
  try {
    envelope = await app.dispatch(channel, safePayload(channel, p));
  } catch (e) {
    throw new Error(`dispatch threw on ${channel}: ${String(e)}`);
  }
  expectEnvelope(envelope);
  if (!envelope.ok) expect(snapshot(), `${channel} refused (${envelope.error.code}) but changed the store`).toBe(before);
}

describe('bridge payload fuzzing', () => {
  const channel = fc.oneof(fc.constantFrom(...CHANNEL_NAMES), fc.string({ maxLength: 30 }));

  it('signed out: every channel answers an envelope and a refusal stores nothing', async () => {
    await app.dispatch('auth:logout', {});
    await fc.assert(
      fc.asyncProperty(channel, payload, async (c, p) => {
        // auth:login with generated credentials would sign in: this half is about signed-out calls
        if (c === 'auth:login') return;
        await oneCall(c, p);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('signed in: every channel answers an envelope and a refusal stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(channel, payload, async (c, p) => {
        if (!(await signedIn())) expect(await app.dispatch('auth:login', { email: 'hr@example.com', password: 'x' })).toMatchObject({ ok: true });
        await oneCall(c, p);
      }),
      { numRuns: 600 },
    );
  }, 60_000);

  it('every channel of the contract, with payloads shaped like its own', async () => {
    expect(await app.dispatch('auth:login', { email: 'hr@example.com', password: 'x' })).toMatchObject({ ok: true });
    for (const name of CHANNEL_NAMES) {
      const schema = channels[name].request as unknown as { shape?: Record<string, unknown> };
      const own = Object.keys(schema.shape ?? {});
      const shaped = own.length ? fc.dictionary(fc.constantFrom(...own), value, { maxKeys: own.length }) : fc.constant({});
      await fc.assert(
        fc.asyncProperty(shaped, async (p) => {
          if (!(await signedIn())) await app.dispatch('auth:login', { email: 'hr@example.com', password: 'x' });
          await oneCall(name, p);
        }),
        { numRuns: 8 },
      );
    }
  }, 60_000);
});

describe('host frame fuzzing', () => {
  let host: Host;
  let bystander: BridgeClient;

  beforeAll(async () => {
    const rendererDir = path.join(path.dirname(dataDir), 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startHost({ app, rendererDir, port: 0 });
    bystander = await connect(bridgeUrl(host.url));
  });

  afterAll(async () => {
    bystander.close();
    await host.close();
  });

  const frame = fc.oneof(
    // any frame header at all, with a short payload
    fc
      .record({
        opcode: fc.integer({ min: 0, max: 15 }),
        fin: fc.boolean(),
        rsv: fc.integer({ min: 0, max: 7 }),
        mask: fc.boolean(),
        payload: fc.uint8Array({ maxLength: 200 }),
        declared: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { freq: 4 }),
      })
      .map((f) => wsFrame(f.payload, { opcode: f.opcode, fin: f.fin, rsv: f.rsv, mask: f.mask, ...(f.declared !== null ? { declaredLength: f.declared } : {}) })),
    // well-formed text frames carrying JSON, a request-shaped object, or text that is not JSON
    fc.json({ maxDepth: 4 }).map((text) => wsFrame(Buffer.from(text))),
    fc.record({ id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), channel: fc.constantFrom(...CHANNEL_NAMES), payload: value }).map((m) => wsFrame(Buffer.from(JSON.stringify(m)))),
    fc.string({ maxLength: 200 }).map((text) => wsFrame(Buffer.from(text))),
    // a message in fragments, binary frames, raw garbage
    fc.array(fc.uint8Array({ maxLength: 50 }), { minLength: 2, maxLength: 4 }).map((parts) =>
      Buffer.concat(parts.map((p, i) => wsFrame(p, { opcode: i === 0 ? 0x1 : 0x0, fin: i === parts.length - 1 }))),
    ),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => wsFrame(bytes, { opcode: 0x2 })),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  );

  it('never falls over, and keeps answering a well-behaved client', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        const raw = await rawUpgrade(host.url);
        expect(raw.status).toContain('101');
        for (const f of frames) if (!raw.socket.destroyed) raw.socket.write(f);
        // give the host a moment with the frames, then leave abruptly
        await new Promise((r) => setTimeout(r, 5));
        raw.socket.destroy();
        expect(await bystander.call('app:info', {})).toMatchObject({ ok: true });
      }),
      { numRuns: 150 },
    );
    const fresh = await connect(bridgeUrl(host.url));
    expect(await fresh.call('app:info', {})).toMatchObject({ ok: true });
    fresh.close();
  }, 60_000);

  it('answers every text message with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 100 })), async (text) => {
        expectEnvelope((await bystander.sendRawAny(text)) as Envelope<unknown>);
      }),
      { numRuns: 100, examples: [['{"id":1}'], ['[]'], ['null'], ['"x"'], ['{"id":2,"channel":"app:info"}']] },
    );
  }, 60_000);
});
