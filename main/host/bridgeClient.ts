/**
 * One browser-mode bridge connection, bounded: every message is sized and its shape counted before
 * it is parsed, a client has a few requests in flight at most (reading pauses beyond), and a client
 * whose replies pile up unread is disconnected. A protocol error closes only that client.
 */
import type { RawData, WebSocket } from 'ws';
import { wsRequest } from '../../shared/bridge/contract';
import { fail, type Envelope } from '../../shared/bridge/envelope';
import { MAX_BRIDGE_MESSAGE_DEPTH, MAX_BRIDGE_MESSAGE_ITEMS } from '../../shared/bridge/common';
import type { App } from '../services/app';
import { checkJsonShape } from './messageShape';

export interface BridgeClientLimits {
  /** bytes queued for a client that it has not read yet; beyond this the client is disconnected */
  maxQueuedBytes: number;
  /** requests being answered at once; reading from the client pauses beyond this */
  maxInFlight: number;
}

export const DEFAULT_CLIENT_LIMITS: BridgeClientLimits = { maxQueuedBytes: 32 * 1024 * 1024, maxInFlight: 16 };

/** after a protocol error ws sends a close frame and waits for the client's; this long at most */
const CLOSE_GRACE_MS = 1000;

const BINARY = '只接受文本消息 / Only text messages are accepted';
const TOO_MANY_ITEMS = '消息包含的字段过多，请求被拒绝，未作任何更改 / The message has too many keys or elements; it was refused and nothing was changed';
const TOO_DEEP = '消息嵌套过深，请求被拒绝，未作任何更改 / The message is nested too deeply; it was refused and nothing was changed';
const NOT_JSON = '消息不是有效的 JSON / The message is not valid JSON';
const MALFORMED = '消息格式不正确，应为 {id, channel, payload} / Malformed message; expected {id, channel, payload}';

/**
 * Sends `text` unless the client already has `maxQueuedBytes` waiting unread: such a client is
 * disconnected rather than letting its replies grow the host without bound.
 */
export function sendBounded(ws: WebSocket, text: string, limits: BridgeClientLimits, log: (line: string) => void): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount + text.length > limits.maxQueuedBytes) {
    log(`disconnected a bridge client that does not read its replies (${ws.bufferedAmount} bytes queued)`);
    ws.terminate();
    return false;
  }
  ws.send(text);
  return true;
}

const asBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/** Answers the bridge requests of one connected client; `replied` is told each channel answered. */
export function serveBridgeClient(
  ws: WebSocket,
  app: App,
  limits: BridgeClientLimits,
  log: (line: string) => void,
  replied?: (channel: string) => void,
): void {
  const reply = (id: number | null, envelope: Envelope<unknown>) => sendBounded(ws, JSON.stringify({ id, envelope }), limits, log);
  let inFlight = 0;

  ws.on('error', (e) => {
    // invalid UTF-8, reserved opcodes or bits, an oversize message…: ws has already answered with a close frame
    log(`closed a bridge client after a protocol error: ${e.message}`);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  });

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      reply(null, fail('BAD_REQUEST', BINARY));
      return;
    }
    const bytes = asBuffer(data);
    const shape = checkJsonShape(bytes, { maxItems: MAX_BRIDGE_MESSAGE_ITEMS, maxDepth: MAX_BRIDGE_MESSAGE_DEPTH });
    if (!shape.ok) {
      reply(null, fail('BAD_REQUEST', shape.reason === 'depth' ? TOO_DEEP : TOO_MANY_ITEMS));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      reply(null, fail('BAD_REQUEST', NOT_JSON));
      return;
    }
    const msg = wsRequest.safeParse(raw);
    if (!msg.success) {
      const id = raw && typeof raw === 'object' && Number.isSafeInteger((raw as { id?: unknown }).id) ? (raw as { id: number }).id : null;
      reply(id, fail('BAD_REQUEST', MALFORMED));
      return;
    }
    const { id, channel, payload } = msg.data;
    if (++inFlight >= limits.maxInFlight) ws.pause();
    void app
      .dispatch(channel, payload)
      .catch(() => fail('INTERNAL', '程序内部错误，操作未完成 / Internal error; the operation did not complete'))
      .then((envelope) => {
        if (--inFlight < limits.maxInFlight && ws.isPaused) ws.resume();
        reply(id, envelope);
        replied?.(channel);
      });
  });
}
