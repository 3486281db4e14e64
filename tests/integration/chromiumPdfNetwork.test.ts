/**
 * The PDF Chromium reaches no network: a printout referencing a server on loopback makes no request
 * to it, and the PDF is made; the browser's own requests (Chromium still tries a Google host or two
 * at start-up whatever the flags) all go to the proxy, here a loopback port the test listens on,
 * by default a closed one (main/host/chromiumPdf.ts, BLACKHOLE_PROXY).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumArgs, chromiumPdfRenderer, isLocalUrl } from '../../main/host/chromiumPdf';
import { FIXTURE_PHOTO } from '../fixtures/documents';
import { pdfText, squash } from '../helpers/poppler';
import { tempDir } from '../helpers/tmp';

const pageRequests: string[] = [];
const proxyConnections: string[] = [];
let web: http.Server;
let proxy: net.Server;
let webPort = 0;
let proxyPort = 0;
let renderer: ReturnType<typeof chromiumPdfRenderer>;
const sockets = new Set<net.Socket>();

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

beforeAll(async () => {
  web = http.createServer((req, res) => {
    pageRequests.push(`${req.method} ${req.url}`);
    res.end('body { color: red }');
  });
  web.on('connection', (s) => {
    pageRequests.push('connection');
    sockets.add(s);
  });
  proxy = net.createServer((s) => {
    sockets.add(s);
    s.once('data', (d) => proxyConnections.push(d.toString('latin1').split('\r\n')[0] ?? ''));
    proxyConnections.push('connection');
    s.on('error', () => undefined);
  });
  webPort = await listen(web);
  proxyPort = await listen(proxy);
  renderer = chromiumPdfRenderer({ proxyServer: `127.0.0.1:${proxyPort}` });
});

afterAll(async () => {
  await renderer.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => web.close(r));
  await new Promise((r) => proxy.close(r));
});

it('launches with the flags that stop background networking, and a proxy for everything, loopback included', () => {
  const args = chromiumArgs();
  for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-pings', '--disable-domain-reliability']) {
    expect(args).toContain(flag);
  }
  expect(args).toContain('--proxy-server=127.0.0.1:9');
  expect(args).toContain('--proxy-bypass-list=<-loopback>');
  expect(args).toContain('--host-resolver-rules=MAP * ~NOTFOUND');
  expect(args.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
  expect(isLocalUrl('data:image/png;base64,AAAA')).toBe(true);
  expect(isLocalUrl('about:blank')).toBe(true);
  expect(isLocalUrl(`http://127.0.0.1:${webPort}/x`)).toBe(false);
  expect(isLocalUrl('file:///etc/passwd')).toBe(false);
});

it('renders a page that references a loopback server: none of its requests arrives there or at the proxy, and the PDF is made', async () => {
  const base = `http://127.0.0.1:${webPort}`;
  const html = `<!doctype html><html><head><meta charset="utf-8">
    <link rel="stylesheet" href="${base}/style.css">
    <link rel="preconnect" href="${base}/">
    <link rel="dns-prefetch" href="//printouts.example.invalid">
    <style>@font-face { font-family: X; src: url(${base}/font.woff2); } body { font-family: X, serif; background: url(${base}/bg.png) }</style>
    </head><body>
    <p>NETWORK-ISOLATION-MARKER 网络隔离</p>
    <img src="${base}/pixel.png"><img src="https://127.0.0.1:${webPort}/secure.png"><img src="http://printouts.example.invalid/x.png">
    <img src="${FIXTURE_PHOTO}" width="50">
    <iframe src="${base}/frame.html"></iframe>
    <object data="${base}/object.pdf"></object>
    <a ping="${base}/ping" href="${base}/link">link</a>
    </body></html>`;
  const pdf = await renderer.render(html);
  // a second render on the warm page: nothing either
  await renderer.render(html);
  const t = tempDir();
  try {
    const file = path.join(t.dir, 'out.pdf');
    fs.writeFileSync(file, pdf);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(squash(pdfText(file))).toContain('NETWORK-ISOLATION-MARKER网络隔离');
  } finally {
    t.cleanup();
  }
  // the browser closes (flushing whatever it had queued) before the counts are read
  await renderer.close();
  expect(pageRequests).toEqual([]);
  // only the browser's own requests reached the proxy, none of the page's (loopback included)
  const requests = proxyConnections.filter((line) => line !== 'connection');
  for (const line of requests) expect(line).toMatch(/^(CONNECT [a-z0-9.-]+\.(com|net):443|GET http:\/\/[a-z0-9.-]+\.(com|net)\/\S*) HTTP\/1\.1$/);
  expect(requests.join('\n')).not.toContain(String(webPort));
  expect(requests.join('\n')).not.toContain('example.invalid');
});
