/**
 * Navigation, window-opening and permission rules. Pure: no `electron` import at runtime, so
 * every rule is unit-tested; security.ts wires them to sessions and web contents.
 *
 * External links: the renderer has no legitimate reason to open anything outside the app (the
 * bureau address is shown as text, the sync runs in main), so window.open / target=_blank are
 * denied outright and nothing is ever passed to shell.openExternal. That removes a whole class of
 * abuse (phishing pages, OS protocol handlers such as ms-msdt: or smb:) at no cost to the product.
 */
import type { WindowOpenHandlerResponse } from 'electron';
import { APP_SCHEME } from '../../shared/bridge/preloadApi';
import { APP_HOST } from './constants';

/** True only for permit-desk://app/… — same scheme, same host, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/** A frame may navigate only within the app's own origin (reloads, client-side routes). */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** `webContents.setWindowOpenHandler`: no new windows, ever (see the note at the top). */
export function windowOpenHandler(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** `session.setPermissionRequestHandler`: camera, geolocation, notifications… all refused. */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** `session.setPermissionCheckHandler`: every synchronous permission check answers no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** `session.setDevicePermissionHandler`: no HID / serial / USB devices. */
export function denyDevicePermission(): boolean {
  return false;
}
