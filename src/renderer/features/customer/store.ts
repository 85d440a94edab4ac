// Which customer is on the customer screen. The screen's data comes from queries keyed by
// this id (useCustomer360, the history, notes…), so everything on it always belongs to the
// same customer. `open` is the one way to put a customer on screen — from the search, the
// inbox, the home, a screen pop — and asks the shell to show the customer screen.
import { create } from 'zustand';

interface CustomerState {
  customerId: string | null;
  /** Bumped by every open(): the shell navigates to the customer screen when it changes. */
  openRequest: number;
  open(customerId: string): Promise<void>;
  /** The customer screen shows this id (it came from the address): no navigation. */
  show(customerId: string): void;
  clear(): void;
}

export const useCustomerStore = create<CustomerState>()((set) => ({
  customerId: null,
  openRequest: 0,
  open(customerId) {
    set((s) => ({ customerId, openRequest: s.openRequest + 1 }));
    return Promise.resolve();
  },
  show(customerId) {
    set({ customerId });
  },
  clear() {
    set({ customerId: null });
  },
}));
