/**
 * The Electron transport of the bridge: one `ipcMain.handle` per contract channel, each refusing
 * any sender that is not the main frame of our window showing permit-desk://app/…, and main →
 * renderer events pushed on the single BRIDGE_EVENT_CHANNEL as `(name, payload)`.
 *
 * Only `import type` from 'electron': main.ts passes the real ipcMain, tests a fake.
 */
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName } from '../../shared/bridge/contract';
import { fail, type Envelope } from '../../shared/bridge/envelope';
import type { App } from '../services/app';
import { BRIDGE_EVENT_CHANNEL } from './constants';
import { isAppUrl } from './navigation';

/** The parts of an invoke event (IpcMainInvokeEvent) the sender check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; processId: number; routingId: number; parent: unknown } | null;
}

/** What registerBridge needs of ipcMain (Electron's `ipcMain` satisfies it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The parts of the main BrowserWindow the bridge reads (a real BrowserWindow satisfies it). */
export interface BridgeWindow {
  isDestroyed(): boolean;
  webContents: {
    id: number;
    isDestroyed(): boolean;
    mainFrame: { url: string; processId: number; routingId: number };
    send(channel: string, ...args: unknown[]): void;
  };
}

/** A sender URL is trusted only when it is our own origin: permit-desk://app/… */
export function isTrustedSenderUrl(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The sender frame still exists, is the main (top) frame of our main window's web contents,
 * and shows permit-desk://app/… — not an iframe, not another window, not a navigated-away page.
 */
export function isTrustedSender(event: SenderEvent, win: BridgeWindow | null | undefined): boolean {
  const frame = event.senderFrame;
  if (!frame || !win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (contents.isDestroyed() || event.sender.id !== contents.id) return false;
  if (frame.parent !== null) return false;
  const main = contents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isTrustedSenderUrl(frame.url);
}

export const REFUSED_SENDER: Envelope<never> = fail(
  'BAD_REQUEST',
  '请求来源不受信任，已拒绝 / Request refused: it did not come from the Permit Desk window',
);

const INTERNAL: Envelope<never> = fail('INTERNAL', '程序内部错误 / Internal error');

/**
 * Registers the bridge; returns a function that removes every handler and stops the event
 * forwarding (called before the services close, so late calls get no handler rather than a
 * closed database).
 */
export function registerBridge(
  ipcMain: IpcMainLike,
  app: App,
  getMainWindow: () => BridgeWindow | null | undefined,
  log: (line: string) => void = () => {},
): () => void {
  const channels: readonly ChannelName[] = [...CHANNEL_NAMES];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: SenderEvent, payload?: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, getMainWindow())) {
        log(`bridge: refused ${channel} from ${event.senderFrame?.url ?? '(no frame)'}`);
        return REFUSED_SENDER;
      }
      try {
        return await app.dispatch(channel, payload);
      } catch (error) {
        // dispatch never throws by contract; this is only a last line of defence
        log(`bridge: ${channel} threw: ${String(error)}`);
        return INTERNAL;
      }
    });
  }

  const stopEvents = app.onEvent((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    const win = getMainWindow();
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    if (contents.isDestroyed() || !isTrustedSenderUrl(contents.mainFrame.url)) return;
    try {
      contents.send(BRIDGE_EVENT_CHANNEL, name, payload);
    } catch (error) {
      log(`bridge: event ${name} not delivered: ${String(error)}`);
    }
  });

  return () => {
    stopEvents();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
