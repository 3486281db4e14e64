import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/bridge/contract';
import type { Envelope } from '../../../shared/bridge/envelope';
import type { App, EventListener } from '../../../main/services/app';
import { BRIDGE_EVENT_CHANNEL } from '../../../main/electron/constants';
import {
  isTrustedSender,
  isTrustedSenderUrl,
  registerBridge,
  type BridgeWindow,
  type IpcMainLike,
  type SenderEvent,
} from '../../../main/electron/ipc';

describe('isTrustedSenderUrl', () => {
  it.each(['permit-desk://app/index.html', 'permit-desk://app/', 'permit-desk://app/index.html#/x'])('trusts %s', (url) =>
    expect(isTrustedSenderUrl(url)).toBe(true),
  );
  it.each([
    'permit-desk://evil/index.html',
    'permit-desk://app@evil/index.html',
    'https://app/index.html',
    'http://127.0.0.1:5173/',
    'file:///index.html',
    'devtools://devtools/',
    'about:blank',
    '',
  ])('refuses %s', (url) => expect(isTrustedSenderUrl(url)).toBe(false));
});

const MAIN_FRAME = { url: 'permit-desk://app/index.html', processId: 7, routingId: 1 };

function fakeWindow(): BridgeWindow & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return {
    sent,
    isDestroyed: () => false,
    webContents: {
      id: 3,
      isDestroyed: () => false,
      mainFrame: MAIN_FRAME,
      send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]),
    },
  };
}

const trustedEvent = (): SenderEvent => ({ sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, parent: null } });

describe('isTrustedSender', () => {
  const win = fakeWindow();
  it('trusts the main frame of the main window on the app origin', () => {
    expect(isTrustedSender(trustedEvent(), win)).toBe(true);
  });
  it('refuses a missing frame, another window, a sub-frame, another origin, no window', () => {
    expect(isTrustedSender({ ...trustedEvent(), senderFrame: null }, win)).toBe(false);
    expect(isTrustedSender({ ...trustedEvent(), sender: { id: 4 } }, win)).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, routingId: 2, parent: {} } }, win)).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, routingId: 2, parent: null } }, win)).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, url: 'https://evil.example/', parent: null } }, win)).toBe(false);
    expect(isTrustedSender(trustedEvent(), null)).toBe(false);
    expect(isTrustedSender(trustedEvent(), { ...win, isDestroyed: () => true })).toBe(false);
  });
});

type Handler = (event: SenderEvent, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  let listener: EventListener | null = null;
  const dispatch = vi.fn(async (channel: unknown, payload: unknown): Promise<Envelope<unknown>> => ({
    ok: true,
    value: { channel, payload },
  }));
  const app: App = {
    dispatch,
    onEvent: (l) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
    close: vi.fn(),
  };
  const win = fakeWindow();
  const dispose = registerBridge(ipcMain, app, () => win);
  const emit: EventListener = (name, payload) => listener?.(name, payload);
  return { handlers, dispatch, win, dispose, emit, hasListener: () => listener !== null };
}

describe('registerBridge', () => {
  it('registers exactly the contract channels', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('forwards a trusted call to app.dispatch and returns its envelope', async () => {
    const { handlers, dispatch } = setup();
    const reply = await handlers.get('records:get')?.(trustedEvent(), { id: 'r1' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('records:get', { id: 'r1' });
    expect(reply).toEqual({ ok: true, value: { channel: 'records:get', payload: { id: 'r1' } } });
  });

  it('refuses a sender from another origin without running anything', async () => {
    const { handlers, dispatch } = setup();
    const event: SenderEvent = { sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, url: 'https://evil.example/', parent: null } };
    const reply = (await handlers.get('auth:login')?.(event, { email: 'a@b.c', password: 'x' })) as Envelope<unknown>;
    expect(dispatch).not.toHaveBeenCalled();
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('BAD_REQUEST');
      expect(reply.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
  });

  it('refuses a sub-frame and a destroyed frame', async () => {
    const { handlers, dispatch } = setup();
    const sub = await handlers.get('app:info')?.({ sender: { id: 3 }, senderFrame: { ...MAIN_FRAME, routingId: 9, parent: {} } }, {});
    const gone = await handlers.get('app:info')?.({ sender: { id: 3 }, senderFrame: null }, {});
    expect(dispatch).not.toHaveBeenCalled();
    expect(sub).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(gone).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('turns a throwing dispatch into an INTERNAL envelope', async () => {
    const { handlers, dispatch } = setup();
    dispatch.mockRejectedValueOnce(new Error('boom'));
    expect(await handlers.get('app:info')?.(trustedEvent(), {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it(`forwards events on ${BRIDGE_EVENT_CHANNEL} as (name, payload)`, () => {
    const { win, emit } = setup();
    emit('network:status', { online: false });
    expect(win.sent).toEqual([[BRIDGE_EVENT_CHANNEL, 'network:status', { online: false }]]);
  });

  it('does not send events to a page that is not the app', () => {
    const { win, emit } = setup();
    win.webContents.mainFrame = { ...MAIN_FRAME, url: 'https://evil.example/' };
    emit('network:status', { online: true });
    expect(win.sent).toEqual([]);
  });

  it('dispose removes every handler and the event subscription', () => {
    const { handlers, dispose, hasListener } = setup();
    dispose();
    expect(handlers.size).toBe(0);
    expect(hasListener()).toBe(false);
  });
});
