/**
 * Reads an xlsx row by row in bounded memory: exceljs's streaming reader over the checked parts of
 * xlsxZip (workbook, its relations, the shared strings, then the worksheets: no sheet ever waits in
 * a temporary file for the shared strings). Cell values only: a formula cell gives its cached
 * result, never its formula. The template marker (the core property `subject`) is read here too,
 * before any sheet.
 */
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { ServiceError } from '../../../shared/bridge/envelope';
import { refuseDamaged, refuseNotXlsx } from './importRefusal';
import { XLSX_LIMITS, checkParts, openXlsxArchive, readPart, storedZipStream, type XlsxArchive, type XlsxLimits } from './xlsxZip';

export interface SheetMeta {
  name: string;
  hidden: boolean;
}

export interface StreamedSheet extends SheetMeta {
  /** every sheet of the workbook, in the workbook's order */
  all: readonly SheetMeta[];
  /** the sheet's rows as they are read (empty rows may be skipped by the file itself) */
  rows: AsyncIterable<ExcelJS.Row>;
}

export interface XlsxWorkbook {
  /** the workbook's core property `subject` ('' when none) */
  subject: string;
  /** the workbook counts days from 1904 (old Mac Excel) */
  date1904: boolean;
  /** the worksheets in the file's order; stop iterating to stop reading */
  sheets(): AsyncGenerator<StreamedSheet>;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const CORE = 'docProps/core.xml';
const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return XML_ENTITIES[e.toLowerCase()] ?? m;
  });

async function readSubject(archive: XlsxArchive): Promise<string> {
  const core = await readPart(archive, CORE);
  if (!core) return '';
  const m = /<(?:\w+:)?subject(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?subject>/.exec(core.toString('utf8'));
  try {
    return m ? xmlText(m[1] ?? '').trim() : '';
  } catch {
    return '';
  }
}

/** What exceljs's streaming reader knows once workbook.xml and its relations are read (not in its typings). */
interface ReaderState {
  model?: { sheets?: { name?: string; id?: number; rId?: string; state?: string }[] };
  workbookRels?: { Id?: string; Target?: string }[];
  properties?: { model?: { date1904?: boolean } };
}
interface SheetReaderState {
  id?: number | string;
  name?: string;
  state?: string;
}

/** Sheet number of a worksheet part → its name and place in the workbook. */
function sheetTable(state: ReaderState): { byNumber: Map<string, SheetMeta & { order: number }>; all: SheetMeta[] } {
  const sheets = state.model?.sheets ?? [];
  const byNumber = new Map<string, SheetMeta & { order: number }>();
  const all: SheetMeta[] = [];
  sheets.forEach((s, order) => {
    const meta = { name: String(s.name ?? ''), hidden: s.state === 'hidden' || s.state === 'veryHidden' };
    all.push(meta);
    const rel = (state.workbookRels ?? []).find((r) => r.Id === s.rId);
    const target = String(rel?.Target ?? '').replace(/^\/?(xl\/)?/, '');
    const m = /^worksheets\/sheet(\d+)\.xml$/.exec(target);
    if (m?.[1]) byNumber.set(m[1], { ...meta, order });
  });
  return { byNumber, all };
}

/**
 * Opens an xlsx file: file size, zip structure and the declared sizes of the parts to read are
 * checked first; refusals are ServiceErrors ("中文 / English", nothing read).
 */
export async function openXlsx(filePath: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxWorkbook> {
  const archive = await openXlsxArchive(filePath, limits);
  const sheetParts = [...archive.entries.keys()]
    .filter((n) => SHEET_PART.test(n))
    .sort((a, b) => Number(SHEET_PART.exec(a)?.[1]) - Number(SHEET_PART.exec(b)?.[1]));
  if (!archive.entries.has(WORKBOOK)) refuseNotXlsx();
  checkParts(archive, [CORE, WORKBOOK, WORKBOOK_RELS, SHARED_STRINGS, ...sheetParts]);
  const subject = await readSubject(archive);
  let date1904 = false;

  async function* sheets(): AsyncGenerator<StreamedSheet> {
    const stream: Readable = storedZipStream(archive, [
      WORKBOOK_RELS,
      WORKBOOK,
      archive.entries.has(SHARED_STRINGS) ? SHARED_STRINGS : { name: SHARED_STRINGS, bytes: EMPTY_SHARED_STRINGS },
      ...sheetParts,
    ]);
    // a limit broken while unpacking destroys the stream; exceljs does not see that error, so
    // every wait on the reader is raced against it
    let failure: unknown = null;
    const failed = new Promise<never>((_, reject) => {
      stream.once('error', (e) => {
        failure = e;
        reject(e);
      });
    });
    failed.catch(() => undefined);
    const guarded = async <T>(step: Promise<T>): Promise<T> => {
      try {
        return await Promise.race([step, failed]);
      } catch (e) {
        if (failure) throw failure;
        if (e instanceof ServiceError) throw e;
        return refuseDamaged();
      }
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const books = reader[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await guarded(books.next());
        if (next.done) return;
        const ws = next.value as unknown as SheetReaderState & AsyncIterable<ExcelJS.Row>;
        const state = reader as unknown as ReaderState;
        date1904 = state.properties?.model?.date1904 === true;
        const { byNumber, all } = sheetTable(state);
        const meta = [...byNumber.entries()].find(([, m]) => m.name === ws.name)?.[1] ?? byNumber.get(String(ws.id)) ?? { name: String(ws.name ?? ''), hidden: ws.state === 'hidden', order: -1 };
        const rowIterator = ws[Symbol.asyncIterator]();
        const rows: AsyncIterable<ExcelJS.Row> = {
          [Symbol.asyncIterator]: () => ({
            next: () => guarded(rowIterator.next()),
            return: async () => ({ done: true as const, value: undefined }),
          }),
        };
        yield { name: meta.name, hidden: meta.hidden, all, rows };
      }
    } finally {
      stream.destroy();
    }
  }

  return {
    subject,
    get date1904() {
      return date1904;
    },
    sheets,
  };
}

