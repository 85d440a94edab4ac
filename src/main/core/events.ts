// Typed event fan-out from core to its host (IPC or WebSocket). A listener that throws is
// logged and never breaks core or the other listeners.
import { type EventName, type EventPayload } from '../../shared/api.js';
import { type Logger } from './logger.js';

export type CoreListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Subscribes to every event; answers the unsubscribe function. */
  subscribe(listener: CoreListener): () => void;
}

export function createCoreEvents(logger: Logger): CoreEvents {
  const listeners = new Set<CoreListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          logger.error('event listener failed', { event, error: String(error) });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
