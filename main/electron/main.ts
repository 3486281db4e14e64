/**
 * The Electron main process: a thin shell around the services (main/services). Everything with
 * logic lives in the pure modules next to this file; this one only wires Electron objects.
 * Bundled to dist/main/electron-main.cjs (CommonJS), so `__dirname` is dist/main.
 */
import { electronFileDialogs } from './fileDialogs';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
} from 'electron';
import path from 'node:path';
import { APP_SCHEME } from '../../shared/bridge/preloadApi';
import { openApp } from '../services';
import type { App } from '../services/app';
import { APP_ENTRY_URL } from './constants';
import { registerBridge } from './ipc';
import { aboutDialogOptions, applicationMenuTemplate } from './menu';
import { createNotifier } from './notify';
import { createAppProtocolHandler } from './protocol';
import { createSecretStore } from './secrets';
import { electronPdfRenderer, electronPrinters } from './printing';
import { hardenSession, installSecurityHandlers } from './security';
import { mainWindowOptions } from './window';

const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

const log = (line: string): void => console.log(`[permit-desk] ${line}`);

// Before 'ready': the scheme must be privileged to get an origin, fetch() and secure-context APIs.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer is sandboxed, whatever its webPreferences say.
app.enableSandbox();
// Harden every web contents as it is created (the main window, DevTools, anything else).
installSecurityHandlers(app);

let mainWindow: BrowserWindow | null = null;
let services: App | null = null;
let disposeBridge: (() => void) | null = null;
let shutDown = false;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD_PATH, { devTools: !app.isPackaged }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => log(`cannot load ${APP_ENTRY_URL}: ${String(error)}`));
  return win;
}

/** A second launch brings this instance forward (re-opening the window on macOS if it was closed). */
function focusMainWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) {
    if (services && !shutDown) createMainWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/** Idempotent: stop the bridge first (late calls find no handler), then close the services. */
function shutdown(): void {
  if (shutDown) return;
  shutDown = true;
  disposeBridge?.();
  disposeBridge = null;
  try {
    services?.close();
  } catch (error) {
    log(`closing services failed: ${String(error)}`);
  }
  services = null;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: RENDERER_DIR }));

  const userData = app.getPath('userData');
  try {
    services = openApp({
      dataDir: userData,
      mode: 'electron',
      version: app.getVersion(),
      secrets: createSecretStore({ filePath: path.join(userData, 'secrets.json'), safeStorage, log }),
      notify: createNotifier(Notification, log),
      log,
      pdf: electronPdfRenderer(),
      printers: electronPrinters(() => mainWindow),
      dialogs: electronFileDialogs(() => mainWindow),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Permit Desk 无法启动 / Permit Desk cannot start',
      `无法打开本地数据 / The local data could not be opened:\n${String(error)}`,
    );
    app.exit(1);
    return;
  }

  disposeBridge = registerBridge(ipcMain, services, () => mainWindow, log);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        onAbout: () => {
          const options = aboutDialogOptions(app.getVersion());
          const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
          void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
        },
      }),
    ),
  );

  createMainWindow();

  // macOS: clicking the dock icon with no window open re-creates it
  app.on('activate', () => {
    if (!shutDown && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // another Permit Desk is running: it receives 'second-instance' and comes to the front
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('cn.permitdesk.app'); // notifications
  app.on('second-instance', () => focusMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', shutdown);
  app.on('will-quit', shutdown);
  start().catch((error: unknown) => {
    log(`startup failed: ${String(error)}`);
    app.exit(1);
  });
}
