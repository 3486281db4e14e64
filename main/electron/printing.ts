/**
 * Electron's printing ports: HTML → A4 PDF with `webContents.printToPDF` in a hidden window, and
 * the system printers with `getPrintersAsync` / silent `webContents.print` of the PDF itself (so
 * the paper matches the preview). The page size is always passed explicitly: silent printing
 * otherwise ignores it on Linux and Windows (electron/electron#9780, #29532, #31705).
 *
 * The option builders and the printer mapping are pure and unit-tested; only the two factories
 * touch Electron objects.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type PrinterInfo as ElectronPrinterInfo, type WebContents, type WebContentsPrintOptions } from 'electron';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PrinterInfo } from '../../shared/bridge/contract';
import { PAGE_FOOTER_TEMPLATE, PAGE_HEADER_TEMPLATE, PAGE_MARGINS_INCH } from '../../shared/print/styles';
import type { PdfRenderer, PrinterPort } from '../services/app';

/**
 * A hidden, sandboxed, isolated window without preload or Node. The printout HTML needs no
 * JavaScript; the PDF window needs the built-in PDF viewer (`plugins`) to print the PDF.
 */
export function hiddenWindowOptions({ pdfViewer = false }: { pdfViewer?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi
    height: 1123,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      javascript: pdfViewer, // the PDF viewer is script-driven; the HTML printouts have no script
      plugins: pdfViewer,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      images: true,
    },
  };
}

export const PRINT_TO_PDF_OPTIONS = {
  pageSize: 'A4',
  landscape: false,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: PAGE_HEADER_TEMPLATE,
  footerTemplate: PAGE_FOOTER_TEMPLATE,
  margins: { ...PAGE_MARGINS_INCH },
  preferCSSPageSize: false,
} as const satisfies Electron.PrintToPDFOptions;

/** Silent print of the PDF on `deviceName`, A4 explicitly (electron#9780). */
export function silentPrintOptions(deviceName: string): WebContentsPrintOptions {
  return {
    silent: true,
    deviceName,
    pageSize: 'A4',
    printBackground: true,
    landscape: false,
    color: true,
    copies: 1,
    margins: { marginType: 'none' }, // the PDF carries its own margins
  };
}

/** CUPS-style printer-state in Electron's options: 3 idle, 4 processing, 5 stopped. */
export function printerStatus(options: Record<string, string> | undefined): PrinterInfo['status'] {
  const o = options ?? {};
  const reasons = (o['printer-state-reasons'] ?? '').split(',').map((r) => r.trim());
  if (o['printer-is-accepting-jobs'] === 'false' || reasons.includes('offline') || reasons.includes('offline-error')) return 'offline';
  switch (o['printer-state']) {
    case '3':
      return 'idle';
    case '4':
      return 'printing';
    case '5':
      return 'offline';
    default:
      return 'unknown';
  }
}

/** Electron's PrinterInfo → the bridge's. */
export function toPrinterInfo(p: ElectronPrinterInfo): PrinterInfo {
  const options = (p.options ?? {}) as Record<string, string>;
  const legacyDefault = (p as ElectronPrinterInfo & { isDefault?: boolean }).isDefault === true;
  return {
    name: p.name,
    displayName: p.displayName || p.name,
    isDefault: legacyDefault || options['printer-is-default'] === 'true' || options['is-default'] === 'true',
    status: printerStatus(options),
  };
}

/** print()'s failureReason → a plain message. */
export function printFailureMessage(reason: string): string {
  if (/cancel/i.test(reason)) return '打印已取消 / Printing was cancelled';
  if (/invalid deviceName/i.test(reason)) return '找不到该打印机，请重新选择 / The printer was not found; choose another one';
  const detail = reason.trim() || 'unknown';
  return `打印机未能完成打印（${detail}） / The printer could not print the document (${detail})`;
}

/** A temp folder for one document, removed by the returned cleanup. */
async function tempFile(name: string, data: string | Uint8Array): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'permit-desk-print-'));
  const file = path.join(dir, name);
  await fs.writeFile(file, data, { mode: 0o600 });
  return { file, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** A file name from a job title (the OS print queue shows it). */
const safeName = (title: string) => (title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'Permit Desk').slice(0, 100);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** HTML → A4 PDF in a hidden window (loaded from a temp file: a data: URL caps at 2 MB, photos included). */
export function electronPdfRenderer(): PdfRenderer {
  return {
    async render(html: string): Promise<Uint8Array> {
      const { file, cleanup } = await tempFile('document.html', html);
      const win = new BrowserWindow(hiddenWindowOptions());
      try {
        await win.loadFile(file);
        const pdf = await win.webContents.printToPDF(PRINT_TO_PDF_OPTIONS);
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        if (!win.isDestroyed()) win.destroy();
        await cleanup();
      }
    },
  };
}

/**
 * The system's printers (listed through the main window's web contents, or a hidden one when
 * there is no window) and silent printing of the PDF in a hidden PDF-viewer window.
 */
export function electronPrinters(getWindow: () => BrowserWindow | null): PrinterPort {
  async function withContents<T>(use: (contents: WebContents) => Promise<T>): Promise<T> {
    const main = getWindow();
    if (main && !main.isDestroyed()) return use(main.webContents);
    const win = new BrowserWindow(hiddenWindowOptions());
    try {
      return await use(win.webContents);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  return {
    async list(): Promise<PrinterInfo[]> {
      const printers = await withContents((c) => c.getPrintersAsync());
      return printers.map(toPrinterInfo);
    },

    async print(pdf: Uint8Array, printer: string, title: string): Promise<string> {
      const { file, cleanup } = await tempFile(`${safeName(title)}.pdf`, pdf);
      const win = new BrowserWindow(hiddenWindowOptions({ pdfViewer: true }));
      try {
        await win.loadFile(file);
        await delay(800); // the PDF viewer lays the document out after the load event
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(silentPrintOptions(printer), (success, failureReason) => {
            if (success) resolve();
            else reject(new Error(printFailureMessage(failureReason)));
          });
        });
        return `${printer}-${Date.now()}`;
      } finally {
        if (!win.isDestroyed()) win.destroy();
        await cleanup();
      }
    },
  };
}
