// The customer on screen: its 360° view from customers.get360. Opening another customer
// while one is loading drops the older answer.
import { create } from 'zustand';
import { type Customer360 } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';

interface CustomerState {
  customerId: string | null;
  data: Customer360 | null;
  loading: boolean;
  error: ErrorCode | null;
  open(customerId: string): Promise<void>;
  clear(): void;
}

let sequence = 0;

export const useCustomerStore = create<CustomerState>()((set) => ({
  customerId: null,
  data: null,
  loading: false,
  error: null,
  async open(customerId) {
    const id = ++sequence;
    // Re-opening the customer already on screen (a screen pop for the number the agent just
    // dialled, a refresh) re-reads behind the profile instead of blanking it: blanking
    // unmounted the profile, notes and composer, losing the "Calling…" note and drafts.
    set((s) => {
      const kept = s.customerId === customerId && s.data?.customer.id === customerId ? s.data : null;
      return { customerId, data: kept, loading: kept === null, error: null };
    });
    try {
      const data = await sapa().call('customers.get360', { customerId });
      if (id === sequence) set({ data, loading: false });
    } catch (error) {
      if (id === sequence) set({ loading: false, error: errorCodeOf(error) });
    }
  },
  clear() {
    sequence++;
    set({ customerId: null, data: null, loading: false, error: null });
  },
}));
