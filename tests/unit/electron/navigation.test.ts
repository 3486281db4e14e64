import { describe, expect, it, vi } from 'vitest';
import {
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
  isAllowedNavigation,
  windowOpenHandler,
} from '../../../main/electron/navigation';
import {
  hardenSession,
  hardenWebContents,
  installSecurityHandlers,
  type AppLike,
  type SessionLike,
  type WebContentsLike,
} from '../../../main/electron/security';

describe('isAllowedNavigation', () => {
  it.each([
    'permit-desk://app/index.html',
    'permit-desk://app/',
    'permit-desk://app/index.html#/records/recruitment',
    'permit-desk://app/index.html?x=1',
  ])('allows %s', (url) => expect(isAllowedNavigation(url)).toBe(true));

  it.each([
    'http://localhost:5173/',
    'https://example.com/',
    'https://app/',
    'file:///etc/passwd',
    'file:///C:/Windows/',
    'permit-desk://other/index.html',
    'permit-desk://app.evil.com/index.html',
    'permit-desk://app@evil/index.html',
    'permit-desk://user:pw@app/index.html',
    'permit-desk://app:8080/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'blob:permit-desk://app/1234',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    'ms-msdt:/id',
    'other-scheme://app/index.html',
    'about:blank',
    '',
    'not a url',
  ])('denies %s', (url) => expect(isAllowedNavigation(url)).toBe(false));
});

describe('window opening and permissions', () => {
  it('denies window.open', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
    expect(denyDevicePermission()).toBe(false);
  });
});

describe('security wiring', () => {
  const fakeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  });

  it('hardenSession installs deny-all handlers', () => {
    const session = fakeSession();
    hardenSession(session as unknown as SessionLike);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledWith(denyDevicePermission);
  });

  it('hardenSession cancels every request of a page that would reach a network, and nothing else', () => {
    const session = fakeSession();
    hardenSession(session as unknown as SessionLike);
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      listener({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    for (const url of ['https://update.googleapis.com/x', 'http://127.0.0.1:47110/v1/sessions', 'HTTP://example.com/', 'wss://x.example/', 'ws://127.0.0.1:1/', 'ftp://x/']) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of ['permit-desk://app/index.html', 'file:///tmp/document.html', 'data:image/png;base64,AA', 'blob:permit-desk://app/1', 'devtools://devtools/x']) {
      expect(cancelled(url), url).toBe(false);
    }
  });

  const fakeContents = () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const contents = {
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn)),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as unknown as WebContentsLike);
    return { contents, listeners };
  };

  const navigate = (fn: ((...args: unknown[]) => void) | undefined, url: string): boolean => {
    const preventDefault = vi.fn();
    fn?.({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };

  it('hardenWebContents blocks foreign navigation and redirects, allows the app', () => {
    const { listeners } = fakeContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(listeners.has(name)).toBe(true);
      expect(navigate(listeners.get(name), 'https://example.com/')).toBe(true);
      expect(navigate(listeners.get(name), 'file:///etc/passwd')).toBe(true);
      expect(navigate(listeners.get(name), 'permit-desk://app/index.html')).toBe(false);
    }
  });

  it('hardenWebContents denies window.open and prevents <webview>', () => {
    const { contents, listeners } = fakeContents();
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(windowOpenHandler);
    const preventDefault = vi.fn();
    listeners.get('will-attach-webview')?.({ preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('installSecurityHandlers hardens every created web contents and session', () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const app = { on: vi.fn((name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn)) };
    installSecurityHandlers(app as unknown as AppLike);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    listeners.get('web-contents-created')?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(windowOpenHandler);
    const session = fakeSession();
    listeners.get('session-created')?.(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });
});
