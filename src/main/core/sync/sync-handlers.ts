// sync.* (status, diagnostics, conflicts) and the agent writes that go through the outbox
// (notes.*, callbacks.*). Writes answer the optimistic local row at once.
import { v7 as uuidv7 } from 'uuid';
import { type Callback, type Note } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';

interface NoteRow {
  id: string; customer_id: string; interaction_id: string | null; body: string; author_id: string | null;
  author_name: string | null; created_at: string; version: number;
}
interface CallbackRow {
  id: string; customer_id: string; phone_e164: string | null; due_at: string; note: string | null;
  assignee_id: string | null; status: Callback['status']; created_by: string | null; created_at: string; version: number;
}
const toNote = (r: NoteRow): Note => ({
  id: r.id, customerId: r.customer_id, interactionId: r.interaction_id, body: r.body, authorId: r.author_id,
  authorName: r.author_name, createdAt: r.created_at, version: r.version,
});
const toCallback = (r: CallbackRow): Callback => ({
  id: r.id, customerId: r.customer_id, phoneE164: r.phone_e164, dueAt: r.due_at, note: r.note,
  assigneeId: r.assignee_id, status: r.status, createdBy: r.created_by, createdAt: r.created_at, version: r.version,
});

type Methods = 'sync.status' | 'sync.now' | 'sync.diagnostics' | 'sync.conflicts' | 'sync.dismissConflict'
  | 'notes.create' | 'notes.list' | 'callbacks.create' | 'callbacks.list' | 'customers.update';

export const syncHandlers: HandlerMap<Methods> = {
  'sync.status': (_input, ctx) => ctx.sync.status(),
  'sync.now': (_input, ctx) => ctx.sync.syncNow(),
  'sync.diagnostics': (_input, ctx) => ({
    status: ctx.sync.status(),
    clientId: ctx.outbox.clientId,
    serverUrls: [...ctx.server.urls],
    outbox: ctx.outbox.entries(100).map((e) => ({
      id: e.id, name: e.name, createdAt: e.createdAt, state: e.state, ackVersion: e.ackVersion,
      attempts: e.attempts, lastError: e.lastError,
    })),
    recentErrors: ctx.sync.log.recentErrors(20),
  }),
  'sync.conflicts': (_input, ctx) => ({ conflicts: ctx.sync.log.openConflicts() }),
  'sync.dismissConflict': (input, ctx) => {
    const ok = ctx.sync.log.dismissConflict(input.id);
    ctx.sync.pushSoon();
    return { ok };
  },

  'notes.create': (input, ctx) => {
    const id = uuidv7();
    ctx.mutate('note.create', {
      id, customerId: input.customerId, interactionId: input.interactionId ?? null, body: input.body,
      createdAt: new Date().toISOString(),
    });
    return toNote(ctx.store.db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow);
  },
  'customers.update': (input, ctx) => {
    const exists = ctx.store.db.prepare<[string], { version: number }>('SELECT version FROM customers WHERE id = ?').get(input.customerId);
    if (!exists) throw new SapaError('NOT_FOUND', 'Open the customer first (not in the cache)');
    const { id } = ctx.mutate('customer.update', input, undefined, { baseVersions: { customer: exists.version } });
    return { mutationId: id };
  },
  'notes.list': (input, ctx) => ({
    notes: ctx.store.db.prepare<[string], NoteRow>(
      'SELECT * FROM notes WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 500').all(input.customerId).map(toNote),
  }),
  'callbacks.create': (input, ctx) => {
    if (Number.isNaN(Date.parse(input.dueAt))) throw new SapaError('INVALID_INPUT', 'dueAt is not a date and time');
    const id = uuidv7();
    ctx.mutate('callback.create', {
      id, customerId: input.customerId, phoneE164: input.phoneE164 ?? null, dueAt: new Date(input.dueAt).toISOString(),
      note: input.note ?? null, assigneeId: null, createdAt: new Date().toISOString(),
    });
    return toCallback(ctx.store.db.prepare<[string], CallbackRow>('SELECT * FROM callbacks WHERE id = ?').get(id) as CallbackRow);
  },
  'callbacks.list': (input, ctx) => ({
    callbacks: ctx.store.db.prepare<[string], CallbackRow>(
      'SELECT * FROM callbacks WHERE customer_id = ? ORDER BY due_at LIMIT 500').all(input.customerId).map(toCallback),
  }),
};
