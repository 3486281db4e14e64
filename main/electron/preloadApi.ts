/**
 * The preload's logic as a pure factory, so it is unit-tested without Electron: preload.ts only
 * calls `createPreloadApi(ipcRenderer)` and exposes the result with contextBridge.
 *
 * - `invoke` forwards only the contract's channels (CHANNEL_NAMES); anything else is answered
 *   here with an UNKNOWN_CHANNEL envelope and never reaches IPC. It never rejects.
 * - `on` subscribes only to EVENT_NAMES; listeners get the payload alone, never the
 *   IpcRendererEvent (which would hand the page `sender`, i.e. ipcRenderer itself).
 * - ipcRenderer is never exposed.
 */
import { CHANNEL_NAMES, EVENT_NAMES, isChannelName, type EventName } from '../../shared/bridge/contract';
import { ERROR_CODES, fail, type Envelope } from '../../shared/bridge/envelope';
import type { PermitDeskApi } from '../../shared/bridge/preloadApi';
import { BRIDGE_EVENT_CHANNEL } from './constants';

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The channels the preload forwards: exactly the contract's. */
export const PRELOAD_CHANNELS: readonly string[] = Object.freeze([...CHANNEL_NAMES]);
export const PRELOAD_EVENTS: readonly string[] = Object.freeze([...EVENT_NAMES]);

const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

const quote = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : `(${typeof value})`;

function isEnvelope(reply: unknown): reply is Envelope<unknown> {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as { code?: unknown; message?: unknown };
  return (ERROR_CODES as readonly unknown[]).includes(e.code) && typeof e.message === 'string';
}

export function createPreloadApi(ipc: IpcRendererLike): PermitDeskApi {
  const subscriptions = new Map<EventName, Set<{ listener: (payload: unknown) => void }>>();
  let attached = false;

  const onMessage = (_event: unknown, ...args: unknown[]): void => {
    const [name, payload] = args;
    if (!isEventName(name)) return;
    for (const sub of [...(subscriptions.get(name) ?? [])]) {
      try {
        sub.listener(payload);
      } catch (error) {
        console.error(`permitDesk: listener for ${name} failed`, error);
      }
    }
  };

  const syncAttachment = (): void => {
    let count = 0;
    for (const set of subscriptions.values()) count += set.size;
    if (count > 0 && !attached) {
      ipc.on(BRIDGE_EVENT_CHANNEL, onMessage);
      attached = true;
    } else if (count === 0 && attached) {
      ipc.removeListener(BRIDGE_EVENT_CHANNEL, onMessage);
      attached = false;
    }
  };

  const api: PermitDeskApi = {
    async invoke(channel: string, payload: unknown): Promise<Envelope<unknown>> {
      if (!isChannelName(channel)) {
        return fail('UNKNOWN_CHANNEL', `未知的通道 ${quote(channel)} / Unknown channel ${quote(channel)}`);
      }
      try {
        const reply = await ipc.invoke(channel, payload);
        return isEnvelope(reply) ? reply : fail('INTERNAL', '主进程的回复无效 / Invalid reply from the main process');
      } catch (error) {
        if (/could not be cloned/i.test(String(error))) {
          return fail('BAD_REQUEST', '请求数据无法传送 / The request could not be sent (not plain data)');
        }
        return fail('NOT_AVAILABLE', '主进程暂不可用 / The main process is not available');
      }
    },

    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event) || typeof listener !== 'function') return () => {};
      const sub = { listener };
      let set = subscriptions.get(event);
      if (!set) {
        set = new Set();
        subscriptions.set(event, set);
      }
      set.add(sub);
      syncAttachment();
      return () => {
        subscriptions.get(event)?.delete(sub);
        syncAttachment();
      };
    },
  };
  return Object.freeze(api);
}
