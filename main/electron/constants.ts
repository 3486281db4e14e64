/**
 * Names shared by the Electron main process and the preload. No `electron` import here: the
 * preload bundle and the unit tests load this file as plain code.
 */
import { APP_SCHEME } from '../../shared/bridge/preloadApi';

/** The one host the renderer is served from: `permit-desk://app/…`. */
export const APP_HOST = 'app';
/** The renderer's origin (the scheme is registered as standard + secure, so it has a real origin). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only URL the main window ever loads. Never a dev server, never http. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The single IPC channel main → renderer events travel on, as `(name, payload)`. The preload
 * listens on it and dispatches by event name; `name` is checked against EVENT_NAMES on both sides.
 * It is not a bridge channel (CHANNEL_NAMES) and is never handled with `ipcMain.handle`.
 */
export const BRIDGE_EVENT_CHANNEL = 'bridge:event';

export const PRODUCT_NAME = 'Permit Desk';
export const WINDOW_TITLE = 'Permit Desk 外国人和台港澳人员就业许可';
