/**
 * Serving the built renderer (dist/renderer) on permit-desk://app/. Pure Node: the handler takes a
 * WHATWG Request and answers a Response, so it is tested without Electron; main.ts passes it to
 * `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME } from '../../shared/bridge/preloadApi';
import { APP_HOST } from './constants';
import { withCsp } from './csp';

export const INDEX_FILE = 'index.html';

/** `..` written plainly or with either dot percent-encoded (`.%2e`, `%2E.`, `%2e%2e`). */
const isDotDot = (segment: string): boolean => /^(?:\.|%2e){2}$/i.test(segment);

/**
 * Maps a permit-desk://app/… URL to a file under `rootDir`, or null when it must not be served:
 * another scheme or host, credentials or a port in the URL, a `..` segment (plain, `%2e%2e`,
 * `.%2e`, or built from an encoded slash such as `..%2f`), a backslash, a NUL byte, a drive
 * letter, bad escapes, or anything that resolves outside `rootDir`. `/` and directory URLs give
 * index.html.
 */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;

  // The WHATWG parser silently folds `..`, `.%2e` and `%2e%2e` segments (so /a/%2e%2e/x becomes
  // /x); refuse such URLs outright instead of serving whatever they fold into.
  const rawPath = url.replace(/^[^:]*:\/\/[^/?#]*/, '').split(/[?#]/, 1)[0] ?? '';
  if (rawPath.split(/[/\\]/).some(isDotDot)) return null;
  if (/\\|%5c|%00/i.test(parsed.pathname)) return null;
  // decode, then check again: an encoded slash (`..%2f`) builds a new `..` segment only now
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;

  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => isDotDot(s) || s.includes(':'))) return null;
  if (segments.length === 0 || decoded.endsWith('/')) segments.push(INDEX_FILE);

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const rel = path.relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  // pdf.js character maps and standard fonts
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  /** the built renderer: dist/renderer */
  rootDir: string;
  /** injectable for tests; defaults to fs.promises.readFile (which reads inside app.asar too) */
  read?: (file: string) => Promise<Uint8Array>;
}

const text = (status: number, body: string): Response =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

/**
 * The `protocol.handle(APP_SCHEME, …)` handler. GET/HEAD only. Unknown paths without a file
 * extension fall back to index.html (client-side routes); a missing asset is a 404.
 */
export function createAppProtocolHandler({ rootDir, read = readFile }: AppProtocolOptions) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
    const file = resolveAppFile(request.url, rootDir);
    if (file === null) return text(404, 'Not Found');

    let body: Uint8Array;
    let served = file;
    try {
      body = await read(file);
    } catch {
      const fallback = path.extname(file) === '' ? resolveAppFile(new URL('/', request.url).href, rootDir) : null;
      if (fallback === null) return text(404, 'Not Found');
      try {
        body = await read(fallback);
        served = fallback;
      } catch {
        return text(404, 'Not Found');
      }
    }

    const type = mimeTypeFor(served);
    const base: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    const headers = type.startsWith('text/html') ? withCsp(base) : base;
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
