import http from 'node:http';
import fs from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../shared/bridge/common';
import type { App } from '../services/app';
import { mimeType, resolveStaticFile } from './staticFiles';
import { DEFAULT_CLIENT_LIMITS, sendBounded, serveBridgeClient, type BridgeClientLimits } from './bridgeClient';
import { handleFileRequest, isFilesPath } from './fileRoutes';

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
  /** per-client bounds of the bridge (tests shrink them) */
  limits?: Partial<BridgeClientLimits>;
  /**
   * Called once, shortly after the first page has been told whether someone is signed in
   * (`auth:current`, which decides between the login page and the app): the first screen is then
   * up, and work that would only compete with it (starting the PDF renderer) may begin.
   */
  onFirstScreen?: () => void;
  /**
   * Called once when a page has been served with everything it asked for at once (its HTML, then
   * its scripts and styles) and the host has had nothing to send for a moment: the browser is now
   * busy running the scripts, and the host is free to do start-up work until they call the bridge.
   */
  onPageServed?: () => void;
}

/** quiet time after the last static response before onPageServed */
const PAGE_SERVED_QUIET_MS = 25;

/**
 * After `auth:current` is answered the page still routes and paints; background work waits this
 * long more so that it does not take the CPU from that first paint.
 */
export const FIRST_SCREEN_SETTLE_MS = 300;

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

const ignore = () => undefined;

/** bridge connections at once (each tab of the app holds one) */
const MAX_CLIENTS = 64;

/**
 * The request target as a URL, or null when it is not a plain path (`//[`, `http://…`, garbage):
 * a hostile target must never throw.
 */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Answers a refused upgrade or a malformed request on the raw socket, then closes it. */
function refuseRaw(socket: Duplex, status: '400 Bad Request' | '401 Unauthorized' | '503 Service Unavailable'): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/**
 * Browser mode: serves the built renderer and carries the bridge over a WebSocket, on 127.0.0.1
 * only, refusing any WebSocket client without the per-launch token.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const log = options.log ?? (() => undefined);
  let origin = '';

  const limits: BridgeClientLimits = { ...DEFAULT_CLIENT_LIMITS, ...options.limits };
  const isToken = (given: string) => sameToken(given, token);

  let staticInFlight = 0;
  let htmlServed = false;
  /** a script served after a page: the page's own requests have begun (the HTML alone is not enough) */
  let scriptServed = false;
  let pageServed: NodeJS.Timeout | 'done' | null = null;
  const staticDone = () => {
    if (--staticInFlight > 0 || !scriptServed || pageServed === 'done' || !options.onPageServed) return;
    if (pageServed) clearTimeout(pageServed);
    const notify = options.onPageServed;
    pageServed = setTimeout(() => {
      if (staticInFlight > 0) return; // a later response re-arms it when it ends
      pageServed = 'done';
      notify();
    }, PAGE_SERVED_QUIET_MS);
    pageServed.unref();
  };

  const server = http.createServer((req, res) => {
    req.on('error', ignore);
    res.on('error', ignore);
    const url = parseTarget(req.url);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Bad request');
      return;
    }
    const files = options.app.files;
    if (isFilesPath(url.pathname) && files) {
      void handleFileRequest(req, res, url, { files, isToken, origin: () => origin, log }).catch((e: unknown) => {
        log(`file request failed: ${e instanceof Error ? e.message : String(e)}`);
        res.destroy();
      });
      return;
    }
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
      htmlServed = true;
    } else if (htmlServed && file.endsWith('.js')) {
      scriptServed = true;
    }
    staticInFlight++;
    res.once('close', staticDone);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else void pipeline(fs.createReadStream(file), res).catch(() => res.destroy());
  });
  // an upload of a large backup may take longer than the default 5 minutes: bound idleness instead
  server.requestTimeout = 0;
  server.timeout = 120_000;
  // every socket has an error listener: a reset or a malformed request closes that socket only
  server.on('connection', (socket: Socket) => socket.on('error', ignore));
  server.on('clientError', (_error, socket: Duplex) => refuseRaw(socket, '400 Bad Request'));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });
  wss.on('error', (e) => log(`bridge server error: ${e.message}`));
  wss.on('wsClientError', (_error, socket: Duplex) => socket.destroy());
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', ignore);
    const url = parseTarget(req.url);
    if (!url) {
      log('refused a WebSocket client (malformed address)');
      refuseRaw(socket, '400 Bad Request');
      return;
    }
    const given = url.searchParams.get('token') ?? '';
    const fromOrigin = req.headers.origin;
    if (url.pathname !== '/bridge' || !isToken(given) || (fromOrigin !== undefined && fromOrigin !== origin)) {
      log(`refused a WebSocket client (${url.pathname.slice(0, 80)}, ${given ? 'wrong token' : 'no token'}, origin ${String(fromOrigin ?? '-').slice(0, 80)})`);
      refuseRaw(socket, '401 Unauthorized');
      return;
    }
    if (clients.size >= MAX_CLIENTS) {
      log(`refused a WebSocket client: ${MAX_CLIENTS} are connected already`);
      refuseRaw(socket, '503 Service Unavailable');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const unsubscribe = options.app.onEvent((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of clients) sendBounded(ws, message, limits, log);
  });

  let firstScreen: NodeJS.Timeout | null = null;
  const replied = (channel: string) => {
    if (channel !== 'auth:current' || firstScreen || !options.onFirstScreen) return;
    const notify = options.onFirstScreen;
    firstScreen = setTimeout(notify, FIRST_SCREEN_SETTLE_MS);
    firstScreen.unref();
  };

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    serveBridgeClient(ws, options.app, limits, log, replied);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (e) => log(`host error: ${e.message}`));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    async close() {
      if (firstScreen) clearTimeout(firstScreen);
      if (pageServed && pageServed !== 'done') clearTimeout(pageServed);
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
