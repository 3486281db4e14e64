/**
 * Wires the rules of navigation.ts into Electron. Only `import type` from 'electron': callers pass
 * the real objects, tests pass fakes.
 */
import type { App as ElectronApp, Session, WebContents } from 'electron';
import {
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
  isAllowedNavigation,
  windowOpenHandler,
} from './navigation';

export type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/** URLs that would reach a network. */
export const isNetworkUrl = (url: string): boolean => /^(https?|wss?|ftp):/i.test(url);

/**
 * Every permission request and check is refused for this session, and no page reaches a network:
 * the renderer talks to main over IPC, the printouts (hidden windows) are self-contained, and main
 * talks to the bureau itself (from Node, not from a page).
 */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isNetworkUrl(details.url) }));
}

export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

type Preventable = { url: string; preventDefault: () => void };

const blockForeign = (details: Preventable): void => {
  if (!isAllowedNavigation(details.url)) details.preventDefault();
};

/**
 * Navigation (main frame and sub-frames) and redirects stay inside permit-desk://app, no window
 * is ever opened, and no <webview> can be attached.
 */
export function hardenWebContents(contents: WebContentsLike): void {
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export type AppLike = Pick<ElectronApp, 'on'>;

/** Harden every web contents the moment it is created (windows, DevTools, anything else). */
export function installSecurityHandlers(app: AppLike): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', (session) => hardenSession(session));
}
