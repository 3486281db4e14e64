/** Excel import/export and backup/restore channels (issue: Excel import and export, backup and restore). */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../documents/types';
import { RECORD_STATUSES } from '../../lifecycle';
import { PERSON_TYPES } from '../../roster/person';
import { empty, fileId, listFilter } from '../common';

const kind = z.enum(DOCUMENT_KINDS);
/** what a template is for: a document kind, or the people roster (人员名册) */
export const templateKind = z.enum([...DOCUMENT_KINDS, 'roster']);
export type TemplateKind = z.infer<typeof templateKind>;

/** what a file the user picks is for: an Excel import, or a backup to inspect and restore */
export const FILE_PURPOSES = ['xlsx', 'backup'] as const;
export const filePurpose = z.enum(FILE_PURPOSES);
export type FilePurpose = z.infer<typeof filePurpose>;

/** The query page's filter, exactly what `records:list` takes. */
export const exportFilter = listFilter;

/**
 * A file main has written (an export, a template, a backup), held by id: the renderer downloads it
 * from the browser-mode host (`GET /files/<fileId>`) or asks main to save it (`file:saveAs`).
 */
export const producedFile = z.object({ fileId, fileName: z.string(), sizeBytes: z.number().int() });
export type ProducedFile = z.infer<typeof producedFile>;

/** The browser-mode host's file routes: `POST` uploads (answering `{ fileId }`), `GET /files/<fileId>` downloads. */
export const FILES_PATH = '/files';
/** the header carrying the launch token on an upload */
export const TOKEN_HEADER = 'x-permit-desk-token';
/** the header carrying the uploaded file's name (encodeURIComponent) */
export const FILE_NAME_HEADER = 'x-file-name';

/**
 * The largest file the user may hand in, per purpose. A backup is a whole store; an xlsx larger
 * than this is no template (the import's own row and size limits, checked while reading, are lower).
 */
/** one limit per purpose: the xlsx one is the import's own (main/services/data/xlsxZip.ts reads it), so an upload is refused before it is sent */
export const MAX_UPLOAD_BYTES: Readonly<Record<FilePurpose, number>> = { backup: 4 * 1024 * 1024 * 1024, xlsx: 20 * 1024 * 1024 };

/** One finding of an import: the row as Excel numbers it, the column's field and what is wrong. */
export const importProblem = z.object({
  /** row number as shown in Excel (the header is row 1) */
  row: z.number().int(),
  /** field key, or '' for the whole row */
  field: z.string(),
  /** the column header (the field's Chinese label), or '' for the whole row */
  label: z.string(),
  /** "中文 / English" */
  message: z.string(),
  /** the sheet, when the template has several (the roster's 外国人 / 台港澳人员) */
  sheet: z.string().optional(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importResult = z.object({
  /** the task id its `task:progress` events carried (cancel with `task:cancel`) */
  task: z.string(),
  /** drafts written (0 when cancelled) */
  imported: z.number().int(),
  /** data rows read (empty rows are not counted) */
  total: z.number().int(),
  /** rows with a blocking problem, one entry per problem; those rows were not imported */
  invalid: z.array(importProblem),
  /** the user cancelled: nothing was written */
  cancelled: z.boolean(),
});
export type ImportResult = z.infer<typeof importResult>;

/** What a backup file holds, shown before a restore is confirmed. */
export const backupSummary = z.object({
  /** when the backup was taken (ISO), or null when the file does not say */
  createdAt: z.string().nullable(),
  /** the latest change to a record in the file (ISO), or null when it holds none */
  lastChangeAt: z.string().nullable(),
  /** schema version of the file, and the app's */
  schemaVersion: z.number().int(),
  latestVersion: z.number().int(),
  /** migrations that will run after the restore */
  migrationsNeeded: z.number().int(),
  sizeBytes: z.number().int(),
  /** enterprise name of the profile in the file ('' when none) */
  enterprise: z.string(),
  totalRecords: z.number().int(),
  byKind: z.array(
    z.object({
      kind,
      title: z.string(),
      total: z.number().int(),
      byStatus: z.record(z.enum(RECORD_STATUSES), z.number().int()),
    }),
  ),
  /** people in the roster, or null when the file has no roster */
  people: z.number().int().nullable(),
  /** the file carries a content digest and it matched */
  verified: z.boolean(),
  /** why the file could not be authenticated ("中文 / English"): it can then be restored as data only */
  warning: z.string().nullable().optional(),
});
export type BackupSummary = z.infer<typeof backupSummary>;

export const backupSettings = z.object({
  /** automatic daily backup into `folder` */
  autoDaily: z.boolean(),
  /** how many automatic backups to keep */
  keep: z.number().int().min(1).max(100),
  lastBackupAt: z.string().nullable(),
  folder: z.string(),
  files: z.array(z.object({ name: z.string(), sizeBytes: z.number().int(), at: z.string() })),
});
export type BackupSettings = z.infer<typeof backupSettings>;

/** The label of an import's progress events: the renderer recognises its own task by it. */
export const importTaskLabel = (name: string): string => `导入 / Import: ${name}`;
export const exportTaskLabel = (title: string): string => `导出 / Export: ${title}`;
export const backupTaskLabel = (): string => '备份 / Backup';
export const inspectTaskLabel = (): string => '检查备份 / Check backup';
export const restoreTaskLabel = (): string => '恢复 / Restore';

export const dataChannels = {
  /** 【下载模板】: the xlsx template for batch drafts of a kind, or for the roster */
  'data:template': {
    request: z.object({ kind: templateKind }).strict(),
    reply: producedFile,
  },
  /** 【导入】: a filled template; valid rows become drafts (roster: people, upserted by document number) in one transaction, the others are reported */
  'data:import': {
    request: z.object({ kind: templateKind, fileId }).strict(),
    reply: importResult,
  },
  /** 【导出】: every record matching the query page's filter (all pages) as xlsx */
  'data:export': {
    request: z.object({ kind, filter: exportFilter.default({}) }).strict(),
    reply: producedFile,
  },
  /** 【导出】 of 人员名册: every person matching the roster's search (all pages) as xlsx, one sheet per person type */
  'data:exportRoster': {
    request: z.object({ query: z.string().max(100).default(''), type: z.enum(PERSON_TYPES).optional() }).strict(),
    reply: producedFile,
  },
  /** 【备份】: the whole store as one SQLite file */
  'backup:create': {
    request: empty,
    reply: producedFile,
  },
  /** checks a backup file and says what it holds (nothing is changed) */
  'backup:inspect': {
    request: z.object({ fileId }).strict(),
    reply: z.object({ summary: backupSummary }),
  },
  /**
   * replaces the store with the backup, atomically; the replaced store is kept beside it. A file
   * that fails authentication is refused unless `dataOnly` (the user insisted: data only, no settings).
   */
  'backup:restore': {
    request: z.object({ fileId, dataOnly: z.boolean().optional() }).strict(),
    reply: z.object({ summary: backupSummary, replacedFile: z.string() }),
  },
  'backup:settings:get': { request: empty, reply: backupSettings },
  'backup:settings:save': {
    request: z.object({ autoDaily: z.boolean().optional(), keep: z.number().int().min(1).max(100).optional() }).strict(),
    reply: backupSettings,
  },
  /** Electron: main opens the system's open dialog and keeps the chosen file (null: cancelled) */
  'file:pickOpen': {
    request: z.object({ purpose: filePurpose }).strict(),
    reply: producedFile.nullable(),
  },
  /** Electron: main opens the system's save dialog and writes the file there (saved: null when cancelled) */
  'file:saveAs': {
    request: z.object({ fileId }).strict(),
    reply: z.object({ saved: z.string().nullable() }),
  },
  /** the renderer no longer needs a file (a restore not confirmed): main removes it now */
  'file:discard': {
    request: z.object({ fileId }).strict(),
    reply: z.object({}),
  },
} as const;
