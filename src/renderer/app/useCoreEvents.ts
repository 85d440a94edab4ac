// Wires core's pushed events into the stores, and reads the current sync status once so
// the header is right before the first event arrives.
import { useEffect } from 'react';
import { sapa } from '../platform/sapa.js';
import { logger } from '../platform/logger.js';
import { useAuthStore } from '../features/auth/store.js';
import { useSyncStore } from '../features/sync/store.js';

export function useCoreEvents(): void {
  useEffect(() => {
    const api = sapa();
    const offSync = api.on('sync.status', (status) => useSyncStore.getState().setStatus(status));
    const offSession = api.on('session.changed', ({ user }) => useAuthStore.getState().setUser(user));
    api
      .call('sync.status', {})
      .then((status) => useSyncStore.getState().setStatus(status))
      .catch((error: unknown) => logger.warn('sync status not available', error));
    return () => {
      offSync();
      offSession();
    };
  }, []);
}
