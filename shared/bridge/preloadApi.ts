import type { Envelope } from './envelope';

/**
 * The one global the Electron preload exposes (`window.permitDesk`). In browser mode the renderer
 * builds the same object over the WebSocket, so the rest of the renderer never knows which it has.
 */
export interface PermitDeskApi {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const PRELOAD_GLOBAL = 'permitDesk';
/** the custom scheme the packaged renderer is served from in Electron */
export const APP_SCHEME = 'permit-desk';
