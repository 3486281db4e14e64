/**
 * Browser mode's PdfRenderer: HTML → A4 PDF with headless Chromium (Debian's /usr/bin/chromium,
 * or PERMIT_DESK_CHROMIUM) driven by playwright-core. The browser (no background network, every
 * request of its own sent to a closed loopback port) and one page (JavaScript disabled, every
 * request that is not data: or about: aborted) start on the first render, or earlier with warmUp(),
 * and stay warm; renders take turns on that page (a new page costs a renderer process, several hundred ms).
 */
import type { Browser, Page } from 'playwright-core';
import type { PdfRenderer } from '../services/app';
import { FONT_STACK, PAGE_FOOTER_TEMPLATE, PAGE_HEADER_TEMPLATE, PAGE_MARGINS_CSS, TITLE_STACK } from '../../shared/print/styles';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** renders on one page before it is replaced by a fresh one (bounds the renderer process's memory) */
export const RENDERS_PER_PAGE = 100;

/**
 * Where the browser's own requests would go: a closed port on loopback (discard, 9). With
 * `<-loopback>` even loopback addresses go through it, so nothing the browser tries reaches any
 * host and no name is resolved. The printouts need no network: they are set with setContent,
 * their images are data: URLs.
 */
export const BLACKHOLE_PROXY = '127.0.0.1:9';

/**
 * Features that make requests of their own. Chromium keeps only the last --disable-features
 * switch, so this list also repeats the ones playwright-core disables by default.
 */
const DISABLED_FEATURES = [
  // playwright-core's defaults
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // no background network
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'DialMediaRouteProvider',
  'InterestFeedContentSuggestions',
  'OptimizationGuideModelDownloading',
  'SafeBrowsing',
  'Translate',
  'PrivacySandboxSettings4',
] as const;

/** --disable-background-networking and the rest: the browser reaches no network at all */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--disable-field-trial-config',
  '--safebrowsing-disable-auto-update',
  '--metrics-recording-only',
  '--no-pings',
  '--no-default-browser-check',
  '--dns-prefetch-disable',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--font-render-hinting=none',
] as const;

/**
 * The launch arguments: CHROMIUM_ARGS, the proxy every request is sent to and, should anything
 * bypass it, no name resolves. The flags are not enough on their own: Chromium 156 still asks
 * update.googleapis.com and accounts.google.com at start-up; those requests end at the proxy.
 */
export function chromiumArgs(proxyServer: string = BLACKHOLE_PROXY): string[] {
  return [...CHROMIUM_ARGS, `--proxy-server=${proxyServer}`, '--proxy-bypass-list=<-loopback>', '--host-resolver-rules=MAP * ~NOTFOUND'];
}

/** What a printout may load: its own data: URLs (photos) and about:blank. */
export const isLocalUrl = (url: string): boolean => url.startsWith('data:') || url.startsWith('about:');

export interface ChromiumPdfOptions {
  /** default: $PERMIT_DESK_CHROMIUM, else /usr/bin/chromium */
  executablePath?: string;
  log?: (line: string) => void;
  /** default BLACKHOLE_PROXY; tests pass a loopback port they listen on, to see that nothing arrives */
  proxyServer?: string;
}

/**
 * What warmUp() prints: a line in the printouts' two font stacks, so that the fonts are loaded
 * and the PDF path has run once before the first real preview. Self-contained like any printout.
 */
const WARM_UP_HTML =
  `<!doctype html><html><head><meta charset="utf-8"></head><body>` +
  `<p style="font-family:${FONT_STACK.replace(/"/g, "'")}">外国人就业许可 Permit 2027年1月4日</p>` +
  `<p style="font-family:${TITLE_STACK.replace(/"/g, "'")}">《申请表》</p></body></html>`;

export interface ChromiumPdfRenderer extends PdfRenderer {
  /**
   * Starts Chromium and prints a blank line once, ahead of the first render, so that the first
   * preview does not pay the launch. Runs at most once (later calls return the same promise), never
   * rejects (a failure is logged and the next render tries again), and does nothing once closed.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export function chromiumPdfRenderer(options: ChromiumPdfOptions = {}): ChromiumPdfRenderer {
  const executablePath = options.executablePath ?? (process.env.PERMIT_DESK_CHROMIUM || DEFAULT_CHROMIUM);
  let launching: Promise<Browser> | null = null;
  let closed = false;

  const browser = (): Promise<Browser> => {
    if (closed) return Promise.reject(new Error('PDF 生成服务已关闭 / The PDF renderer has been closed'));
    if (!launching) {
      // playwright-core is loaded on the first PDF, not at start-up (it costs ~400 ms to load)
      const started = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: chromiumArgs(options.proxyServer) }))
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
        await context.route('**/*', (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
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

  // Chromium's renderer keeps a little of every document it showed (~0.6 MiB a render with a new
  // photo each time, measured over hours of work): after RENDERS_PER_PAGE renders the page and its
  // context are closed and a fresh one is opened in the background for the next render.
  let rendersOnPage = 0;
  const recycleWhenWorn = () => {
    if (++rendersOnPage < RENDERS_PER_PAGE || !warmPage) return;
    rendersOnPage = 0;
    const worn = warmPage;
    warmPage = null;
    void worn.then((p) => p.context().close()).catch(() => undefined);
    if (!closed) void page().catch(() => undefined);
  };

  // one render at a time on the warm page
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const print = async (html: string): Promise<Uint8Array> => {
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
    recycleWhenWorn();
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  };

  let warming: Promise<void> | null = null;

  return {
    render(html: string): Promise<Uint8Array> {
      return serial(() => print(html));
    },
    warmUp(): Promise<void> {
      if (closed) return Promise.resolve();
      warming ??= serial(async () => {
        if (closed) return;
        const started = performance.now();
        await print(WARM_UP_HTML);
        options.log?.(`PDF renderer warmed up in ${Math.round(performance.now() - started)} ms`);
      }).catch((e: unknown) => {
        if (!closed) options.log?.(`PDF renderer warm-up failed: ${e instanceof Error ? e.message : String(e)}`);
      });
      return warming;
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
