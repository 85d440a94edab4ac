// The contact history of one customer, page by page with the keyset cursor. The key holds
// the customer and the channel filter, so a page of one customer can never be shown for
// another. A pull that changed data (data.changed) re-reads the loaded pages in place.
import { useInfiniteQuery } from '@tanstack/react-query';
import { type Channel, type HistoryCursor } from '../../../shared/domain.js';
import { sapa } from '../../platform/sapa.js';

export const HISTORY_PAGE_SIZE = 100;

export function useHistory(customerId: string, channels: readonly Channel[]) {
  return useInfiniteQuery({
    queryKey: ['customers.history', { customerId, channels: [...channels].sort() }] as const,
    queryFn: ({ pageParam }) => sapa().call('customers.history', {
      customerId,
      channels: channels.length > 0 ? [...channels] : undefined,
      before: pageParam ?? undefined,
      limit: HISTORY_PAGE_SIZE,
    }),
    initialPageParam: null as HistoryCursor | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
