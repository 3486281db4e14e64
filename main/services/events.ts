import type { EventName, EventOf } from '../../shared/bridge/contract';
import type { EventListener } from './app';

/** Main → renderer events, fanned out to every transport that listens. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit<E extends EventName>(name: E, payload: EventOf<E>): void {
    for (const l of this.listeners) l(name, payload);
  }
}
