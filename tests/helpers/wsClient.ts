import net from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Envelope } from '../../shared/bridge/envelope';

/** A minimal bridge client over browser mode's WebSocket, for Node-side tests. */
export interface BridgeClient {
  call<T = unknown>(channel: string, payload: unknown): Promise<Envelope<T>>;
  sendRaw(text: string): Promise<unknown>;
  /** sends `text` and resolves with the next reply, whatever its id */
  sendRawAny(text: string): Promise<unknown>;
  close(): void;
}

export function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<BridgeClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    let nextId = 1;
    const waiting = new Map<number | null, (m: { envelope: Envelope<unknown> }) => void>();
    let any: ((m: { envelope: Envelope<unknown> }) => void) | null = null;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id: number | null; envelope?: Envelope<unknown> };
      if (m.envelope && any) {
        any(m as { envelope: Envelope<unknown> });
        any = null;
      } else if (m.envelope) {
        waiting.get(m.id)?.(m as { envelope: Envelope<unknown> });
        waiting.delete(m.id);
      }
    });
    ws.on('close', () => {
      for (const [, done] of waiting) done({ envelope: { ok: false, error: { code: 'OFFLINE', message: 'connection closed' } } });
      waiting.clear();
      any?.({ envelope: { ok: false, error: { code: 'OFFLINE', message: 'connection closed' } } });
      any = null;
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('open', () =>
      resolve({
        call<T>(channel: string, payload: unknown) {
          const id = nextId++;
          return new Promise<Envelope<T>>((res) => {
            if (ws.readyState !== WebSocket.OPEN) {
              res({ ok: false, error: { code: 'OFFLINE', message: 'connection closed' } });
              return;
            }
            waiting.set(id, (m) => res(m.envelope as Envelope<T>));
            ws.send(JSON.stringify({ id, channel, payload }));
          });
        },
        sendRaw(text: string) {
          return new Promise((res) => {
            waiting.set(null, (m) => res(m.envelope));
            ws.send(text);
          });
        },
        sendRawAny(text: string) {
          return new Promise((res) => {
            any = (m) => res(m.envelope);
            ws.send(text);
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}

export const bridgeUrl = (appUrl: string): string => {
  const u = new URL(appUrl);
  return `ws://${u.host}/bridge?token=${u.searchParams.get('token') ?? ''}`;
};

/** A WebSocket frame as a client writes it (masked unless told otherwise), for crafting invalid ones. */
export function wsFrame(
  payload: Uint8Array,
  options: { opcode?: number; fin?: boolean; rsv?: number; mask?: boolean; declaredLength?: number } = {},
): Buffer {
  const { opcode = 1, fin = true, rsv = 0, mask = true } = options;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** A raw TCP connection that has completed (or been refused) the WebSocket handshake. */
export interface RawSocket {
  socket: net.Socket;
  /** the HTTP status line of the handshake's answer, e.g. "HTTP/1.1 101 Switching Protocols" */
  status: string;
  /** bytes received after the handshake */
  received(): Buffer;
  /** resolves when the host has closed the connection */
  closed: Promise<void>;
}

/** Opens a TCP connection to the host and sends an upgrade request for `path` (the bridge with the token by default). */
export function rawUpgrade(appUrl: string, path?: string, extraHeaders = ''): Promise<RawSocket> {
  const u = new URL(appUrl);
  const target = path ?? `/bridge?token=${u.searchParams.get('token') ?? ''}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let head = Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let handshaken = false;
    let closedResolve: () => void = () => undefined;
    const closed = new Promise<void>((r) => (closedResolve = r));
    socket.on('close', () => {
      closedResolve();
      if (!handshaken) reject(new Error(`closed during the handshake: ${head.toString('latin1').split('\r\n')[0] ?? ''}`));
    });
    socket.on('error', () => undefined);
    const deadline = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (data: Buffer) => {
      if (handshaken) {
        chunks.push(data);
        return;
      }
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      handshaken = true;
      clearTimeout(deadline);
      const rest = head.subarray(end + 4);
      if (rest.length) chunks.push(rest);
      resolve({ socket, status: head.subarray(0, head.indexOf('\r\n')).toString('latin1'), received: () => Buffer.concat(chunks), closed });
    });
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`,
    );
  });
}
