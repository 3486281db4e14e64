/**
 * Browser mode's entry (dist/main/host.cjs): the real services on the real store, the built
 * renderer and the bridge on 127.0.0.1. Prints the URL to open on a line of its own.
 *
 * Environment: PERMIT_DESK_PORT (default: a free port), PERMIT_DESK_DATA_DIR (default: the
 * platform's user-data folder), PERMIT_DESK_CLOCK=YYYY-MM-DD (tests: pin "today"),
 * PERMIT_DESK_BUREAU_URL (the bureau's address until one is set in 设置; empty = sign in locally).
 */
import path from 'node:path';
import { defaultDataDir } from './dataDir';
import { startHost } from './server';
import { pinnedClock } from './pinnedClock';
import { fileSecretStore } from './fileSecrets';
import { chromiumPdfRenderer } from './chromiumPdf';
import { cupsPrinters } from './cupsPrinters';
import { deferredApp } from './deferredApp';

declare const __APP_VERSION__: string | undefined;

/**
 * The services open when the first page has been served (see deferredApp), or this long after the
 * address is printed when no page has come by then, so that a store that cannot open says so at once.
 */
const OPEN_WITHOUT_PAGE_MS = 500;

const couldNotStart = (e: unknown): never => {
  process.stderr.write(`Permit Desk 无法启动 / could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
};

async function main(): Promise<void> {
  const env = process.env;
  const port = env.PERMIT_DESK_PORT ? Number(env.PERMIT_DESK_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PERMIT_DESK_PORT 不是有效的端口号 / PERMIT_DESK_PORT is not a valid port: ${env.PERMIT_DESK_PORT}`);
  }
  const dataDir = path.resolve(env.PERMIT_DESK_DATA_DIR || defaultDataDir());
  const log = (line: string) => process.stderr.write(`[permit-desk] ${line}\n`);
  const now = env.PERMIT_DESK_CLOCK ? pinnedClock(env.PERMIT_DESK_CLOCK) : undefined;

  const pdf = chromiumPdfRenderer({ log });
  // loaded on demand: the services' code is most of the host's start-up time
  const app = deferredApp(async () => {
    const { openApp } = await import('../services');
    return openApp({
      pdf,
      printers: cupsPrinters(),
      dataDir,
      mode: 'browser',
      version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
      log,
      secrets: fileSecretStore(dataDir),
      ...(env.PERMIT_DESK_BUREAU_URL !== undefined ? { defaultBureauUrl: env.PERMIT_DESK_BUREAU_URL } : {}),
      ...(now ? { now } : {}),
    });
  });
  let stopping = false;
  const openNow = () => void app.load().catch((e: unknown) => (stopping ? undefined : couldNotStart(e)));
  const host = await startHost({
    app,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    port,
    log,
    onPageServed: openNow,
    // Chromium for the PDFs starts once the first page is up, so the first preview does not wait for it
    onFirstScreen: () => void pdf.warmUp(),
  });
  setTimeout(openNow, OPEN_WITHOUT_PAGE_MS).unref();

  process.stdout.write(`Permit Desk 浏览器模式 / browser mode — 数据目录 data: ${dataDir}\n`);
  process.stdout.write(`在 Chromium 中打开以下地址 / Open this address in Chromium:\n`);
  process.stdout.write(`${host.url}\n`);

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    // Chromium (the PDF renderer) is closed and awaited before exiting, so that it never outlives the host
    void host
      .close()
      .then(() => pdf.close())
      .catch(() => undefined)
      .finally(() => {
        app.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch(couldNotStart);
