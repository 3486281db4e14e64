/**
 * The sandboxed preload (bundled alone to dist/main/preload.cjs; only 'electron' is external).
 * It exposes exactly one global, `window.permitDesk`, built by createPreloadApi — never
 * ipcRenderer, never a generic send.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../../shared/bridge/preloadApi';
import { createPreloadApi } from './preloadApi';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer));
