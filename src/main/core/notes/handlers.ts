// notes.create, notes.list: an agent's notes on a customer. A new note goes through the
// outbox (cache at once, server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { type HandlerMap } from '../context.js';
import { type NoteRow, toNote } from './rows.js';

export const noteHandlers: HandlerMap<'notes.create' | 'notes.list'> = {
  'notes.create': (input, ctx) => {
    const id = uuidv7();
    ctx.mutate('note.create', {
      id, customerId: input.customerId, interactionId: input.interactionId ?? null, body: input.body,
      createdAt: new Date().toISOString(),
    });
    return toNote(ctx.store.db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow);
  },
  'notes.list': (input, ctx) => ({
    notes: ctx.store.db.prepare<[string], NoteRow>(
      'SELECT * FROM notes WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 500').all(input.customerId).map(toNote),
  }),
};
