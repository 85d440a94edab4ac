// cases.categories, cases.create: filing a complaint or service request from the customer
// screen. The category tree comes from the server (the active queues' case categories), the
// last answer kept for offline use; a new case goes through the outbox (cache at once,
// server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { type CaseCategoriesResponse, DEFAULT_CASE_CATEGORIES } from '../../../shared/cases.js';
import { caseFromRow, type CaseRow } from '../cache/rows.js';
import { type HandlerMap } from '../context.js';

export function caseHandlers(): HandlerMap<'cases.categories' | 'cases.create'> {
  let lastCategories: CaseCategoriesResponse | null = null;
  return {
    'cases.categories': async (_input, c) => {
      try {
        lastCategories = await c.server.call('cases.categories', {}, { token: c.requireSession().token, timeoutMs: 3_000 });
        return lastCategories;
      } catch {
        return lastCategories ?? DEFAULT_CASE_CATEGORIES;
      }
    },
    'cases.create': (input, c) => {
      const id = uuidv7();
      c.mutate('case.create', {
        id, eventId: uuidv7(), customerId: input.customerId, category: input.category, subject: input.subject,
        description: input.description ?? '', priority: input.priority, interactionId: input.interactionId ?? null,
        createdAt: new Date().toISOString(),
      });
      return caseFromRow(c.store.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow);
    },
  };
}
