/**
 * Printing in browser mode: each of the seven forms and the notice through the print service's
 * preview (HTML → headless Chromium PDF, main/host/chromiumPdf.ts), warm: one render each first,
 * then `iterations` timed renders each; and 【批量打印】 of 50 forms (the seven kinds in turn) as
 * one PDF.
 */
import { chromiumPdfRenderer } from '../../main/host/chromiumPdf';
import { createPrintService, type PrintableRecord } from '../../main/services/print';
import type { Printable } from '../../shared/bridge/contract';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/types';
import { FIXTURE_PROFILE, VALID_VALUES } from '../fixtures/documents';
import { benchClock } from './benchApp';
import type { Metric } from './report';
import { distribution, sample } from './stats';

/** Forms in the batch-print measurement (the 50). */
const BATCH_FORMS = 50;

export interface PrintBenchOptions {
  iterations: number;
  log: (line: string) => void;
}

/** What the service prints: an approved record of `kind`, with the bureau's notice data. */
const approved = (kind: DocumentKind): PrintableRecord => ({
  id: `bench-${kind}`,
  kind,
  status: 'approved',
  values: VALID_VALUES[kind],
  reviewedAt: '2026-12-03T02:00:00.000Z',
  certificateNo: null,
});

export async function printBench(options: PrintBenchOptions): Promise<Metric[]> {
  const renderer = chromiumPdfRenderer();
  const records = new Map<string, PrintableRecord>(DOCUMENT_KINDS.map((k) => [`bench-${k}`, approved(k)]));
  const batch = Array.from({ length: BATCH_FORMS }, (_, i) => {
    const kind = DOCUMENT_KINDS[i % DOCUMENT_KINDS.length] as DocumentKind;
    const id = `bench-batch-${i}`;
    records.set(id, { ...approved(kind), id });
    return id;
  });
  const service = createPrintService({
    records: { get: (id) => records.get(id) as PrintableRecord },
    pdf: renderer,
    remember: { get: () => null, set: () => undefined },
    profile: () => FIXTURE_PROFILE.name,
    now: benchClock,
  });
  const jobs: { name: string; id: string; document: Printable }[] = [
    ...DOCUMENT_KINDS.map((k) => ({ name: k, id: `bench-${k}`, document: 'form' as const })),
    { name: 'notice (license)', id: 'bench-license', document: 'notice' },
  ];
  try {
    const metrics: Metric[] = [];
    let cold = 0;
    for (const job of jobs) {
      const started = performance.now();
      await service.preview(job.id, job.document); // warm-up (the first one also starts Chromium)
      if (cold === 0) cold = performance.now() - started;
    }
    options.log(`print: Chromium started and first PDF in ${cold.toFixed(0)} ms; ${options.iterations} warm renders per document…`);
    for (const job of jobs) {
      let pages = 0;
      const d = distribution(
        await sample(
          options.iterations,
          async () => {
            pages = (await service.preview(job.id, job.document)).pages;
          },
          0,
        ),
      );
      metrics.push({
        name: `PDF ${job.name} p50`,
        value: d.p50,
        unit: 'ms',
        target: { op: '<=', value: 250 },
        note: `print service preview (HTML, Chromium page.pdf, page count, base64), warm; ${pages} page(s); n=${d.n}, p95 ${d.p95.toFixed(0)} ms`,
      });
    }
    await service.previewBatch(batch); // warm-up
    let batchPages = 0;
    const b = distribution(
      await sample(
        Math.max(1, Math.min(3, options.iterations)),
        async () => {
          batchPages = (await service.previewBatch(batch)).pages;
        },
        0,
      ),
    );
    metrics.push({
      name: `PDF batch of ${BATCH_FORMS} forms p50`,
      value: b.p50,
      unit: 'ms',
      note: `print service previewBatch (【批量打印】: HTML of ${BATCH_FORMS} forms, one Chromium page.pdf, page count, base64), warm; ${batchPages} pages; n=${b.n}`,
    });
    metrics.push({ name: 'PDF cold (Chromium start + first PDF)', value: cold, unit: 'ms', note: 'for information: paid once per app session' });
    return metrics;
  } finally {
    await renderer.close();
  }
}
