import http from 'node:http';
import fs from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { wsRequest } from '../../shared/bridge/contract';
import { fail } from '../../shared/bridge/envelope';
import type { App } from '../services/app';
import { mimeType, resolveStaticFile } from './staticFiles';

/** Same policy as the Electron shell, with the WebSocket of this origin allowed. */
export const browserModeCsp = (origin: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${origin.replace(/^http/, 'ws')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

export interface HostOptions {
  app: App;
  rendererDir: string;
  /** 0 picks a free port */
  port: number;
  token?: string;
  log?: (line: string) => void;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Browser mode: serves the built renderer and carries the bridge over a WebSocket, on 127.0.0.1
 * only, refusing any WebSocket client without the per-launch token.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const log = options.log ?? (() => undefined);
  let origin = '';

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': mimeType(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
      'Referrer-Policy': 'no-referrer',
    };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = browserModeCsp(origin);
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 48 * 1024 * 1024 });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const given = url.searchParams.get('token') ?? '';
    const fromOrigin = req.headers.origin;
    if (url.pathname !== '/bridge' || !sameToken(given, token) || (fromOrigin !== undefined && fromOrigin !== origin)) {
      log(`refused a WebSocket client (${url.pathname}, ${given ? 'wrong token' : 'no token'}, origin ${fromOrigin ?? '-'})`);
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const unsubscribe = options.app.onEvent((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of clients) ws.send(message);
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(data));
      } catch {
        ws.send(JSON.stringify({ id: null, envelope: fail('BAD_REQUEST', '消息不是有效的 JSON / The message is not valid JSON') }));
        return;
      }
      const msg = wsRequest.safeParse(raw);
      if (!msg.success) {
        const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : null;
        ws.send(JSON.stringify({ id, envelope: fail('BAD_REQUEST', '消息格式不正确，应为 {id, channel, payload} / Malformed message; expected {id, channel, payload}') }));
        return;
      }
      void options.app.dispatch(msg.data.channel, msg.data.payload).then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.data.id, envelope }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
