// The customer's 360° view, from core (cache first, then the server).
import { type Customer } from '../../../shared/domain.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useCustomerStore } from './store.js';

/**
 * `reread`: read again whenever the screen shows the customer (showing the copy at hand
 * meanwhile) — opening a customer also keeps it in core's working set.
 */
export function useCustomer360(customerId: string | null, { reread = false } = {}) {
  return useCoreQuery('customers.get360', { customerId: customerId ?? '' }, {
    enabled: customerId !== null,
    ...(reread ? { staleTime: 0 } : {}),
  });
}

/** The customer on the customer screen, once loaded (null otherwise). */
export function useCustomerOnScreen(): Customer | null {
  const customerId = useCustomerStore((s) => s.customerId);
  const { data } = useCustomer360(customerId);
  return data && data.customer.id === customerId ? data.customer : null;
}
