/** Helpers of the Excel and backup tests: an app on a temp folder, filled templates, raw reads. */
import { storeFile } from './storeFile';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { openApp } from '../../main/services';
import type { Envelope } from '../../shared/bridge/envelope';
import { documentDef, type DocumentKind, type FormValues } from '../../shared/documents';
import { buildTemplate } from '../../main/services/data/excelTemplate';
import { templateFields } from '../../main/services/data/columns';
import { FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { tempDir } from './tmp';
import { letters } from './letters';

export type TestApp = ReturnType<typeof openApp>;

export async function openTestApp(dir?: string, now?: () => Date): Promise<{ app: TestApp; dir: string; cleanup: () => void }> {
  const t = dir ? { dir, cleanup: () => undefined } : tempDir();
  const app = openApp({
    dataDir: t.dir,
    mode: 'browser',
    version: 'test',
    defaultBureauUrl: '',
    now: now ?? (() => new Date(`${FIXTURE_TODAY}T02:00:00Z`)),
  });
  await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
  return { app, dir: t.dir, cleanup: t.cleanup };
}

export async function call<T>(app: TestApp, channel: string, payload: unknown): Promise<T> {
  const e = (await app.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${channel}: ${e.error.code}: ${e.error.message}`);
  return e.value;
}

export async function refused(app: TestApp, channel: string, payload: unknown): Promise<{ code: string; message: string }> {
  const e = await app.dispatch(channel, payload);
  if (e.ok) throw new Error(`${channel} was expected to be refused`);
  return e.error;
}

/** A valid row of `kind` for a template: the fixture without its photo. */
export function validRow(kind: DocumentKind, i = 0): FormValues {
  const row: FormValues = {};
  for (const f of templateFields(kind)) {
    const v = VALID_VALUES[kind][f.key];
    if (v !== undefined) row[f.key] = v;
  }
  const nameKey = documentDef(kind).applicant === 'hmt' ? 'hmt.name' : 'person.nameEn';
  if (documentDef(kind).applicant === 'foreign') row[nameKey] = `${row[nameKey] ?? 'PERSON'} ${letters(i)}`;
  return row;
}

/** The template of `kind` with `rows` filled in (keyed by field key), as xlsx bytes. */
export async function filledTemplate(kind: DocumentKind, rows: (FormValues | Record<string, ExcelJS.CellValue>)[]): Promise<Buffer> {
  const wb = buildTemplate(kind);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Every record of the store, read straight from the file. */
export function storedRecords(dir: string): { id: string; kind: string; status: string; person_name: string; values_json: string }[] {
  const db = new Database(storeFile(dir), { readonly: true });
  try {
    return db.prepare('SELECT id, kind, status, person_name, values_json FROM records ORDER BY created_at, id').all() as never;
  } finally {
    db.close();
  }
}
