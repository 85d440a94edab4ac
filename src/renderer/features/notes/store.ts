// Notes and call-backs of the customer on screen. Writes go to core's outbox (they work
// offline); the lists are re-read whenever a pull changed data (event data.changed).
import { create } from 'zustand';
import { type Callback, type Note } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { errorCodeOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';

interface NotesState {
  customerId: string | null;
  notes: Note[];
  callbacks: Callback[];
  error: ErrorCode | null;
  load(customerId: string): Promise<void>;
  refresh(): Promise<void>;
  addNote(body: string): Promise<boolean>;
  addCallback(dueAt: string, note: string): Promise<boolean>;
}

export const useNotesStore = create<NotesState>()((set, get) => {
  /** One write for the customer on screen, then the lists re-read; false (error kept) on failure. */
  async function writeThenRefresh(write: (customerId: string) => Promise<unknown>): Promise<boolean> {
    const customerId = get().customerId;
    if (!customerId) return false;
    try {
      await write(customerId);
      set({ error: null });
      await get().refresh();
      return true;
    } catch (error) {
      set({ error: errorCodeOf(error) });
      return false;
    }
  }

  return {
  customerId: null,
  notes: [],
  callbacks: [],
  error: null,
  async load(customerId) {
    if (get().customerId !== customerId) set({ customerId, notes: [], callbacks: [], error: null });
    await get().refresh();
  },
  async refresh() {
    const customerId = get().customerId;
    if (!customerId) return;
    try {
      const [{ notes }, { callbacks }] = await Promise.all([
        sapa().call('notes.list', { customerId }),
        sapa().call('callbacks.list', { customerId }),
      ]);
      if (get().customerId === customerId) set({ notes, callbacks });
    } catch (error) {
      set({ error: errorCodeOf(error) });
    }
  },
  addNote(body) {
    return writeThenRefresh((customerId) => sapa().call('notes.create', { customerId, body }));
  },
  addCallback(dueAt, note) {
    return writeThenRefresh((customerId) =>
      sapa().call('callbacks.create', { customerId, dueAt: new Date(dueAt).toISOString(), ...(note ? { note } : {}) }));
  },
};
});
