/**
 * Loads the real main.ts against a fake 'electron' (the only mock) and the real services on a
 * temporary userData folder: checks the wiring that the pure-module tests cannot see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app as electronApp } from 'electron';
import { CHANNEL_NAMES } from '../../../shared/bridge/contract';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Fn[]>();
  const handlers = new Map<string, Fn>();
  const windows: Array<Record<string, unknown>> = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const state = { userData: '', quit: 0, exit: [] as number[], privileged: [] as unknown[], protocolHandlers: new Map<string, Fn>() };
  const on = (map: Map<string, Fn[]>) => (name: string, fn: Fn) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };
  const emitApp = (name: string, ...args: unknown[]) => {
    for (const fn of appListeners.get(name) ?? []) fn(...args);
  };
  return { appListeners, handlers, windows, ready, resolveReady: () => resolveReady(), state, on, emitApp };
});

vi.mock('electron', () => {
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    listeners = new Map<string, Fn[]>();
    destroyed = false;
    loaded: string[] = [];
    webContents = {
      id: 1,
      isDestroyed: () => false,
      mainFrame: { url: 'permit-desk://app/index.html', processId: 5, routingId: 1 },
      send: vi.fn(),
      on: vi.fn(),
    };
    constructor(readonly options: unknown) {
      fake.windows.push(this as unknown as Record<string, unknown>);
    }
    once = fake.on(this.listeners);
    on = fake.on(this.listeners);
    loadURL = vi.fn(async (url: string) => void this.loaded.push(url));
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isVisible = () => true;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
  }
  return {
    app: {
      on: fake.on(fake.appListeners),
      whenReady: () => fake.ready,
      requestSingleInstanceLock: () => true,
      enableSandbox: vi.fn(),
      setAppUserModelId: vi.fn(),
      getPath: () => fake.state.userData,
      getVersion: () => '9.9.9',
      isPackaged: true,
      quit: () => void fake.state.quit++,
      exit: (code: number) => void fake.state.exit.push(code),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      handle: (channel: string, fn: Fn) => fake.handlers.set(channel, fn),
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
    Notification: class {
      static isSupported = () => false;
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => fake.state.privileged.push(s),
      handle: (scheme: string, fn: Fn) => fake.state.protocolHandlers.set(scheme, fn),
    },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    session: { defaultSession: session },
  };
});

const trusted = { sender: { id: 1 }, senderFrame: { url: 'permit-desk://app/index.html', processId: 5, routingId: 1, parent: null } };

let sandboxCallsBeforeReady = 0;

describe('main.ts wiring', () => {
  beforeAll(async () => {
    fake.state.userData = mkdtempSync(path.join(tmpdir(), 'permit-desk-main-'));
    await import('../../../main/electron/main');
    sandboxCallsBeforeReady = vi.mocked(electronApp.enableSandbox).mock.calls.length;
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  });
  afterAll(() => {
    fake.emitApp('before-quit');
    rmSync(fake.state.userData, { recursive: true, force: true });
  });

  it('calls app.enableSandbox() before the app is ready (every renderer sandboxed, whatever its options)', () => {
    expect(sandboxCallsBeforeReady).toBe(1);
  });

  it('hardens the default session: no permission, no page request to a network', async () => {
    const { session } = await import('electron');
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });

  it('registers the scheme as privileged before ready', () => {
    expect(fake.state.privileged).toEqual([
      [{ scheme: 'permit-desk', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
    expect(fake.state.protocolHandlers.has('permit-desk')).toBe(true);
  });

  it('opens one hardened window on permit-desk://app/index.html', () => {
    const win = fake.windows[0] as { options: { webPreferences: Record<string, unknown> }; loaded: string[] };
    expect(win.loaded).toEqual(['permit-desk://app/index.html']);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(fake.state.exit).toEqual([]);
  });

  it('bridges every channel to the real services in electron mode', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const reply = await fake.handlers.get('app:info')?.(trusted, {});
    expect(reply).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'electron' } });
    const refused = await fake.handlers.get('app:info')?.({ ...trusted, senderFrame: { ...trusted.senderFrame, url: 'https://x.example/' } }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('quits on window-all-closed (not macOS) and shuts the bridge down on before-quit', () => {
    fake.emitApp('window-all-closed');
    expect(fake.state.quit).toBe(process.platform === 'darwin' ? 0 : 1);
    fake.emitApp('before-quit');
    expect(fake.handlers.size).toBe(0);
    fake.emitApp('will-quit'); // idempotent
  });
});
