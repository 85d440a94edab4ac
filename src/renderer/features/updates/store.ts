// The update's status as core last told it (updates.changed), and the agent's answers to
// the notice. Core decides; this store only shows and forwards.
import { create } from 'zustand';
import { type UpdatesStatus } from '../../../shared/updates-api.js';
import { errorCodeOf } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';

interface UpdatesStore {
  status: UpdatesStatus | null;
  checking: boolean;
  /** "Restart now" was refused (a call began meanwhile) or failed. */
  refused: boolean;
  set(status: UpdatesStatus): void;
  load(): Promise<void>;
  restartNow(): Promise<void>;
  later(): Promise<void>;
  checkNow(): Promise<void>;
}

export const useUpdatesStore = create<UpdatesStore>()((set) => ({
  status: null,
  checking: false,
  refused: false,
  set: (status) => set({ status }),
  async load() {
    try {
      set({ status: await sapa().call('updates.status', {}) });
    } catch (error) {
      logger.warn('update status not available', error);
    }
  },
  async restartNow() {
    try {
      set({ status: await sapa().call('updates.restartNow', {}), refused: false });
    } catch (error) {
      logger.warn('restart for the update refused', errorCodeOf(error));
      set({ refused: true });
    }
  },
  async later() {
    try {
      set({ status: await sapa().call('updates.later', {}), refused: false });
    } catch (error) {
      logger.warn('could not put the update off', error);
    }
  },
  async checkNow() {
    set({ checking: true });
    try {
      set({ status: await sapa().call('updates.checkNow', {}) });
    } catch (error) {
      logger.warn('update check failed', error);
    } finally {
      set({ checking: false });
    }
  },
}));
