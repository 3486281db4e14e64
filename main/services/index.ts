/**
 * The application core, shell-agnostic: `openApp(ports)` opens the store, builds the services and
 * answers bridge calls. Each capability contributes its channel handlers from its own module;
 * handlers reach the services through `get()`, so that a restore can swap the whole store.
 */
import path from 'node:path';
import { DATABASE_FILE, openDatabase, type Db } from './store/database';
import { MetaStore } from './store/meta';
import { RecordStore } from './records/recordStore';
import { RecordService } from './records/recordService';
import { recordHandlers } from './records/handlers';
import { memorySecrets, SessionService } from './auth/session';
import { SettingsService } from './settings';
import { AutosaveService } from './autosave';
import { createDispatcher, type Handlers } from './dispatcher';
import { EventHub } from './events';
import { Tasks } from './tasks';
import { chinaDate } from './clock';
import { createBureauClient, type BureauClient } from './bureau';
import { Outbox } from './sync/outbox';
import { SyncEngine, type SyncDeps } from './sync/syncEngine';
import { ServiceError, type ErrorCode } from '../../shared/bridge/envelope';
import { createPrintService, type PrintService } from './print';
import { dataHandlers, startAutoBackup } from './data/handlers';
import { rosterHandlers, startReminders } from './roster/handlers';
import type { App, AppPorts, SecretStore } from './app';

export type { App, AppPorts, SecretStore } from './app';

/** Everything the core is made of: for the handlers, the tests and the shells. */
export interface Core {
  readonly ports: AppPorts;
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

export interface OpenOptions {
  /** tests shrink the sync engine's backoff */
  sync?: Pick<SyncDeps, 'retry' | 'concurrency' | 'pageSize' | 'sleep' | 'random'>;
  /** per-request timeout of the bureau client */
  bureauTimeoutMs?: number;
  /** the daily automatic backup and deadline reminders (default on; tests that time them turn them off) */
  backgroundJobs?: boolean;
}

export type CoreGetter = () => Core;

export function openApp(ports: AppPorts, options: OpenOptions = {}): App & { core: Core } {
  const now = ports.now ?? (() => new Date());
  const log = ports.log ?? (() => undefined);
  const events = new EventHub();
  const tasks = new Tasks(events);
  const secrets = ports.secrets ?? memorySecrets();
  const dbFile = path.join(ports.dataDir, DATABASE_FILE);
  // browser mode has no desktop notifications of its own: the renderer shows them
  const notify = ports.notify ?? ((title: string, body: string) => events.emit('app:notify', { title, body }));

  const build = (): Core => {
    const db = openDatabase(ports.dataDir, { log });
    const meta = new MetaStore(db);
    const settings = new SettingsService(meta, ports.defaultBureauUrl);
    let cachedClient: { url: string; client: BureauClient } | null = null;
    const bureau = (): BureauClient | null => {
      const url = settings.get().bureauUrl.trim();
      if (!url) return null;
      if (cachedClient?.url !== url) {
        cachedClient = {
          url,
          client: createBureauClient({ baseUrl: url, timeoutMs: options.bureauTimeoutMs ?? 15_000, getToken: () => secrets.get('bureau.token') }),
        };
      }
      return cachedClient.client;
    };
    const today = () => chinaDate(now());
    const recordStore = new RecordStore(db);
    const records = new RecordService(recordStore, () => ({ today: today(), minimumWage: settings.get().minimumWage }), now);
    const session = new SessionService(meta, secrets, bureau, now);
    const sync = new SyncEngine({
      outbox: new Outbox(db),
      records,
      meta,
      transaction: (fn) => recordStore.transaction(fn),
      client: bureau,
      events,
      log,
      now,
      notify,
      ...options.sync,
    });
    const print = createPrintService({
      records: { get: (id) => records.get(id) },
      pdf: ports.pdf,
      printers: ports.printers,
      remember: { get: () => meta.get<string>('print.printer'), set: (name) => meta.put('print.printer', name) },
      profile: () => session.current()?.name ?? '',
      notice: (id) => recordStore.get(id)?.notice as Record<string, unknown> | null,
      now,
      log,
    });
    return {
      ports,
      db,
      dbFile,
      now,
      log,
      meta,
      records,
      recordStore,
      session,
      settings,
      autosave: new AutosaveService(db, now),
      events,
      tasks,
      sync,
      print,
      secrets,
      bureau,
      today,
      notify,
      reopenStore,
    };
  };

  let core = build();
  const get: CoreGetter = () => core;

  function reopenStore(replace: (file: string) => void): void {
    core.sync.stop();
    core.db.close();
    try {
      replace(dbFile);
    } finally {
      core = build();
      core.sync.schedule(core.settings.get().syncIntervalMinutes);
    }
  }

  const runSync = async () => {
    try {
      return await get().sync.run();
    } catch (e) {
      const code = ((e as { code?: ErrorCode }).code ?? 'OFFLINE') as ErrorCode;
      throw new ServiceError(code, e instanceof Error ? e.message : String(e));
    }
  };

  const handlers: Handlers = {
    'app:info': () => ({ version: ports.version, mode: ports.mode, today: get().today(), language: get().settings.get().language }),
    'app:setLanguage': ({ language }) => ({ language: get().settings.save({ language }).language }),
    'auth:current': () => ({ profile: get().session.current() }),
    'auth:login': async ({ email, password }) => {
      const { profile, offline } = await get().session.login(email, password);
      if (!offline && get().bureau()) void get().sync.run().catch(() => undefined);
      return { profile };
    },
    'auth:logout': () => (get().session.logout(), {}),
    'profile:save': (p) => ({ profile: get().session.saveProfile(p) }),
    ...recordHandlers(get),
    'autosave:get': ({ key }) => ({ values: get().autosave.get(key) }),
    'autosave:put': ({ key, values }) => (get().autosave.put(key, values), {}),
    'autosave:clear': ({ key }) => (get().autosave.clear(key), {}),
    'settings:get': () => get().settings.get(),
    'settings:save': (patch) => {
      const next = get().settings.save(patch);
      get().sync.schedule(next.syncIntervalMinutes);
      return next;
    },
    'sync:run': () => runSync(),
    'sync:status': () => get().sync.status(),
    'task:cancel': ({ task }) => ({ cancelled: tasks.cancel(task) }),
    'print:preview': ({ id, document }) => get().print.preview(id, document),
    'print:printers': () => get().print.printers(),
    'print:print': ({ id, document, printer }) => get().print.print(id, document, printer),
    ...dataHandlers(get),
    ...rosterHandlers(get),
  };

  const dispatch = createDispatcher(handlers, {
    isSignedIn: () => get().session.current() !== null,
    openChannels: ['app:info', 'app:setLanguage', 'auth:current', 'auth:login', 'sync:status'],
    log,
  });

  core.sync.schedule(core.settings.get().syncIntervalMinutes);
  const stopBackground = options.backgroundJobs === false ? [] : [startAutoBackup(get), startReminders(get)];

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    close() {
      if (closed) return;
      closed = true;
      for (const stop of stopBackground) stop();
      core.sync.stop();
      core.db.close();
      void ports.pdf?.close?.();
    },
    get core() {
      return core;
    },
  };
}
