import { openDatabase } from './store/database';
import { MetaStore } from './store/meta';
import { RecordStore } from './records/recordStore';
import { RecordService } from './records/recordService';
import { SessionService } from './auth/session';
import { SettingsService } from './settings';
import { AutosaveService } from './autosave';
import { createDispatcher, type Handlers } from './dispatcher';
import { EventHub } from './events';
import { chinaDate } from './clock';
import { ServiceError } from '../../shared/bridge/envelope';
import type { App, AppPorts } from './app';

export type { App, AppPorts, SecretStore } from './app';

/** Everything the core is made of, for tests and for later services (sync, printing). */
export interface Core {
  records: RecordService;
  session: SessionService;
  settings: SettingsService;
  autosave: AutosaveService;
  events: EventHub;
}

export function openApp(ports: AppPorts): App & { core: Core } {
  const now = ports.now ?? (() => new Date());
  const log = ports.log ?? (() => undefined);
  const db = openDatabase(ports.dataDir, { log });
  const meta = new MetaStore(db);
  const settings = new SettingsService(meta);
  const session = new SessionService(meta, null, now);
  const records = new RecordService(new RecordStore(db), () => ({ today: chinaDate(now()), minimumWage: settings.get().minimumWage }), now);
  const autosave = new AutosaveService(db, now);
  const events = new EventHub();

  const changed = <T extends { id: string; kind: import('../../shared/documents/types').DocumentKind }>(r: T): T => {
    events.emit('records:changed', { id: r.id, kind: r.kind });
    return r;
  };

  const handlers: Handlers = {
    'app:info': () => ({ version: ports.version, mode: ports.mode, today: chinaDate(now()) }),
    'auth:current': () => ({ profile: session.current() }),
    'auth:login': async ({ email, password }) => ({ profile: await session.login(email, password) }),
    'auth:logout': () => (session.logout(), {}),
    'profile:save': (p) => ({ profile: session.saveProfile(p) }),
    'records:list': ({ kind, filter, page, pageSize }) => records.list(kind, filter, page, pageSize),
    'records:get': ({ id }) => records.get(id),
    'records:save': (req) => changed(records.save(req)),
    'records:submit': ({ id }) => changed(records.submit(id)),
    'records:check': ({ kind, values }) => ({ problems: records.problems(kind, values) }),
    'records:prefill': ({ kind, number }) => records.prefillByNumber(kind, number),
    'records:prefillFrom': ({ kind, sourceId }) => ({ values: records.prefillFromSource(kind, sourceId) }),
    'autosave:get': ({ key }) => ({ values: autosave.get(key) }),
    'autosave:put': ({ key, values }) => (autosave.put(key, values), {}),
    'autosave:clear': ({ key }) => (autosave.clear(key), {}),
    'settings:get': () => settings.get(),
    'settings:save': (patch) => settings.save(patch),
    'sync:run': () => {
      throw new ServiceError('NOT_AVAILABLE', '同步功能尚未启用 / Sync is not available yet');
    },
  };

  const dispatch = createDispatcher(handlers, {
    isSignedIn: () => session.current() !== null,
    openChannels: ['app:info', 'auth:current', 'auth:login'],
    log,
  });

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
    core: { records, session, settings, autosave, events },
  };
}
