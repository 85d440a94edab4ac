// Mirror of core's sync status (sync.status call at start, then sync.status events).
import { create } from 'zustand';
import { type SyncStatus } from '../../../shared/api.js';

interface SyncState {
  status: SyncStatus | null;
  setStatus(status: SyncStatus): void;
}

export const useSyncStore = create<SyncState>()((set) => ({
  status: null,
  setStatus(status) {
    set({ status });
  },
}));
