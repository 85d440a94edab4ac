// What the agent chose on the contact-history timeline of the customer on screen: the
// channel filter and the expanded entries. The entries themselves come from
// useHistory (query.ts), keyed by customer and filter. Another customer starts with no
// filter and nothing expanded.
import { create } from 'zustand';
import { type Channel } from '../../../shared/domain.js';
import { invalidateMethod } from '../../platform/query-client.js';

interface HistoryState {
  /** The customer the choices below belong to. */
  customerId: string | null;
  /** Channels the agent picked; empty means every channel. */
  channels: Channel[];
  expanded: Set<string>;
  /** The timeline now shows `customerId`: keep the choices for the same customer, else start over. */
  load(customerId: string): Promise<void>;
  toggleChannel(customerId: string, channel: Channel): void;
  toggleExpanded(customerId: string, interactionId: string): void;
  clear(): void;
}

export const useHistoryStore = create<HistoryState>()((set, get) => {
  const mineOrFresh = (customerId: string) => {
    const s = get();
    return s.customerId === customerId ? s : { channels: [] as Channel[], expanded: new Set<string>() };
  };
  return {
  customerId: null,
  channels: [],
  expanded: new Set(),
  load(customerId) {
    if (get().customerId !== customerId) set({ customerId, channels: [], expanded: new Set() });
    // A caller that just wrote an interaction (wrap-up, sent message) wants it shown now.
    return invalidateMethod('customers.history');
  },
  toggleChannel(customerId, channel) {
    const channels = mineOrFresh(customerId).channels;
    set({ customerId, channels: channels.includes(channel) ? channels.filter((c) => c !== channel) : [...channels, channel] });
  },
  toggleExpanded(customerId, interactionId) {
    const expanded = new Set(mineOrFresh(customerId).expanded);
    if (expanded.has(interactionId)) expanded.delete(interactionId);
    else expanded.add(interactionId);
    set({ customerId, expanded });
  },
  clear() {
    set({ customerId: null, channels: [], expanded: new Set() });
  },
  };
});

/** The choices for `customerId` (none when they belong to another customer). */
export function useHistoryChoices(customerId: string): { channels: Channel[]; expanded: Set<string> } {
  const mine = useHistoryStore((s) => s.customerId === customerId);
  const channels = useHistoryStore((s) => s.channels);
  const expanded = useHistoryStore((s) => s.expanded);
  return mine ? { channels, expanded } : { channels: NO_CHANNELS, expanded: NOTHING_EXPANDED };
}
const NO_CHANNELS: Channel[] = [];
const NOTHING_EXPANDED = new Set<string>();
