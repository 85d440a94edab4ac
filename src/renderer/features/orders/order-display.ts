// How the customer screen words an order's state: in progress or final, the day the order
// system expects the next step (in the business time zone), and the badge colour.
import { ORDER_FINAL_STATUSES, type Order, type OrderStatus } from '../../../shared/domain.js';

export const inProgress = (o: Order): boolean => !ORDER_FINAL_STATUSES.includes(o.status);

/** The calendar day (YYYY-MM-DD, Asia/Jakarta) of a timestamp, for formatDate. */
export function businessDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function todayInJakarta(): string {
  return businessDay(new Date().toISOString());
}

export function statusColour(status: OrderStatus): string {
  if (status === 'cancelled') return 'gray';
  if (status === 'delivered' || status === 'installed') return 'green';
  return 'blue';
}
