import { openDatabase } from './store/database';
import { MetaStore } from './store/meta';
import { RecordStore } from './records/recordStore';
import { RecordService } from './records/recordService';
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
import { normalizeNumber, prefillFrom } from '../../shared/documents';
import type { DocumentKind } from '../../shared/documents/types';
import type { App, AppPorts } from './app';

export type { App, AppPorts, SecretStore } from './app';

/** Everything the core is made of, for tests and for the shells. */
export interface Core {
  records: RecordService;
  session: SessionService;
  settings: SettingsService;
  autosave: AutosaveService;
  events: EventHub;
  sync: SyncEngine;
  tasks: Tasks;
}

export interface OpenOptions {
  /** tests shrink the sync engine's backoff */
  sync?: Pick<SyncDeps, 'retry' | 'concurrency' | 'pageSize' | 'sleep' | 'random'>;
  /** per-request timeout of the bureau client */
  bureauTimeoutMs?: number;
}

const notYet = (what: string): never => {
  throw new ServiceError('NOT_AVAILABLE', `${what}功能尚未启用 / This function is not available yet`);
};

export function openApp(ports: AppPorts, options: OpenOptions = {}): App & { core: Core } {
  const now = ports.now ?? (() => new Date());
  const log = ports.log ?? (() => undefined);
  const db = openDatabase(ports.dataDir, { log });
  const meta = new MetaStore(db);
  const settings = new SettingsService(meta, ports.defaultBureauUrl);
  const secrets = ports.secrets ?? memorySecrets();
  const events = new EventHub();
  const tasks = new Tasks(events);

  let cachedClient: { url: string; client: BureauClient } | null = null;
  const bureau = (): BureauClient | null => {
    const url = settings.get().bureauUrl.trim();
    if (!url) return null;
    if (cachedClient?.url !== url) {
      cachedClient = { url, client: createBureauClient({ baseUrl: url, timeoutMs: options.bureauTimeoutMs ?? 15_000, getToken: () => secrets.get('bureau.token') }) };
    }
    return cachedClient.client;
  };

  const session = new SessionService(meta, secrets, bureau, now);
  const store = new RecordStore(db);
  const records = new RecordService(store, () => ({ today: chinaDate(now()), minimumWage: settings.get().minimumWage }), now);
  const autosave = new AutosaveService(db, now);
  const sync = new SyncEngine({
    outbox: new Outbox(db),
    records,
    meta,
    transaction: (fn) => store.transaction(fn),
    client: bureau,
    events,
    log,
    now,
    ...(ports.notify ? { notify: ports.notify } : {}),
    ...options.sync,
  });

  const changed = <T extends { id: string; kind: DocumentKind }>(r: T): T => {
    events.emit('records:changed', { id: r.id, kind: r.kind });
    return r;
  };

  /** Number pages: the local store first, then the bureau when online. */
  const prefill = async (kind: DocumentKind, number: string) => {
    const local = records.prefillByNumber(kind, number);
    const client = bureau();
    if (local.source === 'local' || !client || !session.token()) return local;
    try {
      const cert = await client.certificate(normalizeNumber(number));
      const values = prefillFrom(kind, cert.documentKind, cert.holder, { number: cert.number, ...(cert.expiry ? { expiry: cert.expiry } : {}) });
      return { values: { ...values, ...local.values }, source: 'bureau' as const };
    } catch (e) {
      log(`certificate lookup: ${e instanceof Error ? e.message : String(e)}`);
      return local;
    }
  };

  const runSync = async () => {
    try {
      return await sync.run();
    } catch (e) {
      const code = ((e as { code?: ErrorCode }).code ?? 'OFFLINE') as ErrorCode;
      throw new ServiceError(code, e instanceof Error ? e.message : String(e));
    }
  };

  const handlers: Handlers = {
    'app:info': () => ({ version: ports.version, mode: ports.mode, today: chinaDate(now()) }),
    'auth:current': () => ({ profile: session.current() }),
    'auth:login': async ({ email, password }) => {
      const { profile, offline } = await session.login(email, password);
      if (!offline && bureau()) void sync.run().catch(() => undefined);
      return { profile };
    },
    'auth:logout': () => (session.logout(), {}),
    'profile:save': (p) => ({ profile: session.saveProfile(p) }),
    'records:list': ({ kind, filter, page, pageSize }) => records.list(kind, filter, page, pageSize),
    'records:get': ({ id }) => records.get(id),
    'records:save': (req) => changed(records.save(req)),
    'records:submit': ({ id }) => changed(records.submit(id)),
    'records:check': ({ kind, values }) => ({ problems: records.problems(kind, values) }),
    'records:prefill': ({ kind, number }) => prefill(kind, number),
    'records:prefillFrom': ({ kind, sourceId }) => ({ values: records.prefillFromSource(kind, sourceId) }),
    'autosave:get': ({ key }) => ({ values: autosave.get(key) }),
    'autosave:put': ({ key, values }) => (autosave.put(key, values), {}),
    'autosave:clear': ({ key }) => (autosave.clear(key), {}),
    'settings:get': () => settings.get(),
    'settings:save': (patch) => {
      const next = settings.save(patch);
      sync.schedule(next.syncIntervalMinutes);
      return next;
    },
    'sync:run': () => runSync(),
    'sync:status': () => sync.status(),
    'task:cancel': ({ task }) => ({ cancelled: tasks.cancel(task) }),
    'print:preview': () => notYet('打印'),
    'print:printers': () => notYet('打印'),
    'print:print': () => notYet('打印'),
  };

  const dispatch = createDispatcher(handlers, {
    isSignedIn: () => session.current() !== null,
    openChannels: ['app:info', 'auth:current', 'auth:login'],
    log,
  });

  sync.schedule(settings.get().syncIntervalMinutes);

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    close() {
      if (closed) return;
      closed = true;
      sync.stop();
      db.close();
    },
    core: { records, session, settings, autosave, events, sync, tasks },
  };
}
