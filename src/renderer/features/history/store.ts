// The contact-history timeline of the customer on screen, loaded page by page with the
// keyset cursor. A channel filter or another customer starts over; answers to an older
// request (sequence) are dropped.
import { create } from 'zustand';
import { type Channel, type HistoryCursor, type Interaction } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';

export const HISTORY_PAGE_SIZE = 100;

interface HistoryState {
  customerId: string | null;
  /** Channels the agent picked; empty means every channel. */
  channels: Channel[];
  items: Interaction[];
  cursor: HistoryCursor | null;
  /** True once the first page has arrived. */
  loaded: boolean;
  loading: boolean;
  error: ErrorCode | null;
  expanded: Set<string>;
  load(customerId: string): Promise<void>;
  toggleChannel(channel: Channel): Promise<void>;
  loadMore(): Promise<void>;
  retry(): Promise<void>;
  toggleExpanded(interactionId: string): void;
  clear(): void;
}

let sequence = 0;

export const useHistoryStore = create<HistoryState>()((set, get) => {
  async function fetchPage(reset: boolean): Promise<void> {
    const { customerId, channels, cursor } = get();
    if (!customerId) return;
    const id = reset ? ++sequence : sequence;
    set(reset ? { items: [], cursor: null, loaded: false, loading: true, error: null, expanded: new Set() } : { loading: true, error: null });
    try {
      const page = await sapa().call('customers.history', {
        customerId,
        channels: channels.length > 0 ? channels : undefined,
        before: reset ? undefined : (cursor ?? undefined),
        limit: HISTORY_PAGE_SIZE,
      });
      if (id !== sequence) return;
      set((state) => ({
        items: reset ? page.items : [...state.items, ...page.items],
        cursor: page.nextCursor,
        loaded: true,
        loading: false,
      }));
    } catch (error) {
      if (id === sequence) set({ loading: false, loaded: true, error: errorCodeOf(error) });
    }
  }

  return {
    customerId: null,
    channels: [],
    items: [],
    cursor: null,
    loaded: false,
    loading: false,
    error: null,
    expanded: new Set(),
    async load(customerId) {
      set({ customerId, channels: [] });
      await fetchPage(true);
    },
    async toggleChannel(channel) {
      const { channels } = get();
      set({ channels: channels.includes(channel) ? channels.filter((c) => c !== channel) : [...channels, channel] });
      await fetchPage(true);
    },
    async loadMore() {
      const { cursor, loading, loaded, error } = get();
      if (!loaded || loading || !cursor || error) return;
      await fetchPage(false);
    },
    async retry() {
      const { items } = get();
      set({ error: null });
      await fetchPage(items.length === 0);
    },
    toggleExpanded(interactionId) {
      const expanded = new Set(get().expanded);
      if (expanded.has(interactionId)) expanded.delete(interactionId);
      else expanded.add(interactionId);
      set({ expanded });
    },
    clear() {
      sequence++;
      set({ customerId: null, channels: [], items: [], cursor: null, loaded: false, loading: false, error: null, expanded: new Set() });
    },
  };
});
