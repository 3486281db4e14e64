/**
 * Desktop notifications for the services' `notify` port. Only `import type` from 'electron':
 * main.ts passes Electron's Notification class, tests a fake.
 */
import type { NotificationConstructorOptions } from 'electron';

export interface NotificationLike {
  show(): void;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: () => void): unknown;
}

export interface NotificationClassLike {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** Returns the notify port: shows a notification when the platform supports it, else does nothing. */
export function createNotifier(
  NotificationClass: NotificationClassLike,
  log: (line: string) => void = () => {},
): (title: string, body: string) => void {
  // keep shown notifications referenced until closed; a collected one can vanish early (Windows)
  const live = new Set<NotificationLike>();
  return (title, body) => {
    try {
      if (!NotificationClass.isSupported()) return;
      const n = new NotificationClass({ title, body, silent: false });
      live.add(n);
      const release = () => live.delete(n);
      n.on('close', release);
      n.on('failed', release);
      n.show();
    } catch (error) {
      log(`notify: ${String(error)}`);
    }
  };
}
