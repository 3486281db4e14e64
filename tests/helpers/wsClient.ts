import WebSocket from 'ws';
import type { Envelope } from '../../shared/bridge/envelope';

/** A minimal bridge client over browser mode's WebSocket, for Node-side tests. */
export interface BridgeClient {
  call<T = unknown>(channel: string, payload: unknown): Promise<Envelope<T>>;
  sendRaw(text: string): Promise<unknown>;
  close(): void;
}

export function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<BridgeClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    let nextId = 1;
    const waiting = new Map<number | null, (m: { envelope: Envelope<unknown> }) => void>();
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id: number | null; envelope?: Envelope<unknown> };
      if (m.envelope) {
        waiting.get(m.id)?.(m as { envelope: Envelope<unknown> });
        waiting.delete(m.id);
      }
    });
    ws.on('close', () => {
      for (const [, done] of waiting) done({ envelope: { ok: false, error: { code: 'OFFLINE', message: 'connection closed' } } });
      waiting.clear();
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
        close: () => ws.close(),
      }),
    );
  });
}

export const bridgeUrl = (appUrl: string): string => {
  const u = new URL(appUrl);
  return `ws://${u.host}/bridge?token=${u.searchParams.get('token') ?? ''}`;
};
