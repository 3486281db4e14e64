import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/bridge/contract';
import { BRIDGE_EVENT_CHANNEL } from '../../../main/electron/constants';
import { createPreloadApi, PRELOAD_CHANNELS, PRELOAD_EVENTS, type IpcRendererLike } from '../../../main/electron/preloadApi';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(reply: unknown = { ok: true, value: 42 }) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => reply),
    on: vi.fn((channel: string, l: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(l);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, l: Listener) => void listeners.get(channel)?.delete(l)),
  } satisfies IpcRendererLike;
  const fire = (...args: unknown[]) => {
    const fakeEvent = { sender: 'ipcRenderer-itself', ports: [] };
    for (const l of listeners.get(BRIDGE_EVENT_CHANNEL) ?? []) l(fakeEvent, ...args);
  };
  return { ipc, fire, count: () => listeners.get(BRIDGE_EVENT_CHANNEL)?.size ?? 0 };
}

describe('preload channel list', () => {
  it('equals CHANNEL_NAMES and EVENT_NAMES', () => {
    expect([...PRELOAD_CHANNELS]).toEqual([...CHANNEL_NAMES]);
    expect([...PRELOAD_EVENTS]).toEqual([...EVENT_NAMES]);
  });
});

describe('createPreloadApi.invoke', () => {
  it.each(['nope', 'bridge:event', '__proto__', 'constructor', 'toString', 'records:list ', 'RECORDS:LIST', ''])(
    'refuses %j without calling ipc',
    async (channel) => {
      const { ipc } = fakeIpc();
      const reply = await createPreloadApi(ipc).invoke(channel, {});
      expect(ipc.invoke).not.toHaveBeenCalled();
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('UNKNOWN_CHANNEL');
        expect(reply.error.message).toContain('未知的通道');
        expect(reply.error.message).toContain('Unknown channel');
      }
    },
  );

  it('refuses non-string channels', async () => {
    const { ipc } = fakeIpc();
    const api = createPreloadApi(ipc);
    for (const channel of [undefined, null, 1, {}, ['app:info']] as unknown[]) {
      expect(await api.invoke(channel as string, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('forwards every contract channel with its payload', async () => {
    const { ipc } = fakeIpc();
    const api = createPreloadApi(ipc);
    for (const channel of CHANNEL_NAMES) {
      expect(await api.invoke(channel, { a: 1 })).toEqual({ ok: true, value: 42 });
    }
    expect(ipc.invoke.mock.calls).toEqual(CHANNEL_NAMES.map((c) => [c, { a: 1 }]));
  });

  it('never rejects: IPC failures and malformed replies become envelopes', async () => {
    const { ipc } = fakeIpc({ weird: true });
    const api = createPreloadApi(ipc);
    expect(await api.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    ipc.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    expect(await api.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    expect(await api.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });

  it('passes error envelopes from main through unchanged', async () => {
    const error = { ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录 / Sign in first' } };
    const { ipc } = fakeIpc(error);
    expect(await createPreloadApi(ipc).invoke('records:list', { kind: 'license' })).toEqual(error);
  });
});

describe('createPreloadApi.on', () => {
  it('delivers only the payload, never the IpcRendererEvent', () => {
    const { ipc, fire } = fakeIpc();
    const api = createPreloadApi(ipc);
    const listener = vi.fn();
    api.on('sync:status', listener);
    fire('sync:status', { state: 'idle', lastSyncAt: null, message: '' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ state: 'idle', lastSyncAt: null, message: '' });
  });

  it('dispatches by event name and ignores unknown names from main', () => {
    const { ipc, fire } = fakeIpc();
    const api = createPreloadApi(ipc);
    const sync = vi.fn();
    const net = vi.fn();
    api.on('sync:status', sync);
    api.on('network:status', net);
    fire('network:status', { online: true });
    fire('bogus', { x: 1 });
    expect(sync).not.toHaveBeenCalled();
    expect(net).toHaveBeenCalledExactlyOnceWith({ online: true });
  });

  it('refuses unknown event names (no IPC listener) and returns a no-op unsubscribe', () => {
    const { ipc, count } = fakeIpc();
    const api = createPreloadApi(ipc);
    const off = api.on('records:list', vi.fn());
    expect(typeof off).toBe('function');
    expect(count()).toBe(0);
    expect(ipc.on).not.toHaveBeenCalled();
    off();
  });

  it('unsubscribes; detaches the IPC listener when nobody listens', () => {
    const { ipc, fire, count } = fakeIpc();
    const api = createPreloadApi(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('records:changed', a);
    const offB = api.on('records:changed', b);
    expect(count()).toBe(1);
    offA();
    offA();
    fire('records:changed', { id: 'r1', kind: 'license' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    offB();
    expect(count()).toBe(0);
  });

  it('one throwing listener does not stop the others', () => {
    const { ipc, fire } = fakeIpc();
    const api = createPreloadApi(ipc);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.on('network:status', () => {
      throw new Error('bad listener');
    });
    api.on('network:status', good);
    fire('network:status', { online: true });
    expect(good).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('exposes only invoke and on', () => {
    const api = createPreloadApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
