/**
 * Browser mode's file transfers over HTTP on the loopback host, streamed to and from disk (bounded
 * memory whatever the size):
 *
 *   POST /files?purpose=xlsx|backup   body: the file; headers: the launch token (x-permit-desk-token),
 *                                     the name (x-file-name, URI-encoded); the page's Origin
 *                                     → 201 { fileId }
 *   GET  /files/<fileId>              an outgoing file (export, template, backup) as an attachment
 *
 * An upload needs the token in a header, never in the address. A download cannot carry a header
 * (`<a download>`): its id is the capability instead — 192 random bits, handed out only over the
 * authenticated bridge, for an outgoing file only, expiring, and removed once downloaded in full.
 * Both check the Host header (a DNS-rebound name is refused), and a download refuses requests
 * the browser marks as coming from another site.
 */
import type http from 'node:http';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_NAME_HEADER, FILE_PURPOSES, FILES_PATH, TOKEN_HEADER, type FilePurpose } from '../../shared/bridge/channels/data';
import { fileId as fileIdSchema } from '../../shared/bridge/common';
import { FileTransferError, type FileTransfers } from '../services/files/fileTransfers';

export interface FileRoutesOptions {
  files: FileTransfers;
  /** true when the given token is the launch token */
  isToken: (given: string) => boolean;
  /** this host's origin, e.g. http://127.0.0.1:41234 */
  origin: () => string;
  log: (line: string) => void;
}

const MESSAGES = {
  method: '不支持的请求方法 / Method not allowed',
  host: '请求的地址不是本机服务 / The request is not addressed to this local service',
  auth: '未授权：请从启动时显示的地址打开页面 / Not authorised: open the page from the address printed at start-up',
  purpose: '缺少或无效的用途参数（xlsx 或 backup） / Missing or invalid purpose (xlsx or backup)',
  notFound: '文件不存在或已过期，请重新导出 / The file does not exist or has expired; export it again',
  internal: '保存上传的文件时出错 / The uploaded file could not be stored',
} as const;

export const isFilesPath = (pathname: string): boolean => pathname === FILES_PATH || pathname.startsWith(`${FILES_PATH}/`);

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

const refuse = (res: http.ServerResponse, status: number, message: string, close = false) => sendJson(res, status, { error: { message } }, close);

/** `attachment` with an ASCII fallback and the real (UTF-8) name, RFC 6266 / 5987 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const header = (req: http.IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
};

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

/** Serves `/files` and `/files/<id>`; the caller has checked `isFilesPath`. */
export async function handleFileRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL, options: FileRoutesOptions): Promise<void> {
  if (header(req, 'host') !== new URL(options.origin()).host) {
    refuse(res, 421, MESSAGES.host, true);
    return;
  }
  if (url.pathname === FILES_PATH) {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      refuse(res, 405, MESSAGES.method);
      return;
    }
    await receiveUpload(req, res, url, options);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    refuse(res, 405, MESSAGES.method);
    return;
  }
  await sendDownload(req, res, url.pathname.slice(FILES_PATH.length + 1), options);
}

async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, options: FileRoutesOptions): Promise<void> {
  // refused before a byte of the body is read; the connection closes with the answer
  if (header(req, 'origin') !== options.origin() || !options.isToken(header(req, TOKEN_HEADER))) {
    options.log('refused an upload (wrong origin or token)');
    refuse(res, 403, MESSAGES.auth, true);
    return;
  }
  const purpose = url.searchParams.get('purpose') ?? '';
  if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
    refuse(res, 400, MESSAGES.purpose, true);
    return;
  }
  const lengthHeader = header(req, 'content-length');
  const declaredBytes = /^\d{1,16}$/.test(lengthHeader) ? Number(lengthHeader) : undefined;

  // the body goes through a stream of our own, so that a refusal can still be answered before the socket closes
  const body = new PassThrough();
  body.on('error', () => undefined); // reported through receive(), or nobody is waiting any more
  req.pipe(body);
  req.on('error', (e) => body.destroy(e));
  req.on('close', () => {
    if (!req.complete) body.destroy(new Error('the client went away'));
  });
  try {
    const file = await options.files.receive(body, { name: decodedName(header(req, FILE_NAME_HEADER)), purpose: purpose as FilePurpose, ...(declaredBytes !== undefined ? { declaredBytes } : {}) });
    sendJson(res, 201, { fileId: file.id });
  } catch (e) {
    req.unpipe(body);
    req.pause();
    if (e instanceof FileTransferError) {
      if (e.reason === 'aborted') {
        res.destroy();
        return;
      }
      refuse(res, e.reason === 'too-large' ? 413 : e.reason === 'full' ? 507 : 500, e.message, true);
    } else {
      options.log(`upload failed: ${e instanceof Error ? e.message : String(e)}`);
      refuse(res, 500, MESSAGES.internal, true);
    }
    // stop reading a body we refused: answer, then close
    res.once('finish', () => req.destroy());
  }
}

async function sendDownload(req: http.IncomingMessage, res: http.ServerResponse, id: string, options: FileRoutesOptions): Promise<void> {
  const site = header(req, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    refuse(res, 403, MESSAGES.auth);
    return;
  }
  if (!fileIdSchema.safeParse(id).success || !options.files.find(id, 'outgoing')) {
    refuse(res, 404, MESSAGES.notFound);
    return;
  }
  await options.files
    .use(id, 'outgoing', null, async (file) => {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': file.sizeBytes,
        'Content-Disposition': contentDisposition(file.name),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const source = fs.createReadStream(file.path);
      // every byte read and handed on: the file is gone for any later request (a download is one-shot)
      source.once('end', () => options.files.release(id));
      await pipeline(source, res);
    })
    .catch(() => {
      // the client went away mid-download: the file stays until it expires, for another try
      if (!res.headersSent) refuse(res, 404, MESSAGES.notFound);
      else res.destroy();
    });
}
