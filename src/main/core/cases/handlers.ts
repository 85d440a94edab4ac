// cases.categories, cases.create: filing a complaint or service request from the customer
// screen. The category tree comes from the server (the active queues' case categories), the
// last answer kept for offline use; a new case goes through the outbox (cache at once,
// server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { type CaseCategoriesResponse, DEFAULT_CASE_CATEGORIES, belongsToCase, transitionProblem } from '../../../shared/cases.js';
import { SapaError } from '../../../shared/errors.js';
import { caseFromRow, interactionFromRow, type CaseRow, type InteractionRow } from '../cache/rows.js';
import { type HandlerMap } from '../context.js';

/** Notes and replies need the case on the server (its number names their events). */
function onServer(c: Parameters<HandlerMap<'cases.note'>['cases.note']>[1], caseId: string): void {
  const row = c.store.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(caseId);
  if (!row) throw new SapaError('NOT_FOUND', `Case ${caseId} is not on this desktop`);
  if (row.version === 0) throw new SapaError('CONFLICT', 'The case has not reached the server yet');
}

export function caseHandlers(): HandlerMap<'cases.categories' | 'cases.create' | 'cases.setStatus' | 'cases.note' | 'cases.reply' | 'cases.entries'> {
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
        source: input.source ?? 'phone', createdAt: new Date().toISOString(),
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
    'cases.note': (input, c) => {
      onServer(c, input.caseId);
      const eventId = uuidv7();
      c.mutate('case.note', { caseId: input.caseId, eventId, body: input.body, at: new Date().toISOString() });
      return { eventId };
    },
    'cases.reply': (input, c) => {
      onServer(c, input.caseId);
      const messageId = uuidv7();
      const eventId = uuidv7();
      c.mutate('case.reply', {
        caseId: input.caseId, messageId, eventId, channel: input.channel, to: input.to, subject: input.subject ?? '',
        template: input.template, blanks: input.blanks, paragraphIds: input.paragraphIds, previewText: input.previewText,
        at: new Date().toISOString(),
      });
      return { messageId, eventId };
    },
    'cases.entries': (input, c) => {
      const row = c.store.db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?').get(input.caseId);
      if (!row || row.case_no === '') return { entries: [] };
      const prefix = `${row.case_no} · `;
      const rows = c.store.db.prepare<[string, string, string], InteractionRow>(
        'SELECT * FROM interactions WHERE customer_id = ? AND substr(subject, 1, length(?)) = ? ORDER BY started_at, id',
      ).all(row.customer_id, prefix, prefix);
      return { entries: rows.filter((r) => belongsToCase(r.subject, row.case_no)).map(interactionFromRow) };
    },
  };
}
