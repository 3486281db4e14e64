/** Helpers of the Excel tests: xlsx files on disk (the import and export take paths), read back with exceljs. */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentKind, FormValues } from '../../shared/documents';
import { filledTemplate } from './dataFixtures';

let counter = 0;

/** Writes `bytes` to a new file in `dir`; returns its path. */
export function fileIn(dir: string, bytes: Uint8Array, name = `in-${++counter}.xlsx`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The template of `kind` with `rows` filled in, as a file in `dir`. */
export async function templateFileWith(dir: string, kind: DocumentKind, rows: (FormValues | Record<string, ExcelJS.CellValue>)[]): Promise<string> {
  return fileIn(dir, await filledTemplate(kind, rows));
}

/** An xlsx file read back with exceljs's (non-streaming) reader. */
export async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A fresh output path in `dir`. */
export const outPath = (dir: string, name = `out-${++counter}.xlsx`): string => path.join(dir, name);
