/**
 * An App opened on demand, so that browser mode can listen and print its address before the
 * services' code is loaded: the page's HTML and scripts are served meanwhile, and the services load
 * while the browser runs those scripts (two processes, two cores) instead of before. The first
 * request waits for it; `load()` starts it earlier. Event listeners are attached once it is open.
 */
import type { App, EventListener } from '../services/app';

export interface DeferredApp extends App {
  /** opens the app now (once); resolves with it; rejects when opening fails */
  load(): Promise<App>;
  /** the app once opened, else null */
  readonly opened: App | null;
}

export function deferredApp(open: () => Promise<App>): DeferredApp {
  let opened: App | null = null;
  let loading: Promise<App> | null = null;
  let closed = false;
  /** listeners subscribed before the app opened, attached to it when it does */
  const waiting = new Set<EventListener>();

  const load = (): Promise<App> => {
    if (closed) return Promise.reject(new Error('Permit Desk 正在关闭 / Permit Desk is stopping'));
    loading ??= open().then((app) => {
      if (closed) {
        app.close();
        throw new Error('Permit Desk 正在关闭 / Permit Desk is stopping');
      }
      opened = app;
      for (const listener of waiting) attach(listener);
      waiting.clear();
      return app;
    });
    return loading;
  };

  const detach = new Map<EventListener, () => void>();
  const attach = (listener: EventListener) => detach.set(listener, (opened as App).onEvent(listener));

  return {
    load,
    get opened() {
      return opened;
    },
    async dispatch(channel, payload) {
      return (opened ?? (await load())).dispatch(channel, payload);
    },
    onEvent(listener: EventListener) {
      if (opened) return opened.onEvent(listener);
      waiting.add(listener);
      return () => {
        waiting.delete(listener);
        detach.get(listener)?.();
        detach.delete(listener);
      };
    },
    get files() {
      return opened?.files;
    },
    close() {
      closed = true;
      opened?.close();
    },
  };
}
