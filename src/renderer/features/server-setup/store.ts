// Which server this desktop talks to (server.setup.status), read once at start; `connect`
// is the first-start screen's submit. A refusal is kept as its reason for the screen.
import { create } from 'zustand';
import { ConnectRefusal, type ServerSetupStatus } from '../../../shared/server-setup-api.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';

export type ConnectFailure = ConnectRefusal | 'other';

interface ServerSetupState {
  status: ServerSetupStatus | null;
  /** server.setup.status itself failed (core unreachable): the screen says so. */
  loadFailed: boolean;
  pending: boolean;
  failure: ConnectFailure | null;
  load(): Promise<void>;
  connect(address: string): Promise<void>;
}

function failureOf(error: unknown): ConnectFailure {
  const details = errorDetailsOf(error);
  const reason = details && typeof details === 'object' && 'reason' in details ? ConnectRefusal.safeParse(details.reason) : null;
  if (reason?.success) return reason.data;
  return errorCodeOf(error) === 'OFFLINE' ? 'unreachable' : 'other';
}

export const useServerSetupStore = create<ServerSetupState>()((set, get) => ({
  status: null,
  loadFailed: false,
  pending: false,
  failure: null,
  async load() {
    try {
      set({ status: await sapa().call('server.setup.status', {}), loadFailed: false });
    } catch (error) {
      logger.warn('server.setup.status failed', error);
      set({ loadFailed: true });
    }
  },
  async connect(address) {
    if (get().pending) return;
    set({ pending: true, failure: null });
    try {
      set({ status: await sapa().call('server.setup.connect', { address }), pending: false });
    } catch (error) {
      set({ pending: false, failure: failureOf(error) });
    }
  },
}));
