/**
 * Printing: a record's form or 《网上办理通知书》 → HTML (shared/print) → A4 PDF (the PdfRenderer
 * port) → the preview, or a printer (the PrinterPort). Shell-agnostic: Electron and browser mode
 * pass their own ports. Every refusal is a ServiceError with a plain "中文 / English" message.
 */
import type { PrinterInfo, Printable } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import { documentDef } from '../../../shared/documents/registry';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { canPrintNotice, type RecordStatus } from '../../../shared/lifecycle';
import { printFileName } from '../../../shared/print/fileName';
import { renderFormHtml, renderFormsHtml } from '../../../shared/print/form';
import { applicationNumber } from '../../../shared/print/reference';
import { applicantNameOf, noticeFromRecord, renderNoticeHtml, type NoticeData } from '../../../shared/print/notice';
import type { PdfRenderer, PrinterPort } from '../app';
import { chinaDate } from '../clock';
import { countPdfPages } from './pdfPages';

/** What printing reads of a record (a RecordDetail satisfies it). */
export interface PrintableRecord {
  id: string;
  kind: DocumentKind;
  status: RecordStatus;
  values: FormValues;
  reviewedAt?: string | null;
  certificateNo?: string | null;
  /** when the record was created (ISO): part of its stable 申请编号 */
  createdAt?: string | null;
}

export interface PrintServiceDeps {
  records: { get(id: string): PrintableRecord };
  /** absent: previews are refused with a plain message */
  pdf?: PdfRenderer | undefined;
  /** absent: "no printer is available" */
  printers?: PrinterPort | undefined;
  /** the printer chosen last time (kept after a successful job) */
  remember: { get(): string | null; set(name: string): void };
  /** the signed-in enterprise's name (the notice's addressee when the record lacks one) */
  profile: () => string;
  /** the bureau's notice data for an approved record, when the sync has it (stored JSON is fine) */
  notice?: (id: string) => Partial<NoticeData> | Record<string, unknown> | null | undefined;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface PrintPreview {
  pdfBase64: string;
  pages: number;
  fileName: string;
}

/** Most forms one batch print takes (a PDF of about 100 pages). */
export const BATCH_MAX = 50;

export interface PrintService {
  preview(id: string, document: Printable): Promise<PrintPreview>;
  /** the forms of several records as one PDF (【批量打印】), in the order given; `progress` after each form's HTML */
  previewBatch(ids: readonly string[], progress?: (done: number, total: number) => void): Promise<PrintPreview>;
  printers(): Promise<{ printers: PrinterInfo[]; remembered: string | null }>;
  print(id: string, document: Printable, printer: string): Promise<{ job: string; printer: string }>;
  /** 【批量打印】 to a printer: the forms of several records as one job */
  printBatch(ids: readonly string[], printer: string, progress?: (done: number, total: number) => void): Promise<{ job: string; printer: string }>;
}

export const MESSAGES = {
  noPrinter: '没有可用的打印机，请先在系统中添加打印机 / No printer is available; add one in the system settings first',
  noRenderer: '本机无法生成 PDF，不能预览或打印 / PDFs cannot be made on this computer, so nothing can be previewed or printed',
  noticeNotApproved:
    '预审通过后才能打印《网上办理通知书》 / The notice can be printed only after the application has passed pre-review',
  noticeRecruitment:
    '《聘用外国人就业申请表》没有网上办理通知书，预审通过后请填写《外国人就业登记表》 / A recruitment application has no notice; once approved, fill in the registration form',
  printerMissing: (name: string) =>
    `找不到打印机「${name}」，请重新选择 / The printer "${name}" was not found; choose another one`,
  printerOffline: (name: string) =>
    `打印机「${name}」处于脱机或停用状态，请检查电源和连接，或选择其他打印机 / The printer "${name}" is offline or disabled; check its power and connection, or choose another one`,
  jobRefused: (name: string, detail: string) => {
    const [zh, ...en] = detail.split(' / ');
    return en.length
      ? `打印机「${name}」：${zh} / Printer "${name}": ${en.join(' / ')}`
      : `打印机「${name}」未接受打印任务：${detail} / The printer "${name}" refused the print job: ${detail}`;
  },
  batchEmpty: '请先勾选要打印的记录 / Tick the records to print first',
  batchTooMany: (n: number) => `一次最多批量打印 ${BATCH_MAX} 份，已勾选 ${n} 份 / At most ${BATCH_MAX} forms can be printed at once; ${n} are ticked`,
  batchDuplicate: '勾选的记录有重复 / A record is ticked twice',
  renderFailed: (detail: string) => `生成 PDF 失败，请重试 / The PDF could not be made; try again (${detail})`,
  printersFailed: (detail: string) =>
    detail.includes(' / ') ? detail : `无法读取打印机列表 / The printers could not be listed (${detail})`,
} as const;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const now = deps.now ?? (() => new Date());

  function documentHtml(record: PrintableRecord, document: Printable): { html: string; title: string; fileName: string } {
    const def = documentDef(record.kind);
    const today = chinaDate(now());
    const person = applicantNameOf(record.kind, record.values);
    if (document === 'notice') {
      if (!def.hasNotice) throw new ServiceError('INVALID_STATE', MESSAGES.noticeRecruitment);
      if (!canPrintNotice(record.status)) throw new ServiceError('INVALID_STATE', MESSAGES.noticeNotApproved);
      const notice = noticeFromRecord(record, {
        enterpriseName: deps.profile(),
        bureau: deps.notice?.(record.id) ?? null,
        today,
        reference: applicationNumber(record),
      });
      const fileName = printFileName('网上办理通知书', notice.applicantName || person, notice.approvedAt || today);
      return { html: renderNoticeHtml(notice), title: fileName.slice(0, -4), fileName };
    }
    const fileName = printFileName(def.title, person, today);
    return { html: renderFormHtml(record.kind, record.values, formMeta(record, today)), title: fileName.slice(0, -4), fileName };
  }

  /** 申请编号 stable from the record; the certificate number in its own cell once issued. */
  function formMeta(record: PrintableRecord, today: string) {
    return { printedOn: today, reference: applicationNumber(record), certificateNo: record.certificateNo?.trim() ?? '' };
  }

  /** The record's printout as HTML; refuses a notice the record may not have. */
  function prepare(id: string, document: Printable) {
    return documentHtml(deps.records.get(id), document);
  }

  /** The forms of several records as one document; refuses an empty, oversized or repeated selection. */
  function batchDocument(ids: readonly string[], progress?: (done: number, total: number) => void): { html: string; title: string; fileName: string } {
    if (ids.length === 0) throw new ServiceError('INVALID_INPUT', MESSAGES.batchEmpty);
    if (ids.length > BATCH_MAX) throw new ServiceError('INVALID_INPUT', MESSAGES.batchTooMany(ids.length));
    if (new Set(ids).size !== ids.length) throw new ServiceError('INVALID_INPUT', MESSAGES.batchDuplicate);
    const today = chinaDate(now());
    const forms = ids.map((id, i) => {
      const record = deps.records.get(id); // an unknown id refuses the whole batch before any PDF
      progress?.(i + 1, ids.length);
      return { kind: record.kind, values: record.values, meta: formMeta(record, today) };
    });
    const fileName = printFileName(`批量打印${forms.length}份`, '', today);
    return { html: renderFormsHtml(forms), title: fileName.slice(0, -4), fileName };
  }

  /** A document to a printer of the system: checked first, remembered after a job it accepted. */
  async function send(doc: { html: string; title: string }, printer: string): Promise<{ job: string; printer: string }> {
    const port = deps.printers;
    const printers = port ? await listPrinters() : [];
    if (!port || printers.length === 0) throw new ServiceError('NOT_AVAILABLE', MESSAGES.noPrinter);
    const target = printers.find((p) => p.name === printer);
    if (!target) throw new ServiceError('INVALID_INPUT', MESSAGES.printerMissing(printer));
    if (target.status === 'offline') throw new ServiceError('NOT_AVAILABLE', MESSAGES.printerOffline(printer));
    const pdf = await toPdf(doc.html);
    let job: string;
    try {
      job = await port.print(pdf, printer, doc.title);
    } catch (e) {
      deps.log?.(`print: job refused by ${printer}: ${messageOf(e)}`);
      throw new ServiceError('NOT_AVAILABLE', MESSAGES.jobRefused(printer, messageOf(e)));
    }
    deps.remember.set(printer);
    return { job, printer };
  }

  async function toPdf(html: string): Promise<Uint8Array> {
    if (!deps.pdf) throw new ServiceError('NOT_AVAILABLE', MESSAGES.noRenderer);
    try {
      return await deps.pdf.render(html);
    } catch (e) {
      const m = messageOf(e);
      deps.log?.(`print: PDF rendering failed: ${m}`);
      throw new ServiceError('NOT_AVAILABLE', m.includes(' / ') ? m : MESSAGES.renderFailed(m));
    }
  }

  async function listPrinters(): Promise<PrinterInfo[]> {
    if (!deps.printers) return [];
    try {
      return await deps.printers.list();
    } catch (e) {
      throw new ServiceError('NOT_AVAILABLE', MESSAGES.printersFailed(messageOf(e)));
    }
  }

  return {
    async preview(id, document) {
      const doc = prepare(id, document);
      const pdf = await toPdf(doc.html);
      const fileName = doc.fileName;
      return { pdfBase64: Buffer.from(pdf).toString('base64'), pages: countPdfPages(pdf), fileName };
    },

    async previewBatch(ids, progress) {
      const doc = batchDocument(ids, progress);
      const pdf = await toPdf(doc.html);
      return { pdfBase64: Buffer.from(pdf).toString('base64'), pages: countPdfPages(pdf), fileName: doc.fileName };
    },

    async printers() {
      const printers = await listPrinters();
      const remembered = deps.remember.get();
      return { printers, remembered: remembered && printers.some((p) => p.name === remembered) ? remembered : null };
    },

    async print(id, document, printer) {
      return send(prepare(id, document), printer);
    },

    async printBatch(ids, printer, progress) {
      return send(batchDocument(ids, progress), printer);
    },
  };
}
