// Which case categories a user's queues cover: the working set brings in customers with an
// open case in any of these categories (pull.ts). One place so that adding a queue or a
// category is a one-line change. Categories are the ones the case data uses
// (complaint, billing, technical, request).
import { type Queue } from '../../shared/http.js';

/** The queues an admin can give a user (PUT /admin/users/:id/scope), listed in src/shared/http.ts. */
export { QUEUES, type Queue } from '../../shared/http.js';

const CATEGORIES_BY_QUEUE: Readonly<Record<Queue, readonly string[]>> = {
  billing: ['billing'],
  network: ['technical'],
  // The VIP desk takes escalations: complaints from any customer.
  vip: ['complaint'],
  general: ['request'],
};

/** Distinct categories of the given queues, sorted; unknown queue names contribute nothing. */
export function categoriesForQueues(queues: readonly string[]): string[] {
  const out = new Set<string>();
  for (const q of queues) {
    const categories = (CATEGORIES_BY_QUEUE as Readonly<Record<string, readonly string[] | undefined>>)[q];
    for (const c of categories ?? []) out.add(c);
  }
  return [...out].sort();
}
