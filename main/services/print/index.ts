/**
 * Printing, as openApp wires it:
 *
 *   const print = createPrintService({ records, pdf: ports.pdf, printers: ports.printers, remember, profile });
 *   handlers = { ...handlers, ...printHandlers(print) };
 */
import type { Handlers } from '../dispatcher';
import type { PrintService } from './printService';

export { BATCH_MAX, createPrintService, MESSAGES as PRINT_MESSAGES } from './printService';
export type { PrintableRecord, PrintPreview, PrintService, PrintServiceDeps } from './printService';
export { countPdfPages } from './pdfPages';

export type PrintHandlers = Pick<Handlers, 'print:preview' | 'print:printers' | 'print:print'>;

/** The three print channels of the bridge contract, answered by the service. */
export function printHandlers(service: PrintService): PrintHandlers {
  return {
    'print:preview': ({ id, document }) => service.preview(id, document),
    'print:printers': () => service.printers(),
    'print:print': ({ id, document, printer }) => service.print(id, document, printer),
  };
}
