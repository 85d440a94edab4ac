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
    set({ customerId, data: null, loading: true, error: null });
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
