/**
 * The composition root, shell-agnostic: `openApp(ports)` opens the desk (its settings and the
 * enterprises that signed in on it) and, once an enterprise signs in, that enterprise's store and
 * nothing else. Each capability contributes its channel handlers from its own module; handlers
 * reach the signed-in enterprise's services through `get()`, which refuses when nobody is signed in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { memorySecrets } from './auth/session';
import { signIn } from './auth/signIn';
import { DeskSettingsService } from './settings';
import { createDispatcher, type Handlers } from './dispatcher';
import { EventHub } from './events';
import { Tasks } from './tasks';
import { chinaDate } from './clock';
import { createBureauClient } from './bureau';
import { ServiceError, type ErrorCode } from '../../shared/bridge/envelope';
import { recordHandlers } from './records/handlers';
import { dataChannels } from '../../shared/bridge/channels/data';
import { FileTransfers } from './files/fileTransfers';
import { rosterHandlers } from './roster/handlers';
import { DeskStore } from './desk/deskStore';
import { DATABASE_FILE } from './store/database';
import { enterpriseDir, isEnterpriseKey } from './desk/enterpriseDirs';
import { claimUnclaimedStore, upgradeLegacyStore } from './desk/legacyUpgrade';
import { openEnterprise, type DeskServices, type OpenEnterprise } from './enterprise/openCore';
import type { App, AppPorts } from './app';
import type { Core, CoreGetter, OpenOptions } from './core';

export type { App, AppPorts, SecretStore } from './app';
export type { Core, CoreGetter, OpenOptions } from './core';

type DataHandlers = Pick<Handlers, keyof typeof dataChannels>;

/**
 * The Excel and backup channels, loaded on their first request: their module graph (exceljs and its
 * zip/stream libraries) is about half of the services' code and is not needed to show the login page.
 * One set of handlers is made and kept, so their state (an import and a restore never overlap) is shared.
 */
function lazyDataHandlers(get: CoreGetter, files: FileTransfers): DataHandlers {
  let loaded: Promise<DataHandlers> | null = null;
  const load = () =>
    (loaded ??= import('./data/handlers').then(
      (m) => m.dataHandlers(get, files),
      (e: unknown) => {
        loaded = null; // a later request tries again
        throw e;
      },
    ));
  const lazy = {} as Record<keyof DataHandlers, (request: never) => Promise<unknown>>;
  for (const channel of Object.keys(dataChannels) as (keyof DataHandlers)[]) {
    lazy[channel] = async (request) => ((await load())[channel] as (r: unknown) => unknown)(request);
  }
  return lazy as unknown as DataHandlers;
}

const notSignedIn = () => new ServiceError('NOT_SIGNED_IN', '请先登录 / Please sign in first');

export function openApp(ports: AppPorts, options: OpenOptions = {}): App & { readonly core: Core; readonly desk: DeskStore } {
  const now = ports.now ?? (() => new Date());
  const log = ports.log ?? (() => undefined);
  const events = new EventHub();
  const tasks = new Tasks(events);
  const secrets = ports.secrets ?? memorySecrets();
  // browser mode has no desktop notifications of its own: the renderer shows them
  const notify = ports.notify ?? ((title: string, body: string) => events.emit('app:notify', { title, body }));

  const desk = new DeskStore(ports.dataDir, log);
  /** the signed-in enterprise, the only store open (the file transfers belong to it too) */
  let signedIn: OpenEnterprise | null = null;
  const files = new FileTransfers(path.join(ports.dataDir, 'transfers'), { owner: () => signedIn?.key ?? null });
  const deskSettings = new DeskSettingsService(desk, ports.defaultBureauUrl);
  const services: DeskServices = { ports, desk, deskSettings, events, tasks, secrets, now, log, notify, options };
  upgradeLegacyStore(ports.dataDir, desk, () => deskSettings.get().bureauUrl.trim() === '', now(), log);


  const open = (key: string): OpenEnterprise => {
    if (signedIn?.key === key) return signedIn;
    claimUnclaimedStore(ports.dataDir, key, now(), log);
    return openEnterprise(services, key);
  };

  const session = desk.session();
  if (session) {
    const stored = isEnterpriseKey(session.key) && fs.existsSync(path.join(enterpriseDir(ports.dataDir, session.key), DATABASE_FILE));
    if (stored) signedIn = open(session.key);
    else desk.setSession(null);
  }

  const get: CoreGetter = () => {
    if (!signedIn) throw notSignedIn();
    return signedIn.core();
  };

  const signOut = (): void => {
    if (!signedIn) return;
    // the desk forgets the session first: if that fails, the user simply stays signed in
    desk.setSession(null);
    files.clear(); // nothing picked or produced for this enterprise outlives its session
    signedIn.core().session.forgetToken();
    signedIn.close();
    signedIn = null;
  };

  const runSync = async () => {
    try {
      return await get().sync.run();
    } catch (e) {
      if (e instanceof ServiceError) throw e;
      const code = ((e as { code?: ErrorCode }).code ?? 'OFFLINE') as ErrorCode;
      throw new ServiceError(code, e instanceof Error ? e.message : String(e));
    }
  };

  const loginClient = () => {
    const url = deskSettings.get().bureauUrl.trim();
    return url ? createBureauClient({ baseUrl: url, timeoutMs: options.bureauTimeoutMs ?? 15_000, getToken: () => null }) : null;
  };

  const handlers: Handlers = {
    'app:info': () => ({ version: ports.version, mode: ports.mode, today: chinaDate(now()), language: deskSettings.get().language }),
    'app:setLanguage': ({ language }) => ({ language: deskSettings.save({ language }).language }),
    'auth:current': () => ({ profile: signedIn ? signedIn.core().session.current() : null }),
    'auth:login': async ({ email, password }) => {
      const release = (e: OpenEnterprise) => {
        if (e !== signedIn) e.close();
      };
      const result = await signIn({ desk, loginClient, open, release, now }, email, password);
      if (signedIn && signedIn !== result.enterprise) {
        // switching enterprises: the one signed in before closes, and its token and files go with it
        files.clear();
        signedIn.core().session.forgetToken();
        signedIn.close();
      }
      signedIn = result.enterprise;
      const core = signedIn.core();
      if (!result.offline && core.bureau()) void core.sync.run().catch(() => undefined);
      events.emit('sync:status', core.sync.status());
      return { profile: result.profile, offline: result.offline, tokenForSessionOnly: secrets.persistent === false };
    },
    'auth:logout': () => (signOut(), {}),
    'profile:save': (p) => ({ profile: get().session.saveProfile(p) }),
    'enterprises:list': () => ({
      enterprises: desk.enterprises().map((e) => {
        const current = signedIn?.key === e.key;
        return {
          key: e.key,
          uscc: e.uscc,
          name: e.name,
          email: e.emails[0] ?? '',
          lastSignedInAt: e.lastSignedInAt,
          pendingUploads: current ? get().sync.status().pending : e.pendingUploads,
          current,
        };
      }),
    }),
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
    'sync:status': () => (signedIn ? get().sync.status() : { state: 'idle', lastSyncAt: null, message: '', pending: 0 }),
    'task:cancel': ({ task }) => ({ cancelled: tasks.cancel(task) }),
    'print:preview': ({ id, document }) => get().print.preview(id, document),
    'print:printers': () => get().print.printers(),
    'print:print': ({ id, document, printer }) => get().print.print(id, document, printer),
    'print:previewBatch': async ({ ids }) => {
      const task = tasks.start('批量打印 / Batch print', ids.length);
      try {
        const pdf = await get().print.previewBatch(ids, (done) => task.progress(done));
        task.finish('done');
        return pdf;
      } catch (e) {
        task.finish('failed');
        throw e;
      }
    },
    'print:printBatch': ({ ids, printer }) => get().print.printBatch(ids, printer),
    ...lazyDataHandlers(get, files),
    ...rosterHandlers(get),
  };

  const dispatch = createDispatcher(handlers, {
    isSignedIn: () => signedIn !== null && signedIn.core().session.current() !== null,
    openChannels: ['app:info', 'app:setLanguage', 'auth:current', 'auth:login', 'sync:status'],
    log,
  });

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    files,
    close() {
      if (closed) return;
      closed = true;
      files.close();
      signedIn?.close();
      signedIn = null;
      void ports.pdf?.close?.();
    },
    get core() {
      return get();
    },
    desk,
  };
}
