/**
 * Browser mode's PdfRenderer: HTML → A4 PDF with headless Chromium (Debian's /usr/bin/chromium,
 * or PERMIT_DESK_CHROMIUM) driven by playwright-core. The browser and one page (JavaScript
 * disabled, every network request refused) start on the first render and stay warm; renders take
 * turns on that page (a new page costs a renderer process, several hundred ms).
 */
import type { Browser, Page } from 'playwright-core';
import type { PdfRenderer } from '../services/app';
import { PAGE_FOOTER_TEMPLATE, PAGE_HEADER_TEMPLATE, PAGE_MARGINS_CSS } from '../../shared/print/styles';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--font-render-hinting=none',
] as const;

export interface ChromiumPdfOptions {
  /** default: $PERMIT_DESK_CHROMIUM, else /usr/bin/chromium */
  executablePath?: string;
  log?: (line: string) => void;
}

export function chromiumPdfRenderer(options: ChromiumPdfOptions = {}): PdfRenderer & { close(): Promise<void> } {
  const executablePath = options.executablePath ?? (process.env.PERMIT_DESK_CHROMIUM || DEFAULT_CHROMIUM);
  let launching: Promise<Browser> | null = null;
  let closed = false;

  const browser = (): Promise<Browser> => {
    if (closed) return Promise.reject(new Error('PDF 生成服务已关闭 / The PDF renderer has been closed'));
    if (!launching) {
      // playwright-core is loaded on the first PDF, not at start-up (it costs ~400 ms to load)
      const started = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] }))
        .then((b) => {
          b.on('disconnected', () => {
            if (launching === started) launching = null; // relaunch on the next render
          });
          options.log?.(`chromium started for PDF rendering (${executablePath})`);
          return b;
        })
        .catch((e: unknown) => {
          launching = null;
          throw new Error(
            `无法启动 Chromium 生成 PDF（${executablePath}），请安装 chromium 或设置 PERMIT_DESK_CHROMIUM / ` +
              `Cannot start Chromium to make the PDF (${executablePath}); install chromium or set PERMIT_DESK_CHROMIUM: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
          );
        });
      launching = started;
    }
    return launching;
  };

  let warmPage: Promise<Page> | null = null;
  const page = (): Promise<Page> => {
    if (!warmPage) {
      const opening = browser().then(async (b) => {
        const context = await b.newContext({ javaScriptEnabled: false, offline: true });
        // the printouts are self-contained: refuse any request a document might still make
        await context.route('**/*', (route) => route.abort());
        const p = await context.newPage();
        p.on('close', () => {
          if (warmPage === opening) warmPage = null;
        });
        p.on('crash', () => {
          if (warmPage === opening) warmPage = null;
          void context.close().catch(() => undefined);
        });
        return p;
      });
      opening.catch(() => {
        if (warmPage === opening) warmPage = null;
      });
      warmPage = opening;
    }
    return warmPage;
  };

  // one render at a time on the warm page
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    render(html: string): Promise<Uint8Array> {
      return serial(async () => {
        const p = await page();
        await p.setContent(html, { waitUntil: 'load' });
        const pdf = await p.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PAGE_HEADER_TEMPLATE,
          footerTemplate: PAGE_FOOTER_TEMPLATE,
          margin: { ...PAGE_MARGINS_CSS },
          preferCSSPageSize: false,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      });
    },
    async close(): Promise<void> {
      closed = true;
      const pending = launching;
      launching = null;
      warmPage = null;
      if (pending) await pending.then((b) => b.close()).catch(() => undefined);
    },
  };
}
