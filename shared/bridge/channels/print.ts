/** Printing channels: the PDF preview, the system's printers, a print job. */
import { z } from 'zod';
import { empty, id } from '../common';

/** what can be printed from a record: the form itself or, once approved, 《网上办理通知书》 */
export const printable = z.enum(['form', 'notice']);
export type Printable = z.infer<typeof printable>;
export const printer = z.object({
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
  status: z.enum(['idle', 'printing', 'offline', 'unknown']),
});
export type PrinterInfo = z.infer<typeof printer>;

export const printChannels = {
  /** a record's printout as PDF, for the preview (and for 另存为PDF, saved by the renderer as a download) */
  'print:preview': {
    request: z.object({ id, document: printable }).strict(),
    reply: z.object({ pdfBase64: z.string(), pages: z.number().int(), fileName: z.string() }),
  },
  'print:printers': {
    request: empty,
    reply: z.object({ printers: z.array(printer), remembered: z.string().nullable() }),
  },
  'print:print': {
    request: z.object({ id, document: printable, printer: z.string().min(1).max(200) }).strict(),
    reply: z.object({ job: z.string(), printer: z.string() }),
  },
  /** 【批量打印】: the forms of up to 50 records as one PDF, for the preview (progress as task:progress) */
  'print:previewBatch': {
    request: z.object({ ids: z.array(id).min(1).max(50) }).strict(),
    reply: z.object({ pdfBase64: z.string(), pages: z.number().int(), fileName: z.string() }),
  },
  /** 【批量打印】 to a printer, as one job */
  'print:printBatch': {
    request: z.object({ ids: z.array(id).min(1).max(50), printer: z.string().min(1).max(200) }).strict(),
    reply: z.object({ job: z.string(), printer: z.string() }),
  },
} as const;
