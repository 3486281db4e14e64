/**
 * Chooses the transport: the preload's `window.permitDesk` in Electron, or a WebSocket to the
 * browser-mode host (same origin, per-launch token from the page URL).
 */
import type { PermitDeskApi } from '../../../shared/bridge/preloadApi';
import type { Envelope } from '../../../shared/bridge/envelope';

declare global {
  interface Window {
    permitDesk?: PermitDeskApi;
  }
}

type Pending = { resolve: (e: Envelope<unknown>) => void };

const TOKEN_KEY = 'permit-desk.token';

/** The token arrives as ?token= on the first URL; kept for reloads of the same tab. */
export function browserToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createWebSocketApi(url: string): PermitDeskApi {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const failAll = (message: string) => {
    for (const [, p] of pending) p.resolve({ ok: false, error: { code: 'OFFLINE', message } });
    pending.clear();
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('无法连接到 Permit Desk 本地服务 / Cannot reach the Permit Desk local service'));
      };
      ws.onclose = () => {
        socket = null;
        failAll('与本地服务的连接已断开，请刷新页面 / The connection to the local service was lost; reload the page');
      };
      ws.onmessage = (msg) => {
        let data: unknown;
        try {
          data = JSON.parse(String(msg.data));
        } catch {
          return;
        }
        if (!data || typeof data !== 'object') return;
        const m = data as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
        if (typeof m.id === 'number' && m.envelope) {
          pending.get(m.id)?.resolve(m.envelope);
          pending.delete(m.id);
        } else if (typeof m.event === 'string') {
          for (const l of listeners.get(m.event) ?? []) l(m.payload);
        }
      };
    });
    return opening;
  };

  return {
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch (e) {
        return { ok: false, error: { code: 'OFFLINE', message: (e as Error).message } };
      }
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ id, channel, payload }));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      void open().catch(() => undefined);
      return () => set.delete(listener);
    },
  };
}

let api: PermitDeskApi | null = null;

export function bridgeApi(): PermitDeskApi {
  if (api) return api;
  if (window.permitDesk) {
    api = window.permitDesk;
  } else {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${proto}//${window.location.host}/bridge?token=${encodeURIComponent(browserToken())}`;
    api = createWebSocketApi(url);
  }
  return api;
}

export const runsInElectron = (): boolean => Boolean(window.permitDesk);
