/**
 * The signed-in enterprise's core: its store and the services on it. Handlers reach it through a
 * `CoreGetter`, so that signing out, switching enterprises or a restore can swap it underneath them.
 */
import type { Db } from './store/database';
import type { MetaStore } from './store/meta';
import type { RecordService } from './records/recordService';
import type { RecordStore } from './records/recordStore';
import type { SessionService } from './auth/session';
import type { SettingsService } from './settings';
import type { AutosaveService } from './autosave';
import type { EventHub } from './events';
import type { Tasks } from './tasks';
import type { SyncDeps, SyncEngine } from './sync/syncEngine';
import type { PrintService } from './print';
import type { BureauClient } from './bureau';
import type { AppPorts, SecretStore } from './app';

export interface Core {
  /** the desk's ports, with `dataDir` the enterprise's own folder */
  readonly ports: AppPorts;
  /** which enterprise this core belongs to: its store key (the 统一社会信用代码) and folder */
  readonly enterprise: { readonly key: string; readonly dir: string };
  readonly db: Db;
  readonly dbFile: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly meta: MetaStore;
  readonly records: RecordService;
  readonly recordStore: RecordStore;
  readonly session: SessionService;
  readonly settings: SettingsService;
  readonly autosave: AutosaveService;
  readonly events: EventHub;
  readonly tasks: Tasks;
  readonly sync: SyncEngine;
  readonly print: PrintService;
  /** the enterprise's own secrets (its bureau token, its backup key) */
  readonly secrets: SecretStore;
  /** the bureau client for the current settings, or null when none is configured */
  bureau(): BureauClient | null;
  /** today in China, YYYY-MM-DD */
  today(): string;
  /** a desktop notification (Electron), or an `app:notify` event the renderer shows (browser mode) */
  notify(title: string, body: string): void;
  /**
   * Closes the store, lets `replace` swap the database file, then reopens everything (a restore).
   * If `replace` throws, the old store is reopened untouched.
   */
  reopenStore(replace: (dbFile: string) => void): void;
}

export type CoreGetter = () => Core;

export interface OpenOptions {
  /** tests shrink the sync engine's backoff */
  sync?: Pick<SyncDeps, 'retry' | 'concurrency' | 'pageSize' | 'sleep' | 'random'>;
  /** per-request timeout of the bureau client */
  bureauTimeoutMs?: number;
  /** the daily automatic backup and deadline reminders (default on; tests that time them turn them off) */
  backgroundJobs?: boolean;
}
