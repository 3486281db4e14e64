/**
 * Exports written as they are produced: exceljs's streaming WorkbookWriter into a file beside the
 * destination (renamed into place when complete), each row committed as soon as it is added, so
 * an export of 100,000 records keeps memory bounded. Text cells are neutralised (columns.ts,
 * neutraliseFormula): no exported cell is ever read as a formula.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { neutraliseFormula } from './columns';
import { writeFileAtomically } from './destFile';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };

export type CellOut = string | number;

/** A sheet being written: add rows, then `done()` before the next sheet starts. */
export interface SheetOut {
  add(values: readonly CellOut[]): void;
  done(): void;
  /** waits until the rows added so far are (nearly all) compressed: call it every few hundred rows */
  catchUp(): Promise<void>;
}

export interface BookOut {
  sheet(name: string, columns: readonly { header: string; width: number }[]): SheetOut;
}

/** rows' XML allowed to wait for the zip before the export waits for it */
const BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * exceljs's sheet stream hands each row's XML to the zip without waiting (no backpressure), so
 * the XML piles up in memory whenever rows come faster than they are compressed and written:
 * this waits until the zip's intake (the sheet stream's pipes, not in exceljs's typings) is
 * below BACKLOG_BYTES.
 */
async function catchUp(ws: ExcelJS.Worksheet): Promise<void> {
  type Intake = { writableLength?: number; _writableState?: { length?: number } };
  const pipes = (ws as unknown as { stream?: { pipes?: Intake[] } }).stream?.pipes ?? [];
  // readable-stream's streams (what archiver pipes into) predate `writableLength`
  const backlog = () => pipes.reduce((n, p) => n + (p.writableLength ?? p._writableState?.length ?? 0), 0);
  await new Promise((resolve) => setImmediate(resolve));
  while (backlog() > BACKLOG_BYTES) await new Promise((resolve) => setTimeout(resolve, 2));
}

const safe = (v: CellOut): CellOut => (typeof v === 'string' ? neutraliseFormula(v) : v);

/** Streams a workbook filled by `fill` to `destPath`; returns the size written. */
export function writeXlsxStreamed(destPath: string, meta: { title: string }, fill: (book: BookOut) => Promise<void>): Promise<number> {
  return writeFileAtomically(destPath, async (part) => {
    const out = fs.createWriteStream(part);
    // the writer only listens once it finalises: an early error must not go unheard
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => undefined);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'Permit Desk';
    wb.title = meta.title;
    const book: BookOut = {
      sheet(name, columns) {
        const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.columns = columns.map((c) => ({ width: c.width }));
        const header = ws.addRow(columns.map((c) => safe(c.header)));
        header.font = { bold: true };
        header.eachCell((c) => (c.fill = HEADER_FILL));
        header.commit();
        return {
          add: (values) => ws.addRow(values.map(safe)).commit(),
          done: () => ws.commit(),
          catchUp: () => catchUp(ws),
        };
      },
    };
    try {
      await Promise.race([fill(book), failed]);
      await Promise.race([wb.commit(), failed]);
      await new Promise<void>((resolve) => out.close(() => resolve()));
    } catch (e) {
      out.destroy();
      throw e;
    }
  });
}
