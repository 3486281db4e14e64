/**
 * The preview's PDF side, with pdf.js (never electron-pdf-window): base64 → bytes, the document
 * (eval disabled, worker from the bundle), each page drawn on a canvas, and the bytes saved as a
 * download (in Electron the download opens the save dialog).
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { saveDownload } from '../data/files';

export { base64ToBytes } from '../data/files';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens a PDF from bytes (a copy is handed to the worker, so the caller keeps its bytes). */
export function openPdf(bytes: Uint8Array): PDFDocumentLoadingTask {
  return getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    stopAtErrors: false,
  });
}

/** Draws one page to fill `cssWidth` pixels, sharp on high-DPI screens. */
export async function drawPage(pdf: PDFDocumentProxy, pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void> {
  const page = await pdf.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const scale = cssWidth / base.width;
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}

/** 另存为PDF: the bytes as a download named `fileName`. */
export function saveBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  saveDownload(bytes, fileName, 'application/pdf');
}
