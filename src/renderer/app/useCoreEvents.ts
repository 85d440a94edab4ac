// Wires core's pushed events into the stores, and reads the current sync status once so
// the header is right before the first event arrives.
import { useEffect } from 'react';
import { sapa } from '../platform/sapa.js';
import { logger } from '../platform/logger.js';
import { type WsSapaClient } from '../platform/ws-client.js';
import { type SapaApi } from '../../shared/api.js';
import { useAuthStore } from '../features/auth/store.js';
import { useSyncStore } from '../features/sync/store.js';
import { useUpdatesStore } from '../features/updates/store.js';

export function useCoreEvents(): void {
  useEffect(() => {
    const api = sapa();
    const offSync = api.on('sync.status', (status) => useSyncStore.getState().setStatus(status));
    const offUpdates = api.on('updates.changed', (status) => useUpdatesStore.getState().set(status));
    const offSession = api.on('session.changed', ({ user, signedOut }) => useAuthStore.getState().setUser(user, signedOut ?? null));
    const refresh = () => {
      api
        .call('sync.status', {})
        .then((status) => useSyncStore.getState().setStatus(status))
        .catch((error: unknown) => logger.warn('sync status not available', error));
    };
    refresh();
    void useUpdatesStore.getState().load();
    // Over the browser host's socket, events sent while it was down are lost: re-read the
    // session and sync state whenever it comes back.
    const offConnection = isWsClient(api)
      ? api.onConnectionChange((connected) => {
          if (!connected) return;
          refresh();
          void useUpdatesStore.getState().load();
          void useAuthStore.getState().loadSession();
        })
      : () => undefined;
    return () => {
      offSync();
      offUpdates();
      offSession();
      offConnection();
    };
  }, []);
}

function isWsClient(api: SapaApi): api is WsSapaClient {
  return typeof (api as Partial<WsSapaClient>).onConnectionChange === 'function';
}
