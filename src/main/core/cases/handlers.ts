// cases.categories, cases.create: filing a complaint or service request from the customer
// screen. The category tree comes from the server (the active queues' case categories), the
// last answer kept for offline use; a new case goes through the outbox (cache at once,
// server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { type CaseCategoriesResponse, DEFAULT_CASE_CATEGORIES, transitionProblem } from '../../../shared/cases.js';
import { SapaError } from '../../../shared/errors.js';
import { caseFromRow, type CaseRow } from '../cache/rows.js';
import { type HandlerMap } from '../context.js';

export function caseHandlers(): HandlerMap<'cases.categories' | 'cases.create' | 'cases.setStatus'> {
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
    'cases.setStatus': (input, c) => {
      const row = c.store.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(input.caseId);
      if (!row) throw new SapaError('NOT_FOUND', `Case ${input.caseId} is not on this desktop`);
      if (row.version === 0) throw new SapaError('CONFLICT', 'The case has not reached the server yet');
      const from = caseFromRow(row).status;
      const problem = transitionProblem(from, input.to, row.resolved_at, new Date());
      if (problem) throw new SapaError('INVALID_INPUT', `status: ${problem}`);
      c.mutate('case.setStatus', {
        caseId: input.caseId, eventId: uuidv7(), from, to: input.to, note: input.note ?? '', at: new Date().toISOString(),
      });
      return caseFromRow(c.store.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(input.caseId) as CaseRow);
    },
  };
}
