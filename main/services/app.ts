/**
 * The application core, shell-agnostic: opens the store and answers bridge calls. The Electron
 * shell and the browser-mode host both create one with their own ports and only move messages.
 */
import type { Envelope } from '../../shared/bridge/envelope';
import type { EventName, EventOf } from '../../shared/bridge/contract';

/** What differs between Electron and browser mode, passed in (Joplin-style drivers). */
export interface AppPorts {
  /** folder holding the database file (created with owner-only permissions) */
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  /** secrets (the bureau token): Electron safeStorage, or an owner-only file in browser mode */
  secrets?: SecretStore;
  /** desktop notification */
  notify?: (title: string, body: string) => void;
  /** the clock; tests move it */
  now?: () => Date;
  log?: (line: string) => void;
}

export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export type EventListener = <E extends EventName>(name: E, payload: EventOf<E>) => void;

export interface App {
  /** Validate against the contract, run the service, answer with an envelope. Never throws. */
  dispatch(channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
  /** Subscribe to events from main; returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  close(): void;
}
