/**
 * The application core, shell-agnostic: opens the store and answers bridge calls. The Electron
 * shell and the browser-mode host both create one with their own ports and only move messages.
 */
import type { Envelope } from '../../shared/bridge/envelope';
import type { EventName, EventOf, PrinterInfo } from '../../shared/bridge/contract';
import type { FileTransfers } from './files/fileTransfers';

/** What differs between Electron and browser mode, passed in (Joplin-style drivers). */
export interface AppPorts {
  /** folder holding the database file (created with owner-only permissions) */
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  /** secrets (the bureau token): Electron safeStorage, or an owner-only file in browser mode */
  secrets?: SecretStore;
  /** desktop notification */
  notify?: (title: string, body: string) => void;
  /** the clock; tests move it */
  now?: () => Date;
  log?: (line: string) => void;
  /** the bureau's address until the user sets one (browser mode: PERMIT_DESK_BUREAU_URL) */
  defaultBureauUrl?: string;
  /** HTML → A4 PDF: Electron's printToPDF in a hidden window, or headless Chromium in browser mode */
  pdf?: PdfRenderer;
  /** the system's printers: Electron's getPrintersAsync/print, or CUPS (lpstat/lp) in browser mode */
  printers?: PrinterPort;
  /** Electron: the system's open and save dialogs (browser mode uploads and downloads over HTTP instead) */
  dialogs?: FileDialogs;
}

/** A filter of the system's file dialogs, e.g. { name: 'Excel', extensions: ['xlsx'] } */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FileDialogs {
  /** the file the user chose, or null when cancelled */
  open(filters: FileFilter[]): Promise<string | null>;
  /** where the user chose to save `defaultName`, or null when cancelled */
  save(defaultName: string, filters: FileFilter[]): Promise<string | null>;
}

export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
  close?(): Promise<void>;
}

export interface PrinterPort {
  list(): Promise<PrinterInfo[]>;
  /** sends an A4 PDF to the named printer; resolves with the job id, rejects with a plain message */
  print(pdf: Uint8Array, printer: string, title: string): Promise<string>;
}

export interface SecretStore {
  /** false when the secrets live in memory for this session only (no keyring): the user is told */
  readonly persistent?: boolean;
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export type EventListener = <E extends EventName>(name: E, payload: EventOf<E>) => void;

export interface App {
  /** Validate against the contract, run the service, answer with an envelope. Never throws. */
  dispatch(channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
  /** Subscribe to events from main; returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** files on their way in or out (uploads, exports, backups): browser mode's host serves them over HTTP */
  readonly files?: FileTransfers;
  close(): void;
}
