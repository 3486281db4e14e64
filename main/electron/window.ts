/**
 * The main window's constructor options. Pure: `import type` only, so tests read the options
 * without Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { WINDOW_TITLE } from './constants';

export interface MainWindowExtras {
  /** allow DevTools (development builds only; packaged builds pass false) */
  devTools?: boolean;
}

/** Light grey of the renderer's page background, so the first paint does not flash white/black. */
export const WINDOW_BACKGROUND = '#f5f7fa';

export function mainWindowOptions(
  preloadPath: string,
  { devTools = false }: MainWindowExtras = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: WINDOW_TITLE,
    backgroundColor: WINDOW_BACKGROUND,
    // shown on 'ready-to-show', so the user never sees an empty frame
    show: false,
    center: true,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      // the renderer is untrusted web content: isolated world, OS sandbox, no Node anywhere
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}
