import { describe, expect, it, vi } from 'vitest';

// printing.ts imports BrowserWindow; only its pure helpers are tested here, without Electron.
vi.mock('electron', () => ({ BrowserWindow: class {} }));

const { hiddenWindowOptions, printerStatus, printFailureMessage, PRINT_TO_PDF_OPTIONS, silentPrintOptions, toPrinterInfo } = await import(
  '../../../main/electron/printing'
);

describe('Electron printing helpers', () => {
  it('hidden windows are sandboxed and isolated; scripts only for the PDF viewer', () => {
    const html = hiddenWindowOptions();
    expect(html.show).toBe(false);
    expect(html.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, plugins: false });
    expect(html.webPreferences?.preload).toBeUndefined();
    expect(hiddenWindowOptions({ pdfViewer: true }).webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, javascript: true, plugins: true });
  });

  it('printToPDF: A4, backgrounds, footer with page numbers', () => {
    expect(PRINT_TO_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true });
    expect(PRINT_TO_PDF_OPTIONS.footerTemplate).toContain('pageNumber');
    expect(PRINT_TO_PDF_OPTIONS.footerTemplate).toContain('totalPages');
  });

  it('silent print passes the page size explicitly (electron#9780)', () => {
    expect(silentPrintOptions('HP')).toMatchObject({ silent: true, deviceName: 'HP', pageSize: 'A4', printBackground: true });
  });

  it('maps printer states', () => {
    expect(printerStatus({ 'printer-state': '3' })).toBe('idle');
    expect(printerStatus({ 'printer-state': '4' })).toBe('printing');
    expect(printerStatus({ 'printer-state': '5' })).toBe('offline');
    expect(printerStatus({ 'printer-state': '3', 'printer-is-accepting-jobs': 'false' })).toBe('offline');
    expect(printerStatus({ 'printer-state': '3', 'printer-state-reasons': 'offline-report' })).toBe('idle');
    expect(printerStatus({})).toBe('unknown');
    expect(toPrinterInfo({ name: 'HP_1', displayName: 'HP 1', description: '', options: { 'printer-state': '3' } } as never)).toEqual({
      name: 'HP_1',
      displayName: 'HP 1',
      isDefault: false,
      status: 'idle',
    });
  });

  it('failure reasons become plain messages', () => {
    expect(printFailureMessage('cancelled')).toContain(' / Printing was cancelled');
    expect(printFailureMessage('Invalid deviceName provided')).toMatch(/打印机.* \/ The printer was not found/);
    expect(printFailureMessage('failed')).toMatch(/[\u4e00-\u9fff].* \/ .*failed/);
  });
});
